import json
from pathlib import Path

from pathways.models import Direction, Level, PathModel

from .models import Module

REXVET_MODULES = Path(__file__).resolve().parent / "content" / "rexvet-modules.json"


def modules_load(*, path_model: PathModel, modules: list[dict]) -> int:
    """Create or update the catalogue's modules on this path-model version; return how many."""
    levels = {lv.code: lv for lv in Level.objects.filter(path_model=path_model)}
    directions = {(d.level.code, d.code): d for d in Direction.objects.filter(level__path_model=path_model).select_related("level")}
    for m in modules:
        level = levels[m["level"]]
        Module.objects.update_or_create(
            level=level,
            code=m["code"],
            defaults={
                "title": m["title"],
                "direction": directions[(m["level"], m["direction"])] if m.get("direction") else None,
                "summary": m.get("summary", ""),
                "for_you_if": m.get("for_you_if", ""),
                "outcomes": "\n".join(m.get("outcomes", [])),
                "estimated_hours": m.get("estimated_hours"),
            },
        )
    return len(modules)


def rexvet_modules() -> list[dict]:
    return json.loads(REXVET_MODULES.read_text(encoding="utf-8"))
