"""Writes of the path-model app: development plans, their agreement and PDF renderings.

A plan's agreement: its owner asks (draft or returned → awaiting agreement), a coordinator
of their organisation agrees or returns it with a comment; every step is a PlanEvent, and
e-mails go out from a Celery task sent after the commit (`plan_event_mail`). Changing a plan
that waits for agreement or is agreed makes it a draft again. Levels never change here:
only a new self-assessment changes them.
"""

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rexvet.accounts.models import Membership, User
from rexvet.lib.emails import email_send

from .models import DevelopmentPlan, Direction, PlanEvent, PlanItem, PlanPDF

logger = logging.getLogger(__name__)


def plan_create_from_result(*, result, modules_by_step: dict) -> DevelopmentPlan:
    """Create the plan of a submitted result: per area its level, next step and module.

    `result` is a mapping.Result with its area results; `modules_by_step` maps
    (level code, direction code or None) to the recommended training module.
    """
    plan, created = DevelopmentPlan.objects.get_or_create(
        result=result,
        defaults={"owner_id": result.response.user_id, "path_model_id": result.path_model_id},
    )
    if not created:
        return plan
    directions = {
        d.code: d for d in Direction.objects.filter(level__path_model_id=result.path_model_id).select_related("level")
    }
    items = []
    for ar in result.areas.select_related("next_level", "next_direction"):
        module = None
        if ar.next_level_id:
            step = (ar.next_level.code, ar.next_direction.code if ar.next_direction_id else None)
            module = modules_by_step.get(step)
        broaden = directions.get(ar.broaden_directions[0]) if ar.broaden_directions else None
        items.append(
            PlanItem(
                plan=plan,
                area_id=ar.area_id,
                current_ordinal=ar.ordinal,
                current_label=ar.label,
                next_level_id=ar.next_level_id,
                direction_id=ar.next_direction_id,
                broaden_direction=broaden,
                # Offered, not taken: the owner adds it as a step of their plan (`broaden`).
                broaden_module=modules_by_step.get((broaden.level.code, broaden.code)) if broaden else None,
                module=module,
            )
        )
    PlanItem.objects.bulk_create(items)
    return plan


# --- Editing the plan ---------------------------------------------------------------


class PlanStateError(Exception):
    """The plan's status does not allow this now (it was agreed, returned or changed first)."""


class NoReviewer(Exception):
    """Nobody can agree the plan: the owner's organisations have no other coordinator."""


@dataclass(frozen=True)
class PlanItemChange:
    """What the owner may change in one area of their plan. `direction` is the code of a
    direction of the branched level where that level is next (None elsewhere)."""

    goals: str
    target_date: date | None
    direction: str | None = None
    broaden: bool = False


def _reopen(*, plan: DevelopmentPlan, acting_user: User) -> None:
    # A changed plan is not the plan that was agreed (or that waits for agreement).
    was = plan.get_status_display()
    plan.status = DevelopmentPlan.Status.DRAFT
    plan.agreed_by = None
    plan.agreed_at = None
    plan.save(update_fields=["status", "agreed_by", "agreed_at"])
    PlanEvent.objects.create(
        plan=plan,
        author=acting_user,
        action=PlanEvent.Action.REOPENED,
        text=_("Changed while “%(status)s”: the plan is a draft again.") % {"status": was},
    )


def plan_update(
    *,
    plan: DevelopmentPlan,
    acting_user: User,
    changes: Mapping[int, PlanItemChange],
    modules_by_step: Mapping[tuple[str, str | None], object],
    today: date | None = None,
) -> bool:
    """Save the owner's goals, target dates, directions and broaden steps, per item id.

    A new target date in the past is refused (ValueError); a date already saved stays even
    after it has passed. A new direction (only where the branched level is next) brings its
    module from `modules_by_step` and makes the other direction the broaden step. Levels
    never change. Returns True when something changed; a plan that was waiting for
    agreement or agreed is then a draft again.
    """
    if acting_user.pk != plan.owner_id:
        raise ValueError("only the owner edits their plan")
    today = today or timezone.localdate()
    changed = False
    with transaction.atomic():
        plan = DevelopmentPlan.objects.select_for_update().get(pk=plan.pk)
        items = {
            item.pk: item
            for item in PlanItem.objects.filter(plan=plan).select_related("next_level", "direction", "broaden_direction")
        }
        directions = list(Direction.objects.filter(level__path_model_id=plan.path_model_id).order_by("order"))
        for item_id, change in changes.items():
            item = items[item_id]
            fields = []
            goals = change.goals.strip()
            if goals != item.goals:
                item.goals = goals
                fields.append("goals")
            if change.target_date != item.target_date:
                if not item.target_date_allowed(change.target_date, today=today):
                    raise ValueError(f"target date {change.target_date} is in the past")
                item.target_date = change.target_date
                fields.append("target_date")
            if change.direction and item.may_choose_direction and change.direction != item.direction.code:
                level_directions = [d for d in directions if d.level_id == item.next_level_id]
                chosen = next((d for d in level_directions if d.code == change.direction), None)
                if chosen is None:
                    raise ValueError(f"{change.direction} is not a direction of {item.next_level.code}")
                other = next((d for d in level_directions if d.pk != chosen.pk), None)
                item.direction = chosen
                item.module = modules_by_step.get((item.next_level.code, chosen.code))
                item.broaden_direction = other
                item.broaden_module = modules_by_step.get((item.next_level.code, other.code)) if other else None
                fields += ["direction", "module", "broaden_direction", "broaden_module"]
            broaden = bool(change.broaden and item.broaden_direction_id)
            if broaden != item.broaden:
                item.broaden = broaden
                fields.append("broaden")
            if fields:
                item.save(update_fields=fields)
                changed = True
        if changed and plan.status in (DevelopmentPlan.Status.AWAITING, DevelopmentPlan.Status.AGREED):
            _reopen(plan=plan, acting_user=acting_user)
    if changed:
        logger.info("plan %s changed by user %s", plan.pk, acting_user.pk)
    return changed


