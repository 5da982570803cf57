"""Open Badges 3.0: the OpenBadgeCredential, its VC-JWT, the baked PNG and the revocation list.

Signatures are checked with jwcrypto, an implementation independent of the PyJWT that signs.
"""

import base64
import io
import json
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from jwcrypto import jwk, jws
from jwcrypto.common import JWException

from badges import baking, openbadges2, openbadges3
from badges.services import badge_award, badge_revoke

from .conftest import CRITERIA_MET

SITE = "https://paths.rexvet.example"
CONTEXTS = [
    "https://www.w3.org/ns/credentials/v2",
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
    "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json",
]


@pytest.fixture(autouse=True)
def site(settings):
    settings.REXVET_SITE_URL = SITE


@pytest.fixture
def expiring_award(module_badge, colleague, org):
    return badge_award(
        recipient=colleague, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET,
        expires_on=CRITERIA_MET + timedelta(days=365),
    ).assertion


def segments(token: str) -> tuple[dict, dict]:
    header, payload, _signature = token.split(".")

    def decode(part):
        return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))

    return decode(header), decode(payload)


def tamper(token: str) -> str:
    """The token with one byte of its payload changed (a letter of the badge's name)."""
    header, payload, signature = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    at = raw.index(b'"name":"') + len(b'"name":"')
    raw[at] = ord("X") if raw[at] != ord("X") else ord("Y")
    return ".".join([header, base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode(), signature])


def published_jwk(client, kid_url: str) -> jwk.JWK:
    response = client.get(urlsplit(kid_url).path)
    assert response.status_code == 200
    return jwk.JWK(**response.json())


def jwcrypto_verify(token: str, key: jwk.JWK) -> None:
    signed = jws.JWS()
    signed.deserialize(token)
    signed.verify(key, alg="RS256")


# --- The credential ------------------------------------------------------------------------


def test_it_puts_the_contexts_in_the_required_order(award):
    assert openbadges3.credential_document(award)["@context"] == CONTEXTS


def test_it_builds_the_credential(award, module_badge):
    doc = openbadges3.credential_document(award)
    class_url = f"{SITE}/badges/classes/rexvet-module-1"

    assert doc["id"] == f"urn:uuid:{award.uid}"
    assert doc["type"] == ["VerifiableCredential", "OpenBadgeCredential"]
    assert doc["name"] == module_badge.name
    assert doc["validFrom"] == "2026-11-20T10:15:00Z"
    assert "validUntil" not in doc
    assert doc["issuer"] == {
        "id": f"{SITE}/badges/issuers/rexvet",
        "type": ["Profile"],
        "name": "REXVET partnership",
        "url": module_badge.issuer.url,
        "email": module_badge.issuer.email,
        "image": {"id": f"{SITE}/badges/issuers/rexvet/image.png", "type": "Image"},
        "description": module_badge.issuer.description,
    }
    assert doc["credentialStatus"] == {"id": f"{SITE}/badges/issuers/rexvet/revocations.json", "type": "1EdTechRevocationList"}
    assert doc["credentialSchema"] == [
        {
            "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
            "type": "1EdTechJsonSchemaValidator2019",
        }
    ]
    subject = doc["credentialSubject"]
    assert subject["type"] == ["AchievementSubject"]
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": award.recipient_hash,
            "salt": award.recipient_salt,
        }
    ]
    achievement = subject["achievement"]
    assert achievement["id"] == class_url
    assert achievement["type"] == ["Achievement"]
    assert achievement["name"] == module_badge.name
    assert achievement["description"] == module_badge.description
    assert achievement["criteria"] == {"id": class_url + "#criteria", "narrative": module_badge.criteria}
    assert achievement["image"] == {"id": f"{SITE}/badges/classes/rexvet-module-1/image.png", "type": "Image"}
    assert achievement["tag"] == module_badge.tag_list
    assert achievement["alignment"] == [{"type": ["Alignment"], **item} for item in openbadges2.alignments(module_badge)]
    assert achievement["alignment"][0]["targetUrl"] == f"{SITE}/badges/framework/#rookie"


def test_the_subject_id_is_stable_and_says_nothing_about_the_person(award, staff, expiring_award):
    subject = openbadges3.credential_document(award)["credentialSubject"]["id"]

    assert subject.startswith("urn:uuid:")
    assert subject == openbadges3.credential_document(award)["credentialSubject"]["id"]
    assert subject != openbadges3.credential_document(expiring_award)["credentialSubject"]["id"]
    assert str(staff.pk) not in subject.removeprefix("urn:uuid:").split("-")
    assert str(award.uid) not in subject


