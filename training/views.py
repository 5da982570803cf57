"""Staff pages of the training package and the coordinators' evidence review.

Every view says who may open it. Staff data is fetched through the signed-in user, so
another person's enrolment, reflection, attempt or file answers 404.
"""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from rexvet.accounts.decorators import member_required, pop_kept_post
from rexvet.lib.filetypes import FileRefused

from . import selectors, services
from .forms import CatalogueFilterForm, EvidenceForm, QuizForm, ReflectionForm, ReviewForm
from .models import Activity, Enrolment, Module
from .permissions import (
    coordinated_organisations,
    coordinator_required,
    get_submission_for_download,
    get_submission_for_reviewer,
    reviewable_evidence,
)

QUEUE_PAGE_SIZE = 50


def _own_enrolment(request, module: Module) -> Enrolment | None:
    return Enrolment.objects.filter(user=request.user, module=module).first()


@member_required
@require_GET
def catalogue(request):
    """Members: every module of the path, filtered, with their own progress and what their
    newest development plan recommends."""
    code = selectors.catalogue_path_model_code()
    labels = selectors.path_labels(code)
    form = CatalogueFilterForm(request.GET or None, labels=labels)
    cards = selectors.catalogue(user=request.user, path_model_code=code, labels=labels, **form.filters())
    return render(
        request,
        "training/catalogue.html",
        {
            "form": form,
            "cards": cards,
            "recommended": [card for card in cards if card.recommended_for],
            "filtered": bool(form.filters()),
            "is_coordinator": coordinated_organisations(request.user).exists(),
        },
    )


@member_required
@require_GET
def module_detail(request, module_id: int):
    """Members: the module, and their own enrolment and progress in it."""
    module = get_object_or_404(Module.objects.prefetch_related("areas"), pk=module_id)
    enrolment = _own_enrolment(request, module)
    progress = selectors.module_progress(module, enrolment)
    labels = selectors.path_labels(module.path_model_code)
    return render(
        request,
        "training/module.html",
        {
            "module": module,
            "step": labels.step_label(module),
            "level_ordinal": labels.level_ordinal(module.level_code),
            "area_names": [labels.area_name(a.area_code) for a in module.areas.all()],
            "enrolment": enrolment,
            "progress": progress,
            "resume": progress.resume() if enrolment else None,
        },
    )


@member_required
@require_POST
def enrol(request, module_id: int):
    """Members: enrol themselves (again is harmless) and go to where they left off."""
    module = get_object_or_404(Module, pk=module_id)
    services.enrolment_start(user=request.user, module=module)
    return redirect("training:resume", module_id=module.pk)


@member_required
@require_GET
def resume(request, module_id: int):
    """The enrolled member: continue where they left off."""
    module = get_object_or_404(Module, pk=module_id)
    enrolment = _own_enrolment(request, module)
    activity = selectors.module_progress(module, enrolment).resume() if enrolment else None
    if activity is None:
        return redirect("training:module", module_id=module.pk)
    return redirect("training:activity", activity_id=activity.pk)


def _kept_reflection(request) -> QueryDict | None:
    """A reflection posted after the session expired, kept across signing in again."""
    kept = pop_kept_post(request)
    if kept is None or not kept[1]:
        return None
    data = QueryDict(mutable=True)
    data.update(MultiValueDict(kept[0]))
    return data