# --- Agreement ----------------------------------------------------------------------


def plan_reviewers(*, plan: DevelopmentPlan):
    """The coordinators of the organisations the owner belongs to, except the owner."""
    organisations = Membership.objects.filter(user_id=plan.owner_id).values("organisation_id")
    return (
        User.objects.filter(
            is_active=True,
            memberships__organisation__in=organisations,
            memberships__role=Membership.Role.COORDINATOR,
        )
        .exclude(pk=plan.owner_id)
        .distinct()
        .order_by("email")
    )


def _event(*, plan: DevelopmentPlan, author: User, action: str, text: str) -> PlanEvent:
    from .tasks import mail_plan_event

    event = PlanEvent.objects.create(plan=plan, author=author, action=action, text=text)
    # After the commit, so that the worker finds the event (and nothing is sent on a rollback).
    mail_plan_event.delay_on_commit(event.pk)
    return event


def plan_agreement_ask(*, plan: DevelopmentPlan, acting_user: User, message: str = "") -> PlanEvent:
    """The owner asks their coordinators to agree the plan (a draft or a returned plan)."""
    if acting_user.pk != plan.owner_id:
        raise ValueError("only the owner asks for agreement of their plan")
    if not plan_reviewers(plan=plan).exists():
        raise NoReviewer
    with transaction.atomic():
        claimed = DevelopmentPlan.objects.filter(
            pk=plan.pk, status__in=[DevelopmentPlan.Status.DRAFT, DevelopmentPlan.Status.RETURNED]
        ).update(status=DevelopmentPlan.Status.AWAITING, asked_at=timezone.now())
        if not claimed:
            raise PlanStateError
        event = _event(plan=plan, author=acting_user, action=PlanEvent.Action.ASKED, text=message.strip())
    plan.refresh_from_db(fields=["status", "asked_at"])
    logger.info("plan %s: agreement asked by user %s", plan.pk, acting_user.pk)
    return event


def _decide(*, plan: DevelopmentPlan, reviewer: User, status: str, action: str, comment: str) -> PlanEvent:
    if reviewer.pk == plan.owner_id:
        raise ValueError("nobody agrees their own plan")
    agreed = status == DevelopmentPlan.Status.AGREED
    with transaction.atomic():
        # Claimed on the status: of two coordinators deciding at once, one wins.
        claimed = DevelopmentPlan.objects.filter(pk=plan.pk, status=DevelopmentPlan.Status.AWAITING).update(
            status=status, agreed_by=reviewer if agreed else None, agreed_at=timezone.now() if agreed else None
        )
        if not claimed:
            raise PlanStateError
        event = _event(plan=plan, author=reviewer, action=action, text=comment.strip())
    plan.refresh_from_db(fields=["status", "agreed_by", "agreed_at"])
    logger.info("plan %s %s by user %s", plan.pk, status, reviewer.pk)
    return event


def plan_agree(*, plan: DevelopmentPlan, reviewer: User, comment: str = "") -> PlanEvent:
    """A coordinator of the owner's organisation agrees the plan, with an optional comment."""
    return _decide(
        plan=plan, reviewer=reviewer, status=DevelopmentPlan.Status.AGREED, action=PlanEvent.Action.AGREED, comment=comment
    )


def plan_return(*, plan: DevelopmentPlan, reviewer: User, comment: str) -> PlanEvent:
    """Return the plan for changes, saying what to change; the owner edits and asks again."""
    if not comment.strip():
        raise ValueError("a returned plan needs a comment")
    return _decide(
        plan=plan,
        reviewer=reviewer,
        status=DevelopmentPlan.Status.RETURNED,
        action=PlanEvent.Action.RETURNED,
        comment=comment,
    )


