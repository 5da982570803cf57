"""The earner's pages: My badges, one badge's downloads and LinkedIn link, and the switch for
showing their name on the public page. Someone else's badge answers 404, as an unknown id."""

import re
from datetime import datetime, timezone
from html import unescape
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.test import Client
from django.utils import timezone as dj_timezone
from django.utils.dateformat import format as date_format

from badges.models import Assertion, BadgeClass, BadgeEvent
from badges.services import badge_award, badge_revoke

from .conftest import CRITERIA_MET

UNKNOWN = "2b1e9a4c-0000-4000-8000-000000000000"


def words(html: str) -> str:
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def listed(html: str) -> list[tuple[str, str]]:
    """(badge name, status line) of each badge on My badges, in order."""
    cards = re.findall(r'<li class="module-card my-badge"[^>]*>(.*?)</li>', html, re.S)
    return [
        (
            unescape(re.search(r"<h2 class=\"h5\"><a [^>]+>(.*?)</a></h2>", card).group(1)),
            words(re.search(r'<p class="mb-0 fw-semibold status-line">(.*?)</p>', card, re.S).group(1)),
        )
        for card in cards
    ]


def earner(client, assertion) -> str:
    """Who the public page says the badge was awarded to (the page header names the
    signed-in person, so look at the fact itself)."""
    html = client.get(f"/badges/assertions/{assertion.uid}").content.decode()
    return words(re.search(r'<dd class="col-sm-8" id="earner">(.*?)</dd>', html).group(1))


@pytest.fixture
def several(badge_classes, staff, colleague, coordinator, org):
    """`staff` holds four badges, valid, expired and revoked; `colleague` holds one."""
    got = {}
    for slug, issued, expires in [
        ("rexvet-module-1", datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc), None),
        ("rexvet-module-2-1", datetime(2024, 5, 6, 9, 0, tzinfo=timezone.utc), datetime(2025, 5, 6, 9, 0, tzinfo=timezone.utc)),
        ("rexvet-module-2-2", datetime(2026, 6, 1, 9, 0, tzinfo=timezone.utc), datetime(2099, 1, 15, 9, 0, tzinfo=timezone.utc)),
        ("rexvet-module-3", CRITERIA_MET, None),
    ]:
        got[slug] = badge_award(
            recipient=staff, badge_class=badge_classes.get(slug=slug), organisation=org, issued_on=issued, expires_on=expires
        ).assertion
    got["rexvet-module-3"] = badge_revoke(assertion=got["rexvet-module-3"], reason="Awarded by mistake", acting_user=coordinator)
    badge_award(recipient=colleague, badge_class=badge_classes.get(slug="rexvet-module-1"), organisation=org, issued_on=CRITERIA_MET)
    return got


def test_my_badges_lists_mine_newest_first_with_their_status(client, staff, several):
    client.force_login(staff)
    html = client.get("/badges/mine/").content.decode()
    revoked_on = date_format(dj_timezone.localtime(several["rexvet-module-3"].revoked_at), "j F Y")
    assert listed(html) == [
        ("REXVET Expert: Leading international work in your organisation", f"✕ Revoked on {revoked_on}"),
        ("REXVET Advanced abroad: Mobility and partnerships abroad", "Valid until 15 January 2099"),
        ("REXVET Rookie: Getting started with international work", "Valid"),
        ("REXVET Advanced at home: Bringing the world into your school", "◷ Expired on 6 May 2025"),
    ]
    assert "You hold 2 valid badges." in html
    for assertion in several.values():
        assert f'href="/badges/mine/{assertion.uid}/"' in html
    assert 'src="/badges/classes/rexvet-module-1/image.svg" width="88" height="88" alt=""' in html
    assert "From REXVET partnership, 2 March 2026" in html


def test_my_badges_shows_only_mine(client, colleague, several):
    client.force_login(colleague)
    html = client.get("/badges/mine/").content.decode()
    assert listed(html) == [("REXVET Rookie: Getting started with international work", "Valid")]
    assert "You hold 1 valid badge." in html


def test_without_badges_it_says_how_to_earn_one(client, coordinator, badge_classes):
    client.force_login(coordinator)
    html = client.get("/badges/mine/").content.decode()
    assert listed(html) == []
    assert "You have no badges yet." in html
    assert "You earn a badge by completing a training module" in html
    assert '<a class="btn btn-primary" href="/training/">See the training modules</a>' in html


def test_my_badges_is_four_queries_whatever_the_number(client, staff, org, several, badge_classes, django_assert_max_num_queries):
    # 1 the session, 2 the user, 3 the membership check, 4 the badges with their class,
    # issuer and module.
    client.force_login(staff)
    with django_assert_max_num_queries(4):
        client.get("/badges/mine/")
    for bc in badge_classes.filter(rule=BadgeClass.Rule.PRIOR_LEARNING):
        badge_award(recipient=staff, badge_class=bc, organisation=org, issued_on=CRITERIA_MET)
    assert Assertion.objects.filter(recipient=staff).count() == 12
    with django_assert_max_num_queries(4):
        html = client.get("/badges/mine/").content.decode()
    assert len(listed(html)) == 12


