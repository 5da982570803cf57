from .models import Module


def modules_by_step(level_ids: set[int]) -> dict[tuple[int, int | None], Module]:
    """The module for each (level, direction) step among the given levels, in one query."""
    found: dict[tuple[int, int | None], Module] = {}
    for module in Module.objects.filter(level_id__in=level_ids).order_by("code"):
        found.setdefault((module.level_id, module.direction_id), module)
    return found
