"""The REXVET default path model ships as a portable document (see schema/README.md)."""

import json
from pathlib import Path

from .models import PathModel
from .portable import import_document

REXVET_MODEL = Path(__file__).resolve().parent / "content" / "rexvet-path-model.json"


def rexvet_document() -> dict:
    return json.loads(REXVET_MODEL.read_text(encoding="utf-8"))


def path_model_ensure(*, document: dict) -> tuple[PathModel, bool]:
    """The newest published version of the document's model, importing and publishing
    the document when no version of it exists yet. Returns (model, created)."""
    existing = PathModel.objects.published().filter(code=document["code"]).order_by("-version").first()
    if existing:
        return existing, False
    return import_document(document, publish=True), True
