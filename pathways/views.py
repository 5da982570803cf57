"""The development plan: its owner's pages, and the coordinators' agreement queue.

The owner opens, edits and asks agreement of their own plan (404 for anyone else). A
coordinator reviews the plans of members of their organisations (404 for another
organisation's plan; 403 on these pages for anyone who coordinates nothing).
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rexvet.accounts.decorators import member_required, pop_kept_post
from rexvet.accounts.permissions import coordinator_required

from . import services
from .charts import levels_radar
from .forms import AskForm, DecisionForm, PlanForm
from .models import DevelopmentPlan, Direction, PlanEvent, PlanItem, PlanPDF
from .permissions import get_own_plan, get_plan_for_reviewer, reviewable_plans
from .selectors import (
    module_catalogue,
    path_structure,
    plan_history,
    plan_badges,
    plan_module_progress,
    plan_recent_decisions,
    plan_review_queue,
    plan_rows,
)

QUEUE_PAGE_SIZE = 50


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


def _latest_decision(history: list[PlanEvent]) -> PlanEvent | None:
    return next((e for e in history if e.action in (PlanEvent.Action.AGREED, PlanEvent.Action.RETURNED)), None)


def _plan_page(request, plan: DevelopmentPlan, *, ask_form: AskForm | None = None, status: int = 200):
    structure = path_structure(plan.path_model)
    rows = plan_rows(plan, structure, progress=plan_module_progress(plan))
    pdf = services.plan_pdf_latest(plan=plan)
    ready = PlanPDF.objects.filter(plan=plan, status=PlanPDF.Status.READY).order_by("-number")
    history = plan_history(plan)
    return render(
        request,
        "pathways/plan.html",
        {
            "plan": plan,
            "round": plan.result.response.round,
            "result": plan.result,
            "rows": rows,
            "badges": plan_badges(plan),
            "radar": levels_radar(structure, {row.item.area_id: row.item.current_ordinal for row in rows}),
            "pdf": pdf,
            "pdf_state": _pdf_state(plan, pdf),
            "ready_pdfs": ready,
            "history": history,
            "decision": _latest_decision(history),
            "ask_form": ask_form or AskForm(),
            "today": timezone.localdate(),
        },
        status=status,
    )


@member_required
@require_GET
def plan_detail(request, plan_id: int):
    """The plan's owner only (404 for anyone else), as every owner's view here."""
    return _plan_page(request, get_own_plan(request, plan_id))


def _edit_data(request) -> tuple[QueryDict | None, bool]:
    """The posted form, or what was kept of it across an expired session or a stale tab
    (shown again, saved only when sent again)."""
    if request.method == "POST":
        return request.POST, False
    kept = pop_kept_post(request)
    if kept is None:
        return None, False
    data = QueryDict(mutable=True)
    data.update(MultiValueDict(kept[0]))
    return data, True


@member_required
@require_http_methods(["GET", "POST"])
def plan_edit(request, plan_id: int):
    """The owner: goals, target dates, the direction at Advanced and broaden steps of every
    area, in one form. Errors are shown next to their fields; nothing typed is lost."""
    plan = get_own_plan(request, plan_id)
    items = list(
        PlanItem.objects.filter(plan=plan).select_related(
            "area", "next_level", "direction", "broaden_direction", "module", "broaden_module"
        )
    )
    directions: dict[int, list[Direction]] = {}
    for d in Direction.objects.filter(level__path_model_id=plan.path_model_id).order_by("level__order", "order"):
        directions.setdefault(d.level_id, []).append(d)
    modules = module_catalogue(plan.path_model.code)
    data, kept = _edit_data(request)
    form = PlanForm(data, items=items, directions=directions, modules=modules, today=timezone.localdate())
    status = 200
    if data is not None and not form.is_valid():
        status = 400 if request.method == "POST" else 200
    elif request.method == "POST":
        was = plan.status
        changed = services.plan_update(plan=plan, acting_user=request.user, changes=form.changes(), modules_by_step=modules)
        if not changed:
            messages.info(request, _("Nothing was changed."))
        elif was in (DevelopmentPlan.Status.AGREED, DevelopmentPlan.Status.AWAITING):
            messages.warning(
                request,
                _("Your changes are saved. The plan is a draft again: ask your coordinator to agree it again."),
            )
        else:
            messages.success(request, _("Your changes are saved."))
        return redirect("pathways:plan", plan_id=plan.pk)
    if kept:
        messages.info(request, _("What you entered before is shown again, not saved yet: check it and save."))
    return render(
        request,
        "pathways/plan_edit.html",
        {"plan": plan, "form": form, "pairs": list(zip(items, form.forms))},
        status=status,
    )


@member_required
@require_POST
def plan_ask(request, plan_id: int):
    """The owner asks their coordinators to agree the plan."""
    plan = get_own_plan(request, plan_id)
    form = AskForm(request.POST)
    if not form.is_valid():
        return _plan_page(request, plan, ask_form=form, status=400)
    try:
        services.plan_agreement_ask(plan=plan, acting_user=request.user, message=form.cleaned_data["message"])
    except services.NoReviewer:
        messages.error(request, _("Your organisation has no coordinator who could agree your plan. Please ask your organisation to name one."))
    except services.PlanStateError:
        messages.info(request, _("This plan is already waiting for agreement, or agreed."))
    else:
        messages.success(request, _("Your coordinator has been asked to agree your plan."))
    return redirect(reverse("pathways:plan", args=[plan.pk]) + "#agreement")


@member_required
@require_POST
def pdf_request(request, plan_id: int):
    plan = get_own_plan(request, plan_id)
    pdf = services.plan_pdf_request(plan=plan, acting_user=request.user)
    if request.headers.get("Accept", "").startswith("application/json"):
        return JsonResponse(_pdf_state(plan, pdf), status=202)
    return redirect(reverse("pathways:plan", args=[plan.pk]) + "#pdf")


@member_required
@require_GET
def pdf_status(request, plan_id: int):
    plan = get_own_plan(request, plan_id)
    return JsonResponse(_pdf_state(plan, services.plan_pdf_latest(plan=plan)))


@member_required
@require_GET
def pdf_download(request, plan_id: int, number: int):
    plan = get_own_plan(request, plan_id)
    pdf = get_object_or_404(PlanPDF, plan=plan, number=number, status=PlanPDF.Status.READY)
    try:
        handle = pdf.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    filename = f"rexvet-development-plan-v{pdf.number}.pdf"
    return FileResponse(handle, as_attachment=True, filename=filename, content_type="application/pdf")


# --- Coordinators ------------------------------------------------------------------------


@coordinator_required
@require_GET
def review_queue(request):
    """Coordinators: plans waiting for agreement from members of their organisations."""
    plans = reviewable_plans(request.user)
    page = Paginator(plan_review_queue(plans), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "pathways/review_queue.html",
        {"page": page, "recent": plan_recent_decisions(plans)},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def review(request, plan_id: int):
    """Coordinators of the owner's organisation (not the owner): agree the plan, or return
    it with a comment. 404 for anyone else."""
    plan = get_plan_for_reviewer(request, plan_id)
    form = DecisionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not plan.is_awaiting:
            messages.info(request, _("This plan is not waiting for agreement now."))
            return redirect("pathways:review", plan_id=plan.pk)
        if form.is_valid():
            agree = form.cleaned_data["decision"] == form.AGREE
            decide = services.plan_agree if agree else services.plan_return
            try:
                decide(plan=plan, reviewer=request.user, comment=form.cleaned_data["comment"])
            except services.PlanStateError:
                messages.info(request, _("Another coordinator decided on this plan first, or it was changed."))
                return redirect("pathways:review", plan_id=plan.pk)
            name = plan.owner.get_full_name()
            if agree:
                messages.success(request, _("Agreed. %(name)s has been told.") % {"name": name})
            else:
                messages.success(request, _("Returned with your comment. %(name)s has been told.") % {"name": name})
            return redirect("pathways:review_queue")
        status = 400
    structure = path_structure(plan.path_model)
    return render(
        request,
        "pathways/review.html",
        {
            "plan": plan,
            "round": plan.result.response.round,
            "rows": plan_rows(plan, structure, progress=plan_module_progress(plan)),
            "history": plan_history(plan),
            "form": form,
            "today": timezone.localdate(),
        },
        status=status,
    )
