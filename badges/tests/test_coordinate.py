"""Coordinators award badges for prior learning (with evidence), revoke them with a reason
and re-issue them, within their own organisations only; and list the awards with filters."""

from datetime import date, datetime, timedelta, timezone as tz
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from badges.models import Assertion, BadgeClass, BadgeEvent
from badges.services import badge_award, badge_revoke
from rexvet.testing.factories import MembershipFactory, UserFactory

from .conftest import CRITERIA_MET

AWARDS = "/badges/coordinate/"
AWARD = "/badges/coordinate/award/"
HELSINKI = ZoneInfo("Europe/Helsinki")
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def detail(assertion) -> str:
    return f"/badges/coordinate/{assertion.uid}/"


def field_errors(html: str, field: str) -> str:
    """What crispy renders for one field: its input and the errors next to it."""
    start = html.index(f'id="div_id_{field}"')
    end = html.find('id="div_id_', start + 1)
    return html[start : end if end != -1 else len(html)]


def award_data(chosen, **changes) -> dict:
    data = {
        "recipient_email": "ulle@kuressaare.example",
        "badge_class": str(chosen.pk),
        "recognised_on": "2026-10-05",
        "narrative": "Led two Erasmus+ staff mobilities and wrote their learning agreements.",
        "evidence_url": "https://example.org/mobility-report",
        "expires_on": "",
    }
    data.update(changes)
    return data


# --- Awarding -------------------------------------------------------------------------------


def test_the_award_form_offers_the_organisations_prior_learning_badges(client, coordinator, staff, org, badge_classes):
    client.force_login(coordinator)

    reply = client.get(AWARD)

    assert reply.status_code == 200
    choices = [value for value, _label in reply.context["form"].fields["badge_class"].choices if value]
    expected = BadgeClass.objects.filter(issuer__organisation=org, rule="prior-learning").order_by("module__code")
    assert choices == [c.pk for c in expected]
    assert len(choices) == 4
    assert reply.context["form"]["recognised_on"].value() == timezone.localdate()
    # The members are suggested as you type, without a script; the coordinator is not.
    html = reply.content.decode()
    assert 'list="member-emails"' in html
    assert "ulle@kuressaare.example" in html
    assert '<option value="kadri@kuressaare.example">' not in html


def test_the_award_form_creates_the_organisations_badge_classes_on_first_need(client, coordinator, org, rexvet_model):
    assert BadgeClass.objects.count() == 0
    client.force_login(coordinator)

    reply = client.get(AWARD)

    assert reply.status_code == 200
    assert sorted(BadgeClass.objects.values_list("slug", flat=True)) == [
        "kuressaare-module-1-prior-learning",
        "kuressaare-module-2-1-prior-learning",
        "kuressaare-module-2-2-prior-learning",
        "kuressaare-module-3-prior-learning",
    ]


def test_a_coordinator_awards_a_badge_with_its_evidence(client, coordinator, staff, org, prior_learning_badge):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("certificate.pdf", PDF, content_type="application/pdf")

    reply = client.post(AWARD, {**award_data(prior_learning_badge, expires_on="2028-06-30"), "evidence_file": upload})

    assertion = Assertion.objects.get()
    assert reply.status_code == 302
    assert reply["Location"] == detail(assertion)
    assert assertion.recipient == staff
    assert assertion.badge_class == prior_learning_badge
    assert assertion.organisation == org
    assert assertion.awarded_by == coordinator
    # Noon in the site's time zone on the day the learning was recognised.
    assert assertion.issued_on == datetime(2026, 10, 5, 12, 0, tzinfo=HELSINKI)
    # Valid through the day it expires on.
    # Valid through the day entered: every page shows 30 June 2028.
    assert assertion.expires_on == datetime(2028, 6, 30, 23, 59, 59, tzinfo=HELSINKI)
    assert assertion.narrative == "Led two Erasmus+ staff mobilities and wrote their learning agreements."
    assert assertion.evidence_url == "https://example.org/mobility-report"
    assert assertion.evidence_file_name == "certificate.pdf"
    assert assertion.evidence_file.read() == PDF
    assert assertion.enrolment is None
    assert list(BadgeEvent.objects.values_list("assertion_id", "action", "actor_id")) == [(assertion.pk, "awarded", coordinator.pk)]
    page = client.get(reply["Location"])
    assert f"{prior_learning_badge.name} was awarded to Ülle Mäe-Õunapuu." in page.content.decode()


