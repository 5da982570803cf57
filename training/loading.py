import json
from pathlib import Path

from .models import Module

REXVET_MODULES = Path(__file__).resolve().parent / "content" / "rexvet-modules.json"


def modules_load(*, path_model_code: str, modules: list[dict]) -> int:
    """Create or update the catalogue's modules of a path model; return how many."""
    for m in modules:
        Module.objects.update_or_create(
            path_model_code=path_model_code,
            code=m["code"],
            defaults={
                "title": m["title"],
                "level_code": m["level"],
                "direction_code": m.get("direction") or "",
                "summary": m.get("summary", ""),
                "for_you_if": m.get("for_you_if", ""),
                "outcomes": "\n".join(m.get("outcomes", [])),
                "estimated_hours": m.get("estimated_hours"),
            },
        )
    return len(modules)


def rexvet_modules() -> list[dict]:
    return json.loads(REXVET_MODULES.read_text(encoding="utf-8"))
