"""The development plan shows the badges earned since the self-assessment (page and PDF)."""

import io
from datetime import timedelta

from pypdf import PdfReader

from badges.services import badge_award, badge_revoke
from pathways.models import DevelopmentPlan
from pathways.pdf import render_plan_pdf_bytes
from pathways.selectors import plan_badges

from .conftest import CRITERIA_MET


def test_the_plan_lists_valid_badges_only(client, submitted_result, staff, coordinator, org, badge_classes):
    plan = DevelopmentPlan.objects.get(result=submitted_result)
    kept = badge_award(recipient=staff, badge_class=badge_classes.get(slug="rexvet-module-1"), organisation=org, issued_on=CRITERIA_MET)
    revoked = badge_award(recipient=staff, badge_class=badge_classes.get(slug="rexvet-module-2-1"), organisation=org, issued_on=CRITERIA_MET)
    badge_revoke(assertion=revoked.assertion, reason="Awarded by mistake.", acting_user=coordinator)
    badge_award(
        recipient=staff,
        badge_class=badge_classes.get(slug="rexvet-module-3"),
        organisation=org,
        issued_on=CRITERIA_MET - timedelta(days=400),
        expires_on=CRITERIA_MET - timedelta(days=35),
    )

    assert [(b.name, b.issued_on) for b in plan_badges(plan)] == [(kept.assertion.badge_class.name, CRITERIA_MET)]

    client.force_login(staff)
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "REXVET Rookie: Getting started with international work — criteria met on 20 November 2026" in page
    assert "REXVET Advanced at home" not in page.split('id="plan-badges"')[1]
    assert "REXVET Expert" not in page.split('id="plan-badges"')[1]

    text = " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(render_plan_pdf_bytes(plan=plan, number=1))).pages
    )
    assert "Badges earned" in text
    assert "REXVET Rookie: Getting started with international work" in " ".join(text.split())
    assert "REXVET Expert" not in text


def test_a_plan_without_badges_says_how_to_earn_one(client, submitted_result, staff):
    plan = DevelopmentPlan.objects.get(result=submitted_result)
    client.force_login(staff)
    assert "None yet: completing a training module earns its badge." in client.get(f"/plans/{plan.pk}/").content.decode()
