from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .models import Membership

KEPT_POST = "kept_post"


def member_required(view):
    """Signed in and a member of an organisation.

    A form posted after the session expired is kept in the (new, anonymous) session
    and handed back to the view after signing in, so nothing typed is lost.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            if request.method == "POST":
                data = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
                request.session[KEPT_POST] = {"path": request.path, "data": data}
                messages.info(request, _("Your session had ended. Sign in again: what you entered has been kept."))
            return redirect_to_login(request.get_full_path())
        if not Membership.objects.filter(user=request.user).exists():
            return redirect("no_organisation")
        return view(request, *args, **kwargs)

    return wrapper


def keep_post_for_review(request) -> bool:
    """Keep a POST that failed its CSRF check, to show (not save) on the next GET."""
    if not hasattr(request, "session"):
        return False
    data = {k: v for k, v in request.POST.lists() if k != "csrfmiddlewaretoken"}
    request.session[KEPT_POST] = {"path": request.path, "data": data, "verified": False}
    return True


def pop_kept_post(request) -> tuple[dict, bool] | None:
    """The form data kept for this page, if any (only once), and whether it may be saved.

    Data kept across an expired session came with a valid CSRF token and may be saved;
    data kept from a failed CSRF check is only shown again.
    """
    kept = request.session.get(KEPT_POST)
    if kept and kept.get("path") == request.path:
        del request.session[KEPT_POST]
        return kept["data"], kept.get("verified", True)
    return None
