"""Who may open a development plan.

The owner opens and edits their own plan; anyone else gets a 404. A coordinator reviews the
plans of members of the organisations they coordinate, never their own; another
organisation's plan answers 404, never 403, so that its existence is not confirmed.
"""

from django.db.models import Exists, OuterRef
from django.shortcuts import get_object_or_404

from rexvet.accounts.models import Membership
from rexvet.accounts.permissions import coordinated_organisations

from .models import DevelopmentPlan


def get_own_plan(request, plan_id: int) -> DevelopmentPlan:
    return get_object_or_404(
        DevelopmentPlan.objects.select_related(
            "result__response__round__organisation", "path_model", "owner", "agreed_by"
        ),
        pk=plan_id,
        owner=request.user,
    )


def reviewable_plans(user):
    """Plans the user may agree: of members of organisations they coordinate, not theirs."""
    members = Membership.objects.filter(user=OuterRef("owner"), organisation__in=coordinated_organisations(user))
    return DevelopmentPlan.objects.filter(Exists(members)).exclude(owner=user)


def get_plan_for_reviewer(request, plan_id: int) -> DevelopmentPlan:
    return get_object_or_404(
        reviewable_plans(request.user).select_related(
            "result__response__round__organisation", "path_model", "owner", "agreed_by"
        ),
        pk=plan_id,
    )
