"""The "verify a badge" page and the checks behind it (badges.verification).

Nothing here may reach the network: the `no_network` fixture fails any socket connection.
"""

import base64
import json
import socket
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from badges import baking, openbadges2, openbadges3, verification
from badges.services import badge_award, badge_revoke

SITE = "https://paths.rexvet.example"
VERIFY = "/badges/verify/"


@pytest.fixture(autouse=True)
def site(settings):
    settings.REXVET_SITE_URL = SITE


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the verify page tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


@pytest.fixture
def token(award, badge_key) -> str:
    return openbadges3.credential_jwt(award)


def post(client, **data):
    return client.post(VERIFY, data)


def upload(client, content: bytes, name: str = "badge.png", **data):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(VERIFY, {"file": SimpleUploadedFile(name, content), **data})


def checks(response) -> dict:
    return {c.code: c for c in response.context["result"].checks}


def status(response) -> str:
    return response.context["result"].status


def field_error(response, field: str) -> str:
    """The message shown next to the field (its id is the field's aria-describedby)."""
    html = response.content.decode()
    marker = f'id="id_{field}_error">'
    assert marker in html, f"no message next to {field}"
    return html.split(marker, 1)[1].split("</div>", 1)[0]


def reencode(token: str, change) -> str:
    header, payload, signature = token.split(".")
    raw = bytearray(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    change(raw)
    return ".".join([header, base64.urlsafe_b64encode(bytes(raw)).rstrip(b"=").decode(), signature])


def change_one_byte(raw: bytearray) -> None:
    at = raw.index(b'"name":"') + len(b'"name":"')
    raw[at] = ord("X") if raw[at] != ord("X") else ord("Y")


# --- The page ------------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["staff", "colleague", "coordinator", "other_coordinator", "project_admin", None])
def test_anyone_may_open_the_page(client, request, db, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    response = client.get(VERIFY)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'enctype="multipart/form-data"' in html
    assert '<label class="form-label fw-semibold" for="id_file">' in html
    assert '<label class="form-label fw-semibold" for="id_text">' in html
    assert '<label class="form-label fw-semibold" for="id_email">' in html


def test_the_form_needs_its_csrf_token(db, token):
    client = Client(enforce_csrf_checks=True)

    assert client.post(VERIFY, {"text": token}).status_code == 403


# --- Open Badges 3.0 -------------------------------------------------------------------------


def test_a_valid_credential_is_valid(client, award, token):
    response = post(client, text=token)

    assert response.status_code == 200
    assert status(response) == "valid"
    assert list(checks(response)) == ["format", "issuer", "signature", "claims", "record", "revocation", "expiry"]
    assert all(c.passed for c in checks(response).values())
    html = response.content.decode()
    assert '<h2 class="h4 mb-1" id="verify-result-heading">\n      Valid\n    </h2>' in html
    assert f'href="/badges/assertions/{award.uid}"' in html


def test_a_changed_byte_fails_the_signature(client, token):
    response = post(client, text=reencode(token, change_one_byte))

    assert status(response) == "invalid"
    assert checks(response)["signature"].passed is False
    assert "changed after it was signed" in checks(response)["signature"].message
    assert "record" not in checks(response)


def test_a_credential_whose_contents_were_broken_fails_the_signature(client, token):
    def break_json(raw):
        raw[0] = ord("[")

    response = post(client, text=reencode(token, break_json))

    assert status(response) == "invalid"
    assert checks(response)["format"].passed is False
    assert checks(response)["signature"].passed is False


def test_an_unsigned_credential_fails(client, token):
    header = base64.urlsafe_b64encode(json.dumps({"alg": "none", "kid": segments_kid(token)}).encode()).rstrip(b"=").decode()
    forged = ".".join([header, token.split(".")[1], ""])

    response = post(client, text=forged)

    assert status(response) == "invalid"
    assert checks(response)["signature"].passed is False


def segments_kid(token: str) -> str:
    head = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(head + "=" * (-len(head) % 4)))["kid"]


def test_a_key_that_is_not_ours_is_not_trusted(client, token):
    header = {"alg": "RS256", "kid": "https://badges.elsewhere.example/keys/1", "typ": "JWT"}
    head = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()
    foreign = ".".join([head] + token.split(".")[1:])

    response = post(client, text=foreign)

    assert status(response) == "invalid"
    assert checks(response)["issuer"].passed is False
    assert checks(response)["issuer"].message == "Not issued by REXVET Paths; we check only our own badges."
    assert "signature" not in checks(response)


def test_an_unpublished_key_of_ours_is_not_trusted(client, token):
    header = {"alg": "RS256", "kid": f"{SITE}/badges/keys/rexvet-20000101-000000-abcdef", "typ": "JWT"}
    head = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()

    response = post(client, text=".".join([head] + token.split(".")[1:]))

    assert checks(response)["issuer"].passed is False
    assert "never published" in checks(response)["issuer"].message


def test_a_revoked_credential_says_revoked_with_the_reason(client, award, token, coordinator):
    badge_revoke(assertion=award, reason="The evidence was not the earner's own.", acting_user=coordinator)

    response = post(client, text=token)

    assert status(response) == "revoked"
    assert checks(response)["revocation"].passed is False
    assert "The evidence was not the earner&#x27;s own." in response.content.decode()
    assert "The evidence was not the earner's own." in checks(response)["revocation"].message


def test_an_expired_credential_says_expired_with_the_date(client, module_badge, colleague, org, badge_key):
    expires = timezone.now() - timedelta(days=2)
    assertion = badge_award(
        recipient=colleague, badge_class=module_badge, organisation=org, issued_on=expires - timedelta(days=30), expires_on=expires,
    ).assertion

    response = post(client, text=openbadges3.credential_jwt(assertion))

    assert status(response) == "expired"
    expected = verification._date(expires)
    assert checks(response)["expiry"].message == f"Expired on {expected}."
    assert "Expired" in response.content.decode()


def test_a_wrong_email_fails_the_recipient_check(client, token, colleague):
    response = post(client, text=token, email=colleague.email)

    assert status(response) == "invalid"
    assert checks(response)["recipient"].passed is False


def test_the_email_in_upper_case_passes(client, token, staff):
    response = post(client, text=token, email=staff.email.upper())

    assert status(response) == "valid"
    assert checks(response)["recipient"].passed is True


def test_without_an_email_there_is_no_recipient_check(client, token):
    assert "recipient" not in checks(post(client, text=token))


def test_the_baked_credential_png_is_valid(client, award, token):
    from badges.images import class_png

    png = baking.png_bake(class_png(award.badge_class), token, keyword=baking.OB3_KEYWORD)

    response = upload(client, png)

    assert status(response) == "valid"
    assert checks(response)["signature"].passed is True


# --- Open Badges 2.0 -------------------------------------------------------------------------


def ob2_json(assertion) -> str:
    return openbadges2.to_json(openbadges2.assertion_document(assertion))


def test_the_address_of_our_assertion_is_valid(client, award):
    response = post(client, text=f"{SITE}/badges/assertions/{award.uid}")

    assert status(response) == "valid"
    assert list(checks(response)) == ["format", "issuer", "record", "revocation", "expiry"]


def test_the_json_address_of_our_assertion_is_valid(client, award):
    assert status(post(client, text=f"{SITE}/badges/assertions/{award.uid}.json")) == "valid"


def test_a_baked_ob2_png_is_valid(client, award):
    from badges.images import class_png

    response = upload(client, baking.png_bake(class_png(award.badge_class), ob2_json(award)))

    assert status(response) == "valid"
    assert checks(response)["record"].passed is True


def test_a_baked_ob2_svg_is_valid(client, award, staff):
    from badges.images import class_svg

    svg = baking.svg_bake(class_svg(award.badge_class), ob2_json(award), verify_url=f"{SITE}/badges/assertions/{award.uid}")

    response = upload(client, svg.encode("utf-8"), name="badge.svg", email=staff.email)

    assert status(response) == "valid"
    assert checks(response)["recipient"].passed is True


def test_pasted_ob2_json_is_valid(client, award):
    assert status(post(client, text=ob2_json(award))) == "valid"


def test_an_altered_ob2_json_fails_and_the_hosted_one_counts(client, award, coordinator):
    altered = json.loads(ob2_json(award))
    altered["issuedOn"] = "2020-01-01T00:00:00Z"
    badge_revoke(assertion=award, reason="Awarded by mistake.", acting_user=coordinator)

    response = post(client, text=json.dumps(altered))

    assert status(response) == "invalid"
    assert checks(response)["record"].passed is False
    assert checks(response)["revocation"].passed is False


def test_a_revoked_ob2_baked_before_revocation_says_revoked(client, award, coordinator):
    baked = ob2_json(award)
    badge_revoke(assertion=award, reason="Awarded by mistake.", acting_user=coordinator)

    response = post(client, text=baked)

    assert status(response) == "revoked"
    assert checks(response)["record"].passed is True


def test_an_unknown_assertion_of_ours_fails(client, badge_classes):
    response = post(client, text=f"{SITE}/badges/assertions/00000000-0000-4000-8000-000000000000")

    assert status(response) == "invalid"
    assert checks(response)["record"].passed is False


def test_an_address_of_ours_that_is_not_a_badge_fails(client, db):
    response = post(client, text=f"{SITE}/badges/framework/")

    assert status(response) == "invalid"
    assert checks(response)["format"].passed is False


# --- Not ours ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    [
        "https://badges.elsewhere.example/assertions/1",
        "http://paths.rexvet.example/badges/assertions/00000000-0000-4000-8000-000000000000",  # not our scheme
        "https://paths.rexvet.example.evil.example/badges/assertions/00000000-0000-4000-8000-000000000000",
    ],
)
def test_a_foreign_address_is_not_ours_and_is_not_fetched(client, db, address):
    response = post(client, text=address)

    assert response.status_code == 200
    assert status(response) == "invalid"
    assert checks(response)["issuer"].passed is False
    assert "Not issued by REXVET Paths; we check only our own badges." in response.content.decode()


