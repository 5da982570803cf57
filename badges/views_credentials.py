"""Open Badges 3.0 downloads, the public keys and revocation lists, and "verify a badge".

Who may open them:
- a key, an issuer's revocation list and the verify page: anyone;
- a credential (.jwt) and its baked PNG: the earner and project admins. Signed-out
  visitors are sent to sign in; anyone else gets 403; an unknown badge 404.

A revoked badge's credential is not made any more (410, with the reason), as for the 2.0
baked images: a signed copy would travel on looking valid to anyone who does not read the
revocation list. Copies made before the revocation still exist; the revocation list and
our verify page say "revoked" with the reason. An expired badge still downloads: its
credential carries `validUntil`.
"""

import logging

from django import forms
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_http_methods, require_safe

from . import keys, links, openbadges3, verification
from .baking import OB3_KEYWORD, png_bake
from .downloads import attachment, earner_assertion, revoked_response
from .models import Assertion, Issuer

logger = logging.getLogger(__name__)

PUBLIC_JSON_HEADERS = {
    # Browser-based wallets and verifiers on other sites read these.
    "Access-Control-Allow-Origin": "*",
}


def _public_json(data: dict, *, max_age: int) -> JsonResponse:
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2}, headers=PUBLIC_JSON_HEADERS)
    response["Cache-Control"] = f"public, max-age={max_age}"
    return response


@require_safe
def key(request, kid: str):
    """Anyone: the public key `kid` as a JWK (never a private part)."""
    try:
        jwk = keys.public_jwk(kid)
    except keys.UnknownKey:
        raise Http404 from None
    return _public_json(jwk, max_age=3600)


@require_safe
def revocation_list(request, slug: str):
    """Anyone: the issuer's 1EdTechRevocationList, every credential it revoked and why."""
    issuer = get_object_or_404(Issuer.objects.only("slug"), slug=slug)
    revoked = (
        Assertion.objects.filter(badge_class__issuer=issuer, revoked_at__isnull=False)
        .order_by("revoked_at", "pk")
        .values_list("uid", "revocation_reason")
    )
    return _public_json(
        {
            "id": links.revocation_list_url(issuer),
            "issuer": links.issuer_url(issuer),
            "revokedCredentials": [
                {"id": f"urn:uuid:{uid}", "revocationReason": reason} for uid, reason in revoked
            ],
        },
        max_age=60,  # a revocation shows within a minute
    )


def _signed(assertion: Assertion) -> str | None:
    try:
        return openbadges3.credential_jwt(assertion)
    except keys.NoSigningKey:
        logger.error("Open Badges 3.0 credential %s not signed: no key (run manage.py badges_keygen)", assertion.uid)
        return None


def _unavailable(request):
    return render(
        request,
        "error.html",
        {
            "status": 503,
            "title": _("The credential cannot be made just now"),
            "text": _("Its signing key is missing. The site's administrators have been told; try again later."),
        },
        status=503,
    )


def _credential_download(request, uid, respond):
    """Sign in, the earner's (or a project admin's) badge, not revoked, signed: then respond."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    assertion = earner_assertion(request, uid)
    if assertion.is_revoked:
        return revoked_response(request, assertion)
    token = _signed(assertion)
    if token is None:
        return _unavailable(request)
    return respond(assertion, token)


@require_safe
def credential(request, uid):
    """The earner and project admins: the Open Badges 3.0 credential as a VC-JWT file."""
    # The specification: a VC-JWT file ends in .jwt, and served on the web it is text/plain.
    return _credential_download(
        request, uid, lambda assertion, token: attachment(token, "text/plain; charset=utf-8", assertion, ".jwt")
    )


@require_safe
def credential_png(request, uid):
    """The earner and project admins: the badge image with the 3.0 credential baked in."""

    def baked(assertion, token):
        from .images import class_png

        return attachment(png_bake(class_png(assertion.badge_class), token, keyword=OB3_KEYWORD), "image/png", assertion, "-credential.png")

    return _credential_download(request, uid, baked)


class VerifyForm(forms.Form):
    file = forms.FileField(
        label=_lazy("A baked badge image"),
        required=False,
        help_text=_lazy("A PNG or SVG file with the badge baked into it, at most 2 MB."),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".png,.svg,image/png,image/svg+xml"}),
    )
    text = forms.CharField(
        label=_lazy("Or paste the badge"),
        required=False,
        max_length=verification.MAX_TEXT,
        error_messages={"max_length": _lazy("This text is far longer than any badge.")},
        help_text=_lazy("The badge's web address, its Open Badges 2.0 JSON, or its Open Badges 3.0 credential (JWT)."),
        widget=forms.Textarea(attrs={"class": "form-control font-monospace", "rows": 5, "spellcheck": "false"}),
    )
    email = forms.EmailField(
        label=_lazy("Check it was awarded to this e-mail address"),
        required=False,
        help_text=_lazy("Optional. Letter case does not matter."),
        widget=forms.EmailInput(attrs={"class": "form-control", "autocomplete": "off"}),
    )

    def clean(self):
        data = super().clean()
        upload, text = data.get("file"), (data.get("text") or "").strip()
        if "file" in self.errors or "text" in self.errors:
            return data
        if upload and text:
            self.add_error("text", _("Give either an image or a pasted badge, not both."))
        elif not upload and not text:
            self.add_error("file", _("Choose a badge image, or paste a badge in the box below."))
        elif upload and upload.size > verification.MAX_BYTES:
            self.add_error("file", _("The file is larger than 2 MB; a badge image is much smaller."))
        return data


@require_http_methods(["GET", "POST"])
def verify(request):
    """Anyone: check a badge (a baked image, an address, a 2.0 JSON or a 3.0 JWT) against our records."""
    if request.method != "POST":
        return render(request, "badges/verify.html", {"form": VerifyForm()})
    form = VerifyForm(request.POST, request.FILES)
    result = None
    if form.is_valid():
        email = form.cleaned_data["email"]
        upload = form.cleaned_data["file"]
        try:
            if upload:
                result = verification.verify_upload(upload.read(verification.MAX_BYTES + 1), email=email)
            else:
                result = verification.verify_text(form.cleaned_data["text"], email=email)
        except verification.Unreadable as problem:
            form.add_error("file" if upload else "text", str(problem))
    if result is None:
        return render(request, "badges/verify.html", {"form": form}, status=400)
    # A new form for the next badge, keeping the address this one was checked against.
    fresh = VerifyForm(initial={"email": form.cleaned_data["email"]})
    return render(request, "badges/verify.html", {"form": fresh, "result": result})
