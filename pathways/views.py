from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from rexvet.accounts.decorators import member_required

from . import services
from .charts import levels_radar
from .models import DevelopmentPlan, PlanPDF
from .selectors import path_structure, plan_rows


def _get_own_plan(request, plan_id: int) -> DevelopmentPlan:
    # Only the owner opens their plan and its PDFs; anyone else gets a 404.
    return get_object_or_404(
        DevelopmentPlan.objects.select_related("result__response__round__organisation", "path_model", "owner"),
        pk=plan_id,
        owner=request.user,
    )


def _pdf_state(plan: DevelopmentPlan, pdf: PlanPDF | None) -> dict:
    state = {"status": pdf.status if pdf else "none", "number": pdf.number if pdf else None}
    if pdf is None:
        state["message"] = _("No PDF has been made of this plan yet.")
    elif pdf.status == PlanPDF.Status.QUEUED:
        state["message"] = _("Your PDF is queued and will be prepared in a moment.")
    elif pdf.status == PlanPDF.Status.RENDERING:
        state["message"] = _("Your PDF is being prepared.")
    elif pdf.status == PlanPDF.Status.READY:
        state["message"] = _("Your PDF (version %(number)s) is ready.") % {"number": pdf.number}
        state["download_url"] = reverse("pathways:pdf_download", args=[plan.pk, pdf.number])
    else:
        state["message"] = _("Preparing the PDF failed: %(error)s Please try again.") % {"error": pdf.error}
    return state


@member_required
@require_GET
def plan_detail(request, plan_id: int):
    """The plan's owner only (404 for anyone else), as every view here."""
    plan = _get_own_plan(request, plan_id)
    structure = path_structure(plan.path_model)
    rows = plan_rows(plan, structure)
    pdf = services.plan_pdf_latest(plan=plan)
    ready = PlanPDF.objects.filter(plan=plan, status=PlanPDF.Status.READY).order_by("-number")
    ordinals = {row.item.area_id: row.item.current_ordinal for row in rows}
    return render(
        request,
        "pathways/plan.html",
        {
            "plan": plan,
            "round": plan.result.response.round,
            "result": plan.result,
            "rows": rows,
            "radar": levels_radar(structure, ordinals),
            "pdf": pdf,
            "pdf_state": _pdf_state(plan, pdf),
            "ready_pdfs": ready,
        },
    )


@member_required
@require_POST
def pdf_request(request, plan_id: int):
    plan = _get_own_plan(request, plan_id)
    pdf = services.plan_pdf_request(plan=plan, acting_user=request.user)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(_pdf_state(plan, pdf), status=202)
    return redirect(reverse("pathways:plan", args=[plan.pk]) + "#pdf")


@member_required
@require_GET
def pdf_status(request, plan_id: int):
    plan = _get_own_plan(request, plan_id)
    return JsonResponse(_pdf_state(plan, services.plan_pdf_latest(plan=plan)))


@member_required
@require_GET
def pdf_download(request, plan_id: int, number: int):
    plan = _get_own_plan(request, plan_id)
    pdf = get_object_or_404(PlanPDF, plan=plan, number=number, status=PlanPDF.Status.READY)
    try:
        handle = pdf.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"rexvet-development-plan-v{pdf.number}.pdf"
    return FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")