def _activity_context(activity: Activity, enrolment: Enrolment, **forms) -> dict:
    progress = selectors.module_progress(activity.module, enrolment)
    row = next(r for r in progress.rows if r.activity.pk == activity.pk)
    previous, following = progress.neighbours(activity)
    context = {
        "module": activity.module,
        "activity": row.activity,
        "row": row,
        "progress": progress,
        "enrolment": enrolment,
        "previous": previous,
        "next": following,
        **forms,
    }
    kind = activity.kind
    if kind == Activity.Kind.REFLECTION and "form" not in forms:
        reflection = selectors.reflection_of(enrolment, activity)
        context["form"] = ReflectionForm(initial={"text": reflection.text if reflection else ""})
        context["reflection"] = reflection
    elif kind == Activity.Kind.QUIZ:
        questions = context.get("questions") or selectors.quiz_questions(activity)
        attempts = selectors.quiz_attempts(enrolment, activity)
        feedback = selectors.quiz_feedback(questions, attempts[0]) if attempts else None
        context.update(questions=questions, attempts=attempts, feedback=feedback)
        context.setdefault("form", QuizForm(questions=questions))
    elif kind == Activity.Kind.EVIDENCE:
        history = selectors.evidence_history(enrolment.pk, activity.pk)
        context["history"] = history
        context["can_submit"] = not any(s.status in ("submitted", "approved") for s in history)
        context.setdefault("form", EvidenceForm())
    return context


@member_required
@require_http_methods(["GET", "POST"])
def activity(request, activity_id: int):
    """The enrolled member: one activity, and their own work on it (404 for anyone else's)."""
    activity = get_object_or_404(Activity.objects.select_related("module"), pk=activity_id)
    enrolment = _own_enrolment(request, activity.module)
    if enrolment is None:
        messages.info(request, _("Enrol in the module to start its activities."))
        return redirect("training:module", module_id=activity.module_id)
    kept = _kept_reflection(request) if request.method == "GET" and activity.kind == Activity.Kind.REFLECTION else None
    if request.method == "GET" and kept is None:
        return render(request, "training/activity.html", _activity_context(activity, enrolment))
    handler = {
        Activity.Kind.READING: _post_done,
        Activity.Kind.RESOURCE: _post_done,
        Activity.Kind.REFLECTION: _post_reflection,
        Activity.Kind.QUIZ: _post_quiz,
        Activity.Kind.EVIDENCE: _post_evidence,
    }[activity.kind]
    return handler(request, activity, enrolment, data=kept if kept is not None else request.POST)


def _next_page(request, activity: Activity, enrolment: Enrolment, *, was_completed: bool, then):
    """Where to go after saving: the module page when that completed the module."""
    if enrolment.is_completed and not was_completed:
        messages.success(request, _("Well done: you have completed this module."))
        return redirect("training:module", module_id=activity.module_id)
    return then


def _post_done(request, activity, enrolment, data):
    was_completed = enrolment.is_completed
    services.activity_mark_done(enrolment=enrolment, activity=activity)
    messages.success(request, _("Marked as done."))
    then = redirect("training:resume", module_id=activity.module_id)
    return _next_page(request, activity, enrolment, was_completed=was_completed, then=then)


def _post_reflection(request, activity, enrolment, data):
    form = ReflectionForm(data)
    if not form.is_valid():
        return render(request, "training/activity.html", _activity_context(activity, enrolment, form=form), status=400)
    was_completed = enrolment.is_completed
    try:
        services.reflection_save(enrolment=enrolment, activity=activity, text=form.cleaned_data["text"])
    except services.ReflectionNeeded:
        form.add_error("text", _("This reflection counts towards the module, so it cannot be empty. Your saved text is kept."))
        return render(request, "training/activity.html", _activity_context(activity, enrolment, form=form), status=400)
    if form.cleaned_data["text"].strip():
        messages.success(request, _("Your reflection was saved. You can come back and change it at any time."))
    else:
        messages.info(request, _("Saved. The reflection counts as done once you have written something."))
    if data.get("action") == "next":
        then = redirect("training:resume", module_id=activity.module_id)
    else:
        then = redirect("training:activity", activity_id=activity.pk)
    return _next_page(request, activity, enrolment, was_completed=was_completed, then=then)


