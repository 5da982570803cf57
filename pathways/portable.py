"""Portable path models: one JSON document per version, and back.

The document names everything by stable codes and carries no database ids, timestamps
or publication status. Keys are sorted and indentation fixed, so export → import into a
fresh database → export gives the same bytes. Format described in pathways/schema/README.md.

Other apps add their own sections (training adds "modules") with `register_section`,
so this module never imports them.
"""

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from django.db import transaction
from django.db.models import Max

from .models import Area, Descriptor, Direction, Level, PathModel, Statement

FORMAT = "rexvet-path-model"
FORMAT_VERSION = 1
SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "path-model-v1.schema.json"


@dataclass(frozen=True)
class Section:
    name: str
    export: Callable[[PathModel], list]
    validate: Callable[[list, dict], list[str]]  # (section, {level code: [direction codes]}) -> errors
    load: Callable[[list, PathModel], None]


_SECTIONS: dict[str, Section] = {}


def register_section(section: Section) -> None:
    _SECTIONS[section.name] = section


class ImportRefused(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def dumps(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _direction_code(obj) -> str | None:
    return obj.direction.code if obj.direction_id else None


def export_document(path_model: PathModel) -> dict:
    levels = list(Level.objects.filter(path_model=path_model).prefetch_related("directions").order_by("order"))
    level_order = {lv.id: lv.order for lv in levels}
    areas = Area.objects.filter(path_model=path_model).order_by("order")
    statements: dict[int, list] = {}
    for s in Statement.objects.filter(area__path_model=path_model).select_related("level", "direction"):
        statements.setdefault(s.area_id, []).append(s)
    descriptors: dict[int, list] = {}
    for d in Descriptor.objects.filter(area__path_model=path_model).select_related("level", "direction"):
        descriptors.setdefault(d.area_id, []).append(d)

    def track_key(obj):
        return (level_order[obj.level_id], obj.direction.order if obj.direction_id else 0)

    document = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "code": path_model.code,
        "name": path_model.name,
        "description": path_model.description,
        "threshold_percent": path_model.threshold_percent,
        "levels": [
            {
                "code": lv.code,
                "name": lv.name,
                "order": lv.order,
                "description": lv.description,
                "directions": [
                    {"code": d.code, "name": d.name, "short_name": d.short_name, "order": d.order, "description": d.description}
                    for d in sorted(lv.directions.all(), key=lambda d: d.order)
                ],
            }
            for lv in levels
        ],
        "areas": [
            {
                "code": a.code,
                "name": a.name,
                "short_name": a.short_name,
                "order": a.order,
                "description": a.description,
                "descriptors": [
                    {"level": d.level.code, "direction": _direction_code(d), "text": d.text}
                    for d in sorted(descriptors.get(a.id, []), key=track_key)
                ],
                "statements": [
                    {"code": s.code, "level": s.level.code, "direction": _direction_code(s), "order": s.order, "text": s.text}
                    for s in sorted(statements.get(a.id, []), key=lambda s: (*track_key(s), s.order, s.code))
                ],
            }
            for a in areas
        ],
    }
    for section in _SECTIONS.values():
        document[section.name] = section.export(path_model)
    return document


def _location(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(document)"


def validate_document(document) -> list[str]:
    """Every problem in the document, each with its location; empty when it can be imported."""
    from jsonschema import Draft202012Validator

    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    schema_errors = [
        (_location(e.absolute_path), e.message)
        for e in sorted(Draft202012Validator(schema).iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    ]
    if not isinstance(document, dict):
        return [f"{where}: {message}" for where, message in schema_errors]
    try:
        errors = _reference_errors(document)
    except (TypeError, AttributeError):
        # A value of the wrong type (a list where a code belongs) breaks the checks
        # below, which need the shape the schema describes; the schema errors say what
        # is wrong. With no schema error this is a bug here, so it is raised.
        if not schema_errors:
            raise
        errors = []
    # A level or direction reference the checks below explain (unknown level "Advnced")
    # is not reported a second time as a pattern the schema did not match.
    explained = {e.split(": ", 1)[0] for e in errors if e.split(": ", 1)[0].endswith((".level", ".direction"))}
    return [f"{where}: {message}" for where, message in schema_errors if where not in explained] + errors


def _reference_errors(document: dict) -> list[str]:
    """Duplicate codes and orders, and references to levels and directions that do not exist."""
    errors: list[str] = []
    levels: dict[str, list[str]] = {}
    seen_orders: dict[int, str] = {}
    for i, lv in enumerate(document.get("levels") or []):
        if not isinstance(lv, dict):
            continue
        code = lv.get("code")
        if code in levels:
            errors.append(f'levels[{i}].code: duplicate level code "{code}"')
        order = lv.get("order")
        if order in seen_orders:
            errors.append(f'levels[{i}].order: order {order} is also used by level "{seen_orders[order]}"')
        seen_orders.setdefault(order, code)
        codes = [d.get("code") for d in lv.get("directions") or [] if isinstance(d, dict)]
        for j, dcode in enumerate(codes):
            if dcode in codes[:j]:
                errors.append(f'levels[{i}].directions[{j}].code: duplicate direction code "{dcode}"')
        # Each direction of a level has its own order (publishing checks the same).
        direction_orders = [d.get("order") for d in lv.get("directions") or [] if isinstance(d, dict)]
        for j, dorder in enumerate(direction_orders):
            if dorder in direction_orders[:j]:
                errors.append(f"levels[{i}].directions[{j}].order: order {dorder} is used by another direction")
        levels[code] = codes

    def check_track(where: str, item: dict) -> None:
        level, direction = item.get("level"), item.get("direction")
        if level not in levels:
            errors.append(f'{where}.level: unknown level "{level}"')
        elif levels[level] and direction is None:
            errors.append(f'{where}.direction: level "{level}" has directions; name one of {", ".join(levels[level])}')
        elif direction is not None and direction not in levels[level]:
            errors.append(f'{where}.direction: unknown direction "{direction}" at level "{level}"')

    area_codes, area_orders = set(), set()
    for i, area in enumerate(document.get("areas") or []):
        if not isinstance(area, dict):
            continue
        if area.get("code") in area_codes:
            errors.append(f'areas[{i}].code: duplicate area code "{area.get("code")}"')
        area_codes.add(area.get("code"))
        if area.get("order") in area_orders:
            errors.append(f'areas[{i}].order: order {area.get("order")} is used by another area')
        area_orders.add(area.get("order"))
        tracks = set()
        for j, d in enumerate(area.get("descriptors") or []):
            if isinstance(d, dict):
                check_track(f"areas[{i}].descriptors[{j}]", d)
                key = (d.get("level"), d.get("direction"))
                if key in tracks:
                    errors.append(f"areas[{i}].descriptors[{j}]: a second descriptor for the same level and direction")
                tracks.add(key)
        statement_codes = set()
        for j, s in enumerate(area.get("statements") or []):
            if isinstance(s, dict):
                check_track(f"areas[{i}].statements[{j}]", s)
                if s.get("code") in statement_codes:
                    errors.append(f'areas[{i}].statements[{j}].code: duplicate statement code "{s.get("code")}"')
                statement_codes.add(s.get("code"))
    for name, section in _SECTIONS.items():
        if isinstance(document.get(name), list):
            errors.extend(section.validate(document[name], levels))
    return errors


def import_document(document, *, publish: bool = False, acting_user=None) -> PathModel:
    """Create the next version of the document's model as a draft (or published).

    The whole document is checked first; on any error nothing is written.
    """
    from django.contrib.admin.models import ADDITION, LogEntry

    from .versioning import PublishRefused, path_model_publish

    errors = validate_document(document)
    if errors:
        raise ImportRefused(errors)

    with transaction.atomic():
        version = (PathModel.objects.filter(code=document["code"]).aggregate(v=Max("version"))["v"] or 0) + 1
        model = PathModel.objects.create(
            code=document["code"],
            name=document["name"],
            version=version,
            threshold_percent=document["threshold_percent"],
            description=document["description"],
        )
        levels, directions = {}, {}
        for lv in document["levels"]:
            level = Level.objects.create(
                path_model=model, code=lv["code"], name=lv["name"], order=lv["order"], description=lv["description"]
            )
            levels[level.code] = level
            for d in lv["directions"]:
                directions[(level.code, d["code"])] = Direction.objects.create(
                    level=level, code=d["code"], name=d["name"], short_name=d["short_name"],
                    order=d["order"], description=d["description"],
                )

        def track(item):
            level = levels[item["level"]]
            return level, directions[(item["level"], item["direction"])] if item["direction"] else None

        for a in document["areas"]:
            area = Area.objects.create(
                path_model=model, code=a["code"], name=a["name"], short_name=a["short_name"],
                order=a["order"], description=a["description"],
            )
            Descriptor.objects.bulk_create(
                Descriptor(area=area, level=track(d)[0], direction=track(d)[1], text=d["text"]) for d in a["descriptors"]
            )
            Statement.objects.bulk_create(
                Statement(area=area, level=track(s)[0], direction=track(s)[1], code=s["code"], text=s["text"], order=s["order"])
                for s in a["statements"]
            )
        for name, section in _SECTIONS.items():
            section.load(document.get(name) or [], model)
        if acting_user is not None:
            LogEntry.objects.log_actions(
                user_id=acting_user.pk, queryset=[model], action_flag=ADDITION,
                change_message=f"Imported as version {model.version}.", single_object=True,
            )
        if publish:
            try:
                path_model_publish(path_model=model, acting_user=acting_user)
            except PublishRefused as refused:
                # Rolls the whole import back: nothing is written.
                raise ImportRefused(refused.problems) from None
    return model
