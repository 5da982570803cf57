"""Open Badges 2.0 documents for machines, and the earner's baked badge images.

The JSON documents are public and stable: any backpack, wallet or validator fetches them,
from any origin (hence Access-Control-Allow-Origin: *). A revoked assertion answers
410 Gone with a body that says so and why; an expired one still answers 200, and its
`expires` tells the reader. The baked images carry the full assertion and are for the
earner (and project admins) only.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.cache import patch_vary_headers
from django.views.decorators.http import require_safe

from . import baking, links
from .downloads import attachment, earner_assertion, revoked_response
from .models import Assertion, BadgeClass, Issuer
from .openbadges2 import assertion_document, class_document, issuer_document, revoked_document, to_json

JSON_LD = "application/ld+json; charset=utf-8"


def _json(doc: dict, status: int = 200) -> HttpResponse:
    response = HttpResponse(to_json(doc), content_type=JSON_LD, status=status)
    response["Access-Control-Allow-Origin"] = "*"
    # The same address answers a page to a browser (badges.views), so caches must know.
    patch_vary_headers(response, ["Accept"])
    return response


@require_safe
def issuer_json(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone: the issuer's Open Badges 2.0 profile."""
    return _json(issuer_document(get_object_or_404(Issuer, slug=slug)))


@require_safe
def class_json(request: HttpRequest, slug: str) -> HttpResponse:
    """Anyone: the badge class (also once it can no longer be awarded: old badges name it)."""
    badge_class = get_object_or_404(
        BadgeClass.objects.select_related("issuer", "module").prefetch_related("module__areas"), slug=slug
    )
    return _json(class_document(badge_class))


@require_safe
def assertion_json(request: HttpRequest, uid) -> HttpResponse:
    """Anyone: the hosted assertion; 410 Gone with the reason once revoked."""
    assertion = get_object_or_404(Assertion.objects.select_related("badge_class"), uid=uid)
    if assertion.is_revoked:
        return _json(revoked_document(assertion), status=410)
    return _json(assertion_document(assertion))


def baked_png_bytes(assertion: Assertion) -> bytes:
    """The class's PNG image carrying the full hosted assertion (iTXt `openbadges`)."""
    from . import images

    return baking.png_bake(images.class_png(assertion.badge_class), to_json(assertion_document(assertion)))


def baked_svg_text(assertion: Assertion) -> str:
    """The class's SVG image carrying the full hosted assertion (`openbadges:assertion`)."""
    from . import images

    return baking.svg_bake(
        images.class_svg(assertion.badge_class), to_json(assertion_document(assertion)), verify_url=links.assertion_url(assertion)
    )


@login_required
@require_safe
def baked_png(request: HttpRequest, uid) -> HttpResponse:
    """The earner and project admins: download the baked PNG badge (403 for anyone else)."""
    assertion = earner_assertion(request, uid)
    if assertion.is_revoked:
        return revoked_response(request, assertion)
    return attachment(baked_png_bytes(assertion), "image/png", assertion, ".png")


@login_required
@require_safe
def baked_svg(request: HttpRequest, uid) -> HttpResponse:
    """The earner and project admins: download the baked SVG badge (403 for anyone else)."""
    assertion = earner_assertion(request, uid)
    if assertion.is_revoked:
        return revoked_response(request, assertion)
    return attachment(baked_svg_text(assertion), "image/svg+xml; charset=utf-8", assertion, ".svg")
