"""Writes of organisation targets: the coordinator's link between the map and strategy."""

import logging
from datetime import date

from django.db import transaction

from rexvet.accounts.models import Organisation

from .models import OrganisationTarget

logger = logging.getLogger(__name__)


def target_set(
    *,
    organisation: Organisation,
    area_code: str,
    level_code: str,
    share_percent: int,
    target_date: date,
    acting_user,
) -> OrganisationTarget:
    """Set the target for one area and level: a second call for the same pair changes it."""
    with transaction.atomic():
        target, created = OrganisationTarget.objects.update_or_create(
            organisation=organisation,
            area_code=area_code,
            level_code=level_code,
            defaults={"share_percent": share_percent, "target_date": target_date, "set_by": acting_user},
        )
    logger.info(
        "target %s %s: %s %% at %s+ in %s by %s, set by user %s",
        target.pk,
        "created" if created else "changed",
        share_percent,
        level_code,
        area_code,
        target_date,
        acting_user.pk,
    )
    return target


def target_delete(*, target: OrganisationTarget, acting_user) -> None:
    logger.info("target %s (%s) deleted by user %s", target.pk, target, acting_user.pk)
    target.delete()
