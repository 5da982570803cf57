"""Checking a badge someone hands us: a baked image, an assertion's address, an Open Badges
2.0 assertion (JSON) or an Open Badges 3.0 credential (VC-JWT).

Only our own badges are checked, and only against our own records: nothing here fetches
anything from the network. An address (or key, or issuer) that is not on REXVET_SITE_URL
is reported as not issued by REXVET Paths. For a 2.0 assertion carried in an image, the
hosted copy counts: the embedded one must equal it, and the status comes from our record.

`verify_upload` and `verify_text` return a `Result` (a list of checks and a status), or
raise `Unreadable`, whose text says what is wrong with the input, for the person. The
status is "revoked" or "expired" when that is the only thing wrong, "invalid" when any
other check fails (a recipient e-mail that does not match included), "valid" otherwise.
"""

import base64
import binascii
import json
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

import jwt
from django.conf import settings
from django.urls import Resolver404, resolve, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from . import keys, links, openbadges2
from .baking import OB2_KEYWORD, OB3_KEYWORD, PNG_SIGNATURE, NotBaked, png_unbake, svg_unbake
from .models import Assertion, Issuer
from .openbadges3 import ALGORITHM, numeric_date
from .services import recipient_matches

MAX_BYTES = 2 * 1024 * 1024
MAX_TEXT = 100_000

VALID, EXPIRED, REVOKED, INVALID = "valid", "expired", "revoked", "invalid"

# Check codes, in the order they are reported.
FORMAT, ISSUER, SIGNATURE, CLAIMS, RECORD, REVOCATION, EXPIRY, RECIPIENT = (
    "format", "issuer", "signature", "claims", "record", "revocation", "expiry", "recipient",
)
ASSERTION_VIEWS = ("badges:assertion", "badges:assertion_json")
ISSUER_VIEWS = ("badges:issuer", "badges:issuer_json")
# A 2.0 document served after revocation says so; a copy baked before it did not.
OB2_STATUS_KEYS = ("revoked", "revocationReason")
JWS_PATTERN = re.compile(r"[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*")
OB3_TYPES = ("OpenBadgeCredential", "AchievementCredential")


class Unreadable(ValueError):
    """The input is not something we can read as a badge; str(error) says why."""


@dataclass(frozen=True)
class Check:
    code: str
    name: str
    passed: bool
    message: str


@dataclass
class Result:
    kind: str  # what was handed in, in words
    checks: list[Check] = field(default_factory=list)
    assertion: Assertion | None = None

    def add(self, code: str, passed: bool, message: str) -> bool:
        self.checks.append(Check(code, CHECK_NAMES[code](), passed, message))
        return passed

    @property
    def status(self) -> str:
        failed = {c.code for c in self.checks if not c.passed}
        if not self.checks or failed - {REVOCATION, EXPIRY}:
            return INVALID
        if REVOCATION in failed:
            return REVOKED
        if EXPIRY in failed:
            return EXPIRED
        return VALID


CHECK_NAMES = {
    FORMAT: lambda: _("Format"),
    ISSUER: lambda: _("Issuer"),
    SIGNATURE: lambda: _("Signature"),
    CLAIMS: lambda: _("Credential fields"),
    RECORD: lambda: _("Our record"),
    REVOCATION: lambda: _("Revocation"),
    EXPIRY: lambda: _("Expiry"),
    RECIPIENT: lambda: _("Recipient"),
}


def _not_ours() -> str:
    return _("Not issued by REXVET Paths; we check only our own badges.")


def _date(value: datetime) -> str:
    return formats.date_format(timezone.localtime(value), "j F Y")  # as every other page


