"""The signing keys: made by `manage.py badges_keygen`, kept out of the repository, published as JWKs."""

import io
import stat

import pytest
from django.core.management import call_command
from django.urls import reverse

from badges import keys

SITE = "https://paths.rexvet.example"
PRIVATE_MEMBERS = {"d", "p", "q", "dp", "dq", "qi", "oth", "k"}


@pytest.fixture(autouse=True)
def site(settings):
    settings.REXVET_SITE_URL = SITE


@pytest.fixture
def key_dir(settings, tmp_path):
    """An empty key folder of the test's own."""
    settings.REXVET_BADGE_KEY_DIR = tmp_path / "keys"
    return tmp_path / "keys"


def keygen(*args) -> str:
    out = io.StringIO()
    call_command("badges_keygen", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue().strip()


def test_it_makes_one_private_key_readable_only_by_its_owner(key_dir):
    kid = keygen()

    files = list(key_dir.iterdir())
    assert [f.name for f in files] == [f"{kid}.pem"]
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert files[0].read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert keys.KID_PATTERN.match(kid) and kid.startswith("rexvet-")


def test_a_second_run_makes_no_key(key_dir):
    kid = keygen()

    assert keygen() == kid
    assert len(list(key_dir.iterdir())) == 1


def test_rotate_adds_a_key_that_signs_and_keeps_the_old_one_published(key_dir, client):
    old = keygen()
    new = keygen("--rotate")

    assert new != old
    assert keys.kids() == [old, new]
    assert keys.signing_key().kid == new
    response = client.get(reverse("badges:key", args=[old]))
    assert response.status_code == 200
    assert response.json()["kid"] == f"{SITE}/badges/keys/{old}"


def test_the_key_is_an_rsa_2048_key(key_dir):
    keygen()

    signing = keys.signing_key()
    assert signing.private_key.key_size == 2048
    assert signing.url == f"{SITE}/badges/keys/{signing.kid}"


def test_signing_without_a_key_says_to_run_keygen(key_dir):
    with pytest.raises(keys.NoSigningKey, match="manage.py badges_keygen"):
        keys.signing_key()


def test_it_serves_the_public_jwk_without_private_parts(key_dir, client):
    kid = keygen()

    response = client.get(reverse("badges:key", args=[kid]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    jwk = response.json()
    assert set(jwk) == {"kty", "n", "e", "kid", "use", "alg"}
    assert not PRIVATE_MEMBERS & set(jwk)
    assert (jwk["kty"], jwk["e"], jwk["use"], jwk["alg"]) == ("RSA", "AQAB", "sig", "RS256")
    assert jwk["kid"] == f"{SITE}/badges/keys/{kid}"
    numbers = keys.public_key(kid).public_numbers()
    assert jwk["n"] == keys._b64url_uint(numbers.n)
    assert b"PRIVATE" not in response.content


@pytest.mark.parametrize("kid", ["rexvet-20000101-000000-abcdef", "ab", "Rexvet-UPPER"])
def test_an_unknown_key_is_not_found(key_dir, client, kid):
    keygen()

    assert client.get(reverse("badges:key", args=[kid])).status_code == 404


@pytest.mark.parametrize("persona", ["staff", "colleague", "coordinator", "other_coordinator", "project_admin", None])
def test_anyone_may_fetch_a_key(db, key_dir, client, request, persona):
    kid = keygen()
    if persona:
        client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("badges:key", args=[kid])).status_code == 200


def test_a_file_that_is_not_a_kid_is_never_served(key_dir, client):
    keygen()
    (key_dir / "notes.txt").write_text("not a key")

    assert [p.suffix for p in key_dir.iterdir() if p.stem in keys.kids()] == [".pem"]
    assert client.get("/badges/keys/notes.txt").status_code == 404
