"""Staff see all their past rounds and how each area changed between their submitted
rounds, matched by area code across path-model versions; coordinators get a way in to
their rounds; a partnership-wide round opened in admin reaches every member."""

import html as htmllib
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from mapping.history import area_history
from mapping.models import Round
from mapping.services import response_start, response_submit
from pathways.models import Area
from pathways.selectors import path_structure
from pathways.versioning import path_model_duplicate, path_model_publish
from rexvet.testing.factories import MembershipFactory, RoundFactory
from rexvet.testing.plugin import answer_everything

# Per area: which tracks are answered "yes" (the rest "not yet"), or "na" for all.
ROUND_2025 = {
    "eu-context": {"rookie"},  # Rookie
    "vet-systems": {"rookie", "at-home", "abroad", "expert"},  # Expert
    "language": {"rookie", "at-home"},  # Advanced (at home)
    "multicultural": set(),  # Starting
    "projects": "na",  # Not assessed
    "strategy": {"rookie"},  # Rookie
}
ROUND_2026 = {
    "eu-context": {"rookie", "abroad"},  # Advanced (abroad): up
    "vet-systems": {"rookie"},  # Rookie: down
    "language": {"rookie", "at-home"},  # Advanced (at home): same
    "multicultural": {"rookie"},  # Rookie: up
    "projects": {"rookie"},  # Rookie: no comparison with "not assessed"
    # "strategy" is not in version 2.
}


def answers_for(pattern):
    def value(statement):
        tracks = pattern[statement.area.code]
        if tracks == "na":
            return "na"
        track = statement.direction.code if statement.direction else statement.level.code
        return "yes" if track in tracks else "not_yet"

    return value


def submit(rnd, user, pattern):
    structure = path_structure(rnd.path_model)
    response = response_start(round=rnd, user=user)
    answer_everything(response, structure, answers_for(pattern))
    return response_submit(response=response, acting_user=user)


@pytest.fixture
def version_2(rexvet_model, project_admin):
    """Version 2: "language" renamed, "strategy" dropped; the codes are kept."""
    draft = path_model_duplicate(path_model=rexvet_model, acting_user=project_admin)
    Area.objects.filter(path_model=draft, code="language").update(name="Languages and communication")
    Area.objects.filter(path_model=draft, code="strategy").delete()
    return path_model_publish(path_model=draft, acting_user=project_admin)


@pytest.fixture
def two_rounds(org, staff, rexvet_model, version_2):
    """staff took the 2025 round (since closed) on version 1 and the 2026 round on version 2."""
    today = timezone.localdate()
    earlier = RoundFactory(organisation=org, path_model=rexvet_model, name="Kuressaare mapping 2025")
    submit(earlier, staff, ROUND_2025)
    Round.objects.filter(pk=earlier.pk).update(
        opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=370)
    )
    later = RoundFactory(organisation=org, path_model=version_2, name="Kuressaare mapping 2026")
    submit(later, staff, ROUND_2026)
    return earlier, later


def table_rows(page: str, section_id: str) -> list[tuple[str, ...]]:
    section = page.split(f'id="{section_id}"', 1)[1].split("</section>", 1)[0]
    rows = []
    for row in re.findall(r"<tr>(.*?)</tr>", section, re.S):
        cells = re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
        rows.append(tuple(htmllib.unescape(re.sub(r"<[^>]+>|\s+(?=\s)", "", c)).strip() for c in cells))
    return rows


def test_staff_see_how_each_area_changed_matched_by_code_across_versions(client, staff, two_rounds):
    client.force_login(staff)

    page = client.get("/").content.decode()

    today = timezone.localdate().strftime("%-d %b %Y")
    assert table_rows(page, "area-changes") == [
        ("Area", f"Kuressaare mapping 2025{today}", f"Kuressaare mapping 2026{today}", "Since the round before"),
        ("Knowledge of the EU and the European context", "Rookie", "Advanced (abroad)", "▲ Up"),
        ("Understanding other VET systems", "Expert", "Rookie", "▼ Down"),
        ("Languages and communication", "Advanced (at home)", "Advanced (at home)", "Same"),
        ("Working in a multicultural environment", "Starting", "Rookie", "▲ Up"),
        ("Managing international projects and mobility", "Not assessed", "Rookie", "Cannot compare"),
        ("Linking international work to the organisation's strategy and curriculum", "Rookie", "not asked", "Cannot compare"),
    ]