# --- Reading the input ---------------------------------------------------------------------


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def verify_upload(data: bytes, *, email: str = "", now: datetime | None = None) -> Result:
    """A baked PNG (3.0 credential or 2.0 assertion) or SVG (2.0 assertion)."""
    if len(data) > MAX_BYTES:
        raise Unreadable(_("The file is larger than 2 MB; a badge image is much smaller."))
    if data.startswith(PNG_SIGNATURE):
        try:
            texts = png_unbake(data)
        except NotBaked:
            raise Unreadable(_("This PNG image is damaged or cut short, so we cannot read it.")) from None
        text = texts.get(OB3_KEYWORD) or texts.get(OB2_KEYWORD)
        if not text:
            raise Unreadable(_("This PNG image carries no badge: no Open Badges data is baked into it."))
        result = verify_text(text, email=email, now=now)
        result.kind = _("A baked PNG image carrying %(what)s") % {"what": _lower_first(result.kind)}
        return result
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<") and b"<svg" in data:
        try:
            text = svg_unbake(data)
        except NotBaked:
            raise Unreadable(_("This SVG image cannot be read, or no badge is baked into it.")) from None
        result = verify_text(text, email=email, now=now)
        result.kind = _("A baked SVG image carrying %(what)s") % {"what": _lower_first(result.kind)}
        return result
    raise Unreadable(_("This is not a PNG or SVG image. Choose a badge image with the badge baked into it."))


def verify_text(text: str, *, email: str = "", now: datetime | None = None) -> Result:
    """An assertion's address, a 2.0 assertion (JSON) or a 3.0 credential (VC-JWT)."""
    text = (text or "").strip()
    if len(text) > 1 and text[0] == text[-1] and text[0] in "\"'":
        text = text[1:-1].strip()  # pasted with the quotes around it
    now = now or timezone.now()
    if not text:
        raise Unreadable(_("Paste a badge: its web address, its JSON, or its Open Badges 3.0 credential."))
    if len(text) > MAX_TEXT:
        raise Unreadable(_("This text is far longer than any badge."))
    if text.startswith("{"):
        try:
            document = json.loads(text)
        except json.JSONDecodeError as problem:
            raise Unreadable(
                _("This starts like JSON but is not valid JSON (line %(line)s, column %(column)s).")
                % {"line": problem.lineno, "column": problem.colno}
            ) from None
        return _verify_json(document, email=email, now=now)
    if re.match(r"https?://", text, re.IGNORECASE):
        return _verify_url(text, email=email, now=now)
    compact = re.sub(r"\s+", "", text)  # a JWT that a mail client wrapped over several lines
    if JWS_PATTERN.fullmatch(compact):
        return _verify_jwt(compact, email=email, now=now)
    bare = re.fullmatch(r"(?:urn:uuid:)?([0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12})", text)
    if bare:
        # A badge id on its own (as the public page shows it, or the 3.0 credential's id).
        return _verify_url(links.absolute(reverse("badges:assertion", args=[uuid.UUID(bare.group(1))])), email=email, now=now)
    raise Unreadable(
        _(
            "We cannot read this as a badge. Paste the badge's web address, its JSON, or its "
            "Open Badges 3.0 credential (a long text in three parts separated by dots)."
        )
    )


# --- Addresses on our site -----------------------------------------------------------------


def _our_path(url) -> str | None:
    """The path of `url` inside our site, or None when it is not an address of ours."""
    if not isinstance(url, str):
        return None
    try:
        site, given = urlsplit(settings.REXVET_SITE_URL), urlsplit(url.strip())
    except ValueError:
        return None
    if (given.scheme.lower(), given.netloc.lower()) != (site.scheme.lower(), site.netloc.lower()):
        return None
    base = site.path.rstrip("/")
    if not given.path.startswith(base + "/"):
        return None
    path = given.path[len(base):]
    return path.rstrip("/") if path.count("/") > 2 else path  # a trailing slash added by hand


def _route(url, view_names: tuple[str, ...]) -> dict | None:
    """The URL's keyword arguments when it is one of our addresses of those views."""
    path = _our_path(url)
    if path is None:
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.kwargs if match.view_name in view_names else None


def _assertion(uid) -> Assertion | None:
    return Assertion.objects.select_related("badge_class__issuer", "badge_class__module").filter(uid=uid).first()


# --- The checks every kind shares ------------------------------------------------------------


