"""Who coordinates what: shared by every app that has coordinator pages.

It lives with the accounts (organisations and memberships), so that mapping, pathways and
training use one rule without importing each other.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from .models import Membership, Organisation


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
