from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.contrib.admin.views.decorators import staff_member_required
from django.views.decorators.http import require_GET, require_http_methods
from django.utils.datastructures import MultiValueDict

from pathways.charts import levels_radar
from pathways.models import PathModel
from pathways.selectors import path_structure, plan_rows
from rexvet.accounts.decorators import member_required, pop_kept_post
from training.pathmap import path_map_for_plan

from . import services
from .forms import DirectionForm, SurveyPageForm
from .models import Answer, Response, Result, Round


def _get_round_for_user(request, round_id: int) -> Round:
    """A round the user may answer: their organisation's, or partnership-wide. 404 otherwise."""
    return get_object_or_404(Round.objects.for_user(request.user).select_related("organisation", "path_model"), pk=round_id)


def _get_own_response(request, rnd: Round) -> Response | None:
    return Response.objects.filter(round=rnd, user=request.user).first()


def _form_data(request) -> tuple[QueryDict | None, bool]:
    """What the form on this page was sent, and whether it may be saved.

    On a GET this is what was kept across an expired session (save it) or from a stale
    tab whose CSRF check failed (only show it again).
    """
    if request.method == "POST":
        return request.POST, True
    kept = pop_kept_post(request)
    if kept is None:
        return None, False
    data = QueryDict(mutable=True)
    data.update(MultiValueDict(kept[0]))
    return data, kept[1]


@member_required
@require_http_methods(["GET", "POST"])
def round_start(request, round_id: int):
    """Members of the round's organisation (any member for a partnership round): what the
    round is, who will see what, and the button that starts or resumes the response."""
    rnd = _get_round_for_user(request, round_id)
    response = _get_own_response(request, rnd)
    if response and response.is_submitted:
        return redirect("mapping:result", result_id=response.result.pk)
    if request.method == "POST":
        if not rnd.is_open:
            messages.error(request, _("This round is not open."))
            return redirect("mapping:round_start", round_id=rnd.pk)
        response = services.response_start(round=rnd, user=request.user)
        return redirect("mapping:page", round_id=rnd.pk, page=response.last_page)
    structure = path_structure(rnd.path_model)
    return render(
        request,
        "mapping/round_start.html",
        {"round": rnd, "response": response, "structure": structure, "page_count": len(structure.areas)},
    )


def _steps(structure, current: int, answered_ids: set[int]):
    steps = []
    for number, area in enumerate(structure.areas, start=1):
        total = len(structure.statements[area.id])
        done = sum(1 for s in structure.statements[area.id] if s.id in answered_ids)
        steps.append({"number": number, "area": area, "total": total, "done": done, "current": number == current})
    return steps


def _progress(steps) -> dict:
    return {"done": sum(s["done"] for s in steps), "total": sum(s["total"] for s in steps)}


def _group_rows(rows):
    """Group (statement, field) rows by level and direction, in model order."""
    groups: list[dict] = []
    for statement, field in rows:
        key = (statement.level_id, statement.direction_id)
        if not groups or groups[-1]["key"] != key:
            title = statement.level.name
            if statement.direction:
                title = f"{title}: {statement.direction.name}"
            groups.append({"key": key, "title": title, "rows": []})
        groups[-1]["rows"].append((statement, field))
    return groups


@member_required
@require_http_methods(["GET", "POST"])
def survey_page(request, round_id: int, page: int):
    """The respondent only (their own response in a round of their organisation)."""
    rnd = _get_round_for_user(request, round_id)
    response = _get_own_response(request, rnd)
    if response is None:
        return redirect("mapping:round_start", round_id=rnd.pk)
    if response.is_submitted:
        return redirect("mapping:result", result_id=response.result.pk)
    structure = path_structure(rnd.path_model)
    if not 1 <= page <= len(structure.areas):
        raise Http404
    area = structure.areas[page - 1]
    statements = structure.statements[area.id]
    if not rnd.is_open:
        return render(request, "mapping/round_closed.html", {"round": rnd, "response": response}, status=403)

    data, may_save = _form_data(request)
    status = 200
    saved = dict(Answer.objects.filter(response=response, statement__area=area).values_list("statement_id", "value"))
    if data is not None and not may_save:
        shown = {f"s{sid}": v for sid, v in saved.items()}
        shown.update({k: data[k] for k in data if k.startswith("s") and data[k]})
        form = SurveyPageForm(initial=shown, statements=statements)
    elif data is not None:
        form = SurveyPageForm(data, statements=statements)
        if form.is_valid():
            action = request.POST.get("action", "next") if request.method == "POST" else "save"
            # Where "Continue where I left off" leads: the page the person moves on to.
            resume_at = page + 1 if action == "next" and page < len(structure.areas) else page
            try:
                services.response_save_page(response=response, area=area, answers=form.answers(), page=resume_at)
            except services.AlreadySubmitted:
                # Submitted in another tab meanwhile: the result is final.
                return redirect("mapping:result", result_id=response.result.pk)
            if request.method == "GET":
                messages.success(request, _("Your answers on this page were saved."))
                return redirect(request.path)
            if action == "previous":
                return redirect("mapping:page", round_id=rnd.pk, page=max(page - 1, 1))
            if action == "save":
                messages.success(request, _("Saved. You can come back later and continue where you left off."))
                return redirect("mapping:page", round_id=rnd.pk, page=page)
            if page < len(structure.areas) and action != "review":
                return redirect("mapping:page", round_id=rnd.pk, page=page + 1)
            return redirect("mapping:review", round_id=rnd.pk)
        status = 400
    else:
        form = SurveyPageForm(initial={f"s{sid}": v for sid, v in saved.items()}, statements=statements)

    answered = set(Answer.objects.filter(response=response).values_list("statement_id", flat=True))
    steps = _steps(structure, page, answered)
    context = {
        "round": rnd,
        "response": response,
        "area": area,
        "page": page,
        "page_count": len(structure.areas),
        "step_count": len(structure.areas) + 1,
        "steps": steps,
        "progress": _progress(steps),
        "form": form,
        "groups": _group_rows(form.rows()),
    }
    return render(request, "mapping/survey_page.html", context, status=status)


