"""Writes of the training package: enrolling, working through activities, evidence review.

Completion is one rule, in `enrolment_complete_if_done`: every required activity done
(a reading or resource marked done, a reflection saved with text, a quiz passed, an
evidence approved). An activity once done stays done, and a module once completed stays
completed: the moments are what a badge's "criteria met on" date is made of.

E-mails about evidence (to the coordinators when it is submitted, to the person when it is
reviewed) are sent by Celery tasks enqueued with delay_on_commit (training/tasks.py), which
only call the `evidence_mail_*` services here.
"""

import logging
from collections.abc import Iterable, Mapping
from datetime import datetime

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.urls import reverse
from django.utils import timezone

from rexvet.accounts.models import Membership, User
from rexvet.lib.emails import email_send
from rexvet.lib.filetypes import upload_check

from .completion import module_completed
from .models import (
    Activity,
    ActivityProgress,
    Enrolment,
    EvidenceSubmission,
    Module,
    QuizAttempt,
    Reflection,
)
from .scoring import QuizScore, quiz_score
from .selectors import question_spec, quiz_questions

logger = logging.getLogger(__name__)
Status = ActivityProgress.Status


class EvidenceNotAccepted(Exception):
    """The evidence task does not take a new submission now (one waits for review, or one
    was approved)."""


class AlreadyReviewed(Exception):
    """Another coordinator reviewed this submission first."""


def _check_kind(activity: Activity, *kinds: str) -> None:
    if activity.kind not in kinds:
        raise ValueError(f"activity {activity.pk} is a {activity.kind}, not one of {kinds}")


def _check_belongs(enrolment: Enrolment, activity: Activity) -> None:
    if activity.module_id != enrolment.module_id:
        raise ValueError(f"activity {activity.pk} is not in the module of enrolment {enrolment.pk}")


def enrolment_start(*, user: User, module: Module) -> Enrolment:
    """Enrol `user` in `module`; enrolling again returns the same enrolment."""
    enrolment, created = Enrolment.objects.get_or_create(user=user, module=module)
    if created:
        logger.info("user %s enrolled in module %s", user.pk, module.code)
    return enrolment


def _progress_set(*, enrolment: Enrolment, activity: Activity, status: str, at: datetime | None = None) -> ActivityProgress:
    """Record the activity's status; "done" (with its moment) is never overwritten."""
    progress, _ = ActivityProgress.objects.get_or_create(enrolment=enrolment, activity=activity)
    if progress.is_done or progress.status == status:
        return progress
    progress.status = status
    progress.completed_at = (at or timezone.now()) if status == Status.DONE else None
    progress.save(update_fields=["status", "completed_at", "updated_at"])
    return progress


def enrolment_complete_if_done(*, enrolment: Enrolment) -> bool:
    """Set the enrolment's completion when every required activity is done.

    The completion moment is when the last required activity was done (the quiz pass, the
    evidence approval). A module without required activities is never completed. Returns
    True when this call completed the enrolment.
    """
    if enrolment.completed_at is not None:
        return False
    required = Activity.objects.filter(module_id=enrolment.module_id, required=True)
    counts = ActivityProgress.objects.filter(
        enrolment=enrolment, activity__in=required, status=Status.DONE
    ).aggregate(done=Count("pk"), last=Max("completed_at"))
    total = required.count()
    if total == 0 or counts["done"] < total:
        return False
    updated = Enrolment.objects.filter(pk=enrolment.pk, completed_at__isnull=True).update(completed_at=counts["last"])
    enrolment.refresh_from_db(fields=["completed_at"])
    if updated:
        logger.info("enrolment %s completed at %s", enrolment.pk, enrolment.completed_at.isoformat())
        module_completed(enrolment.pk)  # after commit: the badges app awards the module's badge
    return bool(updated)


def activity_mark_done(*, enrolment: Enrolment, activity: Activity) -> ActivityProgress:
    """A reading read, or an external resource used."""
    _check_belongs(enrolment, activity)
    _check_kind(activity, Activity.Kind.READING, Activity.Kind.RESOURCE)
    with transaction.atomic():
        progress = _progress_set(enrolment=enrolment, activity=activity, status=Status.DONE)
        enrolment_complete_if_done(enrolment=enrolment)
    return progress


class ReflectionNeeded(Exception):
    """A reflection that already counts as done cannot be emptied."""


