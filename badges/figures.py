"""Training and badge figures of one organisation, per module, for its dashboard.

Counted in SQL (conditional aggregation), in two queries whatever the number of people,
modules or badges — three when the caller has not counted the staff in scope yet.
The figures are about the organisation's staff today (members, optionally of one
department and one job role, as the dashboard's filter has it), whatever organisation a
badge was awarded in. They are counts of people and badges: they name nobody.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from rexvet.accounts.models import Membership, Organisation
from training.models import Module

from .models import Assertion, BadgeClass


@dataclass(frozen=True)
class ModuleFigures:
    module: Module
    enrolled: int
    completed: int
    by_completion: int  # valid badges awarded by the module's rule (and their re-issues)
    by_recognition: int  # valid badges for recognised prior learning
    expired: int
    revoked: int
    holders: int  # people with at least one valid badge for the module
    staff: int

    @property
    def valid(self) -> int:
        return self.by_completion + self.by_recognition

    @property
    def holders_percent(self) -> Decimal | None:
        """The share of the staff in scope who hold a valid badge, one decimal, half up."""
        if not self.staff:
            return None
        return (Decimal(100 * self.holders) / Decimal(self.staff)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class BadgeFigures:
    staff: int
    modules: list[ModuleFigures]

    @property
    def any_badges(self) -> bool:
        return any(m.valid or m.expired or m.revoked for m in self.modules)


def _members(organisation: Organisation, department: str | None, job_role: str | None):
    members = Membership.objects.filter(organisation=organisation)
    if department is not None:
        members = members.filter(department=department)
    if job_role is not None:
        members = members.filter(job_role=job_role)
    return members


def badge_figures(
    organisation: Organisation,
    *,
    department: str | None = None,
    job_role: str | None = None,
    staff: int | None = None,
    now: datetime | None = None,
) -> BadgeFigures:
    """Per module that has a badge: people enrolled and completed, valid badges (by the
    module's rule and by recognition), expired and revoked badges, and the people holding
    a valid badge with their share of the staff in scope.

    `department` / `job_role`: None is any, "" is "not given" (as the dashboard's filter).
    `staff`: the number of members in scope, when the caller has counted them already.
    """
    now = now or timezone.now()
    members = _members(organisation, department, job_role)
    in_scope = members.values("user_id")
    if staff is None:
        staff = members.count()
    # 1. Modules with their enrolments in scope (one join: no fan-out).
    modules = list(
        Module.objects.filter(Exists(BadgeClass.objects.filter(module=OuterRef("pk"))))
        .annotate(
            enrolled=Count("enrolments", filter=Q(enrolments__user__in=in_scope)),
            completed=Count("enrolments", filter=Q(enrolments__user__in=in_scope, enrolments__completed_at__isnull=False)),
        )
        .order_by("path_model_code", "code")
    )
    # 2. The badges of the staff in scope, grouped by module.
    valid = Q(revoked_at__isnull=True) & (Q(expires_on__isnull=True) | Q(expires_on__gt=now))
    rule = Q(badge_class__rule=BadgeClass.Rule.MODULE_COMPLETED)
    counts = {
        row["badge_class__module"]: row
        for row in Assertion.objects.filter(recipient__in=in_scope)
        .values("badge_class__module")
        .annotate(
            by_completion=Count("pk", filter=valid & rule),
            by_recognition=Count("pk", filter=valid & ~rule),
            expired=Count("pk", filter=Q(revoked_at__isnull=True, expires_on__lte=now)),
            revoked=Count("pk", filter=Q(revoked_at__isnull=False)),
            holders=Count("recipient", filter=valid, distinct=True),
        )
        .order_by()
    }
    empty = {"by_completion": 0, "by_recognition": 0, "expired": 0, "revoked": 0, "holders": 0}
    return BadgeFigures(
        staff=staff,
        modules=[
            ModuleFigures(
                module=m,
                enrolled=m.enrolled,
                completed=m.completed,
                staff=staff,
                **{k: v for k, v in counts.get(m.pk, empty).items() if k in empty},
            )
            for m in modules
        ],
    )