def _status_checks(result: Result, assertion: Assertion, *, email: str, now: datetime) -> Result:
    result.assertion = assertion
    if assertion.is_revoked:
        result.add(
            REVOCATION,
            False,
            _("Revoked on %(date)s. Reason: %(reason)s") % {"date": _date(assertion.revoked_at), "reason": assertion.revocation_reason},
        )
    else:
        result.add(REVOCATION, True, _("Not revoked."))
    if assertion.expires_on is None:
        result.add(EXPIRY, True, _("Does not expire."))
    elif assertion.is_expired_at(now):
        result.add(EXPIRY, False, _("Expired on %(date)s.") % {"date": _date(assertion.expires_on)})
    else:
        result.add(EXPIRY, True, _("Valid until %(date)s.") % {"date": _date(assertion.expires_on)})
    if email:
        if recipient_matches(assertion, email):
            result.add(RECIPIENT, True, _("Awarded to this e-mail address."))
        else:
            result.add(RECIPIENT, False, _("Not awarded to this e-mail address (letter case does not matter)."))
    return result


def _record_message(assertion: Assertion) -> str:
    return _("On record at REXVET Paths: “%(badge)s”, criteria met on %(date)s.") % {
        "badge": assertion.badge_class.name,
        "date": _date(assertion.issued_on),
    }


# --- Open Badges 2.0 -------------------------------------------------------------------------


def _verify_url(url: str, *, email: str, now: datetime) -> Result:
    result = Result(kind=_("A web address"))
    if _our_path(url) is None:
        result.add(FORMAT, True, _("A web address."))
        result.add(ISSUER, False, _not_ours())
        return result
    kwargs = _route(url, ASSERTION_VIEWS)
    if kwargs is None:
        result.add(FORMAT, False, _("This address is on REXVET Paths but is not the address of an awarded badge."))
        return result
    result.kind = _("The address of an Open Badges 2.0 assertion")
    result.add(FORMAT, True, _("The address of an Open Badges 2.0 assertion."))
    return _ob2_checks(result, kwargs["uid"], embedded=None, email=email, now=now)


def _types(document: dict) -> list:
    kind = document.get("type")
    return kind if isinstance(kind, list) else [kind]


def _verify_json(document, *, email: str, now: datetime) -> Result:
    result = Result(kind=_("A JSON document"))
    if not isinstance(document, dict):
        result.add(FORMAT, False, _("This JSON is not an Open Badges assertion or credential."))
        return result
    types = _types(document)
    if any(t in OB3_TYPES for t in types):
        result.add(
            FORMAT,
            False,
            _("An Open Badges 3.0 credential without its signature. Upload the badge image or paste the credential file (.jwt) instead."),
        )
        return result
    if "Assertion" not in types:
        result.add(FORMAT, False, _("This JSON is not an Open Badges assertion or credential."))
        return result
    result.kind = _("An Open Badges 2.0 assertion (JSON)")
    result.add(FORMAT, True, _("An Open Badges 2.0 assertion (JSON)."))
    kwargs = _route(document.get("id"), ASSERTION_VIEWS)
    if kwargs is None:
        result.add(ISSUER, False, _not_ours())
        return result
    # The short document a revoked assertion answers (410) carries only its id: our record counts.
    embedded = None if document.get("revoked") is True else document
    return _ob2_checks(result, kwargs["uid"], embedded=embedded, email=email, now=now)


def _comparable(document: dict) -> dict:
    return {k: v for k, v in document.items() if k not in OB2_STATUS_KEYS}


def _ob2_checks(result: Result, uid, *, embedded: dict | None, email: str, now: datetime) -> Result:
    assertion = _assertion(uid)
    if assertion is None:
        result.add(ISSUER, True, _("The address is on REXVET Paths."))
        result.add(RECORD, False, _("No badge with this id was awarded at REXVET Paths."))
        return result
    result.add(ISSUER, True, _("Issued by %(issuer)s.") % {"issuer": assertion.badge_class.issuer.name})
    if embedded is not None:
        hosted = json.loads(openbadges2.to_json(openbadges2.assertion_document(assertion)))
        if _comparable(embedded) != _comparable(hosted):
            result.add(
                RECORD,
                False,
                _("What this badge carries differs from the assertion we host; the hosted one counts, and what follows is about it."),
            )
            return _status_checks(result, assertion, email=email, now=now)
    result.add(RECORD, True, _record_message(assertion))
    return _status_checks(result, assertion, email=email, now=now)


# --- Open Badges 3.0 (VC-JWT) ----------------------------------------------------------------