def reflection_save(*, enrolment: Enrolment, activity: Activity, text: str) -> Reflection:
    """Save the reflection as it is (a draft); saved with text, the activity is done.

    Once done, it stays done, so it cannot be emptied (ReflectionNeeded): the module's
    completion rests on it.
    """
    _check_belongs(enrolment, activity)
    _check_kind(activity, Activity.Kind.REFLECTION)
    if not text.strip() and ActivityProgress.objects.filter(
        enrolment=enrolment, activity=activity, status=Status.DONE
    ).exists():
        raise ReflectionNeeded()
    with transaction.atomic():
        reflection, _ = Reflection.objects.update_or_create(
            enrolment=enrolment, activity=activity, defaults={"text": text}
        )
        status = Status.DONE if text.strip() else Status.STARTED
        _progress_set(enrolment=enrolment, activity=activity, status=status)
        enrolment_complete_if_done(enrolment=enrolment)
    return reflection


def quiz_attempt_submit(
    *, enrolment: Enrolment, activity: Activity, answers: Mapping[int, Iterable[int]]
) -> tuple[QuizAttempt, QuizScore]:
    """Score and store one attempt; a pass makes the quiz done at the attempt's moment."""
    _check_belongs(enrolment, activity)
    _check_kind(activity, Activity.Kind.QUIZ)
    specs = [question_spec(q) for q in quiz_questions(activity)]
    score = quiz_score(specs, answers, pass_mark_percent=activity.pass_mark_percent or 100)
    stored = {str(r.question_id): sorted(r.chosen) for r in score.results}
    with transaction.atomic():
        # The enrolment row is the lock that numbers attempts one by one.
        Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
        number = (
            QuizAttempt.objects.filter(enrolment=enrolment, activity=activity).aggregate(n=Max("number"))["n"] or 0
        ) + 1
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            activity=activity,
            number=number,
            answers=stored,
            score=score.percent_floor,
            passed=score.passed,
            created_at=timezone.now(),
        )
        status = Status.DONE if score.passed else Status.STARTED
        _progress_set(enrolment=enrolment, activity=activity, status=status, at=attempt.created_at)
        enrolment_complete_if_done(enrolment=enrolment)
    return attempt, score


def evidence_submit(
    *,
    enrolment: Enrolment,
    activity: Activity,
    description: str,
    file: UploadedFile | None = None,
    link: str = "",
) -> EvidenceSubmission:
    """Submit a new version of the evidence: a file (checked by content) or a link.

    Raises FileRefused for a file that may not be uploaded and EvidenceNotAccepted while a
    version waits for review or after one was approved. Nothing is saved in either case.
    """
    _check_belongs(enrolment, activity)
    _check_kind(activity, Activity.Kind.EVIDENCE)
    if bool(file) == bool(link):
        raise ValueError("give a file or a link, not both")
    file_type = upload_check(file, name=file.name, size=file.size) if file else None
    stored_name = ""
    try:
        with transaction.atomic():
            Enrolment.objects.select_for_update().filter(pk=enrolment.pk).first()
            versions = EvidenceSubmission.objects.filter(enrolment=enrolment, activity=activity)
            if versions.filter(status__in=[EvidenceSubmission.Status.SUBMITTED, EvidenceSubmission.Status.APPROVED]).exists():
                raise EvidenceNotAccepted
            submission = EvidenceSubmission(
                enrolment=enrolment,
                activity=activity,
                version=(versions.aggregate(n=Max("version"))["n"] or 0) + 1,
                link=link,
                description=description,
                submitted_at=timezone.now(),
            )
            if file:
                submission.file_name = file.name[-255:]
                submission.content_type = file_type.mime
                submission.file.save(file.name, file, save=False)
                stored_name = submission.file.name
            submission.save()
            _progress_set(enrolment=enrolment, activity=activity, status=Status.SUBMITTED)
            from .tasks import mail_evidence_submitted

            mail_evidence_submitted.delay_on_commit(submission.pk)
    except (IntegrityError, EvidenceNotAccepted):
        # A version already waits or was approved (or a double click lost the race on the
        # one-pending constraint): nothing is kept, not even the file.
        if stored_name:
            EvidenceSubmission.file.field.storage.delete(stored_name)
        raise EvidenceNotAccepted from None
    logger.info("enrolment %s: evidence v%s submitted for activity %s", enrolment.pk, submission.version, activity.pk)
    return submission


