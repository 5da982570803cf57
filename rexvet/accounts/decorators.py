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


def pop_kept_post(request) -> dict | None:
    """The form data kept for this page before signing in, if any (only once)."""
    kept = request.session.get(KEPT_POST)
    if kept and kept.get("path") == request.path:
        del request.session[KEPT_POST]
        return kept["data"]
    return None
