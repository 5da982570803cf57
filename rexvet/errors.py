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


def server_error(request):
    # No context processors that might fail again.
    from django.template import loader
    from django.http import HttpResponseServerError

    template = loader.get_template("error_500.html")
    return HttpResponseServerError(template.render())
