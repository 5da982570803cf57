"""A published path-model version is read-only in Django admin; what results point at is protected."""

import pytest
from django.db.models import ProtectedError

from pathways.models import Area, PathModel, Statement


@pytest.fixture
def admin_client_(client, project_admin):
    client.force_login(project_admin)
    return client


def test_published_version_change_page_is_read_only(admin_client_, rexvet_model):
    page = admin_client_.get(f"/admin/pathways/pathmodel/{rexvet_model.pk}/change/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="name"' not in html  # shown as text, not as an input
    assert "REXVET path model" in html

    posted = admin_client_.post(
        f"/admin/pathways/pathmodel/{rexvet_model.pk}/change/",
        {"code": "rexvet", "name": "Changed", "version": 1, "threshold_percent": 50},
    )
    assert posted.status_code == 403
    rexvet_model.refresh_from_db()
    assert (rexvet_model.name, rexvet_model.threshold_percent) == ("REXVET path model", 80)


def test_statements_of_a_published_version_cannot_be_changed_or_deleted(admin_client_, rexvet_model):
    statement = Statement.objects.filter(area__path_model=rexvet_model).first()
    original = statement.text
    changed = admin_client_.post(f"/admin/pathways/statement/{statement.pk}/change/", {"text": "I can hack"})
    deleted = admin_client_.post(f"/admin/pathways/statement/{statement.pk}/delete/", {"post": "yes"}, follow=True)
    assert changed.status_code == 403
    assert deleted.redirect_chain == [(f"/admin/pathways/statement/{statement.pk}/change/", 302)]
    assert "belongs to a published path-model version" in deleted.content.decode()
    statement.refresh_from_db()
    assert statement.text == original


def test_area_page_of_a_published_version_offers_no_inline_forms(admin_client_, rexvet_model):
    area = Area.objects.get(path_model=rexvet_model, code="language")
    html = admin_client_.get(f"/admin/pathways/area/{area.pk}/change/").content.decode()
    assert 'name="statements-0-text"' not in html
    # Inlines are shown read-only, and allow no new rows.
    assert 'name="statements-MAX_NUM_FORMS" value="0"' in html
    assert 'name="descriptors-MAX_NUM_FORMS" value="0"' in html


def test_a_draft_version_stays_editable(admin_client_, rexvet_model):
    draft = PathModel.objects.create(code="rexvet", name="REXVET draft", version=2)
    html = admin_client_.get(f"/admin/pathways/pathmodel/{draft.pk}/change/").content.decode()
    assert 'name="name"' in html


def test_statement_with_answers_cannot_be_deleted(submitted_result):
    statement = Statement.objects.filter(answers__isnull=False).first()
    with pytest.raises(ProtectedError):
        statement.delete()
    with pytest.raises(ProtectedError):
        statement.area.delete()
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_adding_a_statement_to_a_published_version_is_refused(admin_client_, rexvet_model):
    area = Area.objects.get(path_model=rexvet_model, code="language")
    level = area.path_model.levels.get(code="rookie")
    before = Statement.objects.count()
    page = admin_client_.get("/admin/pathways/statement/add/")
    # The add form offers only areas of draft versions: none here.
    assert f'<option value="{area.pk}">' not in page.content.decode()
    posted = admin_client_.post(
        "/admin/pathways/statement/add/",
        {"area": area.pk, "level": level.pk, "code": "language-r9", "text": "I can sneak in", "order": 9},
    )
    assert posted.status_code == 200  # the form again, with an error
    assert Statement.objects.count() == before


def test_a_statement_of_a_published_version_fails_model_validation(rexvet_model):
    from django.core.exceptions import ValidationError

    area = Area.objects.get(path_model=rexvet_model, code="language")
    statement = Statement(area=area, level=area.path_model.levels.get(code="rookie"), code="x-1", text="I can", order=9)
    with pytest.raises(ValidationError) as refused:
        statement.full_clean()
    assert "published path-model version" in str(refused.value)