def test_an_expiring_badge_has_valid_until(expiring_award):
    assert openbadges3.credential_document(expiring_award)["validUntil"] == "2027-11-20T10:15:00Z"


def test_evidence_in_words_and_link_is_public_but_the_file_is_not(module_badge, colleague, org):
    assertion = badge_award(
        recipient=colleague, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET,
        narrative="Ran the school's first job-shadowing week abroad.", evidence_url="https://kuressaare.example/report.pdf",
    ).assertion

    assert openbadges3.credential_document(assertion)["evidence"] == [
        {"type": ["Evidence"], "id": "https://kuressaare.example/report.pdf", "narrative": "Ran the school's first job-shadowing week abroad."}
    ]


# --- The VC-JWT ------------------------------------------------------------------------------


def test_the_jose_header_names_the_published_key(award, badge_key):
    header, _payload = segments(openbadges3.credential_jwt(award))

    assert header == {"alg": "RS256", "typ": "JWT", "kid": f"{SITE}/badges/keys/{badge_key}"}


def test_the_payload_is_the_credential_plus_its_claims(award, badge_key):
    _header, payload = segments(openbadges3.credential_jwt(award))
    doc = openbadges3.credential_document(award)

    assert payload["iss"] == doc["issuer"]["id"] == f"{SITE}/badges/issuers/rexvet"
    assert payload["jti"] == doc["id"] == f"urn:uuid:{award.uid}"
    assert payload["nbf"] == int(CRITERIA_MET.timestamp()) == 1795169700
    assert payload["sub"] == doc["credentialSubject"]["id"]
    assert "exp" not in payload
    assert "iat" not in payload
    assert {k: v for k, v in payload.items() if k not in ("iss", "jti", "nbf", "sub")} == doc


def test_an_expiring_credential_has_exp(expiring_award, badge_key):
    _header, payload = segments(openbadges3.credential_jwt(expiring_award))

    assert payload["exp"] == int((CRITERIA_MET + timedelta(days=365)).timestamp()) == 1826705700


def test_signing_is_deterministic(award, badge_key):
    assert openbadges3.credential_jwt(award) == openbadges3.credential_jwt(award)


def test_it_verifies_with_the_key_fetched_from_its_kid(client, award, badge_key):
    token = openbadges3.credential_jwt(award)
    header, _payload = segments(token)

    jwcrypto_verify(token, published_jwk(client, header["kid"]))


def test_one_changed_byte_of_the_payload_fails_verification(client, award, badge_key):
    token = openbadges3.credential_jwt(award)
    key = published_jwk(client, segments(token)[0]["kid"])
    changed = tamper(token)
    assert changed != token

    with pytest.raises(JWException):
        jwcrypto_verify(changed, key)


def test_a_credential_signed_before_a_rotation_still_verifies(client, award, badge_key):
    token = openbadges3.credential_jwt(award)
    call_command("badges_keygen", "--rotate", stdout=io.StringIO(), stderr=io.StringIO())

    assert segments(openbadges3.credential_jwt(award))[0]["kid"] != segments(token)[0]["kid"]
    jwcrypto_verify(token, published_jwk(client, segments(token)[0]["kid"]))


def test_no_email_in_clear(client, award, staff, badge_key):
    client.force_login(staff)
    token = client.get(reverse("badges:credential", args=[award.uid])).content.decode()
    _header, payload = segments(token)
    text = json.dumps(payload, ensure_ascii=False)

    assert staff.email not in text
    assert staff.email.split("@")[0] not in text
    assert staff.get_full_name() not in text


# --- Downloads -------------------------------------------------------------------------------


