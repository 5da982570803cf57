"""Recognising prior learning, in headless Chromium: the coordinator awards a badge with a PDF
as evidence (a mistake first: the message sits next to the field and nothing is saved), the
staff member downloads the baked badge, and anyone checks it on "Verify a badge"; axe-core
finds nothing on the coordinator's and the verify pages."""

import re

import pytest
from django.core.management import call_command

from badges.models import Assertion, BadgeEvent

from .conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser]

STAFF = "ulle.mae-ounapuu@kuressaare.example"
COORDINATOR = "kadri.tamm@kuressaare.example"
BADGE = "REXVET Advanced abroad: Mobility and partnerships abroad (recognised prior learning)"
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def test_coordinator_awards_prior_learning_and_anyone_verifies_the_baked_badge(live_server, new_page, settings, tmp_path):
    call_command("load_rexvet", "--demo", verbosity=0)
    settings.REXVET_SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url

    kadri = new_page()
    sign_in(kadri, base, COORDINATOR)
    kadri.get_by_role("link", name="Awarded badges").click()
    assert axe_violations(kadri) == []
    kadri.get_by_role("link", name="Award a badge").click()
    kadri.get_by_label("The person's e-mail address").fill(STAFF.upper())
    kadri.get_by_label("Badge").select_option(label=BADGE)
    kadri.get_by_label("Evidence file").set_input_files({"name": "mobilities.pdf", "mimeType": "application/pdf", "buffer": PDF})
    kadri.get_by_role("button", name="Award the badge").click()
    # The narrative was forgotten: said next to the field, the rest kept, nothing saved.
    assert kadri.get_by_text("This field is required.").is_visible()
    assert kadri.get_by_label("The person's e-mail address").input_value() == STAFF.upper()
    assert Assertion.objects.filter(recipient__email=STAFF).count() == 0
    assert axe_violations(kadri) == []
    screenshot(kadri, "badge-award-error")
    kadri.get_by_label("Evidence, in words").fill("Ülle accompanied four learner mobilities to Finland and Italy (2023–2026).")
    kadri.get_by_label("Evidence file").set_input_files({"name": "mobilities.pdf", "mimeType": "application/pdf", "buffer": PDF})
    kadri.get_by_role("button", name="Award the badge").click()
    kadri.wait_for_url(re.compile(r"/badges/coordinate/[0-9a-f-]{36}/$"))
    assert kadri.get_by_role("heading", name=BADGE).is_visible()
    assert axe_violations(kadri) == []
    screenshot(kadri, "badge-award-detail")
    assertion = Assertion.objects.get(recipient__email=STAFF)
    assert (assertion.awarded_by.email, assertion.evidence_file_name) == (COORDINATOR, "mobilities.pdf")
    assert list(assertion.events.values_list("action", "actor__email")) == [(BadgeEvent.Action.AWARDED, COORDINATOR)]

    ulle = new_page()
    sign_in(ulle, base, STAFF)
    ulle.get_by_role("link", name="My badges").first.click()
    ulle.get_by_role("link", name=re.compile(re.escape(BADGE))).first.click()
    with ulle.expect_download() as download:
        ulle.get_by_role("link", name="Badge image (PNG, Open Badges 2.0)").click()
    baked = tmp_path / "baked.png"
    download.value.save_as(baked)

    # Anyone, signed out, checks it, with the e-mail address in another letter case.
    anyone = new_page()
    anyone.goto(f"{base}/")
    anyone.get_by_role("link", name="Verify a badge").click()
    assert axe_violations(anyone) == []
    anyone.get_by_label("A baked badge image").set_input_files(str(baked))
    anyone.get_by_label("Check it was awarded to this e-mail address").fill("Ulle.Mae-Ounapuu@Kuressaare.example")
    anyone.get_by_role("button", name="Check the badge").click()
    assert anyone.get_by_role("heading", name="Valid", exact=True).is_visible()
    assert axe_violations(anyone) == []
    screenshot(anyone, "badge-verify-valid")

    anyone.get_by_label("A baked badge image").set_input_files(str(baked))
    anyone.get_by_label("Check it was awarded to this e-mail address").fill("someone.else@kuressaare.example")
    anyone.get_by_role("button", name="Check the badge").click()
    assert anyone.get_by_role("heading", name="Not valid", exact=True).is_visible()
