"""Writes of the path-model app: development plans and their PDF renderings."""

import logging
from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import DevelopmentPlan, Direction, PlanItem, PlanPDF

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
    directions = {d.code: d for d in Direction.objects.filter(level__path_model_id=result.path_model_id)}
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
                module=module,
            )
        )
    PlanItem.objects.bulk_create(items)
    return plan


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
