"""Who may open the coordinator pages: the coordinators of the round's own organisation.

Every coordinator view fetches through these helpers, so that another organisation's
round answers 404, never 403 (which would confirm that it exists).
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404

from rexvet.accounts.models import Membership, Organisation

from .models import Round


def coordinated_organisations(user):
    """The organisations in which the user is a coordinator."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(
        memberships__user=user, memberships__role=Membership.Role.COORDINATOR
    ).distinct()


def coordinator_required(view):
    """Signed in and a coordinator of at least one organisation (403 for other people)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not coordinated_organisations(request.user).exists():
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


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
