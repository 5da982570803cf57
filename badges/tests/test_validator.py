"""The official 1EdTech Open Badges 2.0 validator accepts our badges.

It runs in its own virtualenv (.venv-validator, made by `make test` from
badges/validator/requirements.txt) against a live test server: every id in our documents
points at that server, so the validator fetches the assertion, badge class, issuer and
image from it exactly as a backpack would fetch them from the real site.
"""

import json
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from badges import links
from badges.models import Assertion
from badges.services import badge_award, badge_revoke
from badges.views_json import baked_png_bytes, baked_svg_text
from rexvet.testing.plugin import require_or_skip

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[2]
PYTHON = ROOT / ".venv-validator" / "bin" / "python"
RUNNER = ROOT / "badges" / "validator" / "run.py"


@pytest.fixture
def site(live_server, settings):
    """Every absolute address points at the live test server."""
    settings.REXVET_SITE_URL = live_server.url
    return live_server


def validate(target, email: str | None = None) -> dict:
    require_or_skip(PYTHON.exists(), f"the validator's virtualenv is missing ({PYTHON}); `make test` builds it")
    args = [str(PYTHON), str(RUNNER), str(target)] + (["--email", email] if email else [])
    done = subprocess.run(args, capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)["report"]


def errors(report: dict) -> list[str]:
    return [m.get("result", "") for m in report.get("messages", []) if m.get("messageLevel") == "ERROR"]


def test_it_accepts_the_hosted_assertion(site, award, staff, packaged):
    report = validate(links.assertion_url(award), email=staff.email)

    assert errors(report) == []
    assert report["errorCount"] == 0
    assert report["valid"] is True


def test_it_accepts_the_baked_png(site, award, staff, packaged, tmp_path):
    path = tmp_path / "badge.png"
    path.write_bytes(baked_png_bytes(award))

    report = validate(path, email=staff.email)

    assert errors(report) == []
    assert report["errorCount"] == 0
    assert report["valid"] is True


def test_it_accepts_the_baked_svg(site, award, staff, packaged, tmp_path):
    path = tmp_path / "badge.svg"
    path.write_text(baked_svg_text(award), encoding="utf-8")

    report = validate(path, email=staff.email)

    assert errors(report) == []
    assert report["errorCount"] == 0
    assert report["valid"] is True


def test_it_refuses_a_wrong_recipient(site, award):
    report = validate(links.assertion_url(award), email="someone.else@kuressaare.example")

    assert report["valid"] is False
    assert report["errorCount"] >= 1


def test_it_refuses_a_revoked_assertion(site, award, coordinator):
    badge_revoke(assertion=award, reason="Awarded by mistake", acting_user=coordinator)

    report = validate(links.assertion_url(award))

    assert report["valid"] is False
    assert report["errorCount"] >= 1


def test_it_accepts_evidence_and_an_expiry(site, prior_learning_badge, staff, org, coordinator, packaged):
    met = timezone.now() - timedelta(days=1)
    assertion = badge_award(
        recipient=staff,
        badge_class=prior_learning_badge,
        organisation=org,
        issued_on=met,
        acting_user=coordinator,
        narrative="Led two Erasmus+ mobilities for hospitality students.",
        evidence_url="https://kuressaare.example/erasmus/report.pdf",
        expires_on=met + timedelta(days=365),
    ).assertion

    report = validate(links.assertion_url(assertion), email=staff.email)

    assert errors(report) == []
    assert report["valid"] is True


def test_it_refuses_an_expired_assertion(site, award):
    # Our JSON still answers 200 with `expires`; the validator is the one that says so.
    Assertion.objects.filter(pk=award.pk).update(expires_on=award.issued_on + timedelta(days=1))

    report = validate(links.assertion_url(award))

    assert report["valid"] is False
    assert any("expired" in e for e in errors(report))


def test_the_images_it_fetches_are_png(site, award):
    # The validator only checks that an image answers; a backpack shows it, so it must be a PNG.
    from urllib.request import urlopen

    for url in (links.class_image_url(award.badge_class, "png"), links.issuer_image_url(award.badge_class.issuer)):
        with urlopen(url, timeout=10) as response:
            assert response.headers["Content-Type"].split(";")[0] == "image/png", url
            assert response.read(8) == b"\x89PNG\r\n\x1a\n", url
