"""The public pages anyone opens: an awarded badge (valid, expired or revoked), a badge, an
issuer and the path framework the badges align to."""

import re
from datetime import datetime, timezone
from html import unescape

import pytest
from django.utils import timezone as dj_timezone
from django.utils.dateformat import format as date_format

from badges import links
from badges.services import assertion_show_name, badge_award, badge_revoke

from .conftest import CRITERIA_MET



@pytest.fixture
def package(rexvet_model):
    """The full training package: the modules' competence areas come with it."""
    from training.loading import package_load, rexvet_modules

    return package_load(path_model_code=rexvet_model.code, modules=rexvet_modules())


CODES_2_1 = ["eu-context", "vet-systems", "language", "multicultural", "projects", "strategy"]
AREAS_2_1 = (
    "Knowledge of the EU and the European context Understanding other VET systems Language and communication "
    "Working in a multicultural environment Managing international projects and mobility "
    "Linking international work to the organisation's strategy and curriculum"
)
REASON = "The evidence was copied from a colleague's portfolio & not the earner's own."


def words(html: str) -> str:
    return unescape(" ".join(re.sub(r"<[^>]+>", " ", html).split()))


def status_heading(html: str) -> str:
    return words(re.search(r'<h2 class="h4 mb-2" id="badge-status">(.*?)</h2>', html, re.S).group(1))


def page(client, assertion) -> str:
    response = client.get(f"/badges/assertions/{assertion.uid}")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    return response.content.decode()


def test_a_valid_badge_says_valid(client, award):
    html = page(client, award)
    assert status_heading(html) == "✓ Status: Valid"
    assert "This badge is valid: the issuer has not revoked it, and it does not expire." in html
    assert "<title>REXVET Rookie: Getting started with international work · REXVET Paths</title>" in html
    assert 'src="/badges/classes/rexvet-module-1/image.svg"' in html
    assert 'alt="Badge image: REXVET Rookie: Getting started with international work"' in html
    facts = words(re.search(r'<dl class="row badge-facts mb-0">(.*?)</dl>', html, re.S).group(1))
    assert facts == (
        "Awarded to A person who chose not to show their name here "
        "Issued by REXVET partnership "
        "Criteria met on 20 November 2026 "
        "Expires Does not expire "
        "How it was awarded Automatically, when the training module was completed "
        f"Badge id {award.uid}"
    )
    assert '<time datetime="2026-11-20T12:15:00+02:00">20 November 2026</time>' in html


def test_the_page_shows_what_the_badge_is_and_its_criteria(client, award):
    html = page(client, award)
    assert "Awarded for completing REXVET training module 1, “Getting started with international work”" in html
    criteria = re.search(r'<h2 class="h5" id="criteria-heading">Criteria</h2>(.*?)</section>', html, re.S).group(1)
    outcomes = [unescape(o) for o in re.findall(r"<li>(.*?)</li>", criteria)]
    assert outcomes == list(award.badge_class.module.outcome_list)
    assert len(outcomes) >= 3
    assert criteria.strip().startswith("<p>Complete every required activity of module 1")


def test_it_links_to_the_checks_and_the_json(client, award):
    html = page(client, award)
    assert f'href="/badges/assertions/{award.uid}.json" type="application/ld+json"' in html
    assert 'href="/badges/verify/"' in html
    assert 'href="/badges/issuers/rexvet"' in html
    assert 'href="/badges/classes/rexvet-module-1"' in html


def test_an_expired_badge_says_expired_and_when(client, module_badge, staff, org):
    assertion = badge_award(
        recipient=staff,
        badge_class=module_badge,
        organisation=org,
        issued_on=datetime(2024, 3, 1, 9, 0, tzinfo=timezone.utc),
        expires_on=datetime(2025, 3, 1, 9, 0, tzinfo=timezone.utc),
    ).assertion
    html = page(client, assertion)
    assert status_heading(html) == "◷ Status: Expired"
    assert "This badge expired on 1 March 2025. It still shows that its criteria were met, but it is no longer current." in html
    assert "alert-warning" in html
    assert "Status: Valid" not in words(html)


def test_a_badge_that_expires_later_is_valid_until_then(client, module_badge, staff, org):
    assertion = badge_award(
        recipient=staff,
        badge_class=module_badge,
        organisation=org,
        issued_on=CRITERIA_MET,
        expires_on=datetime(2099, 6, 30, 12, 0, tzinfo=timezone.utc),
    ).assertion
    html = page(client, assertion)
    assert status_heading(html) == "✓ Status: Valid"
    assert "and it expires at the end of 30 June 2099." in html


