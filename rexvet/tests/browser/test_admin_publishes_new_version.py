"""An admin duplicates the REXVET model, adds a statement, publishes the new version and
starts a mapping round on it, in headless Chromium through Django admin."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone

from mapping.models import Round
from pathways.models import Area, PathModel, Statement
from rexvet.demo import ADMIN_EMAIL, DEMO_PASSWORD

from .conftest import screenshot

pytestmark = pytest.mark.browser


def sign_in_to_admin(page, base):
    page.goto(f"{base}/admin/login/")
    page.fill('input[name="username"]', ADMIN_EMAIL)
    page.fill('input[name="password"]', DEMO_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{base}/admin/")


def run_action(page, model: PathModel, action_label: str):
    page.locator(f'input[name="_selected_action"][value="{model.pk}"]').check()
    page.select_option('select[name="action"]', label=action_label)
    page.get_by_role("button", name="Go").click()


def test_admin_duplicates_adds_a_statement_publishes_and_starts_a_round(live_server, new_page, transactional_db):
    call_command("load_rexvet", "--demo", verbosity=0)
    v1 = PathModel.objects.get(code="rexvet", version=1)
    base = live_server.url
    page = new_page()
    sign_in_to_admin(page, base)

    page.goto(f"{base}/admin/pathways/pathmodel/")
    run_action(page, v1, "Duplicate as new draft")
    assert page.locator("ul.messagelist").inner_text() == "Created draft version 2 of REXVET path model."
    v2 = PathModel.objects.get(code="rexvet", version=2)
    assert v2.status == "draft"

    # The new draft's page lists its areas; open "Language and communication" from there.
    page.goto(f"{base}/admin/pathways/pathmodel/{v2.pk}/change/")
    language = Area.objects.get(path_model=v2, code="language")
    page.locator(f'a.inlinechangelink[href*="/admin/pathways/area/{language.pk}/change/"]').click()
    page.wait_for_url(re.compile(rf"/admin/pathways/area/{language.pk}/change/"))
    assert page.locator('input[name="name"]').input_value() == "Language and communication"

    # The empty extra row after the twelve statements.
    row = "statements-12"
    page.select_option(f'select[name="{row}-level"]', label="Rookie")
    page.fill(f'input[name="{row}-order"]', "4")
    page.fill(f'input[name="{row}-code"]', "language-r4")
    page.fill(f'textarea[name="{row}-text"]', "I can …")
    screenshot(page, "admin-area-statements")
    page.locator('input[name="_save"]').click()
    page.wait_for_url(re.compile(r"/admin/pathways/area/(\?.*)?$"))
    assert "was changed successfully" in page.locator("ul.messagelist").inner_text()
    added = Statement.objects.get(area=language, code="language-r4")
    assert (added.level.code, added.direction, added.order, added.text) == ("rookie", None, 4, "I can …")

    page.goto(f"{base}/admin/pathways/pathmodel/")
    run_action(page, v2, "Publish (after checking)")
    assert page.locator("ul.messagelist").inner_text() == "Published version 2 of REXVET path model."
    screenshot(page, "admin-path-models")

    today = timezone.localdate().isoformat()
    page.goto(f"{base}/admin/mapping/round/add/")
    page.select_option('select[name="organisation"]', label="Kuressaare Ametikool")
    page.fill('input[name="name"]', "Kuressaare skills mapping, version 2")
    assert page.locator('select[name="path_model"] option').all_inner_texts() == [
        "---------", "REXVET path model v2 (Published)", "REXVET path model v1 (Published)"
    ]
    page.select_option('select[name="path_model"]', label="REXVET path model v2 (Published)")
    page.fill('input[name="opens_on"]', today)
    page.fill('input[name="closes_on"]', today)
    page.locator('input[name="_save"]').click()
    page.wait_for_url(re.compile(r"/admin/mapping/round/(\?.*)?$"))
    assert "was added successfully" in page.locator("ul.messagelist").inner_text()

    rnd = Round.objects.get(name="Kuressaare skills mapping, version 2")
    assert rnd.organisation.name == "Kuressaare Ametikool"
    assert (rnd.path_model.code, rnd.path_model.version, rnd.path_model.status) == ("rexvet", 2, "published")
    assert (rnd.opens_on.isoformat(), rnd.closes_on.isoformat()) == (today, today)
    assert Statement.objects.filter(area__path_model=rnd.path_model).count() == 73
    assert Statement.objects.filter(area__path_model=v1).count() == 72