def test_the_email_address_is_matched_whatever_its_letter_case(client, coordinator, staff, prior_learning_badge):
    client.force_login(coordinator)

    reply = client.post(AWARD, award_data(prior_learning_badge, recipient_email="ULLE@Kuressaare.example", evidence_url=""))

    assert reply.status_code == 302
    assertion = Assertion.objects.get()
    assert assertion.recipient == staff
    assert assertion.evidence_url == ""
    assert not assertion.evidence_file


def test_learning_recognised_today_is_dated_now_never_in_the_future(client, coordinator, staff, prior_learning_badge):
    client.force_login(coordinator)
    before = timezone.now()

    client.post(AWARD, award_data(prior_learning_badge, recognised_on=timezone.localdate().isoformat()))

    issued_on = Assertion.objects.get().issued_on
    noon = datetime.combine(timezone.localdate(), datetime.min.time().replace(hour=12), tzinfo=HELSINKI)
    assert issued_on == noon or before <= issued_on <= timezone.now()
    assert issued_on <= timezone.now()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"narrative": "   "}, "narrative", "This field is required."),
        ({"recognised_on": (date.today() + timedelta(days=2)).isoformat()}, "recognised_on", "This day is in the future"),
        ({"expires_on": "2026-10-04"}, "expires_on", "A badge cannot expire before the day it is issued."),
        ({"expires_on": "2026-01-01"}, "expires_on", "A badge cannot expire before the day it is issued."),
        # Typos in the year: a message, not a badge dated in year 1 or a 500 (newcomer's finds).
        ({"recognised_on": "0001-01-01"}, "recognised_on", "This day is too long ago: give a day from 1 January 1980 on."),
        ({"expires_on": "9999-12-31"}, "expires_on", "This day is too far ahead: give a day up to 31 December 2100, or leave it empty."),
        ({"recipient_email": "nobody@kuressaare.example"}, "recipient_email", "Nobody with this e-mail address is a member of Kuressaare Ametikool."),
        ({"recipient_email": "kadri@kuressaare.example"}, "recipient_email", "You cannot award a badge to yourself"),
        ({"badge_class": ""}, "badge_class", "This field is required."),
    ],
)
def test_bad_input_is_refused_next_to_the_field_and_nothing_is_saved(
    client, coordinator, staff, prior_learning_badge, changes, field, message
):
    client.force_login(coordinator)
    data = award_data(prior_learning_badge, **changes)

    reply = client.post(AWARD, data)

    assert reply.status_code == 400
    html = reply.content.decode()
    assert message in field_errors(html, field)
    assert "The badge was not awarded." in html
    # What was typed is still there.
    if field != "narrative":
        assert "Led two Erasmus+ staff mobilities and wrote their learning agreements." in html
    assert 'value="https://example.org/mobility-report"' in html
    assert Assertion.objects.count() == 0
    assert BadgeEvent.objects.count() == 0


def test_a_program_renamed_to_pdf_is_refused_next_to_the_file_and_nothing_is_saved(
    client, coordinator, staff, prior_learning_badge, media
):
    client.force_login(coordinator)
    program = SimpleUploadedFile("certificate.pdf", b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, content_type="application/pdf")

    reply = client.post(AWARD, {**award_data(prior_learning_badge), "evidence_file": program})

    assert reply.status_code == 400
    assert "This file is a program, not a document" in field_errors(reply.content.decode(), "evidence_file")
    assert Assertion.objects.count() == 0
    assert not any(media.rglob("*.pdf")) if media.exists() else True


def test_awarding_a_badge_the_person_holds_says_since_when_and_saves_nothing(client, coordinator, staff, org, prior_learning_badge):
    held = badge_award(recipient=staff, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET, acting_user=coordinator).assertion
    client.force_login(coordinator)

    reply = client.post(AWARD, award_data(prior_learning_badge))

    assert reply.status_code == 400
    errors = field_errors(reply.content.decode(), "badge_class")
    assert "Ülle Mäe-Õunapuu already holds this badge since 20 November 2026" in errors
    assert f'<a href="{detail(held)}">see the award</a>' in errors
    assert Assertion.objects.count() == 1
    assert BadgeEvent.objects.count() == 1


