"""Every badges address, for every persona: who gets what (the exact status code).

`staff` holds a badge (a prior-learning badge of `org`, awarded by `coordinator`, with a
private evidence file); `colleague` is in the same organisation; `other_coordinator`
coordinates another one; `project_admin` is Django staff without an organisation.
Signed-out visitors are sent to sign in wherever signing in is needed.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from badges import keys
from badges.services import badge_award, badge_revoke
from badges.urls import urlpatterns

from .conftest import CRITERIA_MET

PERSONAS = ["anonymous", "staff", "colleague", "coordinator", "other_coordinator", "project_admin"]
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def everyone(status: int) -> dict[str, int]:
    return dict.fromkeys(PERSONAS, status)


# The earner's downloads: the recipient and project admins.
EARNER = {"anonymous": 302, "staff": 200, "colleague": 403, "coordinator": 403, "other_coordinator": 403, "project_admin": 200}
# member_required: members of an organisation; a project admin without one is sent to the
# "no organisation" page.
MEMBERS = {"anonymous": 302, "staff": 200, "colleague": 200, "coordinator": 200, "other_coordinator": 200, "project_admin": 302}
RECIPIENT_PAGE = {"anonymous": 302, "staff": 200, "colleague": 404, "coordinator": 404, "other_coordinator": 404, "project_admin": 302}
RECIPIENT_POST = {"anonymous": 302, "staff": 302, "colleague": 404, "coordinator": 404, "other_coordinator": 404, "project_admin": 302}
# Coordinator pages: coordinators of some organisation; project admins use Django admin.
COORDINATORS = {"anonymous": 302, "staff": 403, "colleague": 403, "coordinator": 200, "other_coordinator": 200, "project_admin": 403}
# One award of org: its coordinators only; another organisation's coordinator gets 404.
ORG_AWARD = {"anonymous": 302, "staff": 403, "colleague": 403, "coordinator": 200, "other_coordinator": 404, "project_admin": 403}
ORG_AWARD_POST = {**ORG_AWARD, "coordinator": 302}
EVIDENCE = {"anonymous": 302, "staff": 200, "colleague": 404, "coordinator": 200, "other_coordinator": 404, "project_admin": 200}

# (name, method, arguments, POST data, expected per persona); arguments name fixtures' values.
MATRIX = [
    ("issuer", "get", {"slug": "issuer"}, None, everyone(200)),
    ("issuer_json", "get", {"slug": "issuer"}, None, everyone(200)),
    ("issuer_image", "get", {"slug": "issuer"}, None, everyone(200)),
    ("revocation_list", "get", {"slug": "issuer"}, None, everyone(200)),
    ("class", "get", {"slug": "class"}, None, everyone(200)),
    ("class_json", "get", {"slug": "class"}, None, everyone(200)),
    ("class_image", "get", {"slug": "class", "ext": "png"}, None, everyone(200)),
    ("class_image", "get", {"slug": "class", "ext": "svg"}, None, everyone(200)),
    ("assertion", "get", {"uid": "uid"}, None, everyone(200)),
    ("assertion", "get", {"uid": "revoked"}, None, everyone(200)),  # the page says revoked
    ("assertion_json", "get", {"uid": "uid"}, None, everyone(200)),
    ("assertion_json", "get", {"uid": "revoked"}, None, everyone(410)),
    ("key", "get", {"kid": "kid"}, None, everyone(200)),
    ("framework", "get", {}, None, everyone(200)),
    ("verify", "get", {}, None, everyone(200)),
    ("mine", "get", {}, None, MEMBERS),
    ("mine_detail", "get", {"uid": "uid"}, None, RECIPIENT_PAGE),
    ("show_name", "post", {"uid": "uid"}, {"show_name": "on"}, RECIPIENT_POST),
    ("baked_png", "get", {"uid": "uid"}, None, EARNER),
    ("baked_svg", "get", {"uid": "uid"}, None, EARNER),
    ("credential", "get", {"uid": "uid"}, None, EARNER),
    ("credential_png", "get", {"uid": "uid"}, None, EARNER),
    ("evidence_file", "get", {"uid": "uid"}, None, EVIDENCE),
    ("awards", "get", {}, None, COORDINATORS),
    ("award", "get", {}, None, COORDINATORS),
    ("award_detail", "get", {"uid": "uid"}, None, ORG_AWARD),
    ("revoke", "post", {"uid": "uid"}, {"reason": "Awarded by mistake.", "confirm": "on"}, ORG_AWARD_POST),
    ("reissue", "post", {"uid": "uid"}, {}, ORG_AWARD),  # the confirmation page
    ("reissue", "post", {"uid": "uid"}, {"confirm": "yes"}, ORG_AWARD_POST),
]


def test_the_matrix_covers_every_badges_address():
    assert {row[0] for row in MATRIX} == {p.name for p in urlpatterns}


@pytest.fixture
def world(request, settings, tmp_path, org, other_org, staff, colleague, coordinator, other_coordinator, project_admin, prior_learning_badge):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.REXVET_BADGE_KEY_DIR = tmp_path / "keys"
    kid = keys.key_generate()
    evidence = SimpleUploadedFile("certificate.pdf", PDF, content_type="application/pdf")
    held = badge_award(
        recipient=staff, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET,
        acting_user=coordinator, narrative="Recognised.", evidence_file=evidence,
    ).assertion
    revoked = badge_award(
        recipient=colleague, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET, acting_user=coordinator
    ).assertion
    badge_revoke(assertion=revoked, reason="Awarded by mistake.", acting_user=coordinator)
    return {
        "issuer": prior_learning_badge.issuer.slug,
        "class": prior_learning_badge.slug,
        "uid": held.uid,
        "revoked": revoked.uid,
        "kid": kid,
        "people": {
            "staff": staff, "colleague": colleague, "coordinator": coordinator,
            "other_coordinator": other_coordinator, "project_admin": project_admin,
        },
    }


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize(
    "name, method, arguments, data, expected", MATRIX, ids=[f"{row[0]}-{'-'.join(map(str, row[2].values())) or row[1]}-{i}" for i, row in enumerate(MATRIX)]
)
def test_who_gets_what(client, world, persona, name, method, arguments, data, expected):
    url = reverse(f"badges:{name}", kwargs={k: world[v] if v in world else v for k, v in arguments.items()})
    if persona != "anonymous":
        client.force_login(world["people"][persona])

    reply = client.post(url, data) if method == "post" else client.get(url)

    assert reply.status_code == expected[persona], (name, persona)
    if persona == "anonymous" and expected[persona] == 302:
        assert reply["Location"].startswith("/accounts/login/?next=")
