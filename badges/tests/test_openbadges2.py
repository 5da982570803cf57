"""Open Badges 2.0 hosted documents: exact content, addresses, revocation and privacy."""

import hashlib
import json
import uuid
from datetime import datetime, timedelta, timezone

import pytest
from django.urls import reverse

from badges import openbadges2
from badges.models import Assertion
from badges.services import badge_award, badge_revoke, recipient_matches

from .conftest import CRITERIA_MET

SITE = "https://paths.rexvet.example"
JSON_LD = "application/ld+json"
AREAS = ["eu-context", "vet-systems", "language", "multicultural", "projects", "strategy"]


@pytest.fixture(autouse=True)
def site(settings):
    settings.REXVET_SITE_URL = SITE


@pytest.fixture
def prior_award(prior_learning_badge, staff, org, coordinator):
    """A coordinator's award with evidence, an expiry and a criteria moment outside UTC."""
    met = datetime(2026, 3, 2, 9, 30, 15, 123456, tzinfo=timezone(timedelta(hours=2)))
    return badge_award(
        recipient=staff,
        badge_class=prior_learning_badge,
        organisation=org,
        issued_on=met,
        acting_user=coordinator,
        narrative="Led two Erasmus+ mobilities for hospitality students in 2024 and 2025.",
        evidence_url="https://kuressaare.example/erasmus/report-2025.pdf",
        expires_on=met + timedelta(days=730),
    ).assertion


def media_type(response) -> str:
    return response["Content-Type"].split(";")[0].strip()


# --- The documents ----------------------------------------------------------------------


def test_it_builds_the_hosted_assertion(award, staff):
    assert openbadges2.assertion_document(award) == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{SITE}/badges/assertions/{award.uid}",
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": award.recipient_salt,
            "identity": "sha256$" + hashlib.sha256((staff.email.lower() + award.recipient_salt).encode()).hexdigest(),
        },
        "badge": f"{SITE}/badges/classes/rexvet-module-1",
        "issuedOn": "2026-11-20T10:15:00Z",
        "verification": {"type": "hosted"},
    }


def test_it_dates_the_assertion_when_the_criteria_were_met(award):
    assert openbadges2.assertion_document(award)["issuedOn"] == CRITERIA_MET.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_it_gives_evidence_and_expiry_in_utc(prior_award, org):
    doc = openbadges2.assertion_document(prior_award)

    assert doc["issuedOn"] == "2026-03-02T07:30:15Z"
    assert doc["expires"] == "2028-03-01T07:30:15Z"
    assert doc["evidence"] == [
        {
            "type": "Evidence",
            "id": "https://kuressaare.example/erasmus/report-2025.pdf",
            "narrative": "Led two Erasmus+ mobilities for hospitality students in 2024 and 2025.",
        }
    ]
    assert doc["badge"] == f"{SITE}/badges/classes/{org.slug}-module-1-prior-learning"


def test_it_builds_the_badge_class(module_badge, packaged):
    doc = openbadges2.class_document(module_badge)

    class_id = f"{SITE}/badges/classes/rexvet-module-1"
    assert {k: v for k, v in doc.items() if k != "alignment"} == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "BadgeClass",
        "id": class_id,
        "name": "REXVET Rookie: Getting started with international work",
        "description": module_badge.description,
        "image": f"{SITE}/badges/classes/rexvet-module-1/image.png",
        "criteria": {"id": class_id + "#criteria", "narrative": module_badge.criteria},
        "issuer": f"{SITE}/badges/issuers/rexvet",
        "tags": ["REXVET", "international skills", "vocational education", "Rookie"],
    }
    step, *areas = doc["alignment"]
    assert step == {
        "targetName": "Rookie",
        "targetUrl": f"{SITE}/badges/framework/#rookie",
        "targetDescription": step["targetDescription"],
        "targetFramework": "REXVET path model",
        "targetCode": "rookie",
    }
    assert step["targetDescription"].startswith("You are new to international work")
    assert [a["targetCode"] for a in areas] == AREAS
    assert areas[2]["targetUrl"] == f"{SITE}/badges/framework/#area-language"
    assert all(a["targetFramework"] == "REXVET path model" and a["targetName"] for a in areas)