def plan_event_mail(*, event_id: int) -> int:
    """E-mail the people an agreement step concerns, once only; returns how many.

    Asked: the coordinators who may agree the plan. Agreed or returned: the owner.
    """
    claimed = PlanEvent.objects.filter(pk=event_id, mailed_at__isnull=True).update(mailed_at=timezone.now())
    if not claimed:
        return 0
    event = PlanEvent.objects.select_related("plan__owner", "author").get(pk=event_id)
    plan, owner = event.plan, event.plan.owner
    context = {"event": event, "plan": plan, "person": owner, "author": event.author}
    if event.action == PlanEvent.Action.ASKED:
        url = settings.REXVET_SITE_URL + reverse("pathways:review", args=[plan.pk])
        sent = 0
        for coordinator in plan_reviewers(plan=plan):
            email_send(
                template="pathways/email/plan_asked",
                context={**context, "coordinator": coordinator, "url": url},
                to=coordinator.email,
                reply_to=owner.email,
            )
            sent += 1
        return sent
    if event.action in (PlanEvent.Action.AGREED, PlanEvent.Action.RETURNED):
        email_send(
            template=f"pathways/email/plan_{event.action}",
            context={**context, "url": settings.REXVET_SITE_URL + reverse("pathways:plan", args=[plan.pk])},
            to=owner.email,
            reply_to=event.author.email if event.author else None,
        )
        return 1
    return 0


def _fail_stale_renderings(plan: DevelopmentPlan) -> None:
    # A worker killed mid-task leaves a row queued or rendering for ever; after a while
    # it is shown as failed so the person can try again.
    cutoff = timezone.now() - timedelta(seconds=settings.REXVET_PDF_STALE_SECONDS)
    PlanPDF.objects.filter(plan=plan, status__in=PlanPDF.PENDING).filter(
        Q(started_at__lt=cutoff) | Q(started_at__isnull=True, requested_at__lt=cutoff)
    ).update(
        status=PlanPDF.Status.FAILED,
        finished_at=timezone.now(),
        error=_("The rendering did not finish in time."),
    )


def plan_pdf_latest(*, plan: DevelopmentPlan) -> PlanPDF | None:
    _fail_stale_renderings(plan)
    return PlanPDF.objects.filter(plan=plan).order_by("-number").first()


def plan_pdf_request(*, plan: DevelopmentPlan, acting_user) -> PlanPDF:
    """Queue a new rendering of the plan, unless one is already pending.

    The task is sent only after the transaction commits, so the worker finds the row.
    """
    from .tasks import render_plan_pdf

    _fail_stale_renderings(plan)
    try:
        with transaction.atomic():
            pending = PlanPDF.objects.filter(plan=plan, status__in=PlanPDF.PENDING).first()
            if pending:
                return pending
            number = (PlanPDF.objects.filter(plan=plan).aggregate(n=Max("number"))["n"] or 0) + 1
            pdf = PlanPDF.objects.create(plan=plan, number=number, requested_by=acting_user)
            render_plan_pdf.delay_on_commit(pdf.pk)
    except IntegrityError:
        # Another request won the race (the one-pending constraint); show that one.
        return PlanPDF.objects.get(plan=plan, status__in=PlanPDF.PENDING)
    logger.info("plan %s: PDF v%s requested by user %s", plan.pk, number, acting_user.pk)
    return pdf


def plan_pdf_render(*, pdf_id: int) -> bool:
    """Render one queued PDF. Safe to run twice: only the run that claims the row works.

    Returns True when this call rendered the file.
    """
    from .pdf import render_plan_pdf_bytes

    claimed = PlanPDF.objects.filter(pk=pdf_id, status=PlanPDF.Status.QUEUED).update(
        status=PlanPDF.Status.RENDERING, started_at=timezone.now()
    )
    if not claimed:
        return False
    pdf = PlanPDF.objects.select_related("plan").get(pk=pdf_id)
    try:
        content = render_plan_pdf_bytes(plan=pdf.plan, number=pdf.number)
    except Exception:
        logger.exception("plan %s: PDF v%s failed", pdf.plan_id, pdf.number)
        PlanPDF.objects.filter(pk=pdf_id, status=PlanPDF.Status.RENDERING).update(
            status=PlanPDF.Status.FAILED, finished_at=timezone.now(), error=_("The PDF could not be rendered.")
        )
        return False
    # The file name carries the version; storage never overwrites an existing file.
    pdf.file.save(f"development-plan-v{pdf.number}.pdf", ContentFile(content), save=False)
    updated = PlanPDF.objects.filter(pk=pdf_id, status=PlanPDF.Status.RENDERING).update(
        status=PlanPDF.Status.READY, file=pdf.file.name, finished_at=timezone.now()
    )
    if not updated:
        # Declared stale while we worked: keep the row as it is, drop our file.
        pdf.file.storage.delete(pdf.file.name)
        return False
    logger.info("plan %s: PDF v%s ready (%d bytes)", pdf.plan_id, pdf.number, len(content))
    return True
