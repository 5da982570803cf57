"""The coordinator's dashboards in headless Chromium, with a few dozen demo people:
accessibility (axe, WCAG 2.1 AA) and screenshots of each page."""

from datetime import date

import pytest
from django.conf import settings
from django.test import Client

from mapping.models import OrganisationTarget
from mapping.tests.dashboard_data import build_demo, submit_with_levels
from rexvet.testing.factories import MembershipFactory, OrganisationFactory, UserFactory

from .conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser


def signed_in_page(new_page, live_server, user):
    client = Client()
    client.force_login(user)
    page = new_page()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value, "url": live_server.url}]
    )
    return page


@pytest.fixture
def demo(transactional_db, org, coordinator, rexvet_model, structure):
    earlier, current, users = build_demo(org, rexvet_model, structure, people=40)
    # One real submission, so that a person's page shows a development plan.
    person = users[-1]
    submit_with_levels(current, person, structure, [2, 1, 3, 1, 0, 2])
    for area, level, share, year in [("language", "advanced", 40, 2027), ("eu-context", "rookie", 80, 2026), ("strategy", "expert", 10, 2028)]:
        OrganisationTarget.objects.create(
            organisation=org, area_code=area, level_code=level, share_percent=share, target_date=date(year, 12, 31)
        )
    anonymous_org = OrganisationFactory(name="Alfa-College", slug="alfa-college", country="NL")
    build_demo(anonymous_org, rexvet_model, structure, people=24, seed=11, anonymous=True)
    for name, slug in [("Luovi", "luovi"), ("ENAC", "enac-demo")]:
        build_demo(OrganisationFactory(name=name, slug=slug), rexvet_model, structure, people=18, seed=len(name))
    anonymous_coordinator = UserFactory(full_name="Anouk de Vries", email="anouk@alfa-college.example")
    MembershipFactory(user=anonymous_coordinator, organisation=anonymous_org, role="coordinator")
    return {"round": current, "person": person, "anonymous_coordinator": anonymous_coordinator, "anonymous_org": anonymous_org}


def test_coordinator_dashboards_are_accessible_and_look_like_a_product(
    live_server, new_page, demo, coordinator, project_admin
):
    base, rnd = live_server.url, demo["round"]
    page = signed_in_page(new_page, live_server, coordinator)

    page.goto(f"{base}/mapping/dashboards/")
    assert page.get_by_role("heading", name="Kuressaare Ametikool").is_visible()
    screenshot(page, "dashboard-index")

    page.goto(f"{base}/mapping/dashboards/rounds/{rnd.pk}/")
    assert page.get_by_role("heading", name="Level distribution per area").is_visible()
    assert page.locator("#distribution-title").count() == 1
    assert axe_violations(page) == []
    screenshot(page, "dashboard-round")

    page.select_option("#id_department", label="Maritime")
    page.get_by_role("button", name="Apply").click()
    page.wait_for_url(f"{base}/mapping/dashboards/rounds/{rnd.pk}/?department=Maritime&job_role=")
    assert "Showing: department: Maritime" in page.inner_text(".dash-header")

    page.goto(f"{base}/mapping/dashboards/rounds/{rnd.pk}/people/")
    assert axe_violations(page) == []
    screenshot(page, "dashboard-heatmap")

    page.get_by_role("link", name=demo["person"].full_name).first.click()
    assert page.get_by_role("heading", name=f"Result and development plan of {demo['person'].full_name}").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "dashboard-person")

    page.goto(f"{base}/mapping/dashboards/rounds/{rnd.pk}/targets/")
    assert axe_violations(page) == []
    screenshot(page, "dashboard-targets")

    anonymous = signed_in_page(new_page, live_server, demo["anonymous_coordinator"])
    anonymous_round = demo["anonymous_org"].rounds.order_by("-opens_on").first()
    anonymous.goto(f"{base}/mapping/dashboards/rounds/{anonymous_round.pk}/?department=Hospitality")
    assert "Too few answers" in anonymous.inner_text("#levels")
    assert axe_violations(anonymous) == []
    screenshot(anonymous, "dashboard-anonymous-filtered")

    admin = signed_in_page(new_page, live_server, project_admin)
    admin.goto(f"{base}/mapping/dashboards/partnership/")
    assert admin.get_by_role("heading", name="Language and communication").is_visible()
    assert axe_violations(admin) == []
    screenshot(admin, "dashboard-partnership")
