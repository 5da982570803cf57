"""The public addresses that serve both people and machines (content negotiation).

A badge wallet or the Open Badges validator asks for JSON (Accept: application/ld+json or
application/json) and gets the Open Badges 2.0 document; a browser gets the page. The
`.json` addresses always answer JSON.
"""

from django.http import HttpRequest
from django.utils.cache import patch_vary_headers

from . import views_json, views_pages

JSON_TYPES = ("application/ld+json", "application/json")


def wants_json(request: HttpRequest) -> bool:
    accepted = [part.split(";")[0].strip().lower() for part in request.headers.get("Accept", "").split(",")]
    if any(t in JSON_TYPES for t in accepted):
        return "text/html" not in accepted or accepted.index("text/html") > min(accepted.index(t) for t in JSON_TYPES if t in accepted)
    return False


def _negotiated(request: HttpRequest, json_view, page_view, *args):
    response = json_view(request, *args) if wants_json(request) else page_view(request, *args)
    patch_vary_headers(response, ["Accept"])  # a cache must not hand a browser's page to a wallet
    return response


def issuer(request: HttpRequest, slug: str):
    """Anyone."""
    return _negotiated(request, views_json.issuer_json, views_pages.issuer_page, slug)


def badge_class(request: HttpRequest, slug: str):
    """Anyone."""
    return _negotiated(request, views_json.class_json, views_pages.class_page, slug)


def assertion(request: HttpRequest, uid):
    """Anyone."""
    return _negotiated(request, views_json.assertion_json, views_pages.assertion_page, uid)
