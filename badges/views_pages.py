"""Badge pages for people: the public pages of issuers, badges and awarded badges, the path
framework they align to, the images, and the earner's own badges.

Every view says who may open it. The earner's pages fetch through the signed-in person, so
someone else's badge answers 404, exactly as a badge id that does not exist.
"""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST, require_safe

from rexvet.accounts.decorators import member_required
from rexvet.lib.linkedin import add_to_profile_url

from . import images, links, selectors, services
from .models import Assertion, BadgeClass, Issuer

IMAGE_TYPES = {"png": "image/png", "svg": "image/svg+xml"}
ONE_DAY = 24 * 60 * 60


def _image(content: bytes | str, ext: str) -> HttpResponse:
    response = HttpResponse(content, content_type=IMAGE_TYPES[ext])
    response["Cache-Control"] = f"public, max-age={ONE_DAY}"
    # Backpacks and verifiers on other sites fetch the image from their own pages.
    response["Access-Control-Allow-Origin"] = "*"
    return response


@require_safe
def issuer_image(request, slug: str):
    """Anyone: the issuer's image (PNG)."""
    issuer = get_object_or_404(Issuer.objects.select_related("organisation"), slug=slug)
    return _image(images.issuer_png(issuer), "png")


@require_safe
def class_image(request, slug: str, ext: str):
    """Anyone: the badge's image, PNG or SVG (not baked: the award's downloads are)."""
    badge_class = get_object_or_404(BadgeClass.objects.select_related("module"), slug=slug)
    return _image(images.class_png(badge_class) if ext == "png" else images.class_svg(badge_class), ext)


@require_safe
def issuer_page(request, slug: str):
    """Anyone: who the issuer is and the badges it awards."""
    issuer, classes = selectors.issuer_with_classes(slug)
    return render(request, "badges/issuer.html", {"issuer": issuer, "classes": classes})


@require_safe
def class_page(request, slug: str):
    """Anyone: what the badge is, its criteria with the module's outcomes, who issues it and
    where it sits on the path."""
    badge_class, alignment = selectors.badge_class_page(slug)
    criteria = criteria_blocks(badge_class.criteria)
    return render(
        request,
        "badges/class.html",
        {
            "badge_class": badge_class,
            "module": badge_class.module,
            "issuer": badge_class.issuer,
            "alignment": alignment,
            "criteria": criteria,
            # The loaded criteria list the outcomes already; others get them under their own heading.
            "show_outcomes": not any(kind == "list" for kind, _ in criteria),
        },
    )


@require_safe
def framework(request):
    """Anyone: the published REXVET path model the badges align to, level by level."""
    found = selectors.framework()
    return render(request, "badges/framework.html", {"framework": found}, status=200 if found else 404)


def criteria_blocks(text: str) -> list[tuple[str, object]]:
    """Criteria in words as paragraphs and lists: lines that start with "- " are list items."""
    blocks: list[tuple[str, object]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if line.startswith("- "):
            if not blocks or blocks[-1][0] != "list":
                blocks.append(("list", []))
            blocks[-1][1].append(line[2:].strip())
        else:
            blocks.append(("paragraph", line))
    return blocks


def _status_context(assertion: Assertion) -> dict:
    now = timezone.now()
    return {"status": assertion.status_at(now), "Status": Assertion.Status}


@require_safe
def assertion_page(request, uid):
    """Anyone: the public page of an awarded badge and whether it is valid, expired or
    revoked (a revoked badge's page still answers, and says so)."""
    assertion = selectors.public_assertion(uid)
    reissued_as = getattr(assertion, "reissued_as", None)
    return render(
        request,
        "badges/assertion.html",
        {
            "assertion": assertion,
            "badge_class": assertion.badge_class,
            "issuer": assertion.badge_class.issuer,
            "module": assertion.badge_class.module,
            "reissued_as": reissued_as,
            "criteria": criteria_blocks(assertion.badge_class.criteria),
            # Only the full name the person gave: get_full_name() falls back to the e-mail.
            "earner_name": assertion.recipient.full_name if assertion.show_name else "",
            **_status_context(assertion),
        },
    )


@member_required
@require_GET
def mine(request):
    """Members: their own badges, each with its status."""
    now = timezone.now()
    assertions = selectors.badges_of(request.user)
    for a in assertions:
        a.status_now = a.status_at(now)
    return render(
        request,
        "badges/mine.html",
        {
            "assertions": assertions,
            "valid_count": sum(a.status_now == Assertion.Status.VALID for a in assertions),
            "Status": Assertion.Status,
        },
    )


def _linkedin_url(assertion: Assertion) -> str:
    issued = timezone.localtime(assertion.issued_on).date()
    expires = timezone.localtime(assertion.expires_on).date() if assertion.expires_on else None
    return add_to_profile_url(
        name=assertion.badge_class.name,
        organisation_name=assertion.badge_class.issuer.name,
        issued_on=issued,
        expires_on=expires,
        cert_url=links.assertion_url(assertion),
        cert_id=str(assertion.uid),
    )


@member_required
@require_GET
def mine_detail(request, uid):
    """The recipient only (anyone else: 404): their badge's downloads, the LinkedIn link
    and whether its public page shows their name."""
    assertion = selectors.own_assertion(request.user, uid)
    return render(
        request,
        "badges/mine_detail.html",
        {
            "assertion": assertion,
            "badge_class": assertion.badge_class,
            "issuer": assertion.badge_class.issuer,
            "linkedin_url": _linkedin_url(assertion),
            "public_url": links.assertion_url(assertion),
            **_status_context(assertion),
        },
    )


@member_required
@require_POST
def show_name(request, uid):
    """The recipient only (anyone else: 404), POST: show or hide their name on the badge's
    public page."""
    assertion = selectors.own_assertion(request.user, uid)
    show = request.POST.get("show_name") == "on"
    services.assertion_show_name(assertion=assertion, show=show, acting_user=request.user)
    if show:
        messages.success(request, _("The badge's public page now shows your name."))
    else:
        messages.success(request, _("The badge's public page no longer shows your name."))
    return redirect("badges:mine_detail", uid=assertion.uid)
