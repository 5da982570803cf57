"""The development plan made at submit, its PDF renderings and the pages that show them."""

import io
from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone
from pypdf import PdfReader

from pathways.models import DevelopmentPlan, PlanItem, PlanPDF
from pathways.services import plan_pdf_latest, plan_pdf_render, plan_pdf_request
from pathways.tasks import render_plan_pdf
from rexvet.testing.plugin import answer_everything

AREA_NAMES = [
    "Knowledge of the EU and the European context",
    "Understanding other VET systems",
    "Language and communication",
    "Working in a multicultural environment",
    "Managing international projects and mobility",
    "Linking international work to the organisation's strategy and curriculum",
]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    # Every test writes its PDFs into a fresh folder, so file names are predictable.
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def plan(submitted_result):
    return DevelopmentPlan.objects.get(result=submitted_result)


def rendered(plan, staff) -> PlanPDF:
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    assert plan_pdf_render(pdf_id=pdf.pk) is True
    pdf.refresh_from_db()
    return pdf


def pdf_text(data: bytes) -> str:
    """The text of every page, with line breaks and runs of spaces made single spaces."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def page_texts(data: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]


# --- The plan made at submit -------------------------------------------------------


def test_it_creates_the_plan_at_submit(submitted_result, staff, rexvet_model):
    plan = DevelopmentPlan.objects.get()
    assert plan.result == submitted_result
    assert plan.owner == staff
    assert plan.path_model == rexvet_model


def test_the_plan_has_one_item_per_area_with_level_next_step_and_module(plan):
    items = list(PlanItem.objects.filter(plan=plan).select_related("area", "next_level", "direction", "module"))
    assert [i.area.name for i in items] == AREA_NAMES
    # Rookie all yes: reached. Advanced partly in both directions, 3 of 6 = 50 % each: a
    # tie, so at home (first in the model), module 2.1, and abroad to broaden.
    assert [
        (
            i.current_ordinal,
            i.current_label,
            i.next_level.code,
            i.direction.code,
            i.broaden_direction.code,
            i.module.code,
        )
        for i in items
    ] == [(1, "Rookie", "advanced", "at-home", "abroad", "2.1")] * 6


def test_the_plan_of_a_starting_person_points_to_module_1(open_round, staff, structure):
    from mapping.services import response_start, response_submit

    response = response_start(round=open_round, user=staff)
    answer_everything(response, structure, lambda s: "not_yet")
    result = response_submit(response=response, acting_user=staff)
    items = PlanItem.objects.filter(plan__result=result).select_related("next_level", "module")
    assert [(i.current_label, i.next_level.code, i.direction_id, i.broaden_direction_id, i.module.code) for i in items] == [
        ("Starting", "rookie", None, None, "1")
    ] * 6


def test_an_area_not_assessed_has_no_next_step_in_the_plan(open_round, staff, structure):
    from mapping.services import response_start, response_submit

    first_area = structure.areas[0].id
    response = response_start(round=open_round, user=staff)
    answer_everything(response, structure, lambda s: "na" if s.area_id == first_area else "yes")
    result = response_submit(response=response, acting_user=staff)
    items = list(PlanItem.objects.filter(plan__result=result))
    assert [(i.current_ordinal, i.current_label, i.next_level_id, i.module_id) for i in items[:2]] == [
        (None, "Not assessed", None, None),
        (3, "Expert", None, None),
    ]
    assert result.overall_stage == 3  # the area not assessed is left out


# --- Requesting a PDF --------------------------------------------------------------


def test_it_queues_pdf_number_1(plan, staff):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    assert (pdf.number, pdf.status, pdf.requested_by, pdf.file.name) == (1, "queued", staff, "")
    assert pdf.started_at is None


def test_a_second_request_while_pending_returns_the_same_pdf(plan, staff):
    first = plan_pdf_request(plan=plan, acting_user=staff)
    second = plan_pdf_request(plan=plan, acting_user=staff)
    assert second.pk == first.pk
    assert PlanPDF.objects.filter(plan=plan).count() == 1


def test_a_request_while_rendering_returns_the_rendering_pdf(plan, staff):
    first = plan_pdf_request(plan=plan, acting_user=staff)
    PlanPDF.objects.filter(pk=first.pk).update(status=PlanPDF.Status.RENDERING, started_at=timezone.now())
    assert plan_pdf_request(plan=plan, acting_user=staff).pk == first.pk
    assert PlanPDF.objects.count() == 1


def test_a_request_after_a_ready_pdf_makes_number_2(plan, staff):
    first = plan_pdf_request(plan=plan, acting_user=staff)
    PlanPDF.objects.filter(pk=first.pk).update(status=PlanPDF.Status.READY)
    second = plan_pdf_request(plan=plan, acting_user=staff)
    assert (second.number, second.status) == (2, "queued")
    assert list(PlanPDF.objects.filter(plan=plan).values_list("number", "status")) == [
        (2, "queued"),
        (1, "ready"),
    ]


def test_the_task_is_sent_only_after_commit(plan, staff, django_capture_on_commit_callbacks):
    with mock.patch.object(render_plan_pdf, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            pdf = plan_pdf_request(plan=plan, acting_user=staff)
            plan_pdf_request(plan=plan, acting_user=staff)  # pending: no second task
        assert len(callbacks) == 1
        delay.assert_not_called()  # not inside the transaction
        callbacks[0]()
    delay.assert_called_once_with(pdf.pk)


def test_the_task_renders_the_pdf_it_is_given(plan, staff):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    render_plan_pdf(pdf.pk)  # what the worker runs
    pdf.refresh_from_db()
    assert pdf.status == "ready"


# --- Rendering ---------------------------------------------------------------------


def test_it_renders_and_stores_a_real_pdf(plan, staff):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    assert plan_pdf_render(pdf_id=pdf.pk) is True
    pdf.refresh_from_db()
    assert pdf.status == "ready"
    assert pdf.file.name == f"plans/{plan.pk}/development-plan-v1.pdf"
    assert pdf.started_at is not None and pdf.finished_at >= pdf.started_at
    assert pdf.error == ""
    with pdf.file.open("rb") as f:
        assert f.read(5) == b"%PDF-"


def test_rendering_twice_renders_once(plan, staff):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    with mock.patch("pathways.pdf.render_plan_pdf_bytes", return_value=b"%PDF-1.7 fake") as render:
        assert plan_pdf_render(pdf_id=pdf.pk) is True
        assert plan_pdf_render(pdf_id=pdf.pk) is False
    assert render.call_count == 1
    pdf.refresh_from_db()
    assert pdf.status == "ready"
    assert pdf.file.name == f"plans/{plan.pk}/development-plan-v1.pdf"


def test_a_failing_renderer_marks_the_pdf_failed(plan, staff):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    with mock.patch("pathways.pdf.render_plan_pdf_bytes", side_effect=RuntimeError("no fonts")):
        assert plan_pdf_render(pdf_id=pdf.pk) is False
    pdf.refresh_from_db()
    assert (pdf.status, pdf.error, pdf.file.name) == ("failed", "The PDF could not be rendered.", "")
    assert pdf.finished_at is not None


def test_a_retry_after_a_failure_queues_a_new_number(plan, staff):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    with mock.patch("pathways.pdf.render_plan_pdf_bytes", side_effect=RuntimeError("no fonts")):
        plan_pdf_render(pdf_id=pdf.pk)
    retry = plan_pdf_request(plan=plan, acting_user=staff)
    assert retry.pk != pdf.pk
    assert (retry.number, retry.status) == (2, "queued")
    assert plan_pdf_render(pdf_id=retry.pk) is True


def test_a_stale_rendering_becomes_failed(plan, staff, settings):
    settings.REXVET_PDF_STALE_SECONDS = 60
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    PlanPDF.objects.filter(pk=pdf.pk).update(
        status=PlanPDF.Status.RENDERING, started_at=timezone.now() - timedelta(seconds=61)
    )
    latest = plan_pdf_latest(plan=plan)
    assert latest.pk == pdf.pk
    assert (latest.status, latest.error) == ("failed", "The rendering did not finish in time.")
    assert latest.finished_at is not None


def test_a_queued_pdf_never_started_becomes_failed_after_the_stale_time(plan, staff, settings):
    settings.REXVET_PDF_STALE_SECONDS = 60
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    PlanPDF.objects.filter(pk=pdf.pk).update(requested_at=timezone.now() - timedelta(seconds=61))
    assert plan_pdf_latest(plan=plan).status == "failed"
    # The task arriving late finds nothing to claim.
    assert plan_pdf_render(pdf_id=pdf.pk) is False


def test_a_recent_rendering_is_not_stale(plan, staff, settings):
    settings.REXVET_PDF_STALE_SECONDS = 60
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    PlanPDF.objects.filter(pk=pdf.pk).update(
        status=PlanPDF.Status.RENDERING, started_at=timezone.now() - timedelta(seconds=50)
    )
    assert plan_pdf_latest(plan=plan).status == "rendering"


def test_a_rendering_declared_stale_while_working_keeps_no_file(plan, staff, media):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)

    def slow_render(**kwargs):
        PlanPDF.objects.filter(pk=pdf.pk).update(status=PlanPDF.Status.FAILED)
        return b"%PDF-1.7 late"

    with mock.patch("pathways.pdf.render_plan_pdf_bytes", side_effect=slow_render):
        assert plan_pdf_render(pdf_id=pdf.pk) is False
    pdf.refresh_from_db()
    assert (pdf.status, pdf.file.name) == ("failed", "")
    assert list((media / "plans" / str(plan.pk)).iterdir()) == []


def test_an_old_pdf_never_changes_when_a_new_one_is_rendered(plan, staff):
    v1 = rendered(plan, staff)
    with v1.file.open("rb") as f:
        v1_bytes = f.read()
    PlanItem.objects.filter(plan=plan).update(goals="Host two learners from Valencia")
    v2 = rendered(plan, staff)
    assert (v1.number, v2.number) == (1, 2)
    assert v2.file.name == f"plans/{plan.pk}/development-plan-v2.pdf"
    assert v2.file.name != v1.file.name
    v1.refresh_from_db()
    with v1.file.open("rb") as f:
        assert f.read() == v1_bytes
    with v2.file.open("rb") as f:
        v2_bytes = f.read()
    assert v2_bytes != v1_bytes
    assert "Host two learners from Valencia" in pdf_text(v2_bytes)
    assert "Host two learners from Valencia" not in pdf_text(v1_bytes)


# --- What the PDF says -------------------------------------------------------------


@pytest.fixture
def varied_result(open_round, staff, structure):
    """One area at each level: Starting, Rookie, at home, abroad, both, Expert."""
    from mapping.services import response_start, response_submit

    reached = {
        1: set(),
        2: {("rookie", None)},
        3: {("rookie", None), ("advanced", "at-home")},
        4: {("rookie", None), ("advanced", "abroad")},
        5: {("rookie", None), ("advanced", "at-home"), ("advanced", "abroad")},
        6: {("rookie", None), ("advanced", "at-home"), ("expert", None)},
    }
    order = {a.id: a.order for a in structure.areas}

    def value_for(s):
        key = (s.level.code, s.direction.code if s.direction else None)
        return "yes" if key in reached[order[s.area_id]] else "not_yet"

    response = response_start(round=open_round, user=staff)
    answer_everything(response, structure, value_for)
    return response_submit(response=response, acting_user=staff)


VARIED_LABELS = [
    "Starting",
    "Rookie",
    "Advanced (at home)",
    "Advanced (abroad)",
    "Advanced (at home and abroad)",
    "Expert",
]


def test_the_pdf_names_the_owner_and_each_area_with_its_level(varied_result, staff):
    plan = DevelopmentPlan.objects.get(result=varied_result)
    assert list(PlanItem.objects.filter(plan=plan).values_list("current_label", flat=True)) == VARIED_LABELS
    pdf = rendered(plan, staff)
    with pdf.file.open("rb") as f:
        text = pdf_text(f.read())
    assert "Ülle Mäe-Õunapuu · Kuressaare Ametikool · Kuressaare mapping 2026" in text
    for name, label in zip(AREA_NAMES, VARIED_LABELS):
        assert f"{name} — {label}" in text
    assert "Overall stage: Advanced" in text  # median_low of [0, 1, 2, 2, 2, 3]
    assert "PDF version 1, made on" in text


def test_every_page_footer_names_the_owner(plan, staff):
    pdf = rendered(plan, staff)
    with pdf.file.open("rb") as f:
        pages = page_texts(f.read())
    assert len(pages) > 1
    for number, text in enumerate(pages, start=1):
        assert f"REXVET Paths · Development plan of Ülle Mäe-Õunapuu {number} / {len(pages)}" in text


@pytest.mark.parametrize(
    "name",
    [
        "Αλέξανδρος Ψαλτάκης",
        "Łukasz Şahin Ğ Ø Ñ Ä Õ Ж",
        "Сергій О'Коннор-Жук",
        'Anna "Ann" <b>Smith</b> & Co\\',
    ],
)
def test_names_in_any_european_language_come_out_right(plan, staff, name):
    staff.full_name = name
    staff.save(update_fields=["full_name"])
    pdf = rendered(plan, staff)
    with pdf.file.open("rb") as f:
        pages = page_texts(f.read())
    assert f"{name} · Kuressaare Ametikool" in pages[0]
    for text in pages:
        assert f"Development plan of {name} " in text


# --- The pages ---------------------------------------------------------------------


def plan_urls(plan):
    return {
        "plan": f"/plans/{plan.pk}/",
        "status": f"/plans/{plan.pk}/pdf/status/",
        "download": f"/plans/{plan.pk}/pdf/1/",
    }


@pytest.fixture
def ready_pdf(plan, staff):
    return rendered(plan, staff)


def test_the_owner_opens_the_plan(client, staff, plan):
    client.force_login(staff)
    r = client.get(f"/plans/{plan.pk}/")
    assert r.status_code == 200
    assert r.templates[0].name == "pathways/plan.html"
    html = r.content.decode()
    assert "Ülle Mäe-Õunapuu · Kuressaare mapping 2026 · overall stage Rookie" in html
    assert html.count("2.1 Bringing the world into your school") == 6
    assert "No PDF has been made of this plan yet." in html
    assert 'id="pdf-request"' in html


@pytest.mark.parametrize("persona", ["colleague", "coordinator", "other_coordinator"])
@pytest.mark.parametrize("page", ["plan", "status", "download"])
def test_others_get_404_on_the_plan_pages(client, request, ready_pdf, plan, persona, page):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(plan_urls(plan)[page]).status_code == 404


@pytest.mark.parametrize("persona", ["colleague", "coordinator", "other_coordinator"])
def test_others_cannot_request_a_pdf(client, request, plan, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.post(f"/plans/{plan.pk}/pdf/").status_code == 404
    assert PlanPDF.objects.count() == 0


@pytest.mark.parametrize("page", ["plan", "status", "download"])
def test_a_project_admin_without_membership_is_sent_to_the_welcome_page(client, project_admin, ready_pdf, plan, page):
    client.force_login(project_admin)
    r = client.get(plan_urls(plan)[page])
    assert (r.status_code, r["Location"]) == (302, "/welcome/")


def test_a_project_admin_cannot_request_a_pdf(client, project_admin, plan):
    client.force_login(project_admin)
    r = client.post(f"/plans/{plan.pk}/pdf/")
    assert (r.status_code, r["Location"]) == (302, "/welcome/")
    assert PlanPDF.objects.count() == 0


@pytest.mark.parametrize("page", ["plan", "status", "download"])
def test_anonymous_visitors_are_sent_to_sign_in(client, ready_pdf, plan, page):
    url = plan_urls(plan)[page]
    r = client.get(url)
    assert (r.status_code, r["Location"]) == (302, f"/accounts/login/?next={url}")


def test_an_anonymous_pdf_request_is_sent_to_sign_in_and_queues_nothing(client, plan):
    r = client.post(f"/plans/{plan.pk}/pdf/")
    assert (r.status_code, r["Location"]) == (302, f"/accounts/login/?next=/plans/{plan.pk}/pdf/")
    assert PlanPDF.objects.count() == 0


def test_another_persons_plan_is_404_for_its_id_even_for_a_plan_owner(client, colleague, plan, open_round, structure):
    # The colleague has a plan of their own; that does not open the staff member's plan.
    from mapping.services import response_start, response_submit

    response = response_start(round=open_round, user=colleague)
    answer_everything(response, structure, lambda s: "yes")
    own = DevelopmentPlan.objects.get(result=response_submit(response=response, acting_user=colleague))
    client.force_login(colleague)
    assert client.get(f"/plans/{own.pk}/").status_code == 200
    assert client.get(f"/plans/{plan.pk}/").status_code == 404


def test_the_owner_requests_a_pdf_and_is_sent_back_to_the_plan(client, staff, plan):
    client.force_login(staff)
    r = client.post(f"/plans/{plan.pk}/pdf/")
    assert (r.status_code, r["Location"]) == (302, f"/plans/{plan.pk}/#pdf")
    assert list(PlanPDF.objects.values_list("number", "status", "requested_by")) == [(1, "queued", staff.pk)]
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Your PDF is queued and will be prepared in a moment." in page
    # Without JavaScript, "Check again" is a GET form: a link to the same URL with a
    # fragment would not reload the page.
    assert f'<form method="get" action="/plans/{plan.pk}/#pdf" id="pdf-check">' in page
    assert 'id="pdf-request"' not in page
    # The status card says it; no flash message repeats it at the top.
    assert page.count("Your PDF is queued and will be prepared in a moment.") == 1


def test_a_json_pdf_request_answers_202_with_the_state(client, staff, plan):
    client.force_login(staff)
    r = client.post(f"/plans/{plan.pk}/pdf/", headers={"Accept": "application/json"})
    assert r.status_code == 202
    assert r.json() == {
        "status": "queued",
        "number": 1,
        "message": "Your PDF is queued and will be prepared in a moment.",
    }


def test_a_get_on_the_request_url_is_not_allowed(client, staff, plan):
    client.force_login(staff)
    assert client.get(f"/plans/{plan.pk}/pdf/").status_code == 405


def test_status_without_a_pdf(client, staff, plan):
    client.force_login(staff)
    assert client.get(f"/plans/{plan.pk}/pdf/status/").json() == {
        "status": "none",
        "number": None,
        "message": "No PDF has been made of this plan yet.",
    }


def test_status_while_rendering(client, staff, plan):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    PlanPDF.objects.filter(pk=pdf.pk).update(status=PlanPDF.Status.RENDERING, started_at=timezone.now())
    client.force_login(staff)
    assert client.get(f"/plans/{plan.pk}/pdf/status/").json() == {
        "status": "rendering",
        "number": 1,
        "message": "Your PDF is being prepared.",
    }


def test_status_when_ready(client, staff, plan, ready_pdf):
    client.force_login(staff)
    assert client.get(f"/plans/{plan.pk}/pdf/status/").json() == {
        "status": "ready",
        "number": 1,
        "message": "Your PDF (version 1) is ready.",
        "download_url": f"/plans/{plan.pk}/pdf/1/",
    }


def test_status_when_failed(client, staff, plan):
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    with mock.patch("pathways.pdf.render_plan_pdf_bytes", side_effect=RuntimeError("boom")):
        plan_pdf_render(pdf_id=pdf.pk)
    client.force_login(staff)
    assert client.get(f"/plans/{plan.pk}/pdf/status/").json() == {
        "status": "failed",
        "number": 1,
        "message": "Preparing the PDF failed: The PDF could not be rendered. Please try again.",
    }
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Try again" in page


def test_the_owner_downloads_the_pdf(client, staff, plan, ready_pdf):
    client.force_login(staff)
    r = client.get(f"/plans/{plan.pk}/pdf/1/")
    assert r.status_code == 200
    assert r["Content-Type"] == "application/pdf"
    assert r["Content-Disposition"] == 'attachment; filename="rexvet-development-plan-v1.pdf"'
    assert b"".join(r.streaming_content).startswith(b"%PDF-")


def test_a_pdf_not_ready_cannot_be_downloaded(client, staff, plan):
    plan_pdf_request(plan=plan, acting_user=staff)
    client.force_login(staff)
    assert client.get(f"/plans/{plan.pk}/pdf/1/").status_code == 404
    assert client.get(f"/plans/{plan.pk}/pdf/2/").status_code == 404


def test_a_pdf_whose_file_is_gone_is_404(client, staff, plan, ready_pdf):
    ready_pdf.file.storage.delete(ready_pdf.file.name)
    client.force_login(staff)
    assert client.get(f"/plans/{plan.pk}/pdf/1/").status_code == 404


def test_the_plan_page_lists_earlier_pdfs(client, staff, plan):
    rendered(plan, staff)
    rendered(plan, staff)
    client.force_login(staff)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Your PDF (version 2) is ready." in html
    assert f'href="/plans/{plan.pk}/pdf/2/"' in html
    assert f'href="/plans/{plan.pk}/pdf/1/"' in html


def test_the_plan_page_runs_a_fixed_number_of_queries(client, staff, plan, django_assert_max_num_queries):
    rendered(plan, staff)
    for number in range(2, 8):  # more earlier PDFs cost no more queries
        PlanPDF.objects.create(
            plan=plan, number=number, status=PlanPDF.Status.READY, file=f"plans/{plan.pk}/v{number}.pdf"
        )
    client.force_login(staff)
    # 1 session, 2 user, 3 membership check, 4 plan with result, response, round,
    # organisation, path model and owner, 5-9 path structure (levels, directions, areas,
    # statements, descriptors), 10 the owner's enrolments in the plan's modules with their
    # progress counted (module progress, issue 5), 11 area results, 12 plan items with area,
    # levels, directions and modules, 13 stale renderings update, 14 latest PDF, 15 ready
    # PDFs, 16 the agreement history with its authors (issue 5), 17 the owner's valid
    # badges (issue 6).
    with django_assert_max_num_queries(17):
        r = client.get(f"/plans/{plan.pk}/")
    assert r.status_code == 200
    assert r.content.decode().count(f'href="/plans/{plan.pk}/pdf/') == 7 + 1  # the list and the latest
