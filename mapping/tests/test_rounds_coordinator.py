"""Coordinators open, follow and close mapping rounds of their own organisation.

Participation: the base ("invited") is every member of the organisation plus every
invitation not accepted yet; drafts are "in progress", never results.
"""

import re
from datetime import date, timedelta
from unittest import mock

import pytest
from django.utils import timezone

from mapping import tasks
from mapping.models import Invitation, Response, Round
from pathways.versioning import path_model_duplicate
from rexvet.testing.factories import MembershipFactory, RoundFactory, UserFactory

ROUNDS = "/mapping/coordinate/"
OPEN = "/mapping/coordinate/organisations/{org}/rounds/new/"
INVITE = "/mapping/coordinate/organisations/{org}/invitations/"
DETAIL = "/mapping/coordinate/rounds/{round}/"
CLOSE = "/mapping/coordinate/rounds/{round}/close/"
REMIND = "/mapping/coordinate/rounds/{round}/reminders/"


def invite(org, email: str, **extra) -> Invitation:
    return Invitation.objects.create(organisation=org, email=email, token=f"token-{email}", **extra)


def answer(rnd, user, status: str) -> Response:
    """A response in the given state (participation counts only look at the state)."""
    return Response.objects.create(round=rnd, user=user, status=status)


def member(org, name: str, **extra):
    return MembershipFactory(organisation=org, user=UserFactory(full_name=name), **extra).user


# --- Who may open what -----------------------------------------------------------------

# (url, method, data) for every coordinator URL of this feature.
COORDINATOR_URLS = [
    (ROUNDS, "get"),
    (OPEN, "get"),
    (OPEN, "post"),
    (DETAIL, "get"),
    (CLOSE, "post"),
    (REMIND, "post"),
    (INVITE, "get"),
    (INVITE, "post"),
]
OWN_ORGANISATION = {ROUNDS: 200, OPEN: 200, DETAIL: 200, INVITE: 200}


def expected(persona: str, url: str, method: str) -> tuple[int, str | None]:
    if persona == "anonymous":
        return 302, "/accounts/login/?next={url}"
    if persona in ("staff", "colleague", "project_admin"):
        return 403, None  # signed in, but coordinates no organisation
    if persona == "other_coordinator":
        # Their own list exists; this organisation's round and pages do not, for them.
        return (200, None) if url == ROUNDS else (404, None)
    # The coordinator of this organisation.
    if method == "post":
        if url == OPEN:
            return 302, None  # to the new round's page
        if url in (CLOSE, REMIND):
            return 302, DETAIL
        return 302, INVITE
    return OWN_ORGANISATION[url], None


PERSONAS = ["anonymous", "staff", "colleague", "coordinator", "other_coordinator", "project_admin"]
MATRIX = [(p, url, method) for p in PERSONAS for url, method in COORDINATOR_URLS]


def post_data(url: str, rexvet_model) -> dict:
    if url == OPEN:
        today = timezone.localdate()
        return {
            "name": "Kuressaare mapping 2027",
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=20)).isoformat(),
            "path_model": rexvet_model.pk,
            "is_anonymous": "false",
            "min_group_size": "5",
        }
    if url == INVITE:
        return {"kind": "paste", "paste-addresses": "new.person@kuressaare.example"}
    if url == CLOSE:
        return {"confirm": "yes"}
    return {}


@pytest.mark.parametrize(("persona", "url", "method"), MATRIX, ids=[f"{p}-{m}-{u}" for p, u, m in MATRIX])
def test_each_persona_gets_the_answer_of_the_matrix(
    request, client, org, open_round, rexvet_model, staff, colleague, coordinator, persona, url, method
):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    path = url.format(org=org.pk, round=open_round.pk)
    status, location = expected(persona, url, method)

    with mock.patch.object(tasks.send_round_reminders, "delay"), mock.patch.object(tasks.send_invitations, "delay"):
        reply = getattr(client, method)(path, post_data(url, rexvet_model) if method == "post" else None)

    assert reply.status_code == status
    if location is not None:
        assert reply["Location"] == location.format(url=path, org=org.pk, round=open_round.pk)


def test_the_matrix_covers_every_persona_and_url():
    assert len(MATRIX) == 6 * 8 == 48


def test_nothing_changes_when_another_organisations_coordinator_posts(client, other_coordinator, org, open_round, rexvet_model):
    client.force_login(other_coordinator)

    for url in (OPEN, CLOSE, REMIND, INVITE):
        client.post(url.format(org=org.pk, round=open_round.pk), post_data(url, rexvet_model))

    open_round.refresh_from_db()
    assert open_round.closed_at is None
    assert Round.objects.count() == 1
    assert Invitation.objects.count() == 0


