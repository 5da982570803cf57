"""Human error pages that keep the site's layout."""

from django.shortcuts import render
from django.utils.translation import gettext as _


def _page(request, status: int, title: str, text: str):
    return render(request, "error.html", {"status": status, "title": title, "text": text}, status=status)


def bad_request(request, exception=None):
    return _page(request, 400, _("Something in the request was not right"), _("Go back and try again."))


def permission_denied(request, exception=None):
    return _page(request, 403, _("You cannot open this page"), _("It belongs to someone else, or your role does not include it."))


def page_not_found(request, exception=None):
    return _page(request, 404, _("Page not found"), _("The page does not exist, or it is not yours to see."))


def csrf_failure(request, reason: str = ""):
    """A form posted from a stale tab (say, after signing in again elsewhere).

    What was typed is kept in the session and shown again on the page, but never saved
    without a fresh, verified submission: saving it here would defeat CSRF protection.
    """
    from rexvet.accounts.decorators import keep_post_for_review

    from django.urls import Resolver404, resolve

    try:
        match = resolve(request.path)
    except Resolver404:
        match = None
    # Only survey answers and plan edits are kept; never a password or anything else.
    survey_page = match is not None and match.view_name in ("mapping:page", "mapping:review", "pathways:plan_edit")
    if request.method == "POST" and survey_page and keep_post_for_review(request):
        from django.contrib import messages
        from django.shortcuts import redirect

        messages.warning(
            request,
            _("This page was open from an earlier sign-in, so nothing was saved yet. What you entered is shown again: check it and save."),
        )
        return redirect(request.path)
    return _page(request, 403, _("This form has expired"), _("Reload the page and send the form again."))


def server_error(request):
    # No context processors that might fail again.
    from django.template import loader
    from django.http import HttpResponseServerError

    template = loader.get_template("error_500.html")
    return HttpResponseServerError(template.render())
