"""Open Badges 3.0: an assertion as an OpenBadgeCredential, signed as a VC-JWT.

The credential follows the Verifiable Credentials data model 2.0: its contexts in the
required order (VC 2.0 first, then Open Badges 3.0, then the 1EdTech extensions that
define `1EdTechRevocationList` and `1EdTechJsonSchemaValidator2019`), `validFrom` the
moment the criteria were met and `validUntil` when the badge expires.

The subject is identified by the recipient's salted e-mail hash (the same one the Open
Badges 2.0 assertion carries), never by the address in clear. The subject's `id`, which
the JWT repeats as `sub`, is a UUID derived from the assertion's own id: stable (the same
credential every download, so the earner's copies agree) and saying nothing about the
person — no e-mail, no account number, and a different id on each of their badges, so
two badges cannot be linked through it.

Signed with RS256 by the newest key of badges.keys; the JOSE header names that key by its
public URL (`kid`). The payload is the credential itself plus `iss`, `jti`, `nbf`, `sub`
and `exp` (when it expires), as the specification's VC-JWT section asks. There is no
`iat`: the same assertion and key always give the same token.
"""

import uuid
from datetime import datetime

import jwt

from . import keys, links
from .models import Assertion
from .openbadges2 import alignments, iso_datetime

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
OB3_EXTENSIONS_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/extensions.json"
CONTEXTS = [VC_CONTEXT, OB3_CONTEXT, OB3_EXTENSIONS_CONTEXT]
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
SCHEMA = {
    "id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
    "type": "1EdTechJsonSchemaValidator2019",
}
REVOCATION_LIST_TYPE = "1EdTechRevocationList"
ALGORITHM = "RS256"

# Fixed for good: changing it would change the subject id of every credential already out.
SUBJECT_NAMESPACE = uuid.UUID("6f1b7c2e-4d7a-5b8e-9c3f-2a1d0e5b7c94")


def subject_id(assertion: Assertion) -> str:
    return f"urn:uuid:{uuid.uuid5(SUBJECT_NAMESPACE, str(assertion.uid))}"


def numeric_date(value: datetime) -> int:
    """JWT NumericDate, to the second, as validFrom / validUntil are written."""
    return int(value.replace(microsecond=0).timestamp())


def _issuer_profile(issuer) -> dict:
    profile = {
        "id": links.issuer_url(issuer),
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
        "image": {"id": links.issuer_image_url(issuer), "type": "Image"},
    }
    if issuer.description:
        profile["description"] = issuer.description
    return profile


def _achievement(badge_class, labels=None) -> dict:
    class_id = links.class_url(badge_class)
    achievement = {
        "id": class_id,
        "type": ["Achievement"],
        "achievementType": "Badge",
        "name": badge_class.name,
        "description": badge_class.description,
        "criteria": {"id": class_id + "#criteria", "narrative": badge_class.criteria},
        "image": {"id": links.class_image_url(badge_class, "png"), "type": "Image"},
        # The same alignment as the 2.0 badge class, with the 3.0 type added.
        "alignment": [{"type": ["Alignment"], **item} for item in alignments(badge_class, labels)],
    }
    if badge_class.tag_list:
        achievement["tag"] = badge_class.tag_list
    return achievement


def credential_document(assertion: Assertion, labels=None) -> dict:
    """The OpenBadgeCredential of `assertion` (unsigned). `labels`: see openbadges2.alignments."""
    badge_class = assertion.badge_class
    issuer = badge_class.issuer
    subject = {
        "id": subject_id(assertion),
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": assertion.recipient_hash,
                "salt": assertion.recipient_salt,
            }
        ],
        "achievement": _achievement(badge_class, labels),
    }
    if assertion.narrative or assertion.evidence_url:
        evidence = {"type": ["Evidence"]}
        if assertion.evidence_url:
            evidence["id"] = assertion.evidence_url
        if assertion.narrative:
            evidence["narrative"] = assertion.narrative
        # The evidence file is private (recipient and coordinators): never named here.
        document_evidence = [evidence]
    else:
        document_evidence = []
    doc = {
        "@context": list(CONTEXTS),
        "id": links.credential_id(assertion),
        "type": list(CREDENTIAL_TYPES),
        "issuer": _issuer_profile(issuer),
        "name": badge_class.name,
        "validFrom": iso_datetime(assertion.issued_on),
        "credentialSubject": subject,
        "credentialStatus": {"id": links.revocation_list_url(issuer), "type": REVOCATION_LIST_TYPE},
        "credentialSchema": [dict(SCHEMA)],
    }
    if assertion.expires_on is not None:
        doc["validUntil"] = iso_datetime(assertion.expires_on)
    if document_evidence:
        doc["evidence"] = document_evidence
    return doc


def jwt_claims(assertion: Assertion) -> dict:
    """The registered JWT claims that repeat the credential's own fields."""
    claims = {
        "iss": links.issuer_url(assertion.badge_class.issuer),
        "jti": links.credential_id(assertion),
        "nbf": numeric_date(assertion.issued_on),
        "sub": subject_id(assertion),
    }
    if assertion.expires_on is not None:
        claims["exp"] = numeric_date(assertion.expires_on)
    return claims


def credential_jwt(assertion: Assertion, labels=None) -> str:
    """The credential signed as a compact JWS. Raises keys.NoSigningKey without a key."""
    key = keys.signing_key()
    payload = {**credential_document(assertion, labels), **jwt_claims(assertion)}
    return jwt.encode(payload, key.private_key, algorithm=ALGORITHM, headers={"kid": key.url, "typ": "JWT"})
