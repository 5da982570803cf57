"""The path map: the whole path with its modules, and where a person is on it per area.

The "direction indication" the REXVET pilot missed. It is built from the person's newest
development plan (their levels and next steps, as their self-assessment placed them, and
the directions and broaden steps they chose) and their completed modules, and drawn by
rexvet.lib.charts.path_map_svg; the page shows the same data as a list and a table.

Every builder runs a fixed number of queries, whatever the number of areas, modules,
enrolments or people.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from pathways.models import DevelopmentPlan, Direction, Level, PathModel, PlanItem
from pathways.selectors import PathStructure
from rexvet.lib.charts import PathRow, PathStop, path_map_svg

from .models import Enrolment, Module

STARTING = "starting"


@dataclass
class MapStop:
    """One step of the path: Starting, a level, or one direction of a branched level."""

    key: str  # "starting", "rookie", "advanced:at-home"
    column: int  # 0 Starting, then one per level
    title: str  # "Rookie", "Advanced (at home)"
    note: str = ""  # Starting: "Before Rookie"
    level_name: str = ""
    direction_name: str = ""  # "Internationalisation at home"; empty off the branched level
    module: Module | None = None
    completed_at: datetime | None = None
    lane: int = 0
    lanes: int = 1
    # The name of the badge the person holds for this module. Training does not import
    # badges: the caller passes the names in (badges.selectors.held_badges).
    badge: str | None = None

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


@dataclass
class MapArea:
    name: str
    short_name: str
    label: str  # where the person is, in words: "Advanced (at home)", "Not assessed"
    here: list[MapStop] = field(default_factory=list)  # empty: not assessed
    next: MapStop | None = None
    broaden: MapStop | None = None  # a broaden step the person took up in their plan


@dataclass
class PathMap:
    stops: list[MapStop]
    areas: list[MapArea]
    plan: DevelopmentPlan | None = None

    @property
    def columns(self) -> list[list[MapStop]]:
        """The stops column by column: the path's steps in order, a branched level as one step."""
        found: dict[int, list[MapStop]] = {}
        for stop in self.stops:
            found.setdefault(stop.column, []).append(stop)
        return [found[c] for c in sorted(found)]

    def svg(self, *, chart_id: str = "path-map") -> str:
        stops = [
            PathStop(
                key=s.key,
                column=s.column,
                title=s.title,
                module=f"{s.module.code} {s.module.title}" if s.module else "",
                note=s.note,
                lane=s.lane,
                lanes=s.lanes,
                done=s.is_completed,
                badge=str(s.badge) if s.badge else "",
            )
            for s in self.stops
        ]
        rows = [
            PathRow(
                label=a.short_name or a.name,
                here=tuple(s.key for s in a.here),
                next=a.next.key if a.next else None,
                broaden=a.broaden.key if a.broaden else None,
                note=a.label,
            )
            for a in self.areas
        ]
        return path_map_svg(
            stops,
            rows,
            title=_("My path from a rookie to an expert"),
            description=self.description(),
            here_name=_("You are here"),
            next_name=_("Next step"),
            broaden_name=_("To broaden"),
            done_name=_("Completed"),
            path_name=_("The path"),
            chart_id=chart_id,
        )

    def description(self) -> str:
        steps = []
        for stop in self.stops:
            words = stop.title
            if stop.module:
                words += _(", module %(code)s") % {"code": stop.module.code}
            if stop.is_completed:
                words += _(", completed")
            steps.append(words)
        text = _("The path: %(steps)s.") % {"steps": "; ".join(steps)}
        if self.areas:
            places = []
            for a in self.areas:
                place = f"{a.name}: {a.label}"
                if a.next:
                    place += _(", next %(step)s") % {"step": a.next.title}
                places.append(place)
            text += " " + _("Where you are: %(places)s.") % {"places": "; ".join(places)}
        return text


def _stops(
    levels: list[Level], directions: dict[int, list[Direction]], modules: dict, badges: dict[int, str] | None = None
) -> list[MapStop]:
    badges = badges or {}

    def badge(module: Module | None) -> str | None:
        return badges.get(module.pk) if module is not None else None

    stops = [MapStop(key=STARTING, column=0, title=_("Starting"), note=_("Before %(level)s") % {"level": levels[0].name} if levels else "")]
    for column, level in enumerate(levels, start=1):
        level_directions = directions.get(level.id, [])
        if not level_directions:
            module = modules.get((level.code, None))
            stops.append(
                MapStop(
                    key=level.code,
                    column=column,
                    title=level.name,
                    level_name=level.name,
                    module=module,
                    completed_at=getattr(module, "my_completed_at", None),
                    badge=badge(module),
                )
            )
            continue
        for lane, d in enumerate(level_directions):
            module = modules.get((level.code, d.code))
            stops.append(
                MapStop(
                    key=f"{level.code}:{d.code}",
                    column=column,
                    title=f"{level.name} ({d.short_name})",
                    level_name=level.name,
                    direction_name=d.name,
                    module=module,
                    completed_at=getattr(module, "my_completed_at", None),
                    badge=badge(module),
                    lane=lane,
                    lanes=len(level_directions),
                )
            )
    return stops


