"""Reads for the badge pages: the public pages, the earner's own badges and the badges on the
path map. Each runs a fixed number of queries, whatever the number of badges."""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from pathways.models import Area, Direction, Level, PathModel
from pathways.selectors import PathStructure, path_structure
from training.models import ModuleArea

from .models import Assertion, BadgeClass, Issuer

# The path model whose levels and directions the badges align to (links.alignment_url).
PATH_MODEL_CODE = "rexvet"


def _with_class(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("badge_class__issuer", "badge_class__module")


def badges_of(user) -> list[Assertion]:
    """The person's badges, newest first, with their class, issuer and module: one query."""
    return list(_with_class(Assertion.objects.filter(recipient=user)).order_by("-issued_on", "-pk"))


def own_assertion(user, uid) -> Assertion:
    """One of the person's own badges; anyone else's, or one that does not exist, is a 404
    (the same answer, so the page does not tell whether a badge id exists)."""
    return get_object_or_404(_with_class(Assertion.objects.filter(recipient=user)), uid=uid)


def public_assertion(uid) -> Assertion:
    """A badge for its public page, revoked or not, with whom it was awarded to and the
    re-issue that replaced it, if any: one query."""
    return get_object_or_404(
        _with_class(Assertion.objects.all()).select_related("recipient", "organisation", "reissued_as"), uid=uid
    )


@dataclass(frozen=True)
class HeldBadges:
    """The badges a person holds now: how many, and the name per module for the path map."""

    valid_count: int
    by_module: dict[int, str]


def held_badges(user, *, when: datetime | None = None) -> HeldBadges:
    """The person's valid badges, in one query. A module with two (the module badge and a
    prior-learning one) shows the module badge."""
    when = when or timezone.now()
    rows = (
        Assertion.objects.valid_at(when)
        .filter(recipient=user)
        .order_by("badge_class__rule", "-issued_on", "pk")
        .values_list("badge_class__module_id", "badge_class__name")
    )
    by_module: dict[int, str] = {}
    count = 0
    for module_id, name in rows:
        count += 1
        by_module.setdefault(module_id, name)
    return HeldBadges(valid_count=count, by_module=by_module)


def issuer_with_classes(slug: str) -> tuple[Issuer, list[BadgeClass]]:
    """The issuer and the badges it awards (active ones), in two queries."""
    issuer = get_object_or_404(Issuer.objects.select_related("organisation"), slug=slug)
    classes = list(issuer.badge_classes.filter(is_active=True).select_related("module").order_by("module__code", "rule"))
    return issuer, classes


def newest_path_model() -> PathModel | None:
    return PathModel.objects.published().filter(code=PATH_MODEL_CODE).order_by("-version").first()


@dataclass
class Alignment:
    """Where a badge sits on the path: its level, direction and competence areas."""

    level: Level | None = None
    direction: Direction | None = None
    areas: list = field(default_factory=list)  # pathways Area, or the bare code when unknown

    @property
    def anchor(self) -> str:
        if self.level is None:
            return ""
        return self.level.code + (f"-{self.direction.code}" if self.direction else "")


def badge_class_page(slug: str) -> tuple[BadgeClass, Alignment]:
    """A badge class with its issuer, module, outcomes and alignment: five queries (the
    class, the module's areas, the newest published model's levels, directions and areas)."""
    badge_class = get_object_or_404(BadgeClass.objects.select_related("issuer", "module"), slug=slug)
    module = badge_class.module
    area_codes = list(ModuleArea.objects.filter(module=module).order_by("pk").values_list("area_code", flat=True))
    newest = PathModel.objects.published().filter(code=module.path_model_code).order_by("-version").values("pk")[:1]
    level = Level.objects.filter(path_model__in=newest, code=module.level_code).first()
    alignment = Alignment(level=level)
    if level is not None:
        if module.direction_code:
            alignment.direction = Direction.objects.filter(level=level, code=module.direction_code).first()
        found = {a.code: a for a in Area.objects.filter(path_model_id=level.path_model_id, code__in=area_codes)}
        alignment.areas = [found.get(code, code) for code in area_codes]
    else:
        alignment.areas = area_codes
    return badge_class, alignment


@dataclass
class FrameworkStep:
    """One step of the published path for the framework page: a level, or one direction of
    a branched level, with its anchor, what each area looks like there and its badge."""

    anchor: str
    level: Level
    direction: Direction | None
    descriptors: list[tuple[object, str]]  # (area, text)
    badge: BadgeClass | None = None


@dataclass
class FrameworkLevel:
    level: Level
    steps: list[FrameworkStep]  # one, or one per direction

    @property
    def is_branched(self) -> bool:
        return any(step.direction for step in self.steps)


@dataclass
class Framework:
    structure: PathStructure
    levels: list[FrameworkLevel]


def framework() -> Framework | None:
    """The newest published REXVET path model, step by step: seven queries (the model, its
    levels, directions, areas, statements, descriptors, and the module badges)."""
    model = newest_path_model()
    if model is None:
        return None
    structure = path_structure(model)
    badges = {
        (bc.module.level_code, bc.module.direction_code or ""): bc
        for bc in BadgeClass.objects.filter(
            rule=BadgeClass.Rule.MODULE_COMPLETED, is_active=True, module__path_model_code=model.code
        ).select_related("module")
    }
    levels = []
    for level in structure.levels:
        steps = []
        for direction in structure.directions.get(level.id, []) or [None]:
            steps.append(
                FrameworkStep(
                    anchor=level.code + (f"-{direction.code}" if direction else ""),
                    level=level,
                    direction=direction,
                    descriptors=[
                        (area, text)
                        for area in structure.areas
                        if (text := structure.descriptor(area, level, direction))
                    ],
                    badge=badges.get((level.code, direction.code if direction else "")),
                )
            )
        levels.append(FrameworkLevel(level=level, steps=steps))
    return Framework(structure=structure, levels=levels)