def test_a_foreign_ob2_json_is_not_ours(client, db):
    document = {"@context": "https://w3id.org/openbadges/v2", "type": "Assertion", "id": "https://badges.elsewhere.example/a/1"}

    response = post(client, text=json.dumps(document))

    assert checks(response)["issuer"].passed is False


def test_json_that_is_no_badge_fails_the_format_check(client, db):
    response = post(client, text='{"hello": "world"}')

    assert response.status_code == 200
    assert checks(response)["format"].passed is False


# --- Bad input -----------------------------------------------------------------------------------


def test_a_garbage_upload_is_refused_next_to_the_field(client, db):
    response = upload(client, b"MZ\x90\x00 this is a program, not a picture", name="badge.png")

    assert response.status_code == 400
    assert field_error(response, "file") == "This is not a PNG or SVG image. Choose a badge image with the badge baked into it."
    assert "result" not in response.context


def test_a_broken_png_is_refused(client, award):
    from badges.images import class_png

    png = class_png(award.badge_class)

    response = upload(client, png[: len(png) // 2])

    assert response.status_code == 400
    assert "damaged or cut short" in field_error(response, "file")


def test_a_png_without_a_badge_is_refused(client, award):
    from badges.images import class_png

    response = upload(client, class_png(award.badge_class))

    assert response.status_code == 400
    assert "carries no badge" in field_error(response, "file")


def test_a_broken_svg_is_refused(client, db):
    response = upload(client, b"<svg xmlns='http://www.w3.org/2000/svg'><unclosed>", name="badge.svg")

    assert response.status_code == 400
    assert "cannot be read" in field_error(response, "file")


def test_a_huge_file_is_refused(client, db):
    response = upload(client, baking.PNG_SIGNATURE + b"\x00" * (2 * 1024 * 1024))

    assert response.status_code == 400
    assert "larger than 2 MB" in field_error(response, "file")


@pytest.mark.parametrize("text", ["hello, is this a badge?", "a.b", "€€€", "{not json"])
def test_garbage_text_is_refused_next_to_the_field(client, db, text):
    response = post(client, text=text)

    assert response.status_code == 400
    assert field_error(response, "text")


def test_a_jwt_with_an_unreadable_header_is_refused(client, db):
    response = post(client, text="bm90IGpzb24.e30.c2ln")

    assert response.status_code == 400
    assert "first part cannot be read" in field_error(response, "text")


def test_nothing_given_is_refused(client, db):
    response = post(client, text="  ")

    assert response.status_code == 400
    assert field_error(response, "file")


def test_both_given_is_refused(client, award, token):
    from badges.images import class_png

    response = upload(client, class_png(award.badge_class), text=token)

    assert response.status_code == 400
    assert "not both" in field_error(response, "text")


def test_a_malformed_email_is_refused(client, token):
    response = post(client, text=token, email="not an address")

    assert response.status_code == 400
    assert field_error(response, "email")


def test_the_page_is_not_written_to_by_other_methods(client, db):
    assert client.put(VERIFY).status_code == 405


def test_it_reads_a_jwt_wrapped_over_lines_or_in_quotes_and_a_bare_badge_id(client, award, token):
    # A newcomer's finds: mail clients wrap long texts; ids are copied from the public page.
    wrapped = "\n".join(token[i : i + 60] for i in range(0, len(token), 60))
    for pasted in (wrapped, f'"{token}"', str(award.uid), f"urn:uuid:{award.uid}", f"{SITE}/badges/assertions/{award.uid}/"):
        reply = client.post("/badges/verify/", {"text": pasted})
        assert reply.status_code == 200, pasted
        assert reply.context["result"].status == "valid", pasted


def test_the_result_dates_read_as_on_every_other_page_and_the_email_stays(client, award, staff):
    reply = client.post("/badges/verify/", {"text": f"{SITE}/badges/assertions/{award.uid}", "email": staff.email.upper()})
    assert "criteria met on 20 November 2026" in reply.content.decode()
    assert reply.context["form"]["email"].value() == staff.email.upper()


def test_the_410_document_of_a_revoked_badge_reads_as_revoked(client, award, coordinator):
    from badges import openbadges2
    from badges.services import badge_revoke

    badge_revoke(assertion=award, reason="Awarded by mistake.", acting_user=coordinator)
    gone = openbadges2.to_json(openbadges2.revoked_document(award))
    reply = client.post("/badges/verify/", {"text": gone})
    assert reply.context["result"].status == "revoked"


def test_the_result_says_what_was_handed_in(award):
    from badges import verification
    from badges.views_json import baked_png_bytes, baked_svg_text

    assert verification.verify_upload(baked_png_bytes(award)).kind == "A baked PNG image carrying an Open Badges 2.0 assertion (JSON)"
    assert verification.verify_upload(baked_svg_text(award).encode()).kind == "A baked SVG image carrying an Open Badges 2.0 assertion (JSON)"


def _payload(token: str) -> dict:
    body = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))


def test_a_credential_signed_with_hs256_under_our_kid_fails(client, token):
    import jwt

    # The "public key as an HMAC secret" trick: the verifier must insist on RS256.
    forged = jwt.encode(_payload(token), "a shared secret of at least thirty-two bytes", algorithm="HS256", headers={"kid": segments_kid(token), "typ": "JWT"})
    response = post(client, text=forged)
    assert status(response) == "invalid"
    assert checks(response)["signature"].passed is False


def test_a_credential_re_signed_with_another_key_under_our_kid_fails(client, token):
    import jwt
    from cryptography.hazmat.primitives.asymmetric import rsa

    other = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    forged = jwt.encode(_payload(token), other, algorithm="RS256", headers={"kid": segments_kid(token), "typ": "JWT"})
    response = post(client, text=forged)
    assert status(response) == "invalid"
    assert checks(response)["signature"].passed is False
