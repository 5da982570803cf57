"""manage.py badges_award_missing: the sweep for completions made while no worker ran."""

import io
from datetime import datetime, timezone

from django.core.management import call_command

from badges.models import Assertion
from training.models import Enrolment, Module

COMPLETED = datetime(2026, 10, 5, 14, 0, tzinfo=timezone.utc)


def test_it_awards_what_a_completion_earned_once(badge_classes, staff, org):
    Enrolment.objects.create(user=staff, module=Module.objects.get(code="1"), completed_at=COMPLETED)
    Enrolment.objects.create(user=staff, module=Module.objects.get(code="2.1"))  # not completed
    out = io.StringIO()
    call_command("badges_award_missing", stdout=out)
    call_command("badges_award_missing", stdout=out)
    assert out.getvalue() == "Awarded 1 module badges.\nAwarded 0 module badges.\n"
    assertion = Assertion.objects.get()
    assert (assertion.badge_class.slug, assertion.issued_on, assertion.organisation, assertion.awarded_by) == (
        "rexvet-module-1", COMPLETED, org, None,
    )
