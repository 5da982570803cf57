"""Load a path-model version from a JSON document (the REXVET default ships as one)."""

import json
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from .models import Area, Descriptor, Direction, Level, PathModel, Statement

CONTENT_DIR = Path(__file__).resolve().parent / "content"
REXVET_MODEL = CONTENT_DIR / "rexvet-path-model.json"


def path_model_load(*, document: dict, version: int = 1, publish: bool = True) -> tuple[PathModel, bool]:
    """Create the version from the document unless it exists already.

    Returns (path model, created). An existing version is never touched: published
    versions do not change.
    """
    existing = PathModel.objects.filter(code=document["code"], version=version).first()
    if existing:
        return existing, False
    with transaction.atomic():
        model = PathModel.objects.create(
            code=document["code"],
            name=document["name"],
            version=version,
            threshold_percent=document["threshold_percent"],
            description=document.get("description", ""),
        )
        levels, directions = {}, {}
        for lv in document["levels"]:
            level = Level.objects.create(
                path_model=model, code=lv["code"], name=lv["name"], order=lv["order"], description=lv.get("description", "")
            )
            levels[level.code] = level
            for d in lv.get("directions", []):
                directions[(level.code, d["code"])] = Direction.objects.create(
                    level=level,
                    code=d["code"],
                    name=d["name"],
                    short_name=d["short_name"],
                    order=d["order"],
                    description=d.get("description", ""),
                )
        for a in document["areas"]:
            area = Area.objects.create(
                path_model=model,
                code=a["code"],
                name=a["name"],
                short_name=a["short_name"],
                order=a["order"],
                description=a.get("description", ""),
            )
            Descriptor.objects.bulk_create(
                Descriptor(
                    area=area,
                    level=levels[d["level"]],
                    direction=directions[(d["level"], d["direction"])] if d.get("direction") else None,
                    text=d["text"],
                )
                for d in a["descriptors"]
            )
            Statement.objects.bulk_create(
                Statement(
                    area=area,
                    level=levels[s["level"]],
                    direction=directions[(s["level"], s["direction"])] if s.get("direction") else None,
                    code=s["code"],
                    text=s["text"],
                    order=i,
                )
                for i, s in enumerate(a["statements"], start=1)
            )
        if publish:
            model.status = PathModel.Status.PUBLISHED
            model.published_at = timezone.now()
            model.save(update_fields=["status", "published_at"])
    return model, True


def rexvet_document() -> dict:
    return json.loads(REXVET_MODEL.read_text(encoding="utf-8"))
