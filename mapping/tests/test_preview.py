"""A project admin previews a draft's self-assessment as staff would see it, and imports
path-model documents from admin."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.html import escape

from mapping.models import Answer, Response
from pathways.loading import REXVET_MODEL
from pathways.models import Area, PathModel, Statement
from pathways.versioning import path_model_duplicate


@pytest.fixture
def draft(rexvet_model):
    """Version 2 of REXVET, a draft with one statement reworded."""
    model = path_model_duplicate(path_model=rexvet_model, acting_user=None)
    Statement.objects.filter(area__path_model=model, code="eu-context-r1").update(
        text="I can name three EU institutions and say what one of them does."
    )
    return model


def preview_url(model, page: int) -> str:
    return f"/mapping/preview/{model.pk}/page/{page}/"


def test_project_admin_previews_the_first_page_of_a_draft(client, project_admin, draft, open_round):
    client.force_login(project_admin)

    page = client.get(preview_url(draft, 1))

    assert page.status_code == 200
    html = page.content.decode()
    assert "Preview of REXVET path model v2 (Draft): this is what staff see. Nothing you choose here is saved." in html
    assert "<h1 class=\"h3\">Knowledge of the EU and the European context</h1>" in html
    statements = Statement.objects.filter(area__path_model=draft, area__order=1)
    assert statements.count() == 12
    for statement in statements:
        assert escape(statement.text) in html
        assert f'data-statement="{statement.code}"' in html
    assert "I can name three EU institutions and say what one of them does." in html
    # Nothing of the second area on the first page.
    assert escape(Statement.objects.get(area__path_model=draft, code="vet-systems-r1").text) not in html
    assert f'href="{preview_url(draft, 2)}"' in html
    assert 'onsubmit="return false"' in html
    assert (Response.objects.count(), Answer.objects.count()) == (0, 0)


def test_the_last_page_has_no_next_page(client, project_admin, draft):
    client.force_login(project_admin)
    html = client.get(preview_url(draft, 6)).content.decode()
    assert "<h1 class=\"h3\">Linking international work to the organisation&#x27;s strategy and curriculum</h1>" in html
    assert f'href="{preview_url(draft, 5)}"' in html
    assert f'href="{preview_url(draft, 7)}"' not in html


@pytest.mark.parametrize("number", [0, 7])
def test_a_page_out_of_range_is_not_found(client, project_admin, draft, number):
    client.force_login(project_admin)
    assert client.get(preview_url(draft, number)).status_code == 404


def test_a_version_without_areas_has_no_preview(client, project_admin, db):
    client.force_login(project_admin)
    empty = PathModel.objects.create(code="empty", name="Empty", version=1)
    assert client.get(preview_url(empty, 1)).status_code == 404


def test_a_missing_version_is_not_found(client, project_admin, db):
    client.force_login(project_admin)
    assert client.get("/mapping/preview/999/page/1/").status_code == 404


def test_posting_to_the_preview_is_not_allowed(client, project_admin, draft):
    client.force_login(project_admin)
    area = Area.objects.get(path_model=draft, order=1)
    statement = area.statements.first()
    assert client.post(preview_url(draft, 1), {f"s{statement.pk}": "yes"}).status_code == 405
    assert Answer.objects.count() == 0


@pytest.mark.parametrize("persona", ["staff", "coordinator"])
def test_staff_and_coordinators_cannot_preview(client, draft, persona, request):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(preview_url(draft, 1))
    assert (page.status_code, page["Location"]) == (302, f"/admin/login/?next={preview_url(draft, 1)}")


def test_anonymous_visitor_cannot_preview(client, draft):
    page = client.get(preview_url(draft, 1))
    assert (page.status_code, page["Location"]) == (302, f"/admin/login/?next={preview_url(draft, 1)}")


def test_the_path_model_list_links_to_the_preview(client, project_admin, draft):
    client.force_login(project_admin)
    html = client.get("/admin/pathways/pathmodel/").content.decode()
    assert f'<a href="{preview_url(draft, 1)}">Preview survey</a>' in html


# --- Import from admin ------------------------------------------------------------------


def upload(client, document, *, publish: bool = False):
    data = {"document": SimpleUploadedFile("model.json", json.dumps(document).encode("utf-8"), "application/json")}
    if publish:
        data["publish"] = "on"
    return client.post("/admin/pathways/pathmodel/import/", data)


def test_import_page_lists_every_error_of_a_bad_document(client, project_admin, rexvet_model):
    client.force_login(project_admin)
    document = json.loads(REXVET_MODEL.read_text(encoding="utf-8"))
    document["areas"][3]["statements"][2]["level"] = "Advnced"
    document["areas"][1]["code"] = "eu-context"
    del document["areas"][5]["name"]

    page = upload(client, document)

    assert page.status_code == 400
    html = page.content.decode()
    assert "The document has 3 problems; nothing was imported:" in html
    assert (
        '<ul class="import-errors">'
        "<li><code>areas[5]: &#x27;name&#x27; is a required property</code></li>"
        "<li><code>areas[1].code: duplicate area code &quot;eu-context&quot;</code></li>"
        "<li><code>areas[3].statements[2].level: unknown level &quot;Advnced&quot;</code></li>"
        "</ul>"
    ) in html
    assert list(PathModel.objects.values_list("version", flat=True)) == [1]


def test_import_page_refuses_a_file_that_is_not_json(client, project_admin, rexvet_model):
    client.force_login(project_admin)
    page = client.post(
        "/admin/pathways/pathmodel/import/", {"document": SimpleUploadedFile("model.json", b"\xff\xfe not json")}
    )
    assert page.status_code == 400
    assert "The document has 1 problem; nothing was imported:" in page.content.decode()
    assert PathModel.objects.count() == 1


def test_import_page_imports_a_good_document_as_a_draft(client, project_admin, rexvet_model):
    client.force_login(project_admin)
    document = json.loads(REXVET_MODEL.read_text(encoding="utf-8"))

    page = upload(client, document)

    new = PathModel.objects.get(code="rexvet", version=2)
    assert (page.status_code, page["Location"]) == (302, f"/admin/pathways/pathmodel/{new.pk}/change/")
    assert new.status == "draft"
    assert Statement.objects.filter(area__path_model=new).count() == 72


def test_import_page_can_publish_at_once(client, project_admin, rexvet_model):
    client.force_login(project_admin)
    upload(client, json.loads(REXVET_MODEL.read_text(encoding="utf-8")), publish=True)
    assert PathModel.objects.get(code="rexvet", version=2).status == "published"


def test_import_page_is_for_admins_only(client, staff, rexvet_model):
    client.force_login(staff)
    page = client.get("/admin/pathways/pathmodel/import/")
    assert (page.status_code, page["Location"]) == (302, "/admin/login/?next=/admin/pathways/pathmodel/import/")
