"""Server-side SVG charts. Each chart comes with a text equivalent that the page shows."""

import math
from dataclasses import dataclass
from html import escape


def _wrap(label: str, width: int = 16) -> list[str]:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines or [""]


def radar_svg(
    axes: list[tuple[str, int | None]],
    ring_labels: list[str],
    *,
    title: str,
    description: str,
    size: int = 460,
    chart_id: str = "radar",
) -> str:
    """A radar (spider) chart of ordinal values, one axis per (label, value).

    A value of None (not assessed) is drawn at the centre and its axis label is marked
    with an asterisk. Ring i is labelled ring_labels[i]; the outermost ring is
    len(ring_labels) - 1.
    """
    n = len(axes)
    top = max(len(ring_labels) - 1, 1)
    cx = cy = size / 2
    radius = size / 2 - 95
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"

    def point(i: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        r = radius * value / top
        return cx + r * math.cos(angle), cy + r * math.sin(angle)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" width="{size}" height="{size}" '
        f'role="img" aria-labelledby="{title_id} {desc_id}" class="radar-chart">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        '<g font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
    ]
    for ring in range(1, top + 1):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, ring) for i in range(n)))
        parts.append(f'<polygon points="{pts}" fill="none" stroke="#c9ced6" stroke-width="1"/>')
        lx, ly = point(0, ring)
        parts.append(
            f'<text x="{lx + 4:.1f}" y="{ly + 4:.1f}" fill="#4a5563" font-size="10">{escape(ring_labels[ring])}</text>'
        )
    for i, (label, value) in enumerate(axes):
        x, y = point(i, top)
        parts.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" stroke="#c9ced6" stroke-width="1"/>')
        lx, ly = point(i, top + 0.42 * top / 3)
        anchor = "middle" if abs(lx - cx) < 10 else ("start" if lx > cx else "end")
        lines = _wrap(label + ("*" if value is None else ""))
        first_dy = -(len(lines) - 1) * 7
        tspans = "".join(
            f'<tspan x="{lx:.1f}" dy="{first_dy if k == 0 else 14}">{escape(line)}</tspan>'
            for k, line in enumerate(lines)
        )
        parts.append(f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" fill="#1f2933">{tspans}</text>')
    values = [point(i, value or 0) for i, (_, value) in enumerate(axes)]
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in values)
    parts.append(f'<polygon points="{pts}" fill="#0b6e99" fill-opacity="0.25" stroke="#0b6e99" stroke-width="2.5"/>')
    for (x, y), (_, value) in zip(values, axes):
        if value is not None:
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="#0b6e99"/>')
    parts.append("</g></svg>")
    return "".join(parts)


# --- Dashboard charts -----------------------------------------------------------------
#
# Each takes plain numbers and the words to show (already translated by the caller), and
# returns one <svg> with a <title> and <desc>. The page puts a table with the same figures
# next to it: the chart is a picture of the table, never the only place a number is.

FONT = 'font-family="DejaVu Sans, Arial, sans-serif"'
INK, MUTED, GRID = "#1f2933", "#4a5563", "#c9ced6"


def _svg_open(width: float, height: float, *, chart_id: str, title: str, description: str, css_class: str) -> list[str]:
    title_id, desc_id = f"{chart_id}-title", f"{chart_id}-desc"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" width="{width:g}" '
        f'height="{height:g}" role="img" aria-labelledby="{title_id} {desc_id}" class="{css_class}">',
        f'<title id="{title_id}">{escape(title)}</title>',
        f'<desc id="{desc_id}">{escape(description)}</desc>',
        f'<g {FONT} font-size="12">',
    ]