def test_a_coordinator_cannot_award_to_a_person_of_another_organisation(
    client, other_coordinator, staff, other_org, prior_learning_badge, badge_classes
):
    client.force_login(other_coordinator)
    own = badge_classes.get(slug=f"{other_org.slug}-module-1-prior-learning")

    crafted = client.post(AWARD, award_data(prior_learning_badge))  # org's badge: not theirs to award
    own_badge = client.post(AWARD, award_data(own))  # their own badge, to org's member

    assert crafted.status_code == 400
    assert "Select a valid choice." in field_errors(crafted.content.decode(), "badge_class")
    assert own_badge.status_code == 400
    assert "Nobody with this e-mail address is a member of ENAC." in field_errors(own_badge.content.decode(), "recipient_email")
    assert Assertion.objects.count() == 0


def test_someone_in_two_organisations_gets_the_badge_of_the_one_chosen(client, coordinator, staff, org, other_org, badge_classes):
    MembershipFactory(user=coordinator, organisation=other_org, role="coordinator")
    MembershipFactory(user=staff, organisation=other_org)
    enac = badge_classes.get(slug=f"{other_org.slug}-module-1-prior-learning")
    client.force_login(coordinator)

    form = client.get(AWARD).context["form"]
    reply = client.post(AWARD, award_data(enac))

    # Grouped by organisation, as each organisation issues its own.
    assert [group for group, _options in form.fields["badge_class"].choices[1:]] == ["ENAC", "Kuressaare Ametikool"]
    assert reply.status_code == 302
    assert Assertion.objects.get().organisation == other_org


def test_people_who_coordinate_nothing_cannot_open_the_award_form(client, colleague, project_admin):
    for person in (colleague, project_admin):
        client.force_login(person)
        assert client.get(AWARD).status_code == 403
        assert client.post(AWARD, {}).status_code == 403
    client.logout()
    assert client.get(AWARD).status_code == 302


# --- The award, revoking, re-issuing ------------------------------------------------------


def test_the_award_page_shows_evidence_history_and_public_links(client, coordinator, award):
    badge_revoke(assertion=award, reason="Completed by mistake.", acting_user=coordinator)
    client.force_login(coordinator)

    reply = client.get(detail(award))

    assert reply.status_code == 200
    html = reply.content.decode()
    assert f'href="/badges/assertions/{award.uid}"' in html
    assert f'href="/badges/assertions/{award.uid}.json"' in html
    assert [(e.action, e.actor) for e in reply.context["events"]] == [("awarded", None), ("revoked", coordinator)]
    assert "Completed by mistake." in html
    assert "Revoke the badge" not in html  # revoked already


def test_revoking_asks_for_a_reason_next_to_the_field(client, coordinator, award):
    client.force_login(coordinator)

    reply = client.post(f"{detail(award)}revoke/", {"reason": "  ", "confirm": "on"})

    assert reply.status_code == 400
    assert "Say why the badge is revoked: the public page shows it." in field_errors(reply.content.decode(), "reason")
    award.refresh_from_db()
    assert award.revoked_at is None


def test_revoking_needs_the_confirmation(client, coordinator, award):
    client.force_login(coordinator)

    reply = client.post(f"{detail(award)}revoke/", {"reason": "Wrong person."})

    assert reply.status_code == 400
    assert "Tick this box to confirm." in field_errors(reply.content.decode(), "confirm")
    assert 'Wrong person.</textarea>' in reply.content.decode()
    award.refresh_from_db()
    assert award.revoked_at is None


def test_a_coordinator_revokes_with_a_reason_and_again_is_harmless(client, coordinator, award):
    client.force_login(coordinator)

    first = client.post(f"{detail(award)}revoke/", {"reason": "Awarded to the wrong person.", "confirm": "on"})
    second = client.post(f"{detail(award)}revoke/", {"reason": "Something else", "confirm": "on"})

    assert first.status_code == 302 and first["Location"] == detail(award)
    assert second.status_code == 302
    award.refresh_from_db()
    assert (award.revocation_reason, award.revoked_by) == ("Awarded to the wrong person.", coordinator)
    assert list(BadgeEvent.objects.filter(action="revoked").values_list("actor_id", "note")) == [(coordinator.pk, "Awarded to the wrong person.")]
    assert "This badge was revoked already." in client.get(detail(award)).content.decode()