def test_it_aligns_a_direction(badge_classes, packaged):
    doc = openbadges2.class_document(badge_classes.get(slug="rexvet-module-2-1"))

    step = doc["alignment"][0]
    assert step["targetName"] == "Advanced (at home)"
    assert step["targetUrl"] == f"{SITE}/badges/framework/#advanced-at-home"
    assert step["targetCode"] == "advanced/at-home"


def test_it_builds_the_issuer(module_badge):
    issuer = module_badge.issuer

    assert openbadges2.issuer_document(issuer) == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Issuer",
        "id": f"{SITE}/badges/issuers/rexvet",
        "name": "REXVET partnership",
        "url": issuer.url,
        "email": issuer.email,
        "description": issuer.description,
        "image": f"{SITE}/badges/issuers/rexvet/image.png",
    }


def test_it_builds_the_revoked_document(award, coordinator):
    badge_revoke(assertion=award, reason="Awarded by mistake", acting_user=coordinator)

    assert openbadges2.revoked_document(award) == {
        "@context": "https://w3id.org/openbadges/v2",
        "type": "Assertion",
        "id": f"{SITE}/badges/assertions/{award.uid}",
        "revoked": True,
        "revocationReason": "Awarded by mistake",
    }


def test_it_serialises_stably():
    doc = {"b": "“Ülle”", "a": [1, {"d": 2, "c": 3}]}

    assert openbadges2.to_json(doc) == '{"a":[1,{"c":3,"d":2}],"b":"“Ülle”"}'
    assert openbadges2.to_json(dict(reversed(doc.items()))) == openbadges2.to_json(doc)


# --- The recipient ----------------------------------------------------------------------


def test_it_matches_the_recipient_in_any_letter_case(award, staff):
    assert recipient_matches(award, staff.email)
    assert recipient_matches(award, staff.email.upper())
    assert recipient_matches(award, "  " + staff.email.title() + " ")


def test_it_does_not_match_a_wrong_email(award, colleague):
    assert not recipient_matches(award, colleague.email)
    assert not recipient_matches(award, "ulle@kuressaare.example.org")


def test_public_json_shows_no_email_or_name(client, award, prior_award, staff, coordinator, packaged):
    urls = [
        reverse("badges:assertion_json", args=[award.uid]),
        reverse("badges:assertion_json", args=[prior_award.uid]),
        reverse("badges:class_json", args=[award.badge_class.slug]),
        reverse("badges:class_json", args=[prior_award.badge_class.slug]),
        reverse("badges:issuer_json", args=[award.badge_class.issuer.slug]),
        reverse("badges:issuer_json", args=[prior_award.badge_class.issuer.slug]),
    ]
    for url in urls:
        text = client.get(url).content.decode("utf-8").lower()
        for person in (staff, coordinator):
            assert person.email.lower() not in text, url
            assert person.full_name.lower() not in text, url
            assert person.email.split("@")[0] + "@" not in text, url


# --- The addresses ----------------------------------------------------------------------


def test_it_serves_the_assertion_json(client, award):
    response = client.get(reverse("badges:assertion_json", args=[award.uid]))

    assert response.status_code == 200
    assert media_type(response) == JSON_LD
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.content.decode("utf-8") == openbadges2.to_json(openbadges2.assertion_document(award))


@pytest.mark.parametrize("accept", ["application/ld+json", "application/json", "application/ld+json, application/json, image/png"])
def test_it_answers_json_to_a_machine(client, award, accept):
    response = client.get(reverse("badges:assertion", args=[award.uid]), HTTP_ACCEPT=accept)

    assert response.status_code == 200
    assert media_type(response) == JSON_LD
    assert json.loads(response.content)["id"] == f"{SITE}/badges/assertions/{award.uid}"