def _review(*, submission: EvidenceSubmission, reviewer: User, status: str, comment: str) -> EvidenceSubmission:
    if submission.enrolment.user_id == reviewer.pk:
        raise ValueError("nobody reviews their own evidence")
    now = timezone.now()
    with transaction.atomic():
        claimed = EvidenceSubmission.objects.filter(pk=submission.pk, status=EvidenceSubmission.Status.SUBMITTED).update(
            status=status, reviewer=reviewer, review_comment=comment, reviewed_at=now
        )
        if not claimed:
            raise AlreadyReviewed
        submission.refresh_from_db()
        enrolment = submission.enrolment
        progress = Status.DONE if status == EvidenceSubmission.Status.APPROVED else Status.RETURNED
        _progress_set(enrolment=enrolment, activity=submission.activity, status=progress, at=now)
        enrolment_complete_if_done(enrolment=enrolment)
        from .tasks import mail_evidence_reviewed

        mail_evidence_reviewed.delay_on_commit(submission.pk)
    logger.info("evidence %s %s by user %s", submission.pk, status, reviewer.pk)
    return submission


def evidence_approve(*, submission: EvidenceSubmission, reviewer: User, comment: str = "") -> EvidenceSubmission:
    """Approve: the evidence task is done at this moment (which may complete the module)."""
    return _review(submission=submission, reviewer=reviewer, status=EvidenceSubmission.Status.APPROVED, comment=comment.strip())


def evidence_return(*, submission: EvidenceSubmission, reviewer: User, comment: str) -> EvidenceSubmission:
    """Return for changes, saying what to change; the person resubmits a new version."""
    if not comment.strip():
        raise ValueError("a returned evidence needs a comment")
    return _review(submission=submission, reviewer=reviewer, status=EvidenceSubmission.Status.RETURNED, comment=comment.strip())


# --- E-mails (called by the tasks in training/tasks.py) ---------------------------------


def evidence_reviewers(submission: EvidenceSubmission):
    """The coordinators of the organisations the submitter belongs to, except themselves."""
    user_id = submission.enrolment.user_id
    organisations = Membership.objects.filter(user_id=user_id).values("organisation_id")
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation__in=organisations,
            memberships__role=Membership.Role.COORDINATOR,
        )
        .exclude(pk=user_id)
        .distinct()
        .order_by("email")
    )


def _submission_for_mail(submission_id: int) -> EvidenceSubmission:
    return EvidenceSubmission.objects.select_related("enrolment__user", "enrolment__module", "activity", "reviewer").get(
        pk=submission_id
    )


def evidence_mail_submitted(*, submission_id: int) -> int:
    """E-mail the reviewers that evidence waits for them; once only. Returns how many."""
    claimed = EvidenceSubmission.objects.filter(pk=submission_id, submitted_mail_at__isnull=True).update(
        submitted_mail_at=timezone.now()
    )
    if not claimed:
        return 0
    submission = _submission_for_mail(submission_id)
    url = settings.REXVET_SITE_URL + reverse("training:review", args=[submission.pk])
    sent = 0
    for coordinator in evidence_reviewers(submission):
        email_send(
            template="training/email/evidence_submitted",
            context={"submission": submission, "person": submission.enrolment.user, "coordinator": coordinator, "url": url},
            to=coordinator.email,
            reply_to=submission.enrolment.user.email,
        )
        sent += 1
    return sent


def evidence_mail_reviewed(*, submission_id: int) -> bool:
    """E-mail the person that their evidence was approved or returned; once only."""
    claimed = EvidenceSubmission.objects.filter(
        pk=submission_id, reviewed_at__isnull=False, reviewed_mail_at__isnull=True
    ).update(reviewed_mail_at=timezone.now())
    if not claimed:
        return False
    submission = _submission_for_mail(submission_id)
    person = submission.enrolment.user
    name = "evidence_approved" if submission.status == EvidenceSubmission.Status.APPROVED else "evidence_returned"
    url = settings.REXVET_SITE_URL + reverse("training:activity", args=[submission.activity_id])
    email_send(
        template=f"training/email/{name}",
        context={"submission": submission, "person": person, "reviewer": submission.reviewer, "url": url},
        to=person.email,
        reply_to=submission.reviewer.email if submission.reviewer else None,
    )
    return True
