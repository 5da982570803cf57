"""In an anonymous round nothing identifies a person: not the dashboard, the exports, the
HTML source, nor Django admin; a group smaller than the minimum size is "too few answers".

The round has minimum group size 5. Nine of the ten members submit: Hospitality 5
(the coordinator among them), Maritime 4.
"""

import csv
import io
import zipfile
from datetime import date, timedelta

import pytest
from django.contrib import admin
from django.utils import timezone

from mapping import selectors
from mapping.models import Answer, AreaResult, OrganisationTarget, Response, Result
from pathways.models import DevelopmentPlan, PlanItem
from rexvet.accounts.models import Membership
from rexvet.testing.factories import RoundFactory

from .dashboard_data import PEOPLE, dashboard_url, known, submit_with_levels  # noqa: F401


@pytest.fixture
def anonymous(known, rexvet_model, structure):
    today = timezone.localdate()
    rnd = RoundFactory(
        organisation=known.org, path_model=rexvet_model, name="Anonymous mapping 2026", is_anonymous=True,
        min_group_size=5, opens_on=today - timedelta(days=1), closes_on=today + timedelta(days=30),
    )  # fmt: skip
    for name, _dept, _role, levels, _ in PEOPLE:
        submit_with_levels(rnd, known.people[name], structure, levels)
    submit_with_levels(rnd, known.coordinator, structure, [1, 1, 1, 1, 1, 1])
    submit_with_levels(rnd, known.draft_user, structure, [2, 2, 2, 2, 2, 2])
    OrganisationTarget.objects.create(
        organisation=known.org, area_code="language", level_code="advanced", share_percent=50, target_date=date(2027, 12, 31)
    )
    return rnd


def identities(known):
    """The name and e-mail of every member except the coordinator who is looking."""
    people = [*known.people.values(), known.draft_user, known.not_started_user]
    return [p.full_name for p in people] + [p.email for p in people]


def test_a_group_of_four_is_too_few_answers(anonymous, known):
    d = selectors.coordinator_dashboard(anonymous, selectors.Scope(known.org.pk, department="Maritime"))
    assert d.respondents == 4
    assert d.withheld == selectors.TOO_FEW
    assert all(row.withheld and row.counts == [0, 0, 0, 0] for row in d.areas)
    assert all(t.at_or_above is None and t.gap is None for t in d.targets)
    assert d.trend_withheld[-1] == selectors.TOO_FEW


def test_the_page_of_a_group_of_four_shows_too_few_answers_and_no_figures(client, anonymous, known):
    client.force_login(known.coordinator)
    html = client.get(dashboard_url(anonymous), {"department": "Maritime"}).content.decode()
    assert "Too few answers (fewer than 5): 4 people in this group have submitted" in html
    assert 'id="distribution-table"' not in html
    assert "more staff at" not in html


def test_a_group_whose_rest_is_too_small_is_withheld_too(anonymous, known):
    # Hospitality has 5 respondents, but the whole organisation minus Hospitality is 4.
    d = selectors.coordinator_dashboard(anonymous, selectors.Scope(known.org.pk, department="Hospitality"))
    assert (d.respondents, d.withheld) == (5, selectors.REST_TOO_FEW)


def test_the_whole_organisation_is_shown(anonymous, known):
    d = selectors.coordinator_dashboard(anonymous, selectors.Scope(known.org.pk))
    assert (d.respondents, d.withheld) == (9, None)
    language = next(row for row in d.areas if row.area.code == "language")
    # The seven of 2026, the coordinator at Rookie and the former drafter at Advanced.
    assert language.counts == [1, 3, 4, 1]


def test_the_same_group_is_shown_in_a_named_round(known):
    d = selectors.coordinator_dashboard(known.current, selectors.Scope(known.org.pk, department="Hospitality", job_role="Trainer"))
    assert (d.respondents, d.withheld) == (2, None)


@pytest.mark.parametrize("filters", [{}, {"department": "Maritime"}, {"department": "Hospitality", "job_role": "Teacher"}])
def test_no_member_is_named_in_the_html(client, anonymous, known, filters):
    client.force_login(known.coordinator)
    html = client.get(dashboard_url(anonymous), filters).content.decode()
    for identity in identities(known):
        assert identity not in html
    # The coordinator's own name appears once: the account link in the navigation.
    assert html.count(known.coordinator.full_name) == 1
    assert f'title="My account: e-mail and password">{known.coordinator.full_name}</a>' in html
    assert known.coordinator.email not in html
    assert f"/people/" not in html  # no link to a heatmap or a person


