"""The main job end to end, in headless Chromium, with a real Celery worker."""

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from mapping.models import Response, Result
from pathways.models import PlanPDF
from rexvet.demo import DEMO_PASSWORD

from .conftest import axe_violations, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.worker]

EMAIL = "ulle.mae-ounapuu@kuressaare.example"
NAME = "Ülle Mäe-Õunapuu"

# The answer to give per area (page) and track, and the level that follows from it.
PATTERN = {
    1: ({"r": "yes", "h": "yes", "a": "yes", "e": "yes"}, "Expert"),
    2: ({"r": "yes", "h": "yes", "a": "partly", "e": "not_yet"}, "Advanced (at home)"),
    3: ({"r": "yes", "h": "not_yet", "a": "not_yet", "e": "not_yet"}, "Rookie"),
    4: ({"r": "not_yet", "h": "yes", "a": "yes", "e": "yes"}, "Starting"),
    5: ({"r": "yes", "h": "not_yet", "a": "yes", "e": "partly"}, "Advanced (abroad)"),
    6: ({"r": "na", "h": "yes", "a": "yes", "e": "yes"}, "Not assessed"),
}
# Ordinals 3, 2, 1, 0, 2 (area 6 not assessed): the lower median is 2, Advanced.
OVERALL = "Advanced"


def sign_in(page, base_url):
    page.goto(f"{base_url}/accounts/login/")
    page.fill('input[name="login"]', EMAIL.upper())  # e-mail in any letter case
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    try:
        page.wait_for_url(f"{base_url}/")
    except Exception:
        print("DEBUG", page.url, page.inner_text("body")[:2000])
        raise


def answer_page(page, number):
    answers, _ = PATTERN[number]
    for fieldset in page.locator("fieldset.statement").all():
        radio = fieldset.locator('input[type="radio"]').first
        statement_code = radio.get_attribute("data-statement")
        track = statement_code.rsplit("-", 1)[1][0]  # eu-context-h2 -> "h"
        fieldset.locator(f'input[value="{answers[track]}"]').check()


def test_staff_member_maps_skills_and_downloads_plan_pdf(live_server, new_page, celery_worker_process):
    call_command("load_rexvet", "--demo", verbosity=0)
    base = live_server.url

    page = new_page()
    sign_in(page, base)
    page.get_by_role("link", name="Start the self-assessment").click()
    assert page.get_by_role("heading", name="This round is named").is_visible()
    page.get_by_role("button", name="Start").click()

    for number in (1, 2, 3):
        page.wait_for_url(re.compile(rf"/page/{number}/$"))
        if number == 1:
            assert axe_violations(page) == []
            screenshot(page, "assessment-page")
        answer_page(page, number)
        page.get_by_role("button", name="Save and next page").click()

    # Leave the browser: a new browser context has no session. Sign in and resume.
    page.context.close()
    page = new_page()
    sign_in(page, base)
    page.get_by_role("link", name="Continue where I left off").click()
    page.wait_for_url(re.compile(r"/page/4/$"))
    assert Response.objects.get(user__email=EMAIL).answers.count() == 36

    for number in (4, 5, 6):
        page.wait_for_url(re.compile(rf"/page/{number}/$"))
        answer_page(page, number)
        page.get_by_role("button", name=re.compile("Save and (next page|review)")).click()

    page.wait_for_url(re.compile(r"/review/$"))
    page.get_by_label("Internationalisation abroad").check()
    page.get_by_role("button", name="Submit my self-assessment").click()
    page.wait_for_url(re.compile(r"/mapping/results/\d+/$"))

    assert Result.objects.count() == 1
    table = page.locator("table.levels-table tbody tr")
    assert table.count() == 6
    for index, (_answers, label) in PATTERN.items():
        assert table.nth(index - 1).locator("td").first.inner_text() == label
    assert page.get_by_text(f"Overall stage: {OVERALL}").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "result-page")

    page.get_by_role("link", name=re.compile("Open my development plan")).click()
    page.get_by_role("button", name="Download PDF").click()
    status = page.locator("#pdf-status")
    assert re.search("queued|being prepared|ready", status.inner_text())
    download_link = page.locator("#pdf-download")
    download_link.wait_for(timeout=90_000)
    assert "is ready" in status.inner_text()
    screenshot(page, "plan-page")
    with page.expect_download() as info:
        download_link.click()
    download = info.value
    assert download.suggested_filename == "rexvet-development-plan-v1.pdf"
    data = open(download.path(), "rb").read()

    assert PlanPDF.objects.get().status == PlanPDF.Status.READY
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)
    flat = " ".join(text.split())
    assert NAME in flat
    for _answers, label in PATTERN.values():
        assert label in flat
    assert f"Overall stage: {OVERALL}" in flat
    (screenshot.__globals__["SCREENSHOTS"] / "plan.pdf").write_bytes(data)
