"""Who may open the coordinator pages: the coordinators of the round's own organisation.

Every coordinator view fetches through these helpers, so that another organisation's
round answers 404, never 403 (which would confirm that it exists).
"""

from django.shortcuts import get_object_or_404

from rexvet.accounts.models import Organisation
# The rule itself lives with the accounts, so that pathways and training share it.
from rexvet.accounts.permissions import coordinated_organisations, coordinator_required

from .models import Round

__all__ = [
    "coordinated_organisations",
    "coordinator_required",
    "get_organisation_for_coordinator",
    "get_round_for_coordinator",
]


def get_organisation_for_coordinator(request, organisation_id: int) -> Organisation:
    return get_object_or_404(coordinated_organisations(request.user), pk=organisation_id)


def get_round_for_coordinator(request, round_id: int) -> Round:
    """A round of an organisation the user coordinates; 404 for anything else, including
    partnership-wide rounds (their dashboard is the project admins')."""
    return get_object_or_404(
        Round.objects.select_related("organisation", "path_model").filter(
            organisation__in=coordinated_organisations(request.user)
        ),
        pk=round_id,
    )
