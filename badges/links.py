"""Absolute public addresses of badges, issuers and keys.

Open Badges ids are URLs that must stay the same wherever the page that shows them was
opened, so they are built from REXVET_SITE_URL (never from the request's Host header).
"""

from django.conf import settings
from django.urls import reverse


def absolute(path: str) -> str:
    return settings.REXVET_SITE_URL + path


def issuer_url(issuer) -> str:
    return absolute(reverse("badges:issuer", args=[issuer.slug]))


def issuer_image_url(issuer) -> str:
    return absolute(reverse("badges:issuer_image", args=[issuer.slug]))


def class_url(badge_class) -> str:
    return absolute(reverse("badges:class", args=[badge_class.slug]))


def class_image_url(badge_class, ext: str = "png") -> str:
    return absolute(reverse("badges:class_image", args=[badge_class.slug, ext]))


def assertion_url(assertion) -> str:
    """The hosted OB 2.0 assertion's id, and the public badge page for a browser."""
    return absolute(reverse("badges:assertion", args=[assertion.uid]))


def credential_id(assertion) -> str:
    """The OB 3.0 credential's id."""
    return f"urn:uuid:{assertion.uid}"


def revocation_list_url(issuer) -> str:
    return absolute(reverse("badges:revocation_list", args=[issuer.slug]))


def key_url(kid: str) -> str:
    return absolute(reverse("badges:key", args=[kid]))


def alignment_url(level_code: str, direction_code: str = "") -> str:
    return absolute(reverse("badges:framework") + f"#{level_code}" + (f"-{direction_code}" if direction_code else ""))
