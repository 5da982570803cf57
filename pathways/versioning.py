"""Versions of a path model: duplicate a version as a new draft, check it, publish it.

A published version never changes; results, rounds and plans point at it.
"""

from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Area, Descriptor, Direction, Level, PathModel, Statement


class PublishRefused(Exception):
    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def _log(user, obj, flag: int, message: str) -> None:
    if user is None:
        return
    LogEntry.objects.log_actions(
        user_id=user.pk, queryset=[obj], action_flag=flag, change_message=message, single_object=True
    )


def path_model_problems(path_model: PathModel) -> list[str]:
    """Everything that stops this version from being published, each problem once."""
    problems: list[str] = []
    t = path_model.threshold_percent
    if not isinstance(t, int) or not 1 <= t <= 100:
        problems.append(_("The threshold must be a whole percentage from 1 to 100 (it is %(value)s).") % {"value": t})
    levels = list(Level.objects.filter(path_model=path_model).order_by("order", "code"))
    if not levels:
        problems.append(_("The model has no levels."))
    orders = Level.objects.filter(path_model=path_model).values("order").annotate(n=Count("id")).filter(n__gt=1)
    for row in orders:
        problems.append(_("More than one level has the order %(order)s.") % {"order": row["order"]})
    areas = list(Area.objects.filter(path_model=path_model).order_by("order", "code"))
    if not areas:
        problems.append(_("The model has no competence areas."))
    area_orders = Area.objects.filter(path_model=path_model).values("order").annotate(n=Count("id")).filter(n__gt=1)
    for row in area_orders:
        problems.append(_("More than one competence area has the order %(order)s.") % {"order": row["order"]})
    direction_orders = (
        Direction.objects.filter(level__path_model=path_model)
        .values("level__name", "order").annotate(n=Count("id")).filter(n__gt=1)
    )
    for row in direction_orders:
        problems.append(
            _("More than one direction of %(level)s has the order %(order)s.")
            % {"level": row["level__name"], "order": row["order"]}
        )
    directions: dict[int, list[Direction]] = {}
    for d in Direction.objects.filter(level__path_model=path_model).order_by("order"):
        directions.setdefault(d.level_id, []).append(d)
    counts = {
        (row["area"], row["level"], row["direction"]): row["n"]
        for row in Statement.objects.filter(area__path_model=path_model)
        .values("area", "level", "direction")
        .annotate(n=Count("id"))
    }
    for area in areas:
        for level in levels:
            tracks = directions.get(level.id) or [None]
            for direction in tracks:
                if not counts.get((area.id, level.id, direction.id if direction else None)):
                    where = f"{level.name} ({direction.short_name})" if direction else level.name
                    problems.append(
                        _("The area “%(area)s” has no statements at %(level)s.") % {"area": area.name, "level": where}
                    )
        # A branched level has no shared statements: each belongs to one direction.
        for level in levels:
            if directions.get(level.id) and counts.get((area.id, level.id, None)):
                problems.append(
                    _("The area “%(area)s” has statements at %(level)s without a direction.")
                    % {"area": area.name, "level": level.name}
                )
    for s in Statement.objects.filter(area__path_model=path_model).select_related("area"):
        if not s.text.strip():
            problems.append(
                _("A statement in “%(area)s” (code %(code)s) is empty.") % {"area": s.area.name, "code": s.code}
            )
    return problems


def path_model_publish(*, path_model: PathModel, acting_user) -> PathModel:
    if path_model.is_published:
        raise PublishRefused([_("This version is already published.")])
    problems = path_model_problems(path_model)
    if problems:
        raise PublishRefused(problems)
    with transaction.atomic():
        updated = PathModel.objects.filter(pk=path_model.pk, status=PathModel.Status.DRAFT).update(
            status=PathModel.Status.PUBLISHED, published_at=timezone.now()
        )
        if not updated:
            raise PublishRefused([_("This version is already published.")])
        path_model.refresh_from_db()
        _log(acting_user, path_model, CHANGE, f"Published version {path_model.version}.")
    return path_model


def path_model_duplicate(*, path_model: PathModel, acting_user) -> PathModel:
    """Copy a version with everything in it as the next draft version. Codes are kept."""
    with transaction.atomic():
        version = (PathModel.objects.filter(code=path_model.code).aggregate(v=Max("version"))["v"] or 0) + 1
        copy = PathModel.objects.create(
            code=path_model.code,
            name=path_model.name,
            version=version,
            threshold_percent=path_model.threshold_percent,
            description=path_model.description,
        )
        level_map, direction_map, area_map = {}, {}, {}
        for level in Level.objects.filter(path_model=path_model).order_by("order"):
            new = Level.objects.create(
                path_model=copy, code=level.code, name=level.name, order=level.order, description=level.description
            )
            level_map[level.id] = new
        for d in Direction.objects.filter(level__path_model=path_model):
            direction_map[d.id] = Direction.objects.create(
                level=level_map[d.level_id], code=d.code, name=d.name, short_name=d.short_name,
                order=d.order, description=d.description,
            )
        for area in Area.objects.filter(path_model=path_model).order_by("order"):
            area_map[area.id] = Area.objects.create(
                path_model=copy, code=area.code, name=area.name, short_name=area.short_name,
                order=area.order, description=area.description,
            )
        Descriptor.objects.bulk_create(
            Descriptor(
                area=area_map[d.area_id], level=level_map[d.level_id],
                direction=direction_map.get(d.direction_id), text=d.text,
            )
            for d in Descriptor.objects.filter(area__path_model=path_model)
        )
        Statement.objects.bulk_create(
            Statement(
                area=area_map[s.area_id], level=level_map[s.level_id],
                direction=direction_map.get(s.direction_id), code=s.code, text=s.text, order=s.order,
            )
            for s in Statement.objects.filter(area__path_model=path_model)
        )
        _log(acting_user, copy, ADDITION, f"Duplicated from version {path_model.version}.")
    return copy


def path_model_renumber(*, path_model: PathModel, acting_user) -> None:
    """Renumber a draft's areas, and its statements within each level and direction, 1, 2, 3…
    keeping their order."""
    if path_model.is_published:
        raise PublishRefused([_("A published version keeps its numbering.")])
    with transaction.atomic():
        areas = list(Area.objects.filter(path_model=path_model).order_by("order", "pk"))
        # Two passes avoid clashing with the unique order constraint on the way.
        for offset in (10000, 0):
            for i, area in enumerate(areas, start=1):
                Area.objects.filter(pk=area.pk).update(order=offset + i)
        for area in areas:
            tracks: dict = {}
            for s in Statement.objects.filter(area=area).order_by("level__order", "direction__order", "order", "pk"):
                tracks.setdefault((s.level_id, s.direction_id), []).append(s.pk)
            for pks in tracks.values():
                for i, pk in enumerate(pks, start=1):
                    Statement.objects.filter(pk=pk).update(order=i)
        _log(acting_user, path_model, CHANGE, "Renumbered areas and statements.")