def _b64_json(segment: str):
    try:
        raw = base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
        return json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        return None


def _parse_when(value) -> int | None:
    if not isinstance(value, str):
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return numeric_date(moment) if moment.tzinfo else None


def _claims_match(payload: dict) -> bool:
    """The registered claims repeat the credential's fields, as the VC-JWT rules require."""
    issuer = payload.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = payload.get("credentialSubject")
    subject_id = subject.get("id") if isinstance(subject, dict) else None
    valid_until = _parse_when(payload.get("validUntil")) if "validUntil" in payload else None
    return (
        payload.get("iss") == issuer_id
        and payload.get("jti") == payload.get("id")
        and payload.get("sub") == subject_id
        and payload.get("nbf") is not None
        and payload.get("nbf") == _parse_when(payload.get("validFrom"))
        and payload.get("exp") == valid_until
    )


def _verify_jwt(token: str, *, email: str, now: datetime) -> Result:
    header_part, payload_part, _signature = token.split(".")
    header = _b64_json(header_part)
    if not isinstance(header, dict) or "alg" not in header:
        raise Unreadable(_("This looks like a credential (JWT), but its first part cannot be read."))
    payload = _b64_json(payload_part)
    result = Result(kind=_("An Open Badges 3.0 credential (VC-JWT)"))
    readable = isinstance(payload, dict) and any(t in OB3_TYPES for t in _types(payload))
    if readable:
        result.add(FORMAT, True, _("An Open Badges 3.0 credential (VC-JWT)."))
    else:
        result.add(FORMAT, False, _("A JWT, but its contents are not an Open Badges 3.0 credential we can read."))

    # Issuer: the key and the issuer it names must both be ours.
    key_route = _route(header.get("kid"), ("badges:key",))
    if _our_path(header.get("kid")) is None:
        result.add(ISSUER, False, _not_ours())
        return result
    if key_route is None or key_route["kid"] not in keys.kids():
        result.add(ISSUER, False, _("The credential names a signing key that REXVET Paths never published."))
        return result
    issuer = None
    if readable:
        issuer_route = _route(payload.get("iss"), ISSUER_VIEWS)
        issuer = Issuer.objects.filter(slug=issuer_route["slug"]).first() if issuer_route else None
        if issuer is None:
            result.add(ISSUER, False, _("The issuer it names is not one of the issuers of REXVET Paths."))
            return result
        result.add(ISSUER, True, _("Issued by %(issuer)s, signed with a key of REXVET Paths.") % {"issuer": issuer.name})

    # Signature, with our published key named by kid; RS256 only (never "none" or HMAC).
    if header.get("alg") != ALGORITHM:
        result.add(SIGNATURE, False, _("Not signed with RS256, the algorithm we sign with."))
        return result
    try:
        jwt.PyJWS().decode(token, key=keys.public_key(key_route["kid"]), algorithms=[ALGORITHM])
    except jwt.InvalidSignatureError:
        result.add(SIGNATURE, False, _("The signature does not match: the credential was changed after it was signed."))
        return result
    except (jwt.InvalidTokenError, keys.UnknownKey):
        result.add(SIGNATURE, False, _("The signature cannot be checked."))
        return result
    result.add(SIGNATURE, True, _("Signed by REXVET Paths, unchanged since."))
    if not readable:
        return result

    if not _claims_match(payload):
        result.add(CLAIMS, False, _("The JWT's claims (iss, jti, nbf, sub, exp) do not repeat the credential's own fields."))
        return result
    result.add(CLAIMS, True, _("The JWT's claims repeat the credential's own fields."))

    credential_id = payload.get("id")
    assertion = None
    if isinstance(credential_id, str) and credential_id.startswith("urn:uuid:"):
        try:
            assertion = _assertion(uuid.UUID(credential_id.removeprefix("urn:uuid:")))
        except ValueError:
            assertion = None
    if assertion is None or assertion.badge_class.issuer_id != issuer.pk or links.credential_id(assertion) != credential_id:
        result.add(RECORD, False, _("No badge with this credential id was awarded by this issuer at REXVET Paths."))
        return result
    result.add(RECORD, True, _record_message(assertion))
    return _status_checks(result, assertion, email=email, now=now)
