"""REXVET_SITE_URL: where links in e-mails sent by the worker point. Production needs it."""

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "DJANGO_SECRET_KEY": "x" * 50,
    "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


def load_production(tmp_path, **env) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k != "REXVET_SITE_URL"}
    return subprocess.run(
        [sys.executable, "-c", "import rexvet.settings.production as s; print(s.REXVET_SITE_URL)"],
        cwd=settings.BASE_DIR,
        env={**clean, **PRODUCTION_ENV, "REXVET_VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )


def test_the_default_points_at_the_local_server():
    assert settings.REXVET_SITE_URL == "http://127.0.0.1:8000"


def test_production_refuses_to_start_without_it(tmp_path):
    result = load_production(tmp_path)

    assert result.returncode != 0
    assert "Set the environment variable REXVET_SITE_URL." in result.stderr


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("http://paths.rexvet.eu", "REXVET_SITE_URL='http://paths.rexvet.eu' must start with one of: https://\n"),
        # Refused already by the base settings, which also allow http:// (local use).
        ("paths.rexvet.eu", "REXVET_SITE_URL='paths.rexvet.eu' must start with one of: http://, https://\n"),
    ],
)
def test_production_refuses_an_address_that_is_not_https(tmp_path, value, message):
    result = load_production(tmp_path, REXVET_SITE_URL=value)

    assert result.returncode != 0
    assert result.stderr.endswith(message)


def test_production_takes_an_https_address_without_the_trailing_slash(tmp_path):
    result = load_production(tmp_path, REXVET_SITE_URL="https://paths.rexvet.eu/")

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://paths.rexvet.eu"