def test_a_revoked_badge_page_answers_and_says_revoked_with_the_reason(client, award, coordinator):
    award = badge_revoke(assertion=award, reason=REASON, acting_user=coordinator)
    html = page(client, award)  # 200: only the JSON answers 410
    assert status_heading(html) == "✕ Status: Revoked"
    revoked_on = date_format(dj_timezone.localtime(award.revoked_at), "j F Y")
    assert f"The issuer revoked this badge on {revoked_on}. It no longer counts as a credential." in html
    reason = re.search(r'<span class="revocation-reason">(.*?)</span>', html).group(1)
    assert unescape(reason) == REASON
    assert "alert-danger" in html


def test_the_name_is_hidden_by_default_and_shown_when_the_earner_chooses(client, award, staff):
    html = page(client, award)
    assert "Ülle Mäe-Õunapuu" not in html
    assert "Ülle" not in html
    assert words(re.search(r'<dd class="col-sm-8" id="earner">(.*?)</dd>', html).group(1)) == (
        "A person who chose not to show their name here"
    )
    assertion_show_name(assertion=award, show=True, acting_user=staff)
    html = page(client, award)
    assert re.search(r'<dd class="col-sm-8" id="earner">(.*?)</dd>', html).group(1) == "Ülle Mäe-Õunapuu"


def test_the_e_mail_is_never_on_the_page(client, award, staff):
    for show in (False, True):
        assertion_show_name(assertion=award, show=show, acting_user=staff)
        html = page(client, award)
        assert "ulle@kuressaare.example" not in html.lower()
        assert "kuressaare.example" not in html


def test_a_shown_name_never_falls_back_to_the_e_mail(client, award, staff):
    staff.full_name = ""
    staff.save(update_fields=["full_name"])
    assertion_show_name(assertion=award, show=True, acting_user=staff)
    html = page(client, award)
    assert "ulle@kuressaare.example" not in html
    assert "A person who has not given their name" in html


def test_the_evidence_of_a_prior_learning_award_is_shown(client, prior_learning_badge, colleague, coordinator, org):
    assertion = badge_award(
        recipient=colleague,
        badge_class=prior_learning_badge,
        organisation=org,
        issued_on=CRITERIA_MET,
        acting_user=coordinator,
        narrative="Led two Erasmus+ job-shadowing exchanges with partner schools.",
        evidence_url="https://portfolio.example/tonu/erasmus",
    ).assertion
    html = page(client, assertion)
    assert "Led two Erasmus+ job-shadowing exchanges with partner schools." in html
    assert '<a href="https://portfolio.example/tonu/erasmus" rel="nofollow noopener">See the evidence</a>' in html
    assert "By a coordinator, on evidence they checked" in html
    assert 'href="/badges/issuers/kuressaare"' in html
    assert "Kadri" not in html  # who awarded it stays internal


def test_a_reissued_badge_points_to_the_newer_award(client, award, coordinator):
    from badges.services import badge_reissue

    newer = badge_reissue(assertion=award, acting_user=coordinator)
    html = page(client, award)
    assert f'<a href="/badges/assertions/{newer.uid}">see the newer award</a>' in html


def test_a_browser_gets_the_page_and_a_wallet_does_not(client, award):
    html = client.get(f"/badges/assertions/{award.uid}", HTTP_ACCEPT="text/html,application/xhtml+xml").content.decode()
    assert "Status: Valid" in words(html)


def test_unknown_ids_are_404(client, badge_classes):
    assert client.get("/badges/assertions/2b1e9a4c-0000-4000-8000-000000000000").status_code == 404
    assert client.get("/badges/classes/no-such-badge").status_code == 404
    assert client.get("/badges/issuers/nobody").status_code == 404
    assert client.get("/badges/assertions/not-a-uuid").status_code == 404


def test_the_public_page_is_read_only(client, award):
    assert client.post(f"/badges/assertions/{award.uid}").status_code == 405


def test_the_public_page_is_one_query(client, award, django_assert_max_num_queries):
    # No session for an anonymous visitor: only the assertion with its class,
    # issuer, module, recipient, organisation and re-issue in one query.
    with django_assert_max_num_queries(1):
        page(client, award)


# --- The badge class and the issuer --------------------------------------------------------


def test_the_badge_page_says_what_it_is_who_issues_it_and_where_it_sits(client, badge_classes, package):
    html = client.get("/badges/classes/rexvet-module-2-1").content.decode()
    assert "<h1 class=\"h3\">REXVET Advanced at home: Bringing the world into your school</h1>" in html
    assert '<a href="/badges/issuers/rexvet">REXVET partnership</a>' in html
    assert "Awarded automatically when the module is completed" in html
    alignment = words(re.search(r'<h2 class="h5" id="alignment">.*?</h2>(.*?)</section>', html, re.S).group(1))
    assert alignment == "Level Advanced Direction Internationalisation at home Competence areas " + AREAS_2_1
    assert '<a href="/badges/framework/#advanced">Advanced</a>' in html
    assert '<a href="/badges/framework/#advanced-at-home">Internationalisation at home</a>' in html
    assert re.findall(r'href="/badges/framework/#area-([a-z-]+)"', html) == CODES_2_1
    assert 'href="/badges/classes/rexvet-module-2-1.json" type="application/ld+json"' in html
    assert "Does not expire" in html


