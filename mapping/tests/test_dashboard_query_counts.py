"""A constant number of SQL queries per dashboard page and export: the same at 20 staff
and at 200, over two rounds, with drafts, targets and pending invitations."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from mapping.models import Invitation, OrganisationTarget, Response
from rexvet.testing.factories import OrganisationFactory, RoundFactory

from .dashboard_data import bulk_results, crowd

# The dashboard GET:
#  1. the session
#  2. the user
#  3. is the user a coordinator (dashboard_access)
#  4. the round, scoped to the organisations they coordinate, with organisation and model
#  5. the departments and job roles of the organisation, for the filter
#  6-7. the levels and the areas of the round's model
#  8. participation: members, submitted, in progress in one aggregate
#  9. invitations not accepted yet
# 10. the organisation's rounds up to this one, for the trend
# 11. the distribution of all those rounds (GROUP BY round, area, level)
# 12. respondents per round, in scope and in the larger groups (for anonymity)
# 13. the organisation's targets
# 14. training: the modules that have badges, with enrolled and completed in scope
# 15. badges: valid, expired, revoked and holders per module, in scope (badges.figures)
DASHBOARD_QUERIES = 15

# The heatmap GET: 1-7 as above (without the dashboard aggregates), then
#  8. the number of members in scope (the paginator)
#  9. the page of members with their users
# 10. their responses in the round, with result and plan ids
# 11. the area results of those results
HEATMAP_QUERIES = 11

# A CSV of levels: 1-5 as for the dashboard, then 6-13 the dashboard's figures (8).
CSV_QUERIES = 13
# The CSV of people and the XLSX (all tables, people included): 13, then the members in
# scope, their responses, their area results.
PEOPLE_EXPORT_QUERIES = 16

# The list of dashboards: session, user, coordinator check, the rounds with submitted counts.
INDEX_QUERIES = 4

# The partnership GET: session, user, partnership-wide rounds, organisations with their
# latest round and staff count, those rounds, the distribution, the areas, the levels.
PARTNERSHIP_QUERIES = 8


def grow(org, model, structure, rounds, count: int, prefix: str) -> None:
    """`count` more members: 70 % submitted in both rounds, 10 % with a draft."""
    users = crowd(org, count, prefix=prefix)
    submitted = users[: count * 7 // 10]
    earlier, current = rounds
    bulk_results(earlier, structure, submitted, lambda i, k: (i + k) % 3)
    bulk_results(current, structure, submitted, lambda i, k: None if (i + k) % 9 == 0 else (i * 2 + k) % 4)
    Response.objects.bulk_create([Response(round=current, user=u) for u in users[count * 7 // 10 : count * 8 // 10]])
    Invitation.objects.bulk_create(
        [Invitation(organisation=org, email=f"{prefix}-inv{i}@crowd.example", token=f"{prefix}-{i}") for i in range(count // 10)]
    )


@pytest.fixture
def rounds(org, rexvet_model):
    today = timezone.localdate()
    earlier = RoundFactory(organisation=org, path_model=rexvet_model, opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=360))
    current = RoundFactory(organisation=org, path_model=rexvet_model, opens_on=today - timedelta(days=3))
    for area, level in [("language", "advanced"), ("strategy", "expert"), ("eu-context", "rookie")]:
        OrganisationTarget.objects.create(organisation=org, area_code=area, level_code=level, share_percent=30, target_date=date(2027, 12, 31))
    return earlier, current


def check_all(client, current, assert_queries, label: str) -> dict:
    base = f"/mapping/dashboards/rounds/{current.pk}/"
    requests = [
        (DASHBOARD_QUERIES, base, {}),
        (DASHBOARD_QUERIES, base, {"department": "Maritime", "job_role": "Teacher"}),
        (HEATMAP_QUERIES, f"{base}people/", {}),
        (HEATMAP_QUERIES, f"{base}people/", {"page": "2", "department": "Hospitality"}),
        (CSV_QUERIES, f"{base}export.csv", {"table": "levels", "delimiter": "semicolon"}),
        (CSV_QUERIES, f"{base}export.csv", {"table": "trend", "delimiter": "comma"}),
        (PEOPLE_EXPORT_QUERIES, f"{base}export.csv", {"table": "people", "delimiter": "comma"}),
        (PEOPLE_EXPORT_QUERIES, f"{base}export.xlsx", {}),
        (INDEX_QUERIES, "/mapping/dashboards/", {}),
    ]
    sizes = {}
    for expected, url, params in requests:
        with assert_queries(expected):
            response = client.get(url, params)
        assert response.status_code == 200, (label, url)
        sizes[(url, tuple(params.items()))] = len(response.content)
    return sizes


def test_dashboard_heatmap_and_exports_ask_the_same_number_of_queries_at_20_and_200_staff(
    client, org, coordinator, rexvet_model, structure, rounds, django_assert_num_queries
):
    grow(org, rexvet_model, structure, rounds, 19, "small")  # and the coordinator: 20
    client.force_login(coordinator)
    small = check_all(client, rounds[1], django_assert_num_queries, "20 staff")

    grow(org, rexvet_model, structure, rounds, 180, "big")  # 200 staff
    assert org.memberships.count() == 200
    big = check_all(client, rounds[1], django_assert_num_queries, "200 staff")
    # The data did grow: the export of people is longer, the page of people is full.
    people_csv = ("/mapping/dashboards/rounds/%d/export.csv" % rounds[1].pk, (("table", "people"), ("delimiter", "comma")))
    assert big[people_csv] > 5 * small[people_csv]


def test_the_partnership_asks_the_same_number_of_queries_whatever_the_size(
    client, project_admin, org, rexvet_model, structure, rounds, django_assert_num_queries
):
    grow(org, rexvet_model, structure, rounds, 20, "small")
    client.force_login(project_admin)
    with django_assert_num_queries(PARTNERSHIP_QUERIES):
        assert client.get("/mapping/dashboards/partnership/").status_code == 200

    for n in range(3):
        other = OrganisationFactory()
        today = timezone.localdate()
        other_rounds = (
            RoundFactory(organisation=other, path_model=rexvet_model, opens_on=today - timedelta(days=400), closes_on=today - timedelta(days=360)),
            RoundFactory(organisation=other, path_model=rexvet_model, opens_on=today - timedelta(days=3)),
        )
        grow(other, rexvet_model, structure, other_rounds, 60, f"other{n}")
    with django_assert_num_queries(PARTNERSHIP_QUERIES):
        response = client.get("/mapping/dashboards/partnership/")
    assert response.status_code == 200
    assert response.content.decode().count('class="bar-chart"') == 6