def test_it_does_not_answer_json_to_a_browser(client, award, module_badge):
    accept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    for name, arg in [("assertion", award.uid), ("class", module_badge.slug), ("issuer", module_badge.issuer.slug)]:
        response = client.get(reverse(f"badges:{name}", args=[arg]), HTTP_ACCEPT=accept)
        assert media_type(response) != JSON_LD, name
        assert not response.has_header("Access-Control-Allow-Origin"), name


def test_it_serves_class_and_issuer_json(client, module_badge, packaged):
    by_name = {
        "class_json": (module_badge.slug, openbadges2.class_document(module_badge)),
        "issuer_json": (module_badge.issuer.slug, openbadges2.issuer_document(module_badge.issuer)),
        "class": (module_badge.slug, openbadges2.class_document(module_badge)),
        "issuer": (module_badge.issuer.slug, openbadges2.issuer_document(module_badge.issuer)),
    }
    for name, (slug, doc) in by_name.items():
        response = client.get(reverse(f"badges:{name}", args=[slug]), HTTP_ACCEPT=JSON_LD)
        assert response.status_code == 200, name
        assert media_type(response) == JSON_LD, name
        assert response["Access-Control-Allow-Origin"] == "*"
        assert json.loads(response.content) == doc, name


def test_class_json_queries(client, module_badge, packaged, django_assert_num_queries):
    # 1 the class with its issuer and module, 2 the module's areas,
    # 3-5 the newest published version's levels, directions and areas.
    with django_assert_num_queries(5):
        client.get(reverse("badges:class_json", args=[module_badge.slug]))


def test_assertion_json_queries(client, award, django_assert_num_queries):
    with django_assert_num_queries(1):  # the assertion with its badge class
        client.get(reverse("badges:assertion_json", args=[award.uid]))


@pytest.mark.parametrize(
    "name, arg",
    [
        ("assertion_json", uuid.UUID("00000000-0000-4000-8000-000000000000")),
        ("assertion", uuid.UUID("00000000-0000-4000-8000-000000000000")),
        ("class_json", "no-such-badge"),
        ("class", "no-such-badge"),
        ("issuer_json", "no-such-issuer"),
        ("issuer", "no-such-issuer"),
    ],
)
def test_it_answers_404_for_an_unknown_id(client, badge_classes, name, arg):
    response = client.get(reverse(f"badges:{name}", args=[arg]), HTTP_ACCEPT=JSON_LD)

    assert response.status_code == 404


def test_it_answers_404_for_a_malformed_uid(client, badge_classes):
    assert client.get("/badges/assertions/not-a-uuid.json").status_code == 404


def test_it_refuses_to_be_written_to(client, award):
    assert client.post(reverse("badges:assertion_json", args=[award.uid])).status_code == 405


# --- Revoked and expired ----------------------------------------------------------------


@pytest.mark.parametrize("name", ["assertion_json", "assertion"])
def test_a_revoked_assertion_is_gone(client, award, coordinator, name):
    badge_revoke(assertion=award, reason="Evidence was not the earner's own", acting_user=coordinator)

    response = client.get(reverse(f"badges:{name}", args=[award.uid]), HTTP_ACCEPT=JSON_LD)

    assert response.status_code == 410
    assert media_type(response) == JSON_LD
    body = json.loads(response.content)
    assert body["revoked"] is True
    assert body["revocationReason"] == "Evidence was not the earner's own"
    assert body["id"] == f"{SITE}/badges/assertions/{award.uid}"
    assert "recipient" not in body


def test_an_expired_assertion_still_answers(client, award):
    Assertion.objects.filter(pk=award.pk).update(expires_on=CRITERIA_MET + timedelta(days=1))

    response = client.get(reverse("badges:assertion_json", args=[award.uid]))

    assert response.status_code == 200
    assert json.loads(response.content)["expires"] == "2026-11-21T10:15:00Z"
