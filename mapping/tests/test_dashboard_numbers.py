"""The coordinator's dashboard gives exact numbers for an organisation with known answers.

The organisation (see dashboard_data.PEOPLE): 10 members in two departments — 7 have
submitted in the 2026 round with designed levels, 1 has only a draft (answered at
Expert on three pages), 2 have not started (one of them the coordinator) — and one
invitation to the Maritime department is not accepted yet. Three of them also submitted
in the 2025 round; a fourth left a draft there.
"""

import re
from datetime import date
from decimal import Decimal

import pytest

from mapping import selectors
from mapping.models import OrganisationTarget
from rexvet.accounts.models import Membership

from .dashboard_data import dashboard_url, known  # noqa: F401

D = Decimal

# (Starting, Rookie, Advanced, Expert), not assessed — the 7 results of 2026.
DISTRIBUTION = {
    "eu-context": ([1, 3, 2, 1], 0),
    "vet-systems": ([2, 3, 2, 0], 0),
    "language": ([1, 2, 3, 1], 0),
    "multicultural": ([0, 3, 2, 1], 1),
    "projects": ([2, 2, 2, 0], 1),
    "strategy": ([3, 2, 1, 1], 0),
}


def dashboard(known, **filters):
    return selectors.coordinator_dashboard(known.current, selectors.Scope(known.org.pk, **filters))


def text_of(html: str) -> str:
    html = re.sub(r"<svg.*?</svg>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture
def targets(known):
    def target(area, level, share, year):
        return OrganisationTarget.objects.create(
            organisation=known.org, area_code=area, level_code=level, share_percent=share, target_date=date(year, 12, 31)
        )

    return [
        target("language", "advanced", 80, 2027),
        target("multicultural", "advanced", 45, 2026),
        target("eu-context", "rookie", 50, 2026),
    ]


def test_participation_counts_drafts_as_in_progress_and_pending_invitations_as_invited(known):
    p = dashboard(known).participation
    assert (p.members, p.pending_invitations, p.invited) == (10, 1, 11)
    assert (p.submitted, p.in_progress, p.not_started) == (7, 1, 3)
    assert p.submitted_percent == 64  # 7 of 11


def test_the_distribution_per_area_is_exact(known):
    d = dashboard(known)
    assert d.respondents == 7
    assert {row.area.code: (row.counts, row.not_assessed) for row in d.areas} == DISTRIBUTION


def test_shares_leave_not_assessed_out(known):
    rows = {row.area.code: row for row in dashboard(known).areas}
    assert rows["language"].shares == [D("14.3"), D("28.6"), D("42.9"), D("14.3")]
    # Multicultural: 6 assessed, 1 not assessed.
    assert rows["multicultural"].assessed == 6
    assert rows["multicultural"].shares == [D("0.0"), D("50.0"), D("33.3"), D("16.7")]


def test_a_drafts_only_person_is_in_progress_and_not_in_the_distribution(known):
    d = dashboard(known, department="Maritime")
    # Maritime: three submitted, the drafts-only person, one not started, one invitation.
    assert (d.participation.submitted, d.participation.in_progress, d.participation.not_started) == (3, 1, 2)
    eu = next(row for row in d.areas if row.area.code == "eu-context")
    # Her draft answers say Expert; the three results say Rookie, Advanced, Rookie.
    assert eu.counts == [0, 2, 1, 0]
    # A draft in 2025 does not count there either: 3 results, not 4.
    assert [c.assessed for c in next(r for r in dashboard(known).trend if r.area.code == "eu-context").cells] == [3, 7]


def test_someone_who_left_the_organisation_is_not_counted(known):
    Membership.objects.filter(user=known.people["Rein Mägi"]).delete()
    d = dashboard(known)
    assert (d.participation.members, d.participation.submitted) == (9, 6)
    strategy = next(row for row in d.areas if row.area.code == "strategy")
    assert strategy.counts == [3, 2, 1, 0]  # his Expert is gone


def test_filters_by_department_and_job_role(known):
    d = dashboard(known, department="Hospitality", job_role="Trainer")
    assert (d.participation.members, d.respondents) == (2, 2)
    language = next(row for row in d.areas if row.area.code == "language")
    assert language.counts == [0, 1, 1, 0]  # Mart Advanced, Liis Rookie


def test_targets_show_the_gap_in_people_rounded_up_and_both_shares(known, targets):
    rows = {t.target.area_code: t for t in dashboard(known).targets}
    language = rows["language"]  # 80 % of 10 = 8; 4 at Advanced or above (one of them Expert)
    assert (language.staff, language.respondents, language.at_or_above) == (10, 7, 4)
    assert (language.needed, language.gap) == (8, 4)
    assert (language.share_of_staff, language.share_of_respondents) == (D("40.0"), D("57.1"))
    multicultural = rows["multicultural"]  # 45 % of 10 = 4.5: 5 people
    assert (multicultural.at_or_above, multicultural.needed, multicultural.gap) == (3, 5, 2)
    assert (multicultural.share_of_staff, multicultural.share_of_respondents) == (D("30.0"), D("42.9"))
    eu = rows["eu-context"]  # Rookie or above: 6 of 10, target 50 %
    assert (eu.at_or_above, eu.needed, eu.gap, eu.met) == (6, 5, 0, True)
    assert (eu.share_of_staff, eu.share_of_respondents) == (D("60.0"), D("85.7"))


def test_targets_within_a_department_use_that_department_as_the_base(known, targets):
    language = next(t for t in dashboard(known, department="Hospitality").targets if t.target.area_code == "language")
    # 5 staff (the coordinator has not started), 4 respondents, 3 at Advanced or above.
    assert (language.staff, language.respondents, language.at_or_above) == (5, 4, 3)
    assert (language.needed, language.gap) == (4, 1)
    assert (language.share_of_staff, language.share_of_respondents) == (D("60.0"), D("75.0"))


def test_the_trend_matches_areas_by_code_across_rounds(known):
    trend = {row.area.code: row.cells for row in dashboard(known).trend}
    assert [r.name for r in dashboard(known).trend_rounds] == ["Mapping 2025", "Mapping 2026"]
    assert [(c.mean, c.share, c.assessed) for c in trend["language"]] == [(D("1.00"), D("33.3"), 3), (D("1.57"), D("57.1"), 7)]
    assert [(c.mean, c.share, c.assessed) for c in trend["eu-context"]] == [(D("1.33"), D("33.3"), 3), (D("1.43"), D("42.9"), 7)]
    assert [(c.mean, c.share, c.assessed) for c in trend["projects"]] == [(D("0.67"), D("0.0"), 3), (D("1.00"), D("33.3"), 6)]


def test_the_trend_follows_the_filter(known):
    language = next(r for r in dashboard(known, department="Hospitality").trend if r.area.code == "language")
    # 2025: Piret Rookie, Ørsted-Łukasiewicz Advanced; 2026: 2, 3, 2, 1.
    assert [(c.mean, c.share, c.assessed) for c in language.cells] == [(D("1.50"), D("50.0"), 2), (D("2.00"), D("75.0"), 4)]


def test_the_trend_of_the_earlier_round_stops_at_that_round(known):
    d = selectors.coordinator_dashboard(known.earlier, selectors.Scope(known.org.pk))
    assert [r.name for r in d.trend_rounds] == ["Mapping 2025"]


def test_the_page_shows_the_figures(client, known, targets):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(known.current))
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "Invited 11 Submitted 7 (64 %) In progress 1 Not started 3" in text
    assert "Language and communication 1 (14.3 %) 2 (28.6 %) 3 (42.9 %) 1 (14.3 %) 0 7" in text
    assert "4 more staff at Advanced or above in Language and communication to reach the 2027 target." in text
    assert "2 more staff at Advanced or above in Working in a multicultural environment to reach the 2026 target." in text
    assert "Target reached: 50 % at Rookie or above in Knowledge of the EU and the European context by 2026." in text
    assert "4 / 10 40.0 % 57.1 % (4 / 7) 4" in text  # at or above, share of staff, of respondents, gap
    assert "People without a submitted result count as not at the level" in text
    assert "Language and communication 1.00 (33.3 %, n = 3) 1.57 (57.1 %, n = 7)" in text
    # A chart for each: distribution, targets, trend — each with a table beside it.
    html = response.content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3
    for table in ("distribution-table", "targets-table", "trend-table"):
        assert f'id="{table}"' in html