def test_a_partnership_round_has_no_coordinator_page(client, coordinator, rexvet_model):
    partnership = RoundFactory(organisation=None, path_model=rexvet_model, name="REXVET partnership mapping")
    client.force_login(coordinator)

    assert client.get(DETAIL.format(round=partnership.pk)).status_code == 404
    assert client.post(CLOSE.format(round=partnership.pk)).status_code == 404


# --- The rounds list ---------------------------------------------------------------------


@pytest.fixture
def participation(org, other_org, rexvet_model, coordinator, staff, colleague):
    """Kuressaare: 6 members and 2 open invitations (base 8); in the round 2 drafts and
    2 submitted; an accepted invitation and another organisation's people count nowhere."""
    rnd = RoundFactory(organisation=org, path_model=rexvet_model, name="Kuressaare mapping 2026")
    anu, mart, liis = (member(org, name) for name in ("Anu Sepp", "Mart Kask", "Liis Saar"))
    answer(rnd, staff, Response.Status.DRAFT)
    answer(rnd, anu, Response.Status.DRAFT)
    answer(rnd, colleague, Response.Status.SUBMITTED)
    answer(rnd, mart, Response.Status.SUBMITTED)
    invite(org, "pending.one@kuressaare.example")
    invite(org, "pending.two@kuressaare.example")
    invite(org, liis.email, accepted_at=timezone.now(), accepted_by=liis)
    # Someone who answered and then left the organisation is not in the base either.
    leaver = member(org, "Olev Lahkuja")
    answer(rnd, leaver, Response.Status.SUBMITTED)
    leaver.memberships.all().delete()
    # Another organisation: its own members, invitation and answers.
    enac_round = RoundFactory(organisation=other_org, path_model=rexvet_model, name="ENAC mapping 2026")
    for name in ("Luca Neri", "Sara Blu"):
        answer(enac_round, member(other_org, name), Response.Status.SUBMITTED)
    invite(other_org, "nuovo@enac.example")
    return rnd


def row_of(html: str, name: str) -> str:
    start = html.index(f">{name}</a>")
    return html[start : html.index("</tr>", start)]


def numbers(row: str) -> list[str]:
    """The three counts of a row of the rounds table: invited, in progress, submitted."""
    return re.findall(r'<td class="text-end">(\d+)', row)


def test_rounds_list_shows_exact_participation(client, coordinator, participation):
    client.force_login(coordinator)

    html = client.get(ROUNDS).content.decode()

    assert numbers(row_of(html, "Kuressaare mapping 2026")) == ["8", "2", "2"]
    assert "(25 %)" in row_of(html, "Kuressaare mapping 2026")
    assert "6 members · 2 invitations not accepted yet" in html
    assert "ENAC mapping 2026" not in html


def test_rounds_list_shows_each_organisation_the_coordinator_coordinates(
    client, coordinator, other_org, participation, rexvet_model
):
    MembershipFactory(user=coordinator, organisation=other_org, role="coordinator")
    client.force_login(coordinator)

    html = client.get(ROUNDS).content.decode()

    assert numbers(row_of(html, "Kuressaare mapping 2026")) == ["8", "2", "2"]
    # ENAC: 2 members + the coordinator, 1 open invitation; 2 submitted.
    assert numbers(row_of(html, "ENAC mapping 2026")) == ["4", "0", "2"]


def test_round_states_are_shown(client, coordinator, org, rexvet_model):
    today = timezone.localdate()
    RoundFactory(organisation=org, path_model=rexvet_model, name="Upcoming", opens_on=today + timedelta(days=2))
    RoundFactory(organisation=org, path_model=rexvet_model, name="Closed early", closed_at=timezone.now())
    RoundFactory(
        organisation=org, path_model=rexvet_model, name="Past",
        opens_on=today - timedelta(days=90), closes_on=today - timedelta(days=60),
    )
    RoundFactory(organisation=org, path_model=rexvet_model, name="Running")
    client.force_login(coordinator)

    html = client.get(ROUNDS).content.decode()

    assert 'text-bg-info">Not open yet' in row_of(html, "Upcoming")
    assert 'text-bg-secondary">Closed early' in row_of(html, "Closed early")
    assert 'text-bg-secondary">Closed<' in row_of(html, "Past")
    assert 'text-bg-success">Open' in row_of(html, "Running")