def test_the_credential_downloads_as_a_jwt_file(client, award, staff, badge_key):
    client.force_login(staff)
    response = client.get(reverse("badges:credential", args=[award.uid]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="rexvet-module-1-{str(award.uid)[:8]}.jwt"'
    assert response.content.decode() == openbadges3.credential_jwt(award)


def test_unbaking_the_png_gives_exactly_the_jwt(client, award, staff, badge_key):
    client.force_login(staff)
    response = client.get(reverse("badges:credential_png", args=[award.uid]))

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="rexvet-module-1-{str(award.uid)[:8]}-credential.png"'
    assert baking.png_unbake(response.content) == {"openbadgecredential": openbadges3.credential_jwt(award)}


@pytest.mark.parametrize("name", ["credential", "credential_png"])
def test_a_revoked_credential_is_not_made_any_more(client, award, staff, coordinator, badge_key, name):
    badge_revoke(assertion=award, reason="Awarded by mistake.", acting_user=coordinator)
    client.force_login(staff)

    response = client.get(reverse(f"badges:{name}", args=[award.uid]))

    assert response.status_code == 410
    assert "Awarded by mistake." in response.content.decode()


def test_an_expired_credential_still_downloads(client, module_badge, colleague, org, badge_key):
    expired = badge_award(
        recipient=colleague, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET,
        expires_on=CRITERIA_MET + timedelta(days=1),
    ).assertion
    client.force_login(colleague)

    response = client.get(reverse("badges:credential", args=[expired.uid]))

    assert response.status_code == 200
    assert segments(response.content.decode())[1]["validUntil"] == "2026-11-21T10:15:00Z"


def test_without_a_key_the_download_says_so(client, award, staff, settings, tmp_path):
    settings.REXVET_BADGE_KEY_DIR = tmp_path / "none"
    client.force_login(staff)

    response = client.get(reverse("badges:credential", args=[award.uid]))

    assert response.status_code == 503
    assert "signing key is missing" in response.content.decode()


@pytest.mark.parametrize("name", ["credential", "credential_png"])
@pytest.mark.parametrize(
    "persona, status",
    [("staff", 200), ("colleague", 403), ("coordinator", 403), ("other_coordinator", 403), ("project_admin", 200)],
)
def test_only_the_earner_and_project_admins_download(client, request, award, badge_key, name, persona, status):
    client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse(f"badges:{name}", args=[award.uid])).status_code == status


@pytest.mark.parametrize("name", ["credential", "credential_png"])
def test_a_signed_out_visitor_is_sent_to_sign_in(client, award, badge_key, name):
    url = reverse(f"badges:{name}", args=[award.uid])
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={url}"


@pytest.mark.parametrize("name", ["credential", "credential_png"])
def test_an_unknown_badge_is_not_found(client, staff, badge_classes, badge_key, name):
    client.force_login(staff)

    assert client.get(reverse(f"badges:{name}", args=["00000000-0000-4000-8000-000000000000"])).status_code == 404


# --- The revocation list ---------------------------------------------------------------------


def test_the_revocation_list_lists_the_revoked_with_reason_and_not_the_valid(client, award, expiring_award, coordinator, staff):
    badge_revoke(assertion=award, reason="Evidence was copied from a colleague.", acting_user=coordinator)

    response = client.get(reverse("badges:revocation_list", args=["rexvet"]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "id": f"{SITE}/badges/issuers/rexvet/revocations.json",
        "issuer": f"{SITE}/badges/issuers/rexvet",
        "revokedCredentials": [{"id": f"urn:uuid:{award.uid}", "revocationReason": "Evidence was copied from a colleague."}],
    }
    assert staff.email not in response.content.decode()
    assert "@" not in response.content.decode()


def test_the_revocation_list_is_the_credentials_status_entry(client, award):
    status_url = openbadges3.credential_document(award)["credentialStatus"]["id"]

    assert client.get(urlsplit(status_url).path).json()["id"] == status_url


def test_another_issuers_revocations_are_not_listed(client, award, coordinator, org):
    badge_revoke(assertion=award, reason="Awarded by mistake.", acting_user=coordinator)

    assert client.get(reverse("badges:revocation_list", args=[org.slug])).json()["revokedCredentials"] == []


def test_the_revocation_list_queries(client, module_badge, org, coordinator, django_assert_num_queries):
    from rexvet.testing.factories import MembershipFactory, UserFactory

    for n in range(15):
        user = UserFactory(email=f"person{n}@kuressaare.example")
        MembershipFactory(user=user, organisation=org, role="staff")
        assertion = badge_award(recipient=user, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET).assertion
        badge_revoke(assertion=assertion, reason=f"Reason {n}", acting_user=coordinator)

    # 1. the issuer, 2. its revoked assertions' ids and reasons
    with django_assert_num_queries(2):
        response = client.get(reverse("badges:revocation_list", args=["rexvet"]))
    assert len(response.json()["revokedCredentials"]) == 15


def test_an_unknown_issuer_has_no_revocation_list(client, badge_classes):
    assert client.get(reverse("badges:revocation_list", args=["nobody"])).status_code == 404


@pytest.mark.parametrize("persona", ["staff", "colleague", "coordinator", "other_coordinator", "project_admin", None])
def test_anyone_may_read_the_revocation_list(client, request, badge_classes, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("badges:revocation_list", args=["rexvet"])).status_code == 200