# --- One badge ---------------------------------------------------------------------------------


def test_the_detail_page_offers_every_download(client, staff, award):
    client.force_login(staff)
    html = client.get(f"/badges/mine/{award.uid}/").content.decode()
    assert "<h1 class=\"h3\">REXVET Rookie: Getting started with international work</h1>" in html
    assert "Status: Valid" in words(html)
    for url in ("badge.png", "badge.svg", "credential.jwt", "credential.png"):
        assert f'href="/badges/assertions/{award.uid}/{url}" download' in html
    assert f'<a class="btn btn-outline-primary" href="/badges/assertions/{award.uid}">Open the public page</a>' in html
    assert "ulle@kuressaare.example" not in html


def test_the_linkedin_link_fills_in_the_certification(client, staff, award, settings):
    client.force_login(staff)
    html = client.get(f"/badges/mine/{award.uid}/").content.decode()
    href = unescape(re.search(r'<a class="btn btn-outline-primary" href="([^"]+)" rel="noopener" id="linkedin">', html).group(1))
    assert href.startswith("https://www.linkedin.com/profile/add?")
    assert parse_qsl(urlsplit(href).query) == [
        ("startTask", "CERTIFICATION_NAME"),
        ("name", "REXVET Rookie: Getting started with international work"),
        ("organizationName", "REXVET partnership"),
        ("issueYear", "2026"),
        ("issueMonth", "11"),
        ("certUrl", f"{settings.REXVET_SITE_URL}/badges/assertions/{award.uid}"),
        ("certId", str(award.uid)),
    ]


def test_the_linkedin_link_carries_the_expiry(client, staff, module_badge, org):
    assertion = badge_award(
        recipient=staff,
        badge_class=module_badge,
        organisation=org,
        issued_on=CRITERIA_MET,
        expires_on=datetime(2028, 11, 30, 23, 0, tzinfo=timezone.utc),  # 1 December in Helsinki
    ).assertion
    client.force_login(staff)
    html = client.get(f"/badges/mine/{assertion.uid}/").content.decode()
    href = unescape(re.search(r'href="(https://www.linkedin.com/[^"]+)"', html).group(1))
    query = dict(parse_qsl(urlsplit(href).query))
    assert (query["expirationYear"], query["expirationMonth"]) == ("2028", "12")


def test_a_revoked_badge_offers_nothing_to_download_or_share(client, staff, award, coordinator):
    badge_revoke(assertion=award, reason="Awarded by mistake", acting_user=coordinator)
    client.force_login(staff)
    html = client.get(f"/badges/mine/{award.uid}/").content.decode()
    assert "Status: Revoked" in words(html)
    assert "Awarded by mistake" in html
    assert "badge.png" not in html
    assert "linkedin.com" not in html
    assert "This badge was revoked, so there is nothing to download or share" in html


def test_the_detail_page_is_four_queries(client, staff, award, django_assert_max_num_queries):
    # 1 the session, 2 the user, 3 the membership check, 4 the badge with class, issuer, module.
    client.force_login(staff)
    with django_assert_max_num_queries(4):
        assert client.get(f"/badges/mine/{award.uid}/").status_code == 200


# --- Showing the name ------------------------------------------------------------------------


def test_the_earner_shows_and_hides_their_name(client, staff, award):
    client.force_login(staff)
    html = client.get(f"/badges/mine/{award.uid}/").content.decode()
    assert f'<form method="post" action="/badges/mine/{award.uid}/name/">' in html
    assert '<label class="form-check-label" for="id_show_name">Show my name on this badge\'s public page</label>' in unescape(html)
    assert 'name="show_name" id="id_show_name" aria-describedby="show-name-help">' in html  # not checked

    response = client.post(f"/badges/mine/{award.uid}/name/", {"show_name": "on"}, follow=True)
    assert response.redirect_chain == [(f"/badges/mine/{award.uid}/", 302)]
    html = response.content.decode()
    assert "The badge&#x27;s public page now shows your name." in html
    assert 'id="id_show_name" checked' in html
    award.refresh_from_db()
    assert award.show_name is True
    assert earner(client, award) == "Ülle Mäe-Õunapuu"

    response = client.post(f"/badges/mine/{award.uid}/name/", {}, follow=True)
    assert "The badge&#x27;s public page no longer shows your name." in response.content.decode()
    award.refresh_from_db()
    assert award.show_name is False
    assert earner(client, award) == "A person who chose not to show their name here"
    assert list(award.events.values_list("action", "actor")) == [
        (BadgeEvent.Action.AWARDED, None),
        (BadgeEvent.Action.NAME_SHOWN, staff.pk),
        (BadgeEvent.Action.NAME_HIDDEN, staff.pk),
    ]


def test_the_switch_needs_the_csrf_token(staff, award):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    response = client.post(f"/badges/mine/{award.uid}/name/", {"show_name": "on"})
    assert response.status_code == 403
    award.refresh_from_db()
    assert award.show_name is False


