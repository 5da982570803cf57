"""The development plan grows up, end to end in headless Chromium: the owner writes goals
and dates, picks a direction and a broaden step and asks for agreement; the coordinator
returns it with a comment; the owner changes it and asks again; the coordinator agrees.
The path map is on the home page. Pages are checked with axe and photographed."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from pathways.models import DevelopmentPlan, PlanItem
from training import services as training
from training.loading import package_load, rexvet_modules
from training.models import Module

from .conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser]


def open_as(new_page, base_url, user):
    """A browser signed in as `user` (a session made by the test client)."""
    client = Client()
    client.force_login(user)
    page = new_page()
    page.context.add_cookies([{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": base_url}])
    return page


def test_plan_is_edited_returned_and_agreed(transactional_db, live_server, new_page, staff, coordinator, submitted_result):
    package_load(path_model_code="rexvet", modules=rexvet_modules())
    # Module 1 done before, module 2.1 begun: the map and the plan show both.
    done = training.enrolment_start(user=staff, module=Module.objects.get(code="1"))
    done.completed_at = timezone.now() - timedelta(days=20)
    done.save()
    started = training.enrolment_start(user=staff, module=Module.objects.get(code="2.1"))
    training.activity_mark_done(enrolment=started, activity=started.module.activities.get(order=1))
    plan = DevelopmentPlan.objects.get(result=submitted_result)
    base = live_server.url
    target = (timezone.localdate() + timedelta(days=180)).isoformat()

    page = open_as(new_page, base, staff)
    page.goto(f"{base}/")
    assert page.locator("svg.path-map").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "home-path-map")

    page.goto(f"{base}/plans/{plan.pk}/")
    page.get_by_role("link", name="Edit my goals, dates and directions").click()
    page.get_by_label("My goals in this area").first.fill("Host two foreign students in spring.")
    page.get_by_label("Target date").first.fill("2001-01-01")
    page.get_by_role("button", name="Save my plan").click()
    # Refused next to the field, with what was typed kept.
    assert page.get_by_text("The target date cannot be in the past: choose today or a later date.").is_visible()
    assert page.get_by_label("My goals in this area").first.input_value() == "Host two foreign students in spring."
    assert axe_violations(page) == []
    screenshot(page, "plan-edit-error")

    page.get_by_label("Target date").first.fill(target)
    language = page.locator("fieldset.plan-area", has_text="Language and communication")
    language.get_by_label("Internationalisation abroad — module 2.2 Mobility and partnerships abroad").check()
    page.locator("fieldset.plan-area", has_text="Knowledge of the EU").get_by_label(
        "Also take the other direction as a step to broaden"
    ).check()
    page.get_by_role("button", name="Save my plan").click()
    page.wait_for_url(f"{base}/plans/{plan.pk}/")
    assert page.get_by_text("Your changes are saved.").is_visible()
    assert PlanItem.objects.get(plan=plan, area__code="language").module.code == "2.2"

    page.get_by_label("A message to your coordinator (optional)").fill("Could we talk about the mobility?")
    page.get_by_role("button", name="Ask my coordinator to agree this plan").click()
    assert page.get_by_text("Your coordinator has been asked to agree your plan.").is_visible()

    reviewer = open_as(new_page, base, coordinator)
    reviewer.goto(f"{base}/")
    reviewer.get_by_role("link", name="Plans to agree (1)").click()
    assert axe_violations(reviewer) == []
    screenshot(reviewer, "plan-review-queue")
    reviewer.get_by_role("link", name="Review the plan of Ülle Mäe-Õunapuu").click()
    assert axe_violations(reviewer) == []
    screenshot(reviewer, "plan-review")
    reviewer.get_by_label("Return it for changes").check()
    reviewer.get_by_role("button", name="Save my decision").click()
    assert reviewer.get_by_text("Say what to change: a returned plan needs a comment.").is_visible()
    reviewer.get_by_label("Comment to the staff member").fill("Please add a date for the languages.")
    reviewer.get_by_role("button", name="Save my decision").click()
    assert reviewer.get_by_text("Returned with your comment. Ülle Mäe-Õunapuu has been told.").is_visible()

    page.goto(f"{base}/plans/{plan.pk}/")
    assert page.locator("#return-comment").inner_text() == "Please add a date for the languages."
    page.get_by_role("link", name="Edit my goals, dates and directions").click()
    language = page.locator("fieldset.plan-area", has_text="Language and communication")
    language.get_by_label("Target date").fill(target)
    page.get_by_role("button", name="Save my plan").click()
    page.get_by_role("button", name="Ask for agreement again").click()

    reviewer.goto(f"{base}/plans/review/{plan.pk}/")
    reviewer.get_by_label("Agree the plan").check()
    reviewer.get_by_role("button", name="Save my decision").click()
    assert reviewer.get_by_text("Agreed. Ülle Mäe-Õunapuu has been told.").is_visible()

    page.goto(f"{base}/plans/{plan.pk}/")
    assert page.locator(".agreed-line").inner_text() == f"Agreed by Kadri Tamm on {timezone.localdate():%-d %B %Y}."
    assert axe_violations(page) == []
    screenshot(page, "plan-agreed")

    # The map follows the plan: language next abroad, EU context broadened.
    page.goto(f"{base}/")
    assert page.locator('.marker-next[data-stop="advanced:abroad"]').count() == 1
    assert page.locator('.marker-broaden[data-stop="advanced:abroad"]').count() == 1
    screenshot(page, "home-path-map-agreed")
