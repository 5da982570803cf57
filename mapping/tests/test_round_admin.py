"""In admin, a round that anyone has answered keeps what people were told when they answered."""

import pytest


@pytest.fixture
def admin_client_(client, project_admin):
    client.force_login(project_admin)
    return client


def test_anonymity_organisation_and_model_are_locked_once_anyone_has_answered(admin_client_, submitted_result):
    rnd = submitted_result.response.round
    html = admin_client_.get(f"/admin/mapping/round/{rnd.pk}/change/").content.decode()
    for field in ("is_anonymous", "organisation", "path_model", "min_group_size"):
        assert f'name="{field}"' not in html
    assert 'name="name"' in html and 'name="closes_on"' in html


def test_a_round_without_answers_stays_fully_editable(admin_client_, open_round):
    html = admin_client_.get(f"/admin/mapping/round/{open_round.pk}/change/").content.decode()
    for field in ("is_anonymous", "organisation", "path_model", "min_group_size"):
        assert f'name="{field}"' in html


def test_no_per_person_results_or_plans_are_in_admin(admin_client_):
    # Responses, answers, results, plans and their PDFs: nobody browses them in admin.
    from django.contrib import admin

    from mapping.models import Answer, AreaResult, Response, Result
    from pathways.models import DevelopmentPlan, PlanItem, PlanPDF

    for model in (Response, Answer, Result, AreaResult, DevelopmentPlan, PlanItem, PlanPDF):
        assert not admin.site.is_registered(model), model
    assert admin_client_.get("/admin/pathways/planpdf/").status_code == 404
