"""The public addresses that serve both people and machines (content negotiation).

A badge wallet or the Open Badges validator asks for JSON (Accept: application/ld+json or
application/json) and gets the Open Badges 2.0 document; a browser gets the page. The
`.json` addresses always answer JSON.
"""

from django.http import HttpRequest

from . import views_json, views_pages

JSON_TYPES = ("application/ld+json", "application/json")


def wants_json(request: HttpRequest) -> bool:
    accepted = [part.split(";")[0].strip().lower() for part in request.headers.get("Accept", "").split(",")]
    if any(t in JSON_TYPES for t in accepted):
        return "text/html" not in accepted or accepted.index("text/html") > min(accepted.index(t) for t in JSON_TYPES if t in accepted)
    return False


def issuer(request: HttpRequest, slug: str):
    """Anyone."""
    return views_json.issuer_json(request, slug) if wants_json(request) else views_pages.issuer_page(request, slug)


def badge_class(request: HttpRequest, slug: str):
    """Anyone."""
    return views_json.class_json(request, slug) if wants_json(request) else views_pages.class_page(request, slug)


def assertion(request: HttpRequest, uid):
    """Anyone."""
    return views_json.assertion_json(request, uid) if wants_json(request) else views_pages.assertion_page(request, uid)