@pytest.mark.parametrize("table", ["participation", "levels", "targets", "trend"])
def test_no_member_is_named_in_a_csv_export(client, anonymous, known, table):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(anonymous, "export.csv"), {"table": table, "delimiter": "comma"})
    assert response.status_code == 200
    body = response.content.decode("utf-8-sig")
    for identity in [*identities(known), known.coordinator.full_name, known.coordinator.email]:
        assert identity not in body
    header = next(csv.reader(io.StringIO(body)))
    assert not {"Name", "E-mail"} & set(header)


def test_an_anonymous_round_has_no_people_table_to_export(client, anonymous, known):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(anonymous, "export.csv"), {"table": "people", "delimiter": "comma"})
    assert response.status_code == 400


def test_no_member_is_named_in_the_xlsx_export(client, anonymous, known):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(anonymous, "export.xlsx"))
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        xml = "".join(archive.read(name).decode("utf-8") for name in archive.namelist())
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
    assert len(sheets) == 5  # about, participation, levels, targets, trend: no people
    for identity in [*identities(known), known.coordinator.full_name, known.coordinator.email]:
        assert identity not in xml


def test_the_withheld_group_exports_no_figures(client, anonymous, known):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(anonymous, "export.csv"), {"table": "levels", "delimiter": "comma", "department": "Maritime"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[3] == ["language", "Language and communication"] + [""] * 11 + ["Too few answers (fewer than 5)"]


def test_there_is_no_heatmap_nor_person_page(client, anonymous, known):
    client.force_login(known.coordinator)
    assert client.get(dashboard_url(anonymous, "people/")).status_code == 404
    person = known.people["Piret Sepp"]
    assert client.get(dashboard_url(anonymous, f"people/{person.pk}/")).status_code == 404


def test_the_selectors_refuse_to_list_people(anonymous, known):
    parts = selectors.model_parts(anonymous.path_model_id)
    with pytest.raises(PermissionError):
        selectors.heatmap_page(anonymous, selectors.Scope(known.org.pk), parts, 1)
    with pytest.raises(PermissionError):
        selectors.people_rows(anonymous, selectors.Scope(known.org.pk), parts)
    with pytest.raises(PermissionError):
        selectors.person_in_round(anonymous, known.people["Piret Sepp"].pk)


def test_django_admin_shows_no_per_person_answers_or_results():
    # Per-person answers, results, levels and plans are not in Django admin at all, so
    # an anonymous round's cannot be either.
    for model in (Response, Answer, Result, AreaResult, DevelopmentPlan, PlanItem):
        assert not admin.site.is_registered(model), model


def test_django_admin_memberships_are_not_linked_to_answers(client, project_admin, anonymous, known):
    client.force_login(project_admin)
    membership = Membership.objects.get(user=known.people["Piret Sepp"])
    html = client.get(f"/admin/accounts/membership/{membership.pk}/change/").content.decode()
    assert anonymous.name not in html
    html = client.get(f"/admin/mapping/round/{anonymous.pk}/change/").content.decode()
    for identity in identities(known):
        assert identity not in html


def test_who_took_part_is_not_shown_for_a_group_smaller_than_the_minimum(client, anonymous, known):
    # Maritime trainers are two people: participation would tell whether both answered.
    scope = {"department": "Maritime", "job_role": "Trainer"}
    assert Membership.objects.filter(organisation=known.org, **scope).count() == 2
    client.force_login(known.coordinator)
    html = client.get(dashboard_url(anonymous), scope).content.decode()
    assert "Too few people in this group: this anonymous round shows who took part only for groups of at least 5." in html
    assert 'class="stat-grid"' not in html
    assert "in this group has submitted" not in html and "in this group have submitted" not in html
    body = client.get(
        dashboard_url(anonymous, "export.csv"), {"table": "participation", "delimiter": "comma", **scope}
    ).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[-1][0] == ""  # no count of staff, and no count of who submitted
    assert all("Submitted" not in cell for cell in rows[0])
