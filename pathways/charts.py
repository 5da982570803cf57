from django.utils.translation import gettext as _

from rexvet.lib.charts import radar_svg

from .selectors import PathStructure


def levels_radar(structure: PathStructure, ordinals: dict[int, int | None], *, chart_id: str = "radar") -> str:
    """The level per area on a radar chart; `ordinals` maps area id to its ordinal."""
    axes = [(area.short_name or area.name, ordinals.get(area.id)) for area in structure.areas]
    names = structure.ordinal_names()
    description = "; ".join(
        f"{area.name}: {structure.label(ordinals.get(area.id)) if ordinals.get(area.id) is None else names[ordinals[area.id]]}"
        for area in structure.areas
    )
    return radar_svg(
        axes,
        names,
        title=_("Your level per competence area"),
        description=description,
        chart_id=chart_id,
    )