def _post_quiz(request, activity, enrolment, data):
    questions = selectors.quiz_questions(activity)
    form = QuizForm(data, questions=questions)
    if not form.is_valid():
        context = _activity_context(activity, enrolment, form=form, questions=questions)
        return render(request, "training/activity.html", context, status=400)
    was_completed = enrolment.is_completed
    attempt, _score = services.quiz_attempt_submit(enrolment=enrolment, activity=activity, answers=form.answers())
    if attempt.passed:
        messages.success(request, _("You passed with %(score)d %%.") % {"score": attempt.score})
    else:
        messages.warning(
            request,
            _("You scored %(score)d %%; the pass mark is %(mark)d %%. See which answers were wrong and try again.")
            % {"score": attempt.score, "mark": activity.pass_mark_percent},
        )
    then = redirect("training:activity", activity_id=activity.pk)
    return _next_page(request, activity, enrolment, was_completed=was_completed, then=then)


def _post_evidence(request, activity, enrolment, data):
    form = EvidenceForm(data, request.FILES)
    if form.is_valid():
        try:
            services.evidence_submit(
                enrolment=enrolment,
                activity=activity,
                description=form.cleaned_data["description"],
                file=form.cleaned_data.get("file"),
                link=form.cleaned_data.get("link") or "",
            )
        except FileRefused as refused:
            form.add_error("file", str(refused))
        except services.EvidenceNotAccepted:
            messages.info(request, _("Your evidence is already waiting for review, or it was approved."))
            return redirect("training:activity", activity_id=activity.pk)
        else:
            messages.success(request, _("Your evidence was sent to your coordinator for review."))
            return redirect("training:activity", activity_id=activity.pk)
    context = _activity_context(activity, enrolment, form=form)
    return render(request, "training/activity.html", context, status=400)


@member_required
@require_GET
def evidence_file(request, submission_id: int):
    """The submitter, or a coordinator of their organisation: download the file (404 for
    anyone else). Evidence is never served from a public URL."""
    submission = get_submission_for_download(request, submission_id)
    if not submission.file:
        raise Http404
    try:
        handle = submission.file.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    return FileResponse(
        handle,
        as_attachment=True,
        filename=submission.file_name or submission.file.name.rsplit("/", 1)[-1],
        content_type=submission.content_type or "application/octet-stream",
    )


# --- Coordinators ------------------------------------------------------------------------


@coordinator_required
@require_GET
def review_queue(request):
    """Coordinators: evidence waiting for review from members of their organisations."""
    evidence = reviewable_evidence(request.user)
    page = Paginator(selectors.review_queue(evidence), QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "training/review_queue.html",
        {"page": page, "recent": list(selectors.recently_reviewed(evidence))},
    )


@coordinator_required
@require_http_methods(["GET", "POST"])
def review(request, submission_id: int):
    """Coordinators of the submitter's organisation (not the submitter): approve, or return
    with a comment. 404 for anyone else."""
    submission = get_submission_for_reviewer(request, submission_id)
    form = ReviewForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not submission.is_pending:
            messages.info(request, _("This evidence has already been reviewed."))
            return redirect("training:review", submission_id=submission.pk)
        if form.is_valid():
            decide = services.evidence_approve if form.cleaned_data["decision"] == form.APPROVE else services.evidence_return
            try:
                decide(submission=submission, reviewer=request.user, comment=form.cleaned_data["comment"])
            except services.AlreadyReviewed:
                messages.info(request, _("Another coordinator reviewed this evidence first."))
                return redirect("training:review", submission_id=submission.pk)
            if form.cleaned_data["decision"] == form.APPROVE:
                messages.success(request, _("Approved. %(name)s has been told.") % {"name": submission.enrolment.user})
            else:
                messages.success(request, _("Returned with your comment. %(name)s has been told.") % {"name": submission.enrolment.user})
            return redirect("training:review_queue")
        status = 400
    return render(
        request,
        "training/review.html",
        {
            "submission": submission,
            "history": selectors.evidence_history(submission.enrolment_id, submission.activity_id),
            "form": form,
        },
        status=status,
    )