def test_reissuing_asks_for_confirmation_then_makes_a_new_badge(client, coordinator, award):
    client.force_login(coordinator)

    ask = client.post(f"{detail(award)}reissue/")
    assert ask.status_code == 200
    assert "A new badge is created, with a new id" in ask.content.decode()
    assert Assertion.objects.count() == 1

    done = client.post(f"{detail(award)}reissue/", {"confirm": "yes"})
    new = Assertion.objects.get(reissue_of=award)
    assert done.status_code == 302 and done["Location"] == detail(new)
    assert new.awarded_by == coordinator
    assert list(BadgeEvent.objects.filter(assertion=new).values_list("action", "actor_id")) == [("reissued", coordinator.pk)]

    again = client.post(f"{detail(award)}reissue/", {"confirm": "yes"})
    assert again.status_code == 302 and again["Location"] == detail(new)
    assert Assertion.objects.count() == 2


def test_another_organisations_coordinator_gets_404_everywhere(client, other_coordinator, award):
    client.force_login(other_coordinator)

    assert client.get(detail(award)).status_code == 404
    assert client.post(f"{detail(award)}revoke/", {"reason": "Mine now.", "confirm": "on"}).status_code == 404
    assert client.post(f"{detail(award)}reissue/", {"confirm": "yes"}).status_code == 404
    assert client.get(f"/badges/assertions/{award.uid}/evidence/").status_code == 404
    award.refresh_from_db()
    assert award.revoked_at is None
    assert Assertion.objects.count() == 1


def test_an_unknown_award_is_404(client, coordinator, award):
    client.force_login(coordinator)
    assert client.get("/badges/coordinate/00000000-0000-4000-8000-000000000000/").status_code == 404


# --- The private evidence file --------------------------------------------------------------


@pytest.fixture
def with_file(staff, org, coordinator, prior_learning_badge):
    upload = SimpleUploadedFile("Õppekava tõend.pdf", PDF, content_type="application/pdf")
    return badge_award(
        recipient=staff, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET,
        acting_user=coordinator, narrative="A certificate.", evidence_file=upload,
    ).assertion


def evidence(assertion) -> str:
    return f"/badges/assertions/{assertion.uid}/evidence/"


def test_the_recipient_coordinator_and_project_admin_download_the_evidence(client, with_file, staff, coordinator, project_admin):
    for person in (staff, coordinator, project_admin):
        client.force_login(person)
        reply = client.get(evidence(with_file))
        assert reply.status_code == 200, person
        assert reply["Content-Type"] == "application/pdf"
        assert reply["Content-Disposition"] == "attachment; filename*=utf-8''%C3%95ppekava%20t%C3%B5end.pdf"
        assert reply["Cache-Control"] == "private, no-store"
        assert b"".join(reply.streaming_content) == PDF


def test_nobody_else_gets_the_evidence(client, with_file, colleague, other_coordinator):
    for person in (colleague, other_coordinator):
        client.force_login(person)
        assert client.get(evidence(with_file)).status_code == 404
    client.logout()
    reply = client.get(evidence(with_file))
    assert reply.status_code == 302 and reply["Location"].startswith("/accounts/login/")


def test_an_award_without_a_file_has_no_evidence_to_download(client, award, staff):
    client.force_login(staff)
    assert client.get(evidence(award)).status_code == 404


# --- The list of awards -----------------------------------------------------------------------


