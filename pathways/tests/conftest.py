"""Fixtures of the development-plan tests; the personas come from rexvet.testing.plugin."""

from unittest import mock

import pytest

from pathways import tasks
from pathways.models import DevelopmentPlan, PlanItem

AREAS = ["eu-context", "vet-systems", "language", "multicultural", "projects", "strategy"]


@pytest.fixture
def plan(submitted_result):
    """`staff`'s plan: Rookie in every area, next Advanced (at home), abroad to broaden."""
    return DevelopmentPlan.objects.get(result=submitted_result)


@pytest.fixture
def package(rexvet_model):
    """The REXVET training package with its activities (module 2.1 has 5 required)."""
    from training.loading import package_load, rexvet_modules

    return package_load(path_model_code=rexvet_model.code, modules=rexvet_modules())


@pytest.fixture
def run_tasks():
    """Mail tasks sent on commit run at once, in this process (that they wait for the
    commit is test_the_e_mails_are_sent_only_after_commit)."""
    with mock.patch.object(tasks.mail_plan_event, "delay_on_commit", side_effect=tasks.mail_plan_event):
        yield


def item(plan, area_code: str) -> PlanItem:
    return PlanItem.objects.select_related("direction", "broaden_direction", "module", "broaden_module").get(
        plan=plan, area__code=area_code
    )


def edit_data(plan, **areas) -> dict:
    """The edit form as the page sends it, unchanged except for `areas`:
    {"language": {"goals": "…", "target_date": "2027-06-30", "direction": "abroad", "broaden": "on"}}."""
    data = {}
    for i in PlanItem.objects.filter(plan=plan).select_related("area", "direction"):
        prefix = f"area-{i.area.code}"
        values = {
            "goals": i.goals,
            "target_date": i.target_date.isoformat() if i.target_date else "",
            "direction": i.direction.code if i.direction_id else None,
            "broaden": "on" if i.broaden else None,
        }
        values.update(areas.get(i.area.code.replace("-", "_"), {}))
        data.update({f"{prefix}-{name}": value for name, value in values.items() if value is not None})
    return data
