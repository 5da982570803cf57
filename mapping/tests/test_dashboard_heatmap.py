"""The staff × area heatmap of a named round: every member in scope by name, their level
per area, "not assessed" marked, drafts shown as in progress, links to result and plan."""

import re

from rexvet.testing.factories import MembershipFactory

from .dashboard_data import bulk_results, crowd, dashboard_url, known  # noqa: F401


def rows_of(html: str) -> list[str]:
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip() for row in body.split("</tr>")[:-1]]


def test_it_lists_every_member_with_their_levels(client, known):
    client.force_login(known.coordinator)
    html = client.get(dashboard_url(known.current, "people/")).content.decode()
    rows = rows_of(html)
    assert len(rows) == 10
    assert "Kertu Ilves Trainer Maritime Rookie Advanced (at home) Rookie Rookie Not assessed Starting Starting" in rows
    assert "Anu Draft-Only Teacher Maritime In progress — no result yet" in rows
    assert "Toomas Notstarted Teacher Maritime Not started" in rows
    assert '<span class="heat heat-na">Not assessed</span>' in html
    assert "10 staff members" in html


def test_it_links_people_with_a_result_to_their_result_and_plan(client, known):
    client.force_login(known.coordinator)
    html = client.get(dashboard_url(known.current, "people/")).content.decode()
    piret = known.people["Piret Sepp"]
    assert f'href="/mapping/dashboards/rounds/{known.current.pk}/people/{piret.pk}/">Piret Sepp</a>' in html
    assert f"/people/{known.draft_user.pk}/" not in html
    page = client.get(dashboard_url(known.current, f"people/{piret.pk}/")).content.decode()
    assert "Result and development plan of Piret Sepp" in page
    # Her plan: Expert in EU context (top of the path), next step Advanced elsewhere.
    assert "Top of the path" in page
    assert "1 Getting started with international work" in page  # module 1 for Starting in projects


def test_it_follows_the_filter(client, known):
    client.force_login(known.coordinator)
    html = client.get(dashboard_url(known.current, "people/"), {"department": "Hospitality", "job_role": "Trainer"}).content.decode()
    assert [r.split(" Trainer")[0] for r in rows_of(html)] == ["Liis Rebane", "Mart Kask"]


def test_it_is_paginated_and_keeps_the_filter_in_the_page_links(client, org, coordinator, open_round, structure):
    users = crowd(org, 120, departments=("Hospitality",))
    bulk_results(open_round, structure, users[:60], lambda i, k: i % 4)
    client.force_login(coordinator)
    url = dashboard_url(open_round, "people/")
    first = client.get(url, {"department": "Hospitality"}).content.decode()
    assert len(rows_of(first)) == 50
    assert "people 1–50 of 121" in first
    assert 'href="?department=Hospitality&amp;page=2"' in first
    last = client.get(url, {"department": "Hospitality", "page": "3"}).content.decode()
    assert len(rows_of(last)) == 21
    assert client.get(url, {"page": "99"}).status_code == 200  # the last page


def test_a_member_of_another_organisation_is_not_listed(client, known, other_org):
    stranger = MembershipFactory(organisation=other_org).user
    client.force_login(known.coordinator)
    html = client.get(dashboard_url(known.current, "people/")).content.decode()
    assert stranger.full_name not in html
