from .models import Module


def modules_by_step(path_model_code: str) -> dict[tuple[str, str | None], Module]:
    """The module for each (level code, direction code or None) step of a model, in one query."""
    found: dict[tuple[str, str | None], Module] = {}
    for module in Module.objects.of_model(path_model_code).order_by("code"):
        found.setdefault((module.level_code, module.direction_code or None), module)
    return found