@pytest.fixture
def crowd(org, other_org, coordinator, module_badge, prior_learning_badge, badge_classes):
    """30 awards in org (by rule and by the coordinator; valid, expired, revoked; two
    departments) and 3 in other_org."""
    people = []
    for i in range(30):
        user = UserFactory(email=f"crowd{i:02d}@kuressaare.example", full_name=f"Crowd Person {i:02d}")
        MembershipFactory(user=user, organisation=org, department="Maritime" if i % 3 == 0 else "Hospitality")
        people.append(user)
    for i, user in enumerate(people):
        by_coordinator = i % 2 == 1
        expires = datetime(2026, 1, 1, tzinfo=tz.utc) if i % 5 == 0 else None
        a = badge_award(
            recipient=user,
            badge_class=prior_learning_badge if by_coordinator else module_badge,
            organisation=org,
            issued_on=CRITERIA_MET - timedelta(days=i),
            acting_user=coordinator if by_coordinator else None,
            expires_on=expires,
            narrative="Evidence.",
        ).assertion
        if i % 7 == 0 and i:
            badge_revoke(assertion=a, reason="Mistake.", acting_user=coordinator)
    enac = badge_classes.get(slug=f"{other_org.slug}-module-1-prior-learning")
    for i in range(3):
        user = UserFactory(email=f"enac{i}@enac.example", full_name=f"ENAC Person {i}")
        MembershipFactory(user=user, organisation=other_org)
        badge_award(recipient=user, badge_class=enac, organisation=other_org, issued_on=CRITERIA_MET)
    return people


def listed(reply) -> list[str]:
    return [a.recipient.email.split("@")[0] for a in reply.context["page"].object_list]


def test_the_list_shows_the_organisations_awards_newest_first(client, coordinator, crowd):
    client.force_login(coordinator)

    first = client.get(AWARDS)

    assert first.status_code == 200
    assert first.context["page"].paginator.count == 30
    assert listed(first) == [f"crowd{i:02d}" for i in range(30)]
    html = first.content.decode()
    assert "Crowd Person 01" in html
    assert "Kadri Tamm" in html  # awarded by the coordinator
    assert "the module's rule" in html  # awarded by rule
    assert "enac0" not in html


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"status": "revoked"}, [7, 14, 21, 28]),
        ({"status": "expired"}, [0, 5, 10, 15, 20, 25]),
        ({"status": "valid", "awarded": "coordinator"}, [1, 3, 9, 11, 13, 17, 19, 23, 27, 29]),
        ({"awarded": "rule", "department": "Maritime"}, [0, 6, 12, 18, 24]),
        ({"q": "person 2"}, list(range(20, 30))),
        ({"q": "CROWD03@"}, [3]),
    ],
)
def test_the_filters_return_exactly_the_matching_awards(client, coordinator, crowd, params, expected):
    client.force_login(coordinator)

    reply = client.get(AWARDS, params)

    assert listed(reply) == [f"crowd{i:02d}" for i in expected]


def test_the_badge_filter(client, coordinator, crowd, prior_learning_badge):
    client.force_login(coordinator)

    reply = client.get(AWARDS, {"badge_class": prior_learning_badge.pk})

    assert listed(reply) == [f"crowd{i:02d}" for i in range(1, 30, 2)]


def test_an_invalid_filter_is_ignored_not_an_error(client, coordinator, crowd):
    client.force_login(coordinator)

    reply = client.get(AWARDS, {"status": "lost", "badge_class": "x", "page": "99"})

    assert reply.status_code == 200
    assert reply.context["page"].paginator.count == 30


def test_the_pagination_keeps_the_filters(client, coordinator, crowd, monkeypatch):
    monkeypatch.setattr("badges.views_coordinate.AWARDS_PER_PAGE", 8)
    client.force_login(coordinator)

    first = client.get(AWARDS, {"department": "Hospitality"})
    last = client.get(AWARDS, {"department": "Hospitality", "page": "3"})

    assert first.context["page"].paginator.count == 20
    assert 'href="?department=Hospitality&amp;page=2"' in first.content.decode()
    hospitality = [f"crowd{i:02d}" for i in range(30) if i % 3]
    assert listed(first) == hospitality[:8]
    assert listed(last) == hospitality[16:]


# The awards list:
#  1. the session
#  2. the user
#  3. is the user a coordinator (coordinator_required)
#  4. the organisations they coordinate (the filter)
#  5. the badge classes (the filter)
#  6. the departments of those organisations (the filter)
#  7. the number of matching awards (the paginator)
#  8. the page of awards with person, badge, module, organisation, awarded by and department
AWARDS_QUERIES = 8


def test_the_list_asks_a_fixed_number_of_queries(client, coordinator, crowd, django_assert_num_queries):
    client.force_login(coordinator)

    with django_assert_num_queries(AWARDS_QUERIES):
        assert client.get(AWARDS).status_code == 200
    with django_assert_num_queries(AWARDS_QUERIES):
        assert client.get(AWARDS, {"status": "valid", "department": "Maritime", "q": "crowd"}).status_code == 200


