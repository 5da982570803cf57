"""Open Badges 2.0 documents (JSON-LD) for issuers, badge classes and hosted assertions.

Functions from model rows to dicts: the views serve them, baking embeds them, and the
tests compare them key by key. Only a badge class's alignment reads more (the module's
areas and the path's names; pass `labels` to reuse them across classes). Every id is an absolute URL from badges.links, so a
document says the same wherever it was fetched. No e-mail address of a recipient appears:
the recipient is only the salted hash fixed at award.
"""

import json
from datetime import datetime, timezone

from django.urls import reverse

from training.selectors import PathLabels, path_labels

from . import links
from .models import Assertion, BadgeClass, Issuer

CONTEXT = "https://w3id.org/openbadges/v2"
FRAMEWORK_NAME = "REXVET path model"


def iso_datetime(value: datetime) -> str:
    """ISO 8601 in UTC with a "Z", to the second: the validator insists on a time zone."""
    return value.astimezone(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def issuer_document(issuer: Issuer) -> dict:
    doc = {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": links.issuer_url(issuer),
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
        "image": links.issuer_image_url(issuer),
    }
    if issuer.description:
        doc["description"] = issuer.description
    return doc


def _area_alignment_url(area_code: str) -> str:
    # The framework page marks each area with an anchor "area-<code>".
    return links.absolute(reverse("badges:framework") + f"#area-{area_code}")


def alignments(badge_class: BadgeClass, labels: PathLabels | None = None) -> list[dict]:
    """The path step the module leads to, then each area it covers.

    `labels` (training.selectors.PathLabels) names the codes; without it the newest
    published version of the module's path model is read (three queries).
    """
    module = badge_class.module
    labels = labels or path_labels(module.path_model_code)
    level = next((lv for lv in labels.levels if lv.code == module.level_code), None)
    direction = next((d for d in labels.directions if d.code == module.direction_code), None) if module.direction_code else None
    step = {
        "targetName": labels.step_label(module),
        "targetUrl": links.alignment_url(module.level_code, module.direction_code),
        "targetFramework": FRAMEWORK_NAME,
        "targetCode": module.level_code + (f"/{module.direction_code}" if module.direction_code else ""),
    }
    description = (direction.description if direction else "") or (level.description if level else "")
    if description:
        step["targetDescription"] = description
    found = [step]
    for module_area in module.areas.all():
        area = next((a for a in labels.areas if a.code == module_area.area_code), None)
        item = {
            "targetName": labels.area_name(module_area.area_code),
            "targetUrl": _area_alignment_url(module_area.area_code),
            "targetFramework": FRAMEWORK_NAME,
            "targetCode": module_area.area_code,
        }
        if area is not None and area.description:
            item["targetDescription"] = area.description
        found.append(item)
    return found


def class_document(badge_class: BadgeClass, labels: PathLabels | None = None) -> dict:
    class_id = links.class_url(badge_class)
    doc = {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": class_id,
        "name": badge_class.name,
        "description": badge_class.description,
        "image": links.class_image_url(badge_class, "png"),
        "criteria": {"id": class_id + "#criteria", "narrative": badge_class.criteria},
        "issuer": links.issuer_url(badge_class.issuer),
        "alignment": alignments(badge_class, labels),
    }
    if badge_class.tag_list:
        doc["tags"] = badge_class.tag_list
    return doc


def assertion_document(assertion: Assertion) -> dict:
    """The hosted assertion. It names its badge class by URL (the validator fetches it)."""
    doc = {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": links.assertion_url(assertion),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": assertion.recipient_salt,
            "identity": assertion.recipient_hash,
        },
        "badge": links.class_url(assertion.badge_class),
        "issuedOn": iso_datetime(assertion.issued_on),
        "verification": {"type": "hosted"},
    }
    if assertion.narrative or assertion.evidence_url:
        evidence = {"type": "Evidence"}
        if assertion.evidence_url:
            evidence["id"] = assertion.evidence_url
        if assertion.narrative:
            evidence["narrative"] = assertion.narrative
        doc["evidence"] = [evidence]
    if assertion.expires_on is not None:
        doc["expires"] = iso_datetime(assertion.expires_on)
    return doc


def revoked_document(assertion: Assertion) -> dict:
    """What a revoked assertion's URL answers (with 410 Gone): only that, and why."""
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": links.assertion_url(assertion),
        "revoked": True,
        "revocationReason": assertion.revocation_reason,
    }


def to_json(doc: dict) -> str:
    """Stable text: the same document always gives the same bytes (baked and served alike)."""
    return json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