@member_required
@require_http_methods(["GET", "POST"])
def review(request, round_id: int):
    """The respondent only: the preferred direction, unanswered pages, and submit."""
    rnd = _get_round_for_user(request, round_id)
    response = _get_own_response(request, rnd)
    if response is None:
        return redirect("mapping:round_start", round_id=rnd.pk)
    if response.is_submitted:
        return redirect("mapping:result", result_id=response.result.pk)
    if not rnd.is_open:
        return render(request, "mapping/round_closed.html", {"round": rnd, "response": response}, status=403)
    structure = path_structure(rnd.path_model)
    branched = structure.branched_level
    directions = structure.directions.get(branched.id, []) if branched else []
    initial = {"direction": response.preferred_direction.code if response.preferred_direction_id else None}
    status = 200
    missing = []
    data, may_save = _form_data(request)
    if not may_save:
        data = None  # a stale tab's choice is not saved; the saved one is shown
    form = DirectionForm(data, directions=directions, initial=initial)
    if data is not None and form.is_valid():
        try:
            services.response_set_direction(response=response, direction=form.chosen())
        except services.AlreadySubmitted:
            return redirect("mapping:result", result_id=Result.objects.get(response=response).pk)
        if request.POST.get("action") == "submit":
            try:
                result = services.response_submit(response=response, acting_user=request.user)
            except services.Incomplete as incomplete:
                missing = incomplete.pages
                status = 400
            except services.RoundClosed:
                return render(request, "mapping/round_closed.html", {"round": rnd, "response": response}, status=403)
            else:
                messages.success(request, _("Thank you. Your self-assessment is submitted."))
                return redirect("mapping:result", result_id=result.pk)
        else:
            messages.success(request, _("Your choice was saved."))
            return redirect("mapping:review", round_id=rnd.pk)
    elif data is not None:
        status = 400
    answered = set(Answer.objects.filter(response=response).values_list("statement_id", flat=True))
    steps = _steps(structure, None, answered)
    return render(
        request,
        "mapping/review.html",
        {
            "round": rnd,
            "response": response,
            "form": form,
            "missing": missing,
            "steps": steps,
            "progress": _progress(steps),
            "page_count": len(structure.areas),
            "step_count": len(structure.areas) + 1,
        },
        status=status,
    )


@member_required
def result_detail(request, result_id: int):
    """The owner only; anyone else gets a 404 (coordinators see named results on their dashboard)."""
    result = get_object_or_404(
        Result.objects.select_related("response__round__organisation", "path_model", "plan"),
        pk=result_id,
        response__user=request.user,
    )
    structure = path_structure(result.path_model)
    area_results = list(result.areas.all())
    ordinals = {ar.area_id: ar.ordinal for ar in area_results}
    rows = plan_rows(result.plan, structure)
    # The page already holds the path, the plan items and the reached directions: the map
    # adds only the modules with the person's completions.
    path_map = path_map_for_plan(
        result.plan,
        user=request.user,
        structure=structure,
        items=[row.item for row in rows],
        reached={ar.area_id: ar.reached_directions for ar in area_results},
    )
    return render(
        request,
        "mapping/result.html",
        {
            "result": result,
            "round": result.response.round,
            "structure": structure,
            "rows": rows,
            "radar": levels_radar(structure, ordinals),
            "plan": result.plan,
            "path_map": path_map,
            "path_map_svg": path_map.svg(),
        },
    )


@staff_member_required
@require_GET
def preview(request, path_model_id: int, page: int):
    """A project admin sees the survey of any version, draft included, exactly as staff
    would, without creating a response. Nothing is saved."""
    model = get_object_or_404(PathModel, pk=path_model_id)
    structure = path_structure(model)
    if not structure.areas or not 1 <= page <= len(structure.areas):
        raise Http404
    area = structure.areas[page - 1]
    form = SurveyPageForm(statements=structure.statements[area.id])
    rnd = Round(name=_("Preview of %(model)s") % {"model": model}, path_model=model)
    steps = _steps(structure, page, set())
    return render(
        request,
        "mapping/survey_page.html",
        {
            "preview": True,
            "path_model": model,
            "round": rnd,
            "area": area,
            "page": page,
            "page_count": len(structure.areas),
            "step_count": len(structure.areas) + 1,
            "steps": steps,
            "progress": _progress(steps),
            "form": form,
            "groups": _group_rows(form.rows()),
        },
    )
