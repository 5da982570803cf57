"""Reads of a whole path-model version in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import datetime

from django.apps import apps
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Area, Descriptor, DevelopmentPlan, Direction, Level, PathModel, PlanEvent, PlanItem, Statement
from .scoring import LevelSpec, ModelSpec


@dataclass
class PathStructure:
    model: PathModel
    levels: list[Level]
    directions: dict[int, list[Direction]]  # level id -> its directions, in order
    areas: list[Area]
    statements: dict[int, list[Statement]]  # area id -> its statements, in order
    descriptors: dict[tuple[int, int, int | None], str] = field(default_factory=dict)

    @property
    def spec(self) -> ModelSpec:
        return ModelSpec(
            threshold_percent=self.model.threshold_percent,
            levels=tuple(
                LevelSpec(lv.code, tuple(d.code for d in self.directions.get(lv.id, []))) for lv in self.levels
            ),
        )

    def level_by_code(self, code: str) -> Level:
        return next(lv for lv in self.levels if lv.code == code)

    def direction_by_code(self, level: Level, code: str) -> Direction:
        return next(d for d in self.directions[level.id] if d.code == code)

    @property
    def branched_level(self) -> Level | None:
        return next((lv for lv in self.levels if self.directions.get(lv.id)), None)

    def level_for_ordinal(self, ordinal: int | None) -> Level | None:
        if not ordinal:
            return None
        return self.levels[ordinal - 1]

    def label(self, ordinal: int | None, direction_codes: list[str] | tuple[str, ...] = ()) -> str:
        """ "Not assessed", "Starting", "Rookie", "Advanced (at home and abroad)", "Expert"."""
        if ordinal is None:
            return _("Not assessed")
        if ordinal == 0:
            return _("Starting")
        level = self.levels[ordinal - 1]
        directions = [d for d in self.directions.get(level.id, []) if d.code in direction_codes]
        if not directions:
            return level.name
        names = [d.short_name for d in directions]
        joined = names[0] if len(names) == 1 else _("%(first)s and %(last)s") % {
            "first": ", ".join(names[:-1]),
            "last": names[-1],
        }
        return f"{level.name} ({joined})"

    def ordinal_names(self) -> list[str]:
        return [_("Starting")] + [lv.name for lv in self.levels]

    def descriptor(self, area: Area, level: Level | None, direction: Direction | None = None) -> str:
        if level is None:
            return ""
        return self.descriptors.get((area.id, level.id, direction.id if direction else None), "")


def path_structure(path_model: PathModel | int) -> PathStructure:
    """The levels, directions, areas, statements and descriptors of one version.

    Six queries whatever the size of the model (five when given the model itself).
    """
    if not isinstance(path_model, PathModel):
        path_model = PathModel.objects.get(pk=path_model)
    levels = list(Level.objects.filter(path_model=path_model).order_by("order"))
    directions: dict[int, list[Direction]] = {}
    for d in Direction.objects.filter(level__path_model=path_model).order_by("level__order", "order"):
        directions.setdefault(d.level_id, []).append(d)
    areas = list(Area.objects.filter(path_model=path_model).order_by("order"))
    level_by_id = {lv.id: lv for lv in levels}
    direction_by_id = {d.id: d for ds in directions.values() for d in ds}
    statements: dict[int, list[Statement]] = {a.id: [] for a in areas}
    for s in Statement.objects.filter(area__path_model=path_model).order_by(
        "area__order", "level__order", "direction__order", "order"
    ):
        # Attach the already-fetched level and direction so templates trigger no query.
        s.level = level_by_id[s.level_id]
        s.direction = direction_by_id.get(s.direction_id) if s.direction_id else None
        statements[s.area_id].append(s)
    descriptors = {
        (d.area_id, d.level_id, d.direction_id): d.text
        for d in Descriptor.objects.filter(area__path_model=path_model)
    }
    return PathStructure(path_model, levels, directions, areas, statements, descriptors)


@dataclass
class ModuleProgress:
    """The plan owner's progress in one module: enrolled, n of m required activities done,
    completed (on a date)."""

    module_id: int
    started_at: datetime
    completed_at: datetime | None
    done: int
    required: int

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


@dataclass
class PlanRow:
    item: "PlanItem"
    current_descriptor: str
    next_label: str
    next_descriptor: str
    progress: ModuleProgress | None = None  # in the recommended module
    broaden_progress: ModuleProgress | None = None  # in the broaden step's module


def plan_module_progress(plan: DevelopmentPlan) -> dict[int, ModuleProgress]:
    """{module id: progress} of the plan's owner in the modules of the plan, in one query.

    Through the owner's `enrolments` relation (training's Enrolment, by its related name):
    pathways imports no training module. Both counts are distinct because the two joins
    (progress, the module's activities) multiply each other's rows.
    """
    module_ids = PlanItem.objects.filter(plan=plan).values("module_id")
    broaden_ids = PlanItem.objects.filter(plan=plan, broaden_module__isnull=False).values("broaden_module_id")
    enrolments = (
        plan.owner.enrolments.filter(Q(module_id__in=module_ids) | Q(module_id__in=broaden_ids))
        .annotate(
            done=Count(
                "progress",
                filter=Q(progress__status="done", progress__activity__required=True),
                distinct=True,
            ),
            required=Count("module__activities", filter=Q(module__activities__required=True), distinct=True),
        )
        .order_by()
        .values_list("module_id", "started_at", "completed_at", "done", "required")
    )
    return {row[0]: ModuleProgress(*row) for row in enrolments}


@dataclass(frozen=True)
class EarnedBadge:
    name: str
    issued_on: datetime
    expires_on: datetime | None


def plan_badges(plan: DevelopmentPlan, *, at: datetime | None = None) -> list[EarnedBadge]:
    """The plan owner's valid badges (neither revoked nor expired), newest first, in one query.

    Through the owner's `badge_assertions` relation (the badges app's Assertion, by its
    related name): pathways imports no badges module.
    """
    at = at or timezone.now()
    rows = (
        plan.owner.badge_assertions.filter(revoked_at__isnull=True)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gt=at))
        .order_by("-issued_on", "pk")
        .values_list("badge_class__name", "issued_on", "expires_on")
    )
    return [EarnedBadge(*row) for row in rows]


def plan_rows(plan, structure: PathStructure, *, progress: dict[int, ModuleProgress] | None = None) -> list[PlanRow]:
    """Each plan item with the descriptors of where the person is and where they go next,
    and, when `progress` is given (plan_module_progress), the progress in its modules."""
    items = PlanItem.objects.filter(plan=plan).select_related(
        "area", "next_level", "direction", "broaden_direction", "module", "broaden_module"
    )
    progress = progress or {}
    area_results = {ar.area_id: ar for ar in plan.result.areas.all()}
    rows = []
    for item in items:
        ar = area_results.get(item.area_id)
        current_level = structure.level_for_ordinal(item.current_ordinal)
        current_descriptor = ""
        if current_level is not None:
            reached = [d for d in structure.directions.get(current_level.id, []) if ar and d.code in ar.reached_directions]
            current_descriptor = " ".join(
                structure.descriptor(item.area, current_level, d) for d in reached
            ) if reached else structure.descriptor(item.area, current_level)
        next_label = ""
        if item.next_level_id:
            next_label = item.next_level.name
            if item.direction_id:
                next_label = f"{next_label} ({item.direction.short_name})"
        rows.append(
            PlanRow(
                item=item,
                current_descriptor=current_descriptor,
                next_label=next_label,
                next_descriptor=structure.descriptor(item.area, item.next_level, item.direction)
                if item.next_level_id
                else "",
                progress=progress.get(item.module_id) if item.module_id else None,
                broaden_progress=progress.get(item.broaden_module_id) if item.broaden_module_id else None,
            )
        )
    return rows


def module_catalogue(path_model_code: str) -> dict[tuple[str, str | None], "object"]:
    """The training module for each (level code, direction code or None) step, in one query.

    The same rule as training.selectors.modules_by_step (the first module by code), read
    through the string-referenced model: pathways imports no training module, because
    training leans on pathways.
    """
    module_model = apps.get_model("training", "Module")
    found: dict[tuple[str, str | None], object] = {}
    for module in module_model.objects.filter(path_model_code=path_model_code).order_by("code"):
        found.setdefault((module.level_code, module.direction_code or None), module)
    return found


def plan_history(plan: DevelopmentPlan) -> list[PlanEvent]:
    """Every ask, agreement, return and change of the plan, newest first, in one query."""
    return list(PlanEvent.objects.filter(plan=plan).select_related("author").order_by("-created_at", "-pk"))


def plan_review_queue(plans):
    """Plans waiting for agreement, the longest waiting first, ready to list without more
    queries; `goals_set` counts the areas with goals written, of `area_count`."""
    return (
        plans.filter(status=DevelopmentPlan.Status.AWAITING)
        .select_related("owner", "result__response__round__organisation")
        .annotate(goals_set=Count("items", filter=~Q(items__goals="")), area_count=Count("items"))
        .order_by("asked_at", "pk")
    )


def plan_recent_decisions(plans, limit: int = 10) -> list[PlanEvent]:
    """The latest agreements and returns of these plans, by any coordinator."""
    return list(
        PlanEvent.objects.filter(
            plan__in=plans, action__in=[PlanEvent.Action.AGREED, PlanEvent.Action.RETURNED]
        )
        .select_related("plan__owner", "author")
        .order_by("-created_at", "-pk")[:limit]
    )
