"""Badges end to end, in headless Chromium with a real Celery worker: a staff member completes
module 1 (the quiz is the last required activity), the worker awards the module badge, it
appears in "My badges", its public page says valid; the coordinator revokes it; the page
says revoked with the reason and the hosted Open Badges JSON answers 410 Gone."""

import json
import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from badges.models import Assertion, BadgeEvent
from rexvet.accounts.models import User
from rexvet.testing.worker import wait_for
from training.models import Activity, ActivityProgress, Enrolment, Module

from .conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.worker]

STAFF = "ulle.mae-ounapuu@kuressaare.example"
COORDINATOR = "kadri.tamm@kuressaare.example"
BADGE = "REXVET Rookie: Getting started with international work"
REASON = "Awarded to the wrong person: the quiz was taken on a shared account."


def test_module_badge_is_awarded_shown_verified_and_revoked(live_server, new_page, settings, celery_worker_process):
    call_command("load_rexvet", "--demo", verbosity=0)
    settings.REXVET_SITE_URL = live_server.url  # every Open Badges id on this server
    base = live_server.url
    ulle = User.objects.get(email=STAFF)
    module = Module.objects.get(code="1")
    quiz = Activity.objects.get(module=module, kind="quiz")
    # Everything of module 1 is done but the quiz (evidence approved a week ago).
    enrolment = Enrolment.objects.create(user=ulle, module=module)
    week_ago = timezone.now() - timezone.timedelta(days=7)
    for activity in module.activities.exclude(pk=quiz.pk):
        ActivityProgress.objects.create(enrolment=enrolment, activity=activity, status="done", completed_at=week_ago)

    page = new_page()
    sign_in(page, base, STAFF)
    page.goto(f"{base}/training/activities/{quiz.pk}/")
    for question in quiz.questions.order_by("order"):
        for choice in question.choices.filter(correct=True).order_by("order"):
            page.get_by_label(choice.text, exact=True).check()
    page.get_by_role("button", name="Send my answers").click()
    assert page.get_by_text("You passed with 100 %.").is_visible()

    # The worker awards the badge, dated when the quiz was passed.
    assertion = wait_for(lambda: Assertion.objects.filter(recipient=ulle, badge_class__slug="rexvet-module-1").first(), timeout=60)
    enrolment.refresh_from_db()
    assert assertion.issued_on == enrolment.completed_at
    assert assertion.awarded_by is None
    assert list(assertion.events.values_list("action", flat=True)) == [BadgeEvent.Action.AWARDED]

    page.goto(f"{base}/badges/mine/")
    page.get_by_role("link", name=re.compile(re.escape(BADGE))).first.click()
    page.wait_for_url(re.compile(r"/badges/mine/[0-9a-f-]{36}/$"))
    assert page.get_by_role("link", name=re.compile("Add to LinkedIn profile")).is_visible()
    assert axe_violations(page) == []
    screenshot(page, "badge-mine-detail")

    page.goto(f"{base}/badges/assertions/{assertion.uid}")
    assert page.get_by_role("heading", name=BADGE).first.is_visible()
    assert page.get_by_text("Valid", exact=True).first.is_visible()
    assert STAFF not in page.content()
    assert axe_violations(page) == []
    screenshot(page, "badge-public-valid")
    hosted = page.request.get(f"{base}/badges/assertions/{assertion.uid}", headers={"Accept": "application/ld+json"})
    assert hosted.status == 200
    assert hosted.json()["id"] == f"{base}/badges/assertions/{assertion.uid}"

    # The coordinator revokes it, with a reason.
    coordinator = new_page()
    sign_in(coordinator, base, COORDINATOR)
    coordinator.goto(f"{base}/badges/coordinate/")
    coordinator.get_by_role("link", name=re.compile("Ülle Mäe-Õunapuu")).first.click()
    coordinator.get_by_label("Reason").fill(REASON)
    coordinator.get_by_label("I understand that revoking cannot be undone", exact=False).check()
    coordinator.get_by_role("button", name=re.compile("Revoke")).click()
    assert coordinator.get_by_text(REASON).first.is_visible()
    screenshot(coordinator, "badge-revoked-by-coordinator")

    page.goto(f"{base}/badges/assertions/{assertion.uid}")
    assert page.get_by_text("Revoked", exact=False).first.is_visible()
    assert page.get_by_text(REASON).is_visible()
    screenshot(page, "badge-public-revoked")
    gone = page.request.get(f"{base}/badges/assertions/{assertion.uid}", headers={"Accept": "application/ld+json"})
    assert gone.status == 410
    body = json.loads(gone.text())
    assert body["revoked"] is True
    assert body["revocationReason"] == REASON
    assertion.refresh_from_db()
    assert assertion.revoked_by.email == COORDINATOR