def test_the_past_round_is_listed_with_its_result(client, staff, two_rounds):
    earlier, _ = two_rounds
    client.force_login(staff)

    page = client.get("/").content.decode()

    earlier.refresh_from_db()
    assert table_rows(page, "past-rounds")[1:] == [
        ("Kuressaare mapping 2025", earlier.closes_on.strftime("%-d %B %Y"), "Submitted: see result")
    ]
    assert "Kuressaare mapping 2026" not in page.split('id="past-rounds"', 1)[1].split("</section>", 1)[0]


def test_the_history_is_one_query_whatever_the_number_of_rounds(staff, two_rounds, django_assert_num_queries):
    with django_assert_num_queries(1):
        history = area_history(user=staff)

    assert [c.round_name for c in history.columns] == ["Kuressaare mapping 2025", "Kuressaare mapping 2026"]
    assert [r.change for r in history.rows] == ["up", "down", "same", "up", None, None]


def test_nobody_sees_another_persons_history(client, colleague, two_rounds):
    client.force_login(colleague)

    page = client.get("/").content.decode()

    assert 'id="area-changes"' not in page
    assert area_history(user=colleague).columns == []


def test_one_submitted_round_shows_no_change_table(client, staff, submitted_result):
    client.force_login(staff)

    page = client.get("/").content.decode()

    assert 'id="area-changes"' not in page


def test_a_round_closed_early_is_a_past_round_with_its_closing_day(client, staff, open_round):
    closed_at = timezone.now()
    Round.objects.filter(pk=open_round.pk).update(closed_at=closed_at)
    client.force_login(staff)

    page = client.get("/").content.decode()

    assert table_rows(page, "past-rounds")[1:] == [
        ("Kuressaare mapping 2026", timezone.localtime(closed_at).strftime("%-d %B %Y"), "Not taken")
    ]
    assert "No mapping round is open for your organisation right now." in page


def test_a_draft_in_a_round_closed_early_is_closed_before_submission(client, staff, draft):
    Round.objects.filter(pk=draft.round_id).update(closed_at=timezone.now())
    client.force_login(staff)

    page = client.get("/").content.decode()

    assert table_rows(page, "past-rounds")[1][2] == "Closed before submission"


# --- The home page of coordinators ------------------------------------------------------


def test_coordinators_get_a_coordinate_section(client, coordinator):
    client.force_login(coordinator)

    page = client.get("/").content.decode()

    assert '<h2 id="coordinate" class="h4">Coordinate</h2>' in page
    assert "You coordinate Kuressaare Ametikool" in page
    assert '<a class="btn btn-outline-primary" href="/mapping/coordinate/">Mapping rounds and invitations</a>' in page
    assert '<a class="btn btn-primary" href="/mapping/dashboards/">Dashboards</a>' in page


def test_staff_get_no_coordinate_section(client, staff):
    client.force_login(staff)

    page = client.get("/").content.decode()

    assert 'id="coordinate"' not in page
    assert "/mapping/coordinate/" not in page


# --- Partnership-wide rounds, opened by project admins in Django admin ------------------------


def test_a_partnership_round_opened_in_admin_shows_for_every_member(
    client, project_admin, rexvet_model, staff, other_coordinator
):
    today = timezone.localdate()
    client.force_login(project_admin)

    reply = client.post(
        "/admin/mapping/round/add/",
        {
            "organisation": "",
            "name": "REXVET partnership mapping",
            "path_model": rexvet_model.pk,
            "opens_on": today.isoformat(),
            "closes_on": (today + timedelta(days=14)).isoformat(),
            "is_anonymous": "on",
            "min_group_size": "5",
            "closed_at_0": "",
            "closed_at_1": "",
        },
    )

    rnd = Round.objects.get(name="REXVET partnership mapping")
    assert reply.status_code == 302
    assert (rnd.organisation, rnd.is_anonymous, rnd.created_by) == (None, True, project_admin)
    for person in (staff, other_coordinator):
        client.force_login(person)
        page = client.get("/").content.decode()
        assert f'<a class="btn btn-primary" href="/mapping/rounds/{rnd.pk}/">Start the self-assessment</a>' in page


def test_admin_round_list_names_a_partnership_round_as_such(client, project_admin, rexvet_model):
    RoundFactory(organisation=None, path_model=rexvet_model, name="REXVET partnership mapping")
    client.force_login(project_admin)

    page = client.get("/admin/mapping/round/").content.decode()

    assert "Whole partnership" in page


def test_a_new_member_of_an_organisation_sees_its_rounds_only(client, other_org, open_round, rexvet_model):
    newcomer = MembershipFactory(organisation=other_org).user
    client.force_login(newcomer)

    page = client.get("/").content.decode()

    assert "Kuressaare mapping 2026" not in page