def _modules(path_model_code: str, user) -> dict[tuple[str, str | None], Module]:
    """The module of each step (as training.selectors.modules_by_step), with the moment the
    person completed it, in one query."""
    modules = Module.objects.of_model(path_model_code).order_by("code")
    if user is not None and user.is_authenticated:
        mine = Enrolment.objects.filter(user=user, module=OuterRef("pk"))
        modules = modules.annotate(my_completed_at=Subquery(mine.values("completed_at")[:1]))
    found: dict[tuple[str, str | None], Module] = {}
    for module in modules:
        found.setdefault((module.level_code, module.direction_code or None), module)
    return found


def _levels_and_directions(path_model_id: int) -> tuple[list[Level], dict[int, list[Direction]]]:
    levels = list(Level.objects.filter(path_model_id=path_model_id).order_by("order"))
    directions: dict[int, list[Direction]] = {}
    for d in Direction.objects.filter(level__path_model_id=path_model_id).order_by("level__order", "order"):
        directions.setdefault(d.level_id, []).append(d)
    return levels, directions


def _step_key(level: Level | None, direction: Direction | None) -> str | None:
    if level is None:
        return None
    return f"{level.code}:{direction.code}" if direction is not None else level.code


def path_map_for_plan(
    plan: DevelopmentPlan,
    *,
    user,
    structure: PathStructure | None = None,
    items: list[PlanItem] | None = None,
    reached: dict[int, list[str]] | None = None,
    badges: dict[int, str] | None = None,
) -> PathMap:
    """The map of one plan's path, marked per area. A page that already holds the path
    structure, the plan items (with area, next level and directions) or the reached
    directions per area id passes them in and saves their queries; otherwise this runs
    five: levels, directions, plan items, reached directions, modules with completion.
    `badges` maps a module id to the name of the badge the person holds for it."""
    if structure is not None:
        levels, directions, code = structure.levels, structure.directions, structure.model.code
    else:
        levels, directions = _levels_and_directions(plan.path_model_id)
        code = plan.path_model.code
    modules = _modules(code, user)
    stops = _stops(levels, directions, modules, badges)
    by_key = {s.key: s for s in stops}
    level_by_id = {lv.id: lv for lv in levels}
    if items is None:
        items = list(
            PlanItem.objects.filter(plan=plan).select_related("area", "next_level", "direction", "broaden_direction")
        )
    if reached is None:
        # Through the plan's result by relation lookups: training does not import mapping.
        reached = {
            area_id: codes or []
            for area_id, codes in DevelopmentPlan.objects.filter(pk=plan.pk).values_list(
                "result__areas__area_id", "result__areas__reached_directions"
            )
            if area_id is not None
        }
    areas = []
    for item in items:
        here: list[MapStop] = []
        if item.current_ordinal == 0:
            here = [by_key[STARTING]]
        elif item.current_ordinal:
            level = levels[item.current_ordinal - 1]
            level_directions = directions.get(level.id, [])
            if level_directions:
                codes = reached.get(item.area_id, [])
                here = [by_key[f"{level.code}:{d.code}"] for d in level_directions if d.code in codes]
                here = here or [by_key[f"{level.code}:{d.code}"] for d in level_directions]
            else:
                here = [by_key[level.code]]
        broaden = None
        if item.broaden and item.broaden_direction_id:
            broaden = by_key.get(_step_key(level_by_id.get(item.broaden_direction.level_id), item.broaden_direction))
        areas.append(
            MapArea(
                name=item.area.name,
                short_name=item.area.short_name,
                label=item.current_label,
                here=here,
                next=by_key.get(_step_key(item.next_level, item.direction)) if item.next_level_id else None,
                broaden=broaden,
            )
        )
    return PathMap(stops=stops, areas=areas, plan=plan)


def empty_path_map(*, user, badges: dict[int, str] | None = None) -> PathMap:
    """The path of the newest published path model, without places: for someone who has
    not submitted a self-assessment yet. Four queries (none found: one)."""
    model = PathModel.objects.published().order_by("-published_at", "-pk").first()
    if model is None:
        return PathMap(stops=[], areas=[])
    levels, directions = _levels_and_directions(model.pk)
    return PathMap(stops=_stops(levels, directions, _modules(model.code, user), badges), areas=[])


def path_map_for_user(user, *, badges: dict[int, str] | None = None) -> PathMap:
    """The map of the person's newest submitted self-assessment's plan, or the empty path;
    `badges` (module id -> badge name) marks the modules whose badge the person holds."""
    plan = (
        DevelopmentPlan.objects.filter(owner=user)
        .select_related("path_model", "result__response__round")
        .order_by("-result__computed_at", "-pk")
        .first()
    )
    if plan is None:
        return empty_path_map(user=user, badges=badges)
    return path_map_for_plan(plan, user=user, badges=badges)
