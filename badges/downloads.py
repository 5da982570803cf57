"""What every download of an earner's badge shares (baked 2.0 images, the 3.0 credential).

Only the earner and project admins may download (403 for anyone else, after login); a revoked
badge is never handed out again, because a baked copy would travel on as if it were valid.
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from .models import Assertion


def earner_assertion(request: HttpRequest, uid) -> Assertion:
    """The assertion if the user earned it or is a project admin; 403 for anyone else."""
    assertion = get_object_or_404(Assertion.objects.select_related("badge_class__issuer", "badge_class__module"), uid=uid)
    if assertion.recipient_id != request.user.pk and not request.user.is_staff:
        raise PermissionDenied
    return assertion


def revoked_response(request: HttpRequest, assertion: Assertion) -> HttpResponse:
    text = _("A revoked badge cannot be downloaded. The reason given: %(reason)s") % {"reason": assertion.revocation_reason}
    return render(request, "error.html", {"status": 410, "title": _("This badge has been revoked"), "text": text}, status=410)


def attachment(content: bytes | str, content_type: str, assertion: Assertion, ending: str) -> HttpResponse:
    """A download named after the badge and the start of its id, e.g. rexvet-module-1-0b6e1c3a.png."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{assertion.badge_class.slug}-{str(assertion.uid)[:8]}{ending}"'
    response["Cache-Control"] = "private, no-store"
    return response