# --- Opening a round ----------------------------------------------------------------------


def test_the_form_starts_with_minimum_group_size_5_and_named(client, coordinator, org, rexvet_model):
    client.force_login(coordinator)

    html = client.get(OPEN.format(org=org.pk)).content.decode()

    assert 'name="min_group_size" value="5"' in html
    assert re.search(r'name="is_anonymous" value="false"\s+id="id_is_anonymous_0" required checked>', html)
    assert re.search(r'name="is_anonymous" value="true"\s+id="id_is_anonymous_1" required>', html)
    assert f'<option value="{rexvet_model.pk}" selected>' in html


def test_opening_a_round_stores_exactly_what_was_entered(client, coordinator, org, rexvet_model):
    client.force_login(coordinator)
    data = {
        "name": "Kuressaare mapping 2027",
        "opens_on": "2030-01-10",
        "closes_on": "2030-02-28",
        "path_model": rexvet_model.pk,
        "is_anonymous": "true",
        "min_group_size": "7",
    }

    reply = client.post(OPEN.format(org=org.pk), data)

    rnd = Round.objects.get(name="Kuressaare mapping 2027")
    assert reply.status_code == 302
    assert reply["Location"] == DETAIL.format(round=rnd.pk)
    assert (rnd.organisation, rnd.path_model, rnd.opens_on, rnd.closes_on) == (
        org, rexvet_model, date(2030, 1, 10), date(2030, 2, 28))
    assert (rnd.is_anonymous, rnd.min_group_size, rnd.created_by, rnd.closed_at) == (True, 7, coordinator, None)


def test_a_new_round_leaves_earlier_rounds_and_their_responses_alone(client, coordinator, participation, rexvet_model, org):
    before = list(Response.objects.order_by("pk").values_list("pk", "round_id", "status"))
    client.force_login(coordinator)

    client.post(OPEN.format(org=org.pk), {**post_data(OPEN, rexvet_model)})

    assert list(Response.objects.order_by("pk").values_list("pk", "round_id", "status")) == before
    assert Round.objects.filter(organisation=org).count() == 2


def field_errors(html: str, field: str) -> str:
    """What crispy renders for one field: its input and the errors next to it."""
    start = html.index(f'id="div_id_{field}"')
    end = html.find('id="div_id_', start + 1)
    return html[start : end if end != -1 else len(html)]


def test_closing_before_opening_is_refused_next_to_the_closing_date(client, coordinator, org, rexvet_model):
    client.force_login(coordinator)
    data = {**post_data(OPEN, rexvet_model), "opens_on": "2030-03-01", "closes_on": "2030-02-01"}

    reply = client.post(OPEN.format(org=org.pk), data)

    assert reply.status_code == 400
    assert "The round must close on or after the day it opens." in field_errors(reply.content.decode(), "closes_on")
    assert Round.objects.count() == 0


def test_a_closing_date_in_the_past_is_refused(client, coordinator, org, rexvet_model):
    client.force_login(coordinator)
    yesterday = timezone.localdate() - timedelta(days=1)
    data = {**post_data(OPEN, rexvet_model), "opens_on": "2020-01-01", "closes_on": yesterday.isoformat()}

    reply = client.post(OPEN.format(org=org.pk), data)

    assert reply.status_code == 400
    assert "The closing date has passed" in field_errors(reply.content.decode(), "closes_on")


def test_missing_name_and_a_group_of_one_are_refused_field_by_field(client, coordinator, org, rexvet_model):
    client.force_login(coordinator)
    data = {**post_data(OPEN, rexvet_model), "name": "", "min_group_size": "1"}

    html = client.post(OPEN.format(org=org.pk), data).content.decode()

    assert "This field is required." in field_errors(html, "name")
    assert "Ensure this value is greater than or equal to 2." in field_errors(html, "min_group_size")
    assert Round.objects.count() == 0


def test_a_draft_path_model_is_neither_offered_nor_accepted(client, coordinator, org, rexvet_model, project_admin):
    draft = path_model_duplicate(path_model=rexvet_model, acting_user=project_admin)
    client.force_login(coordinator)

    form = client.get(OPEN.format(org=org.pk)).content.decode()
    reply = client.post(OPEN.format(org=org.pk), {**post_data(OPEN, rexvet_model), "path_model": draft.pk})

    assert f'value="{draft.pk}"' not in form
    assert f'value="{rexvet_model.pk}"' in form
    assert reply.status_code == 400
    assert "Select a valid choice." in field_errors(reply.content.decode(), "path_model")
    assert Round.objects.count() == 0