def _luminance(colour: str) -> float:
    """Relative luminance of "#rrggbb", as WCAG defines it."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _text_on(fill: str) -> str:
    """White or the ink colour, whichever contrasts more with the colour `fill`."""
    background = _luminance(fill) + 0.05
    on_white = 1.05 / background
    on_ink = background / (_luminance(INK) + 0.05)
    return "#ffffff" if on_white >= on_ink else INK


def _legend(series: list[tuple[str, str]], *, x: float, y: float, width: float) -> tuple[list[str], float]:
    """Swatches with names, wrapped onto lines; returns the parts and the height used."""
    parts, cx, cy = [], x, y
    for name, colour in series:
        item_width = 22 + 7.2 * len(name) + 18
        if cx > x and cx + item_width > x + width:
            cx, cy = x, cy + 20
        parts.append(f'<rect x="{cx:.1f}" y="{cy:.1f}" width="14" height="14" rx="2" fill="{colour}"/>')
        parts.append(f'<text x="{cx + 20:.1f}" y="{cy + 11.5:.1f}" fill="{INK}">{escape(name)}</text>')
        cx += item_width
    return parts, cy - y + 20


def _percent_axis(*, x: float, width: float, label_y: float, top: float, bottom: float) -> list[str]:
    """0–100 % tick labels above a horizontal scale, with dotted grid lines down it."""
    parts = []
    for pct in (0, 25, 50, 75, 100):
        tx = x + width * pct / 100
        anchor = "start" if pct == 0 else ("end" if pct == 100 else "middle")
        parts.append(
            f'<text x="{tx:.1f}" y="{label_y:.1f}" text-anchor="{anchor}" fill="{MUTED}" font-size="10">{pct} %</text>'
        )
        parts.append(
            f'<line x1="{tx:.1f}" y1="{top:.1f}" x2="{tx:.1f}" y2="{bottom:.1f}" '
            f'stroke="{GRID}" stroke-width="1" stroke-dasharray="2 3"/>'
        )
    return parts


def _row_label(label: str, *, x: float, middle: float, width: int) -> str:
    """A right-aligned label of at most two lines, centred on `middle`."""
    lines = _wrap(label, width=width)[:2]
    first_dy = -(len(lines) - 1) * 7
    tspans = "".join(
        f'<tspan x="{x:.1f}" dy="{first_dy if k == 0 else 14}">{escape(line)}</tspan>' for k, line in enumerate(lines)
    )
    return f'<text x="{x:.1f}" y="{middle + 4:.1f}" text-anchor="end" fill="{INK}">{tspans}</text>'


def stacked_bars_svg(
    rows: list[tuple[str, list[int] | None]],
    series: list[tuple[str, str]],
    *,
    title: str,
    description: str,
    empty_note: str = "",
    chart_id: str = "bars",
    width: int = 760,
    label_width: int = 220,
) -> str:
    """Horizontal 100 % stacked bars: one bar per (label, counts), one segment per series.

    `counts[i]` belongs to `series[i]` = (name, "#rrggbb"). A bar is as long as the whole
    scale whatever its total; each segment's share of the bar is its share of the total,
    and shows its count when it is wide enough. A row whose counts are None (figures
    withheld) or add up to 0 is drawn as an empty outline with `empty_note`.
    """
    bar_height, gap, top_pad = 26, 12, 8
    bar_x = label_width + 10
    bar_width = width - bar_x - 12
    legend, legend_height = _legend(series, x=bar_x, y=top_pad, width=bar_width)
    axis_y = top_pad + legend_height + 6
    first_bar_y = axis_y + 18
    height = first_bar_y + len(rows) * (bar_height + gap) + 4
    parts = _svg_open(width, height, chart_id=chart_id, title=title, description=description, css_class="bar-chart")
    parts += legend
    parts += _percent_axis(x=bar_x, width=bar_width, label_y=axis_y + 10, top=first_bar_y - 4, bottom=height - 4)
    for index, (label, counts) in enumerate(rows):
        y = first_bar_y + index * (bar_height + gap)
        parts.append(_row_label(label, x=label_width, middle=y + bar_height / 2, width=30))
        total = sum(counts) if counts else 0
        if not total:
            parts.append(
                f'<rect x="{bar_x}" y="{y}" width="{bar_width}" height="{bar_height}" fill="#ffffff" '
                f'stroke="{GRID}" stroke-dasharray="4 3"/>'
            )
            parts.append(
                f'<text x="{bar_x + 10}" y="{y + bar_height / 2 + 4:.1f}" fill="{MUTED}" font-style="italic">'
                f"{escape(empty_note)}</text>"
            )
            continue
        x = float(bar_x)
        for (name, colour), count in zip(series, counts):
            if not count:
                continue
            w = bar_width * count / total
            share = round(100 * count / total)
            parts.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{colour}">'
                f"<title>{escape(name)}: {count} ({share} %)</title></rect>"
            )
            if w >= 8 * len(str(count)) + 8:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="{y + bar_height / 2 + 4:.1f}" text-anchor="middle" '
                    f'fill="{_text_on(colour)}" font-weight="bold">{count}</text>'
                )
            x += w
    parts.append("</g></svg>")
    return "".join(parts)


def target_bars_svg(
    rows: list[tuple[str, float | None, float]],
    *,
    title: str,
    description: str,
    actual_name: str,
    target_name: str,
    empty_note: str = "",
    chart_id: str = "targets",
    width: int = 760,
    label_width: int = 260,
) -> str:
    """Actual share against a target share, one row per (label, actual %, target %).

    The bar is the actual share on a 0–100 % scale; a dark tick marks the target. An
    actual share of None (figures withheld) draws no bar, only the target and `empty_note`.
    """
    bar_height, gap, top_pad = 20, 18, 8
    bar_x = label_width + 10
    bar_width = width - bar_x - 60
    fill, reached_fill, tick = "#1f6aa5", "#2e7d4f", INK
    legend, legend_height = _legend([(actual_name, fill), (target_name, tick)], x=bar_x, y=top_pad, width=bar_width)
    axis_y = top_pad + legend_height + 6
    first_bar_y = axis_y + 20
    height = first_bar_y + len(rows) * (bar_height + gap)
    parts = _svg_open(width, height, chart_id=chart_id, title=title, description=description, css_class="bar-chart")
    parts += legend
    parts += _percent_axis(x=bar_x, width=bar_width, label_y=axis_y + 10, top=first_bar_y - 6, bottom=height - 6)
    for index, (label, actual, target) in enumerate(rows):
        y = first_bar_y + index * (bar_height + gap)
        parts.append(_row_label(label, x=label_width, middle=y + bar_height / 2, width=36))
        parts.append(f'<rect x="{bar_x}" y="{y}" width="{bar_width}" height="{bar_height}" fill="#eef1f4"/>')
        if actual is None:
            parts.append(
                f'<text x="{bar_x + 8}" y="{y + bar_height / 2 + 4:.1f}" fill="{MUTED}" font-style="italic">'
                f"{escape(empty_note)}</text>"
            )
        else:
            colour = reached_fill if actual >= target else fill
            w = bar_width * min(float(actual), 100) / 100
            parts.append(f'<rect x="{bar_x}" y="{y}" width="{w:.1f}" height="{bar_height}" fill="{colour}"/>')
            parts.append(
                f'<text x="{bar_x + bar_width + 8}" y="{y + bar_height / 2 + 4:.1f}" fill="{INK}" '
                f'font-weight="bold">{float(actual):g} %</text>'
            )
        tx = bar_x + bar_width * min(float(target), 100) / 100
        parts.append(
            f'<line x1="{tx:.1f}" y1="{y - 4}" x2="{tx:.1f}" y2="{y + bar_height + 4}" '
            f'stroke="{tick}" stroke-width="3">'
            f"<title>{escape(target_name)}: {float(target):g} %</title></line>"
        )
    parts.append("</g></svg>")
    return "".join(parts)


MARKERS = ("circle", "square", "triangle", "diamond")


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 4.5:.1f}" y="{y - 4.5:.1f}" width="9" height="9" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 5.5:.1f} {x + 5.5:.1f},{y + 4.5:.1f} {x - 5.5:.1f},{y + 4.5:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    if shape == "diamond":
        points = f"{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{colour}"/>'


def line_chart_svg(
    x_labels: list[str],
    series: list[tuple[str, str, list[float | None]]],
    y_labels: list[str],
    *,
    title: str,
    description: str,
    chart_id: str = "trend",
    width: int = 760,
    height: int = 340,
) -> str:
    """Lines over ordered categories (rounds): series = (name, "#rrggbb", one value per x).

    The y scale runs from 0 to len(y_labels) - 1, tick i labelled y_labels[i]. A value of
    None leaves a gap in its line. Markers vary in shape as well as colour, so that lines
    can be told apart without colour.
    """
    left, right, top = 100, 24, 14
    _, legend_height = _legend([(name, colour) for name, colour, _ in series], x=left, y=0, width=width - left - right)
    bottom = 54 + legend_height
    plot_w, plot_h = width - left - right, height - top - bottom
    top_value = max(len(y_labels) - 1, 1)

    inset = 70  # room for the first and last round's label under its point

    def px(i: int) -> float:
        if len(x_labels) == 1:
            return left + plot_w / 2
        return left + inset + (plot_w - 2 * inset) * i / (len(x_labels) - 1)

    def py(value: float) -> float:
        return top + plot_h * (1 - value / top_value)

    parts = _svg_open(width, height, chart_id=chart_id, title=title, description=description, css_class="line-chart")
    for tick, label in enumerate(y_labels):
        y = py(tick)
        parts.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(f'<text x="{left - 8}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}">{escape(label)}</text>')
    for i, label in enumerate(x_labels):
        tspans = "".join(
            f'<tspan x="{px(i):.1f}" dy="{0 if k == 0 else 14}">{escape(line)}</tspan>'
            for k, line in enumerate(_wrap(label, width=22)[:2])
        )
        parts.append(
            f'<text x="{px(i):.1f}" y="{top + plot_h + 18:.1f}" text-anchor="middle" fill="{INK}">{tspans}</text>'
        )
    for k, (name, colour, values) in enumerate(series):
        shape = MARKERS[k % len(MARKERS)]
        segment: list[str] = []
        for i, value in enumerate(values + [None]):
            if value is None:
                if len(segment) > 1:
                    parts.append(
                        f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" stroke-width="2.5"/>'
                    )
                segment = []
                continue
            segment.append(f"{px(i):.1f},{py(float(value)):.1f}")
        for i, value in enumerate(values):
            if value is not None:
                parts.append(_marker(shape, px(i), py(float(value)), colour))
    # The legend sits under the plot, each name with its line's marker.
    lx, ly = float(left), top + plot_h + 48
    for k, (name, colour, _) in enumerate(series):
        item_width = 28 + 7.2 * len(name) + 18
        if lx > left and lx + item_width > width - right:
            lx, ly = float(left), ly + 20
        parts.append(
            f'<line x1="{lx:.1f}" y1="{ly + 7:.1f}" x2="{lx + 20:.1f}" y2="{ly + 7:.1f}" '
            f'stroke="{colour}" stroke-width="2.5"/>'
        )
        parts.append(_marker(MARKERS[k % len(MARKERS)], lx + 10, ly + 7, colour))
        parts.append(f'<text x="{lx + 26:.1f}" y="{ly + 11.5:.1f}" fill="{INK}">{escape(name)}</text>')
        lx += item_width
    parts.append("</g></svg>")
    return "".join(parts)


# --- The path map ---------------------------------------------------------------------
#
# The whole path from Starting to Expert, its branched level drawn as two lanes side by
# side, each step with its module; under it one row per competence area marking where the
# person is and what is next. The page puts an ordered list and a table next to it.

HERE, NEXT, DONE, STEP = "#0b4f6c", "#8a4b00", "#1d7a46", "#8c96a3"


@dataclass(frozen=True)
class PathStop:
    """One step on the path. `column` counts from 0 (Starting); a column with directions has
    one stop per direction, `lane` 0, 1, … of `lanes`."""

    key: str
    column: int
    title: str
    module: str = ""  # "1 Getting started with international work"; empty for Starting
    note: str = ""  # shown instead of a module, e.g. "Before Rookie"
    lane: int = 0
    lanes: int = 1
    done: bool = False
    # The name of the badge the person holds for the step's module; drawn as a star when set.
    badge: str = ""


@dataclass(frozen=True)
class PathRow:
    """One competence area: the stops where the person is, the next one, and a step taken
    to broaden. A row with no `here` is drawn with its `note` (e.g. "Not assessed")."""

    label: str
    here: tuple[str, ...] = ()
    next: str | None = None
    broaden: str | None = None
    note: str = ""


def path_map_svg(
    stops: list[PathStop],
    rows: list[PathRow],
    *,
    title: str,
    description: str,
    here_name: str,
    next_name: str,
    broaden_name: str,
    done_name: str,
    path_name: str = "",
    chart_id: str = "path-map",
    width: int = 960,
    label_width: int = 200,
) -> str:
    """The path map: stops in columns joined by lines, then one row per area with a filled
    circle where the person is (`here_name`), an arrow to a ring on the next step
    (`next_name`) and a dashed ring on a broaden step. Completed modules get a tick and
    `done_name`; `path_name` labels the path at its left. All words come translated from
    the caller."""
    columns = max((s.column for s in stops), default=0) + 1
    left = label_width + 20
    column_width = (width - left - 10) / columns
    # A card: its title, up to three lines of module, and "Completed".
    card_w, card_h, lane_h = min(168.0, column_width - 14), 82, 92
    header_top = 8
    header_h = max((s.lanes for s in stops), default=1) * lane_h
    legend_y = header_top + header_h + 14
    rows_top = legend_y + 30
    row_h = 46
    height = rows_top + max(len(rows), 1) * row_h + 8

    def cx(column: int) -> float:
        return left + column_width * (column + 0.5)

    def stop_y(stop: PathStop) -> float:
        # Centre of the stop's card in the header: lanes split the header height.
        return header_top + header_h * (stop.lane + 0.5) / stop.lanes

    def row_offset(stop: PathStop) -> float:
        # Within an area row, the lanes of a column sit above and below its middle.
        return (stop.lane - (stop.lanes - 1) / 2) * 22

    by_key = {s.key: s for s in stops}
    parts = _svg_open(width, height, chart_id=chart_id, title=title, description=description, css_class="path-map")
    parts.append(
        f'<text x="{label_width:.1f}" y="{header_top + header_h / 2 + 4:.1f}" text-anchor="end" fill="{MUTED}" '
        f'font-weight="bold">{escape(path_name)}</text>'
    )
    # Lines between the stops of neighbouring columns.
    for a in stops:
        for b in stops:
            if b.column == a.column + 1:
                parts.append(
                    f'<line x1="{cx(a.column) + card_w / 2:.1f}" y1="{stop_y(a):.1f}" '
                    f'x2="{cx(b.column) - card_w / 2:.1f}" y2="{stop_y(b):.1f}" stroke="{STEP}" stroke-width="3"/>'
                )
    for s in stops:
        x, y = cx(s.column) - card_w / 2, stop_y(s) - card_h / 2
        css = "stop is-done" if s.done else "stop"
        stroke = DONE if s.done else HERE
        fill = "#eef7f1" if s.done else "#ffffff"
        parts.append(f'<g class="{css}" data-stop="{escape(s.key)}">')
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{card_w:.1f}" height="{card_h}" rx="8" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{2.5 if s.done else 1.5}"/>'
        )
        parts.append(
            f'<text x="{x + 10:.1f}" y="{y + 18:.1f}" fill="{INK}" font-weight="bold">'
            f'{"✓ " if s.done else ""}{escape(s.title)}</text>'
        )
        lines = _wrap(s.module, width=max(int(card_w / 6.6), 10))[:3] if s.module else []
        for k, line in enumerate(lines):
            parts.append(
                f'<text x="{x + 10:.1f}" y="{y + 34 + 13 * k:.1f}" fill="{MUTED}" font-size="11">{escape(line)}</text>'
            )
        if s.note and not s.module:
            parts.append(
                f'<text x="{x + 10:.1f}" y="{y + 34:.1f}" fill="{MUTED}" font-size="11" font-style="italic">'
                f"{escape(s.note)}</text>"
            )
        if s.done:
            parts.append(
                f'<text x="{x + 10:.1f}" y="{y + card_h - 8:.1f}" fill="{DONE}" font-size="11" font-weight="bold">'
                f"{escape(done_name)}</text>"
            )
        if s.badge:
            bx, by = x + card_w - 4, y + 4
            parts.append(
                f'<g class="badge"><circle cx="{bx:.1f}" cy="{by:.1f}" r="9" fill="#ffd166" stroke="{INK}"/>'
                f'<text x="{bx:.1f}" y="{by + 4:.1f}" fill="{INK}" font-size="11" text-anchor="middle">★</text>'
                f"<title>{escape(s.badge)}</title></g>"
            )
        parts.append("</g>")
    # The legend: what each marker means.
    lx = float(left)
    for name, shape in ((here_name, "here"), (next_name, "next"), (broaden_name, "broaden"), (done_name, "done")):
        my = legend_y + 7
        if shape == "here":
            parts.append(f'<circle cx="{lx + 7:.1f}" cy="{my:.1f}" r="7" fill="{HERE}"/>')
        elif shape == "next":
            parts.append(f'<circle cx="{lx + 7:.1f}" cy="{my:.1f}" r="6.5" fill="#ffffff" stroke="{NEXT}" stroke-width="3"/>')
        elif shape == "broaden":
            parts.append(
                f'<circle cx="{lx + 7:.1f}" cy="{my:.1f}" r="6.5" fill="#ffffff" stroke="{NEXT}" stroke-width="2" '
                f'stroke-dasharray="3 2"/>'
            )
        else:
            parts.append(f'<text x="{lx + 1:.1f}" y="{my + 5:.1f}" fill="{DONE}" font-weight="bold">✓</text>')
        parts.append(f'<text x="{lx + 20:.1f}" y="{my + 4.5:.1f}" fill="{INK}">{escape(name)}</text>')
        lx += 20 + 7.2 * len(name) + 26
    # One row per area.
    for index, row in enumerate(rows):
        middle = rows_top + index * row_h + row_h / 2
        if index % 2 == 0:
            parts.append(
                f'<rect x="0" y="{middle - row_h / 2:.1f}" width="{width}" height="{row_h}" fill="#f4f6f8"/>'
            )
        parts.append(_row_label(row.label, x=label_width, middle=middle, width=28))
        parts.append(
            f'<line x1="{cx(0):.1f}" y1="{middle:.1f}" x2="{cx(columns - 1):.1f}" y2="{middle:.1f}" '
            f'stroke="{GRID}" stroke-width="2"/>'
        )
        for s in stops:
            parts.append(f'<circle cx="{cx(s.column):.1f}" cy="{middle + row_offset(s):.1f}" r="3.5" fill="{STEP}"/>')
        if not row.here:
            parts.append(
                f'<text x="{cx(0) + 12:.1f}" y="{middle - 8:.1f}" fill="{MUTED}" font-style="italic">{escape(row.note)}</text>'
            )
            continue
        area = escape(row.label)
        here = [by_key[k] for k in row.here if k in by_key]
        target = by_key.get(row.next) if row.next else None
        if target is not None and here:
            start = max(here, key=lambda s: s.column)
            x1, y1 = cx(start.column) + 11, middle + row_offset(start)
            x2, y2 = cx(target.column) - 12, middle + row_offset(target)
            parts.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{NEXT}" stroke-width="2.5"/>'
            )
            angle = math.atan2(y2 - y1, x2 - x1)
            tip = [(x2, y2), (x2 - 8 * math.cos(angle - 0.5), y2 - 8 * math.sin(angle - 0.5)),
                   (x2 - 8 * math.cos(angle + 0.5), y2 - 8 * math.sin(angle + 0.5))]
            points = " ".join(f"{px:.1f},{py:.1f}" for px, py in tip)
            parts.append(f'<polygon points="{points}" fill="{NEXT}"/>')
        broaden = by_key.get(row.broaden) if row.broaden else None
        if broaden is not None:
            parts.append(
                f'<circle class="marker-broaden" data-stop="{escape(broaden.key)}" cx="{cx(broaden.column):.1f}" '
                f'cy="{middle + row_offset(broaden):.1f}" r="8" fill="#ffffff" stroke="{NEXT}" stroke-width="2" '
                f'stroke-dasharray="3 2"><title>{area}: {escape(broaden_name)}, {escape(broaden.title)}</title></circle>'
            )
        if target is not None:
            parts.append(
                f'<circle class="marker-next" data-stop="{escape(target.key)}" cx="{cx(target.column):.1f}" '
                f'cy="{middle + row_offset(target):.1f}" r="8" fill="#ffffff" stroke="{NEXT}" stroke-width="3">'
                f"<title>{area}: {escape(next_name)}, {escape(target.title)}</title></circle>"
            )
        for s in here:
            parts.append(
                f'<circle class="marker-here" data-stop="{escape(s.key)}" cx="{cx(s.column):.1f}" '
                f'cy="{middle + row_offset(s):.1f}" r="9" fill="{HERE}">'
                f"<title>{area}: {escape(here_name)}, {escape(s.title)}</title></circle>"
            )
    parts.append("</g></svg>")
    return "".join(parts)