def test_the_badge_page_lists_the_module_outcomes_in_its_criteria(client, module_badge):
    html = client.get("/badges/classes/rexvet-module-1").content.decode()
    criteria = re.search(r'<h2 class="h5" id="criteria-heading">Criteria</h2>(.*?)</section>', html, re.S).group(1)
    assert [unescape(o) for o in re.findall(r"<li>(.*?)</li>", criteria)] == module_badge.module.outcome_list
    assert 'id="outcomes"' not in html  # not twice


def test_criteria_without_a_list_get_the_outcomes_under_their_own_heading(client, module_badge):
    module_badge.criteria = "Complete module 1."
    module_badge.save(update_fields=["criteria"])
    html = client.get("/badges/classes/rexvet-module-1").content.decode()
    outcomes = re.search(r'<h2 class="h5" id="outcomes">.*?</h2>\s*<ul>(.*?)</ul>', html, re.S).group(1)
    assert [unescape(o) for o in re.findall(r"<li>(.*?)</li>", outcomes)] == module_badge.module.outcome_list


def test_the_alignment_links_match_the_open_badges_alignment_urls(client, badge_classes, settings):
    html = client.get("/badges/classes/rexvet-module-2-2").content.decode()
    assert links.alignment_url("advanced", "abroad") == settings.REXVET_SITE_URL + "/badges/framework/#advanced-abroad"
    assert 'href="/badges/framework/#advanced-abroad"' in html


def test_the_badge_page_is_a_fixed_number_of_queries(client, badge_classes, package, django_assert_max_num_queries):
    # 1 the class with issuer and module, 2 the module's areas, 3 the level,
    # 4 the direction, 5 the areas by code.
    with django_assert_max_num_queries(5):
        assert client.get("/badges/classes/rexvet-module-2-1").status_code == 200


def test_the_issuer_page_lists_the_badges_it_awards(client, badge_classes, org, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):  # the issuer, its badges with their modules
        html = client.get("/badges/issuers/rexvet").content.decode()
    assert "<h1 class=\"h3\">REXVET partnership</h1>" in html
    assert re.findall(r'<h3><a href="/badges/classes/([a-z0-9-]+)">', html) == [
        "rexvet-module-1",
        "rexvet-module-2-1",
        "rexvet-module-2-2",
        "rexvet-module-3",
    ]
    assert 'href="/badges/issuers/rexvet.json" type="application/ld+json"' in html
    assert 'alt="Logo of REXVET partnership"' in html
    html = client.get("/badges/issuers/kuressaare").content.decode()
    assert "Badge issuer: a partner organisation" in html
    assert len(re.findall(r'<h3><a href="/badges/classes/kuressaare-module-[0-9-]+-prior-learning">', html)) == 4


# --- The framework ---------------------------------------------------------------------------


def test_the_framework_has_an_anchor_per_level_and_direction(client, badge_classes, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get("/badges/framework/")
    assert response.status_code == 200
    html = response.content.decode()
    anchors = re.findall(r'<section id="([a-z-]+)"', html)
    assert anchors == ["rookie", "advanced", "advanced-at-home", "advanced-abroad", "expert", "areas"]
    for level, direction in [("rookie", ""), ("advanced", "at-home"), ("advanced", "abroad"), ("expert", "")]:
        fragment = links.alignment_url(level, direction).split("#")[1]
        assert f'id="{fragment}"' in html
    assert '<h2 class="h4" id="rookie-heading">Level 1: Rookie</h2>' in html
    assert '<h3 class="h5" id="advanced-at-home-heading">Advanced: Internationalisation at home</h3>' in html
    assert len(re.findall(r'<dt id="area-[a-z-]+">', html)) == 6
    assert '<a href="/badges/classes/rexvet-module-2-2">REXVET Advanced abroad: Mobility and partnerships abroad</a>' in html


def test_without_a_published_model_the_framework_is_404(client, db):
    response = client.get("/badges/framework/")
    assert response.status_code == 404
    assert "The REXVET path model is not published yet." in response.content.decode()


@pytest.mark.parametrize("url", ["/badges/issuers/rexvet", "/badges/classes/rexvet-module-1", "/badges/framework/"])
def test_every_persona_sees_the_same_public_pages(
    client, badge_classes, staff, colleague, coordinator, other_coordinator, project_admin, url
):
    assert client.get(url).status_code == 200
    for person in (staff, colleague, coordinator, other_coordinator, project_admin):
        client.force_login(person)
        assert client.get(url).status_code == 200