# --- Closing a round -------------------------------------------------------------------


def test_closing_sets_closed_at_and_the_survey_refuses(client, coordinator, staff, open_round):
    client.force_login(coordinator)

    reply = client.post(CLOSE.format(round=open_round.pk), {"confirm": "yes"})

    open_round.refresh_from_db()
    assert reply.status_code == 302
    assert open_round.closed_at is not None
    assert open_round.is_open is False
    client.force_login(staff)
    started = client.post(f"/mapping/rounds/{open_round.pk}/", follow=True)
    assert "This round is not open." in started.content.decode()
    assert Response.objects.filter(round=open_round).count() == 0


def test_closing_asks_once_more_before_it_closes(client, coordinator, open_round):
    client.force_login(coordinator)

    asked = client.post(CLOSE.format(round=open_round.pk))

    open_round.refresh_from_db()
    assert asked.status_code == 200
    assert open_round.closed_at is None
    html = asked.content.decode()
    assert '<input type="hidden" name="confirm" value="yes">' in html
    assert "Yes, close the round" in html


def test_closing_twice_keeps_the_first_closing_time(client, coordinator, open_round):
    client.force_login(coordinator)
    client.post(CLOSE.format(round=open_round.pk), {"confirm": "yes"})
    open_round.refresh_from_db()
    first = open_round.closed_at

    again = client.post(CLOSE.format(round=open_round.pk), {"confirm": "yes"}, follow=True)

    open_round.refresh_from_db()
    assert open_round.closed_at == first
    assert "The round was closed already." in again.content.decode()


def test_a_draft_left_in_a_closed_round_stays_a_draft(client, coordinator, staff, open_round):
    draft = answer(open_round, staff, Response.Status.DRAFT)
    client.force_login(coordinator)

    client.post(CLOSE.format(round=open_round.pk), {"confirm": "yes"})

    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT
    client.force_login(staff)
    assert client.get(f"/mapping/rounds/{open_round.pk}/page/1/").status_code == 403


def test_a_closed_round_page_is_read_only(client, coordinator, open_round):
    Round.objects.filter(pk=open_round.pk).update(closed_at=timezone.now())
    client.force_login(coordinator)

    html = client.get(DETAIL.format(round=open_round.pk)).content.decode()

    assert "This round is closed and read-only." in html
    assert "<form" not in html.split('id="main"', 1)[1]
    assert "Send reminders" not in html and "Close the round now" not in html


def test_an_open_round_page_offers_reminders_and_closing(client, coordinator, open_round):
    client.force_login(coordinator)

    html = client.get(DETAIL.format(round=open_round.pk)).content.decode()

    assert f'action="{REMIND.format(round=open_round.pk)}"' in html
    assert f'action="{CLOSE.format(round=open_round.pk)}"' in html


# --- The round page: people in named rounds, counts only in anonymous ones ---------------


def test_named_round_lists_each_member_with_department_job_role_and_status(client, coordinator, org, participation):
    client.force_login(coordinator)

    html = client.get(DETAIL.format(round=participation.pk)).content.decode()

    assert '<dd class="col-sm-8 col-lg-9" id="count-invited">8</dd>' in html
    assert 'id="count-in-progress">2</dd>' in html
    assert 'id="count-submitted">2 (25 %)</dd>' in html
    assert 'id="count-not-started">4 <span' in html  # 2 members and 2 open invitations
    rows = {
        "Anu Sepp": "In progress",
        "Mart Kask": "Submitted",
        "Liis Saar": "Not started",
        "Ülle Mäe-Õunapuu": "In progress",
        "Tõnu Kõiv": "Submitted",
        "Kadri Tamm": "Not started",
    }
    for name, status in rows.items():
        assert (
            f'<th scope="row" class="fw-normal">{name}</th>\n          <td>Hospitality</td>\n'
            f"          <td>Teacher</td>\n          <td>{status}</td>"
        ) in html
    assert html.count('<th scope="row" class="fw-normal">') == 6
    assert "Olev Lahkuja" not in html


def test_anonymous_round_shows_counts_and_never_a_name(client, coordinator, org, participation):
    Round.objects.filter(pk=participation.pk).update(is_anonymous=True)
    client.force_login(coordinator)

    html = client.get(DETAIL.format(round=participation.pk)).content.decode()

    assert 'id="count-submitted">2 (25 %)</dd>' in html
    assert "it shows only the counts above, never who has answered" in html
    for person in ("Anu Sepp", "Mart Kask", "Liis Saar", "Ülle Mäe-Õunapuu", "Tõnu Kõiv", "Hospitality", "Teacher"):
        assert person not in html
    assert "ulle@kuressaare.example" not in html


