"""Who may open each dashboard URL: a table per persona, exact codes and redirects.

The round is the named round of `org` (Kuressaare), where `staff` has submitted; the
target belongs to `org`.
"""

from datetime import date

import pytest

from mapping.models import OrganisationTarget

INDEX, PARTNERSHIP = "index", "partnership"
DASHBOARD, PEOPLE, PERSON, TARGETS, TARGET_SET, TARGET_DELETE, CSV, XLSX = (
    "dashboard", "people", "person", "targets", "target_set", "target_delete", "csv", "xlsx",
)  # fmt: skip
ROUND_URLS = [DASHBOARD, PEOPLE, PERSON, TARGETS, TARGET_SET, TARGET_DELETE, CSV, XLSX]
ALL = [INDEX, PARTNERSHIP, *ROUND_URLS]

REQUESTS = {
    INDEX: ("get", "/mapping/dashboards/"),
    PARTNERSHIP: ("get", "/mapping/dashboards/partnership/"),
    DASHBOARD: ("get", "/mapping/dashboards/rounds/{round}/"),
    PEOPLE: ("get", "/mapping/dashboards/rounds/{round}/people/"),
    PERSON: ("get", "/mapping/dashboards/rounds/{round}/people/{person}/"),
    TARGETS: ("get", "/mapping/dashboards/rounds/{round}/targets/"),
    TARGET_SET: ("post", "/mapping/dashboards/rounds/{round}/targets/"),
    TARGET_DELETE: ("post", "/mapping/dashboards/rounds/{round}/targets/{target}/delete/"),
    CSV: ("get", "/mapping/dashboards/rounds/{round}/export.csv?table=levels&delimiter=comma"),
    XLSX: ("get", "/mapping/dashboards/rounds/{round}/export.xlsx"),
}
LOGIN = "/accounts/login/?next={quoted}"

# (persona, url, status, Location)
TABLE = [
    *[("anonymous", url, 302, LOGIN) for url in ALL],
    # Staff and colleagues cannot open dashboards at all.
    *[("staff", url, 403, None) for url in ALL],
    *[("colleague", url, 403, None) for url in ALL],
    # A coordinator of another organisation: their own list, and 404 for this round.
    ("other_coordinator", INDEX, 200, None),
    ("other_coordinator", PARTNERSHIP, 403, None),
    *[("other_coordinator", url, 404, None) for url in ROUND_URLS],
    # The coordinator of the organisation.
    ("coordinator", INDEX, 200, None),
    ("coordinator", PARTNERSHIP, 403, None),
    ("coordinator", DASHBOARD, 200, None),
    ("coordinator", PEOPLE, 200, None),
    ("coordinator", PERSON, 200, None),
    ("coordinator", TARGETS, 200, None),
    ("coordinator", TARGET_SET, 302, "/mapping/dashboards/rounds/{round}/#targets"),
    ("coordinator", TARGET_DELETE, 302, "/mapping/dashboards/rounds/{round}/targets/"),
    ("coordinator", CSV, 200, None),
    ("coordinator", XLSX, 200, None),
    # A project admin: the partnership, and no organisation's round unless a coordinator.
    ("project_admin", INDEX, 200, None),
    ("project_admin", PARTNERSHIP, 200, None),
    *[("project_admin", url, 404, None) for url in ROUND_URLS],
]


@pytest.fixture
def setting(submitted_result, org):
    target = OrganisationTarget.objects.create(
        organisation=org, area_code="language", level_code="advanced", share_percent=30, target_date=date(2027, 12, 31)
    )
    rnd = submitted_result.response.round
    return {"round": rnd.pk, "person": submitted_result.response.user_id, "target": target.pk}


POST_DATA = {
    TARGET_SET: {"area_code": "language", "level_code": "expert", "share_percent": "10", "target_date": "2028-12-31"},
    TARGET_DELETE: {},
}


@pytest.mark.parametrize(("persona", "url", "status", "location"), TABLE)
def test_permission_matrix(request, client, setting, persona, url, status, location):
    from urllib.parse import quote

    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    method, path = REQUESTS[url]
    path = path.format(**setting)
    response = getattr(client, method)(path, POST_DATA.get(url, {}))
    assert response.status_code == status, response.content[:500]
    if location:
        expected = location.format(quoted=quote(path, safe="/"), **setting)
        assert response["Location"] == expected


def test_a_coordinator_of_both_organisations_sees_both(client, setting, other_coordinator, org):
    from rexvet.testing.factories import MembershipFactory

    MembershipFactory(user=other_coordinator, organisation=org, role="coordinator")
    client.force_login(other_coordinator)
    assert client.get(f"/mapping/dashboards/rounds/{setting['round']}/").status_code == 200


def test_a_project_admin_who_coordinates_sees_that_round(client, setting, project_admin, org):
    from rexvet.testing.factories import MembershipFactory

    MembershipFactory(user=project_admin, organisation=org, role="coordinator")
    client.force_login(project_admin)
    assert client.get(f"/mapping/dashboards/rounds/{setting['round']}/").status_code == 200


def test_the_list_shows_only_rounds_of_organisations_the_user_coordinates(client, setting, coordinator, other_coordinator, other_org, rexvet_model):
    from rexvet.testing.factories import RoundFactory

    RoundFactory(organisation=other_org, path_model=rexvet_model, name="ENAC mapping 2026")
    client.force_login(coordinator)
    html = client.get("/mapping/dashboards/").content.decode()
    assert "Kuressaare mapping 2026" in html and "ENAC mapping 2026" not in html
    assert "/mapping/dashboards/partnership/" not in html
    client.force_login(other_coordinator)
    html = client.get("/mapping/dashboards/").content.decode()
    assert "ENAC mapping 2026" in html and "Kuressaare mapping 2026" not in html


def test_the_list_offers_project_admins_the_partnership(client, project_admin, setting):
    client.force_login(project_admin)
    html = client.get("/mapping/dashboards/").content.decode()
    assert 'href="/mapping/dashboards/partnership/"' in html
    assert "Kuressaare mapping 2026" not in html


def test_another_organisations_target_cannot_be_deleted(client, setting, other_coordinator, other_org, rexvet_model):
    from rexvet.testing.factories import RoundFactory

    own_round = RoundFactory(organisation=other_org, path_model=rexvet_model)
    client.force_login(other_coordinator)
    response = client.post(f"/mapping/dashboards/rounds/{own_round.pk}/targets/{setting['target']}/delete/")
    assert response.status_code == 404
    assert OrganisationTarget.objects.filter(pk=setting["target"]).exists()


def test_a_person_of_another_organisation_is_not_found_through_this_round(client, setting, coordinator, other_coordinator):
    client.force_login(coordinator)
    url = f"/mapping/dashboards/rounds/{setting['round']}/people/{other_coordinator.pk}/"
    assert client.get(url).status_code == 404


def test_a_person_without_a_submitted_result_has_no_page(client, setting, coordinator, colleague, open_round):
    from mapping.services import response_start

    response_start(round=open_round, user=colleague)  # a draft
    client.force_login(coordinator)
    assert client.get(f"/mapping/dashboards/rounds/{setting['round']}/people/{colleague.pk}/").status_code == 404


def test_a_partnership_wide_round_has_no_coordinator_dashboard(client, coordinator, rexvet_model):
    from rexvet.testing.factories import RoundFactory

    partnership_round = RoundFactory(organisation=None, path_model=rexvet_model)
    client.force_login(coordinator)
    assert client.get(f"/mapping/dashboards/rounds/{partnership_round.pk}/").status_code == 404
