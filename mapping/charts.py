"""The dashboards' charts: the figures of a selector drawn with rexvet.lib.charts.

Every chart has a table with the same figures beside it on the page.
"""

from django.utils.translation import gettext as _

from rexvet.lib.charts import line_chart_svg, radar_svg, stacked_bars_svg, target_bars_svg

from .selectors import TOO_FEW, AreaRow, Dashboard, Partnership, PartnershipArea

# Starting, Rookie, Advanced, Expert: one hue per level, as the level pills.
LEVEL_COLOURS = ["#e0b04a", "#2e7d4f", "#1f6aa5", "#5e3c99", "#8a2d5c", "#3d5a1e"]
AREA_COLOURS = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#8a6d00", "#56b4e9", "#000000"]


def withheld_note(reason: str | None, minimum: int) -> str:
    if reason == TOO_FEW:
        return _("Too few answers (fewer than %(n)s)") % {"n": minimum}
    if reason:
        return _("Too few answers (the rest of the group would be fewer than %(n)s)") % {"n": minimum}
    return _("No answers yet")


def _series(names: list[str]) -> list[tuple[str, str]]:
    return [(name, LEVEL_COLOURS[i % len(LEVEL_COLOURS)]) for i, name in enumerate(names)]


def _describe(rows: list[AreaRow], names: list[str], label) -> str:
    parts = []
    for row in rows:
        if row.withheld or not row.assessed:
            parts.append(f"{label(row)}: —")
        else:
            parts.append(f"{label(row)}: " + ", ".join(f"{name} {n}" for name, n in zip(names, row.counts)))
    return "; ".join(parts)


def ordinal_names(dashboard_or_levels) -> list[str]:
    levels = dashboard_or_levels.parts.levels if isinstance(dashboard_or_levels, Dashboard) else dashboard_or_levels
    return [_("Starting")] + [lv.name for lv in levels]


def distribution_chart(dashboard: Dashboard) -> str:
    names = ordinal_names(dashboard)
    return stacked_bars_svg(
        [(row.area.short_name or row.area.name, None if row.withheld else row.counts) for row in dashboard.areas],
        _series(names),
        title=_("Level distribution per competence area"),
        description=_describe(dashboard.areas, names, lambda r: r.area.name),
        empty_note=withheld_note(dashboard.withheld, dashboard.round.min_group_size),
        chart_id="distribution",
    )


def targets_chart(dashboard: Dashboard) -> str | None:
    rows = [t for t in dashboard.targets if t.area and t.level]
    if not rows:
        return None
    return target_bars_svg(
        [
            (
                f"{t.area.short_name or t.area.name}: {t.level.name}+",
                t.share_of_staff if t.shown and t.share_of_staff is not None else None,
                t.target.share_percent,
            )
            for t in rows
        ],
        title=_("Share of all staff at or above the target level, against the target"),
        description="; ".join(
            f"{t.area.name}, {t.level.name}: "
            + (f"{t.share_of_staff} %" if t.shown and t.share_of_staff is not None else "—")
            + f" / {t.target.share_percent} %"
            for t in rows
        ),
        actual_name=_("Now (share of all staff)"),
        target_name=_("Target"),
        empty_note=withheld_note(dashboard.withheld, dashboard.round.min_group_size),
        chart_id="targets",
    )


def trend_chart(dashboard: Dashboard) -> str:
    series = [
        (row.area.short_name or row.area.name, AREA_COLOURS[i % len(AREA_COLOURS)], [c.mean for c in row.cells])
        for i, row in enumerate(dashboard.trend)
    ]
    return line_chart_svg(
        [r.name for r in dashboard.trend_rounds],
        series,
        ordinal_names(dashboard),
        title=_("Average level per competence area across rounds"),
        description="; ".join(
            f"{row.area.name}: " + ", ".join(str(c.mean) if c.mean is not None else "—" for c in row.cells)
            for row in dashboard.trend
        ),
        chart_id="trend",
    )


def partnership_chart(partnership: Partnership, area: PartnershipArea, index: int) -> str:
    names = ordinal_names(partnership.levels)
    return stacked_bars_svg(
        [
            (col.organisation.name, None if cell.withheld else cell.counts)
            for col, cell in zip(partnership.columns, area.cells)
        ],
        _series(names),
        title=_("%(area)s: level distribution per organisation") % {"area": area.area.name},
        description="; ".join(
            f"{col.organisation.name}: "
            + ("—" if cell.withheld or not cell.assessed else ", ".join(f"{n} {c}" for n, c in zip(names, cell.counts)))
            for col, cell in zip(partnership.columns, area.cells)
        ),
        empty_note=_("No figures: too few answers, or none yet"),
        chart_id=f"partnership-{index}",
    )


def person_radar(structure, ordinals: dict[int, int | None], *, name: str) -> str:
    """A person's level per area, as on their own result page, titled for a coordinator."""
    axes = [(area.short_name or area.name, ordinals.get(area.id)) for area in structure.areas]
    names = structure.ordinal_names()
    return radar_svg(
        axes,
        names,
        title=_("Level per competence area of %(name)s") % {"name": name},
        description="; ".join(
            f"{area.name}: "
            + (structure.label(None) if ordinals.get(area.id) is None else names[ordinals[area.id]])
            for area in structure.areas
        ),
        chart_id="person-radar",
    )