def test_nobody_else_can_switch_the_name(client, colleague, coordinator, award):
    for person in (colleague, coordinator):
        client.force_login(person)
        assert client.post(f"/badges/mine/{award.uid}/name/", {"show_name": "on"}).status_code == 404
    award.refresh_from_db()
    assert award.show_name is False
    assert not award.events.exclude(action=BadgeEvent.Action.AWARDED).exists()


# --- Permission matrix -----------------------------------------------------------------------

PERSONAS = ["anonymous", "staff", "colleague", "coordinator", "other_coordinator", "project_admin"]
LOGIN = "/accounts/login/?next="

# (method, url) -> the answer per persona. `staff` owns the badge. Other people's badges are
# 404, like unknown ids; a person without an organisation goes to the welcome page.
MATRIX = {
    ("get", "/badges/mine/"): [302, 200, 200, 200, 200, 302],
    ("get", "/badges/mine/{uid}/"): [302, 200, 404, 404, 404, 302],
    ("get", f"/badges/mine/{UNKNOWN}/"): [302, 404, 404, 404, 404, 302],
    ("get", "/badges/mine/{uid}/name/"): [302, 405, 405, 405, 405, 302],
    ("post", "/badges/mine/{uid}/name/"): [302, 302, 404, 404, 404, 302],
    ("post", f"/badges/mine/{UNKNOWN}/name/"): [302, 404, 404, 404, 404, 302],
    ("get", "/badges/assertions/{uid}"): [200, 200, 200, 200, 200, 200],
    ("get", f"/badges/assertions/{UNKNOWN}"): [404, 404, 404, 404, 404, 404],
    ("get", "/badges/classes/rexvet-module-1"): [200, 200, 200, 200, 200, 200],
    ("get", "/badges/classes/rexvet-module-1/image.png"): [200, 200, 200, 200, 200, 200],
    ("get", "/badges/classes/rexvet-module-1/image.svg"): [200, 200, 200, 200, 200, 200],
    ("get", "/badges/issuers/rexvet"): [200, 200, 200, 200, 200, 200],
    ("get", "/badges/issuers/rexvet/image.png"): [200, 200, 200, 200, 200, 200],
    ("get", "/badges/framework/"): [200, 200, 200, 200, 200, 200],
}


@pytest.mark.parametrize("method, url", list(MATRIX))
def test_permission_matrix(request, client, award, staff, colleague, coordinator, other_coordinator, project_admin, method, url):
    for persona, expected in zip(PERSONAS, MATRIX[(method, url)]):
        client.logout()
        if persona != "anonymous":
            client.force_login(request.getfixturevalue(persona))
        address = url.format(uid=award.uid)
        response = getattr(client, method)(address, {"show_name": "on"} if method == "post" else {})
        assert (persona, response.status_code) == (persona, expected)
        if persona == "anonymous" and expected == 302:
            assert response["Location"].startswith(LOGIN)
        if persona == "project_admin" and expected == 302:
            assert response["Location"] == "/welcome/"
    award.refresh_from_db()
    assert award.show_name is (method == "post" and "{uid}" in url)  # only the owner's POST switched it


# --- On the staff home --------------------------------------------------------------------------


def test_the_home_page_counts_my_valid_badges(client, staff, several):
    client.force_login(staff)
    html = client.get("/").content.decode()
    section = words(re.search(r'<section aria-labelledby="my-badges".*?</section>', html, re.S).group(0))
    assert section == "My badges You hold 2 valid badges. See my badges"
    assert '<a class="btn btn-sm btn-outline-primary ms-1" href="/badges/mine/">See my badges</a>' in html


def test_the_home_page_without_badges_says_how_to_earn_one(client, coordinator, badge_classes):
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    section = words(re.search(r'<section aria-labelledby="my-badges".*?</section>', html, re.S).group(0))
    assert section == "My badges No valid badge yet: you earn one by completing a training module. See my badges"


def test_the_earner_sees_the_evidence_of_a_coordinators_award_and_its_private_file(client, staff, coordinator, prior_learning_badge, org, settings, tmp_path):
    # A newcomer's find: the page said "on the evidence below" and showed none.
    from django.core.files.uploadedfile import SimpleUploadedFile

    from badges.services import badge_award

    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("mobilities.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", content_type="application/pdf")
    assertion = badge_award(
        recipient=staff, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET, acting_user=coordinator,
        narrative="Accompanied four mobilities.", evidence_url="https://example.org/report", evidence_file=pdf,
    ).assertion
    client.force_login(staff)
    html = client.get(f"/badges/mine/{assertion.uid}/").content.decode()
    assert "Accompanied four mobilities." in html
    assert 'href="https://example.org/report"' in html
    assert f'href="/badges/assertions/{assertion.uid}/evidence/">Evidence file: mobilities.pdf</a>' in html
    assert client.get(f"/badges/assertions/{assertion.uid}/evidence/").status_code == 200
