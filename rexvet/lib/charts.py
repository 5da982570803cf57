"""Server-side SVG charts. Each chart comes with a text equivalent that the page shows."""

import math
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