def test_the_selector_refuses_to_list_people_of_an_anonymous_round(open_round):
    from mapping.participation import round_people

    open_round.is_anonymous = True
    with pytest.raises(PermissionError):
        round_people(open_round)


# --- Query counts -----------------------------------------------------------------------

# The rounds list GET:
#  1. the session
#  2. the user
#  3. coordinator_required: is the user a coordinator anywhere
#  4. the coordinated organisations, with member and open-invitation counts
#  5. their rounds with path model and the four participation counts
ROUNDS_QUERIES = 5

# The round page GET of a named round:
#  1. the session
#  2. the user
#  3. coordinator_required
#  4. the round, scoped to the coordinated organisations, with organisation and path model
#  5. the participation counts
#  6. the number of members (paginator)
#  7. one page of members with their user and status in this round
DETAIL_QUERIES = 7


def crowd(org, rnds, people: int) -> None:
    """`people` more members; each round gets a draft from a third and a submission from a third."""
    for n in range(people):
        user = member(org, f"Member {n:03d}")
        for rnd in rnds:
            if n % 3:
                answer(rnd, user, Response.Status.DRAFT if n % 3 == 1 else Response.Status.SUBMITTED)
        if n % 10 == 0:
            invite(org, f"invitee{n}@{org.slug}.example")


def test_rounds_list_query_count_does_not_grow_with_data(
    client, coordinator, org, other_org, rexvet_model, participation, django_assert_max_num_queries
):
    client.force_login(coordinator)
    with django_assert_max_num_queries(ROUNDS_QUERIES):
        small = client.get(ROUNDS)

    MembershipFactory(user=coordinator, organisation=other_org, role="coordinator")
    more = [RoundFactory(organisation=org, path_model=rexvet_model) for _ in range(4)]
    more += [RoundFactory(organisation=other_org, path_model=rexvet_model) for _ in range(2)]
    crowd(org, [participation, *more[:4]], people=60)
    crowd(other_org, more[4:], people=30)

    with django_assert_max_num_queries(ROUNDS_QUERIES):
        big = client.get(ROUNDS)

    assert small.status_code == big.status_code == 200
    # 66 members and 2 + 6 open invitations; 20 drafts and 2 + 20 submissions.
    assert numbers(row_of(big.content.decode(), "Kuressaare mapping 2026")) == ["74", "22", "22"]


def test_round_page_query_count_does_not_grow_with_data(
    client, coordinator, org, participation, django_assert_max_num_queries
):
    client.force_login(coordinator)
    url = DETAIL.format(round=participation.pk)
    with django_assert_max_num_queries(DETAIL_QUERIES):
        small = client.get(url)

    crowd(org, [participation], people=60)

    with django_assert_max_num_queries(DETAIL_QUERIES):
        big = client.get(url)

    html = big.content.decode()
    assert small.status_code == big.status_code == 200
    assert html.count('<th scope="row" class="fw-normal">') == 66
    assert 'id="count-submitted">22 (30 %)</dd>' in html


def test_anonymous_round_page_asks_even_fewer_queries(client, coordinator, org, participation, django_assert_max_num_queries):
    Round.objects.filter(pk=participation.pk).update(is_anonymous=True)
    crowd(org, [participation], people=60)
    client.force_login(coordinator)

    # The people list is never fetched: session, user, coordinator check, round, counts.
    with django_assert_max_num_queries(5):
        page = client.get(DETAIL.format(round=participation.pk))

    assert page.status_code == 200


def test_a_round_opened_for_later_says_when_it_opens(client, coordinator, org, rexvet_model):
    client.force_login(coordinator)
    opens = timezone.localdate() + timedelta(days=10)
    reply = client.post(
        f"/mapping/coordinate/organisations/{org.pk}/rounds/new/",
        {"name": "Next term", "opens_on": opens.isoformat(), "closes_on": (opens + timedelta(days=20)).isoformat(),
         "path_model": rexvet_model.pk, "is_anonymous": "false", "min_group_size": "5"},
        follow=True,
    )
    from django.utils import formats

    assert f"The round “Next term” is ready for {org.name}; it opens on {formats.date_format(opens)}." in reply.content.decode()