def test_the_page_with_a_filter_says_whom_it_shows(client, known):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(known.current), {"department": "Maritime", "job_role": "Trainer"})
    text = text_of(response.content.decode())
    assert "Showing: department: Maritime, job role: Trainer" in text
    assert "Invited 2 Submitted 2 (100 %)" in text


def test_an_unknown_filter_value_is_reported_and_all_staff_are_shown(client, known):
    client.force_login(known.coordinator)
    response = client.get(dashboard_url(known.current), {"department": "Nowhere"})
    assert response.status_code == 200
    text = text_of(response.content.decode())
    assert "Select a valid choice. Nowhere is not one of the available choices. All departments are shown." in text
    assert "Showing: all staff" in text
    assert "Invited 11" in text


def test_members_without_a_department_can_be_chosen(known):
    Membership.objects.filter(user=known.people["Jaan Saar"]).update(department="")
    d = dashboard(known, department="")
    assert (d.participation.members, d.respondents) == (1, 1)


def test_the_trend_matches_areas_by_code_across_model_versions(known, rexvet_model, project_admin):
    from django.utils import timezone

    from pathways.models import Area
    from pathways.selectors import path_structure
    from pathways.versioning import path_model_duplicate, path_model_publish
    from rexvet.testing.factories import RoundFactory

    from .dashboard_data import submit_with_levels

    v2 = path_model_duplicate(path_model=rexvet_model, acting_user=project_admin)
    # The new version renames and reorders an area; its code stays.
    Area.objects.filter(path_model=v2, code="language").update(name="Languages and intercultural communication", order=99)
    v2 = path_model_publish(path_model=v2, acting_user=project_admin)
    later = RoundFactory(organisation=known.org, path_model=v2, name="Mapping 2027", opens_on=timezone.localdate())
    structure = path_structure(v2)
    submit_with_levels(later, known.people["Piret Sepp"], structure, [3, 3, 3, 3, 3, 3])

    d = selectors.coordinator_dashboard(later, selectors.Scope(known.org.pk))
    assert [r.name for r in d.trend_rounds] == ["Mapping 2025", "Mapping 2026", "Mapping 2027"]
    language = next(r for r in d.trend if r.area.code == "language")
    assert language.area.name == "Languages and intercultural communication"
    assert [(c.mean, c.assessed) for c in language.cells] == [(D("1.00"), 3), (D("1.57"), 7), (D("3.00"), 1)]
