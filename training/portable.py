"""The "modules" section of a portable path-model document: which module sits where on the path."""

from pathways.models import PathModel
from pathways.portable import Section, register_section

from .models import Module


def _export(path_model: PathModel) -> list:
    return [
        {"code": m.code, "title": m.title, "level": m.level_code, "direction": m.direction_code or None}
        for m in Module.objects.of_model(path_model.code).order_by("code")
    ]


def _validate(modules: list, levels: dict[str, list[str]]) -> list[str]:
    errors, seen = [], set()
    for i, m in enumerate(modules):
        if not isinstance(m, dict):
            continue
        level, direction = m.get("level"), m.get("direction")
        if m.get("code") in seen:
            errors.append(f'modules[{i}].code: duplicate module code "{m.get("code")}"')
        seen.add(m.get("code"))
        if level not in levels:
            errors.append(f'modules[{i}].level: unknown level "{level}"')
        elif levels[level] and direction not in levels[level]:
            errors.append(f'modules[{i}].direction: name one of the directions of "{level}": {", ".join(levels[level])}')
        elif not levels[level] and direction is not None:
            errors.append(f'modules[{i}].direction: level "{level}" has no directions')
    return errors


def _load(modules: list, path_model: PathModel) -> None:
    # Only modules this installation lacks are created: a document (even a draft's) never
    # rewrites the catalogue that staff are working through.
    for m in modules:
        Module.objects.get_or_create(
            path_model_code=path_model.code,
            code=m["code"],
            defaults={"title": m["title"], "level_code": m["level"], "direction_code": m["direction"] or ""},
        )


def register() -> None:
    register_section(Section(name="modules", export=_export, validate=_validate, load=_load))