def test_the_award_form_asks_the_same_number_of_queries_whatever_the_number_of_members(
    client, coordinator, org, prior_learning_badge, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(coordinator)
    with CaptureQueriesContext(connection) as few:
        assert client.get(AWARD).status_code == 200
    for i in range(40):
        MembershipFactory(user=UserFactory(email=f"m{i}@kuressaare.example"), organisation=org)

    # 1-3 the session, the user, the coordinator check; 4 their organisations; per
    # organisation: 5 the coordinator check, 6-13 its classes ensured (savepoint, issuer,
    # modules, one per module, release), 14 its classes; 15 the members, for the suggestions
    # — never a query per member.
    with django_assert_num_queries(15):
        reply = client.get(AWARD)
    assert reply.content.decode().count('<option value="m') == 40
    assert len(few) == 15


@pytest.mark.parametrize("typed", ["Ülle", "ülle", "ÜLLE", "õunapuu", "MÄE-Õunapuu", "ulle@KURESSAARE"])
def test_the_search_ignores_letter_case_beyond_a_to_z(client, coordinator, award, typed):
    # A newcomer's find: on SQLite "ülle" missed "Ülle Mäe-Õunapuu".
    client.force_login(coordinator)
    rows = client.get(AWARDS, {"q": typed}).context["page"].object_list
    assert [a.pk for a in rows] == [award.pk]


def test_a_reissue_keeps_the_expiry_the_coordinator_confirms(client, coordinator, prior_learning_badge, staff, org):
    # A newcomer's find: re-issuing dropped a hand-set expiry, so the new badge never expired.
    today = timezone.localdate()
    original = badge_award(
        recipient=staff, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET,
        acting_user=coordinator, narrative="Led two mobilities.",
        expires_on=datetime.combine(today + timedelta(days=90), datetime.min.time(), tzinfo=HELSINKI),
    ).assertion
    client.force_login(coordinator)
    url = f"/badges/coordinate/{original.uid}/reissue/"

    ask = client.post(url)
    assert ask.context["form"]["expires_on"].value() == today + timedelta(days=90)

    past = client.post(url, {"confirm": "yes", "expires_on": (today - timedelta(days=1)).isoformat()})
    assert past.status_code == 400
    assert "This day has passed" in past.content.decode()
    assert Assertion.objects.filter(reissue_of=original).count() == 0

    done = client.post(url, {"confirm": "yes", "expires_on": (today + timedelta(days=90)).isoformat()})
    new = Assertion.objects.get(reissue_of=original)
    assert done.url == f"/badges/coordinate/{new.uid}/"
    assert timezone.localtime(new.expires_on).date() == today + timedelta(days=90)
    assert (timezone.localtime(new.expires_on).hour, new.issued_on) == (23, CRITERIA_MET)
    original.refresh_from_db()
    assert original.revocation_reason == f"Replaced by the re-issued badge {new.uid}."


def test_a_reissue_without_an_expiry_does_not_expire(client, coordinator, prior_learning_badge, staff, org):
    original = badge_award(recipient=staff, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET, acting_user=coordinator, narrative="x").assertion
    client.force_login(coordinator)
    client.post(f"/badges/coordinate/{original.uid}/reissue/", {"confirm": "yes", "expires_on": ""})
    assert Assertion.objects.get(reissue_of=original).expires_on is None


def test_awarding_a_revoked_badge_again_says_it_was_revoked(client, coordinator, prior_learning_badge, staff, org):
    held = badge_award(recipient=staff, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET, acting_user=coordinator, narrative="x").assertion
    badge_revoke(assertion=held, reason="By mistake.", acting_user=coordinator)
    client.force_login(coordinator)
    reply = client.post("/badges/coordinate/award/", {
        "recipient_email": staff.email, "badge_class": prior_learning_badge.pk, "recognised_on": "2026-10-05", "narrative": "Again.",
    })
    assert reply.status_code == 400
    assert "Ülle Mäe-Õunapuu was awarded this badge on 20 November 2026; it has been revoked" in reply.content.decode()
    assert Assertion.objects.filter(recipient=staff).count() == 1
