"""rexvet/lib/charts.py: the radar chart of levels per area, with its text equivalent."""

import math
import xml.etree.ElementTree as ET

from rexvet.lib.charts import radar_svg

SVG = "{http://www.w3.org/2000/svg}"
RINGS = ["Starting", "Rookie", "Advanced", "Expert"]
AXES = [
    ("EU context", 3),
    ("VET systems", 1),
    ("Language", 2),
    ("Multicultural work", 0),
    ("Projects & mobility", None),
    ("Strategy & curriculum", 3),
]
# size 460: centre (230, 230); outer ring radius 460 / 2 - 95 = 135.
CENTRE, RADIUS = 230, 135


def chart(axes=AXES, **kwargs):
    svg = radar_svg(
        axes, RINGS, title="Your level per competence area", description="EU context: Expert; …", **kwargs
    )
    return svg, ET.fromstring(svg)


def points(polygon) -> list[tuple[str, str]]:
    return [tuple(p.split(",")) for p in polygon.get("points").split()]


def expected(i: int, n: int, radius: float) -> tuple[str, str]:
    angle = -math.pi / 2 + 2 * math.pi * i / n
    return f"{CENTRE + radius * math.cos(angle):.1f}", f"{CENTRE + radius * math.sin(angle):.1f}"


def axis_labels(root) -> list[str]:
    return [
        " ".join(t.text for t in text.iter(f"{SVG}tspan"))
        for text in root.iter(f"{SVG}text")
        if text.find(f"{SVG}tspan") is not None
    ]


def test_it_labels_one_axis_per_area_and_marks_not_assessed_with_an_asterisk():
    _, root = chart()
    assert axis_labels(root) == [
        "EU context",
        "VET systems",
        "Language",
        "Multicultural work",
        "Projects & mobility*",
        "Strategy & curriculum",
    ]


def test_it_wraps_a_long_axis_label_into_lines():
    _, root = chart([("Linking international work to strategy", 1), ("Language", 2), ("EU", 0)])
    first = next(t for t in root.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is not None)
    assert [t.text for t in first.iter(f"{SVG}tspan")] == ["Linking", "international", "work to strategy"]


def test_it_has_a_title_and_a_description_it_is_labelled_by():
    _, root = chart(chart_id="pdf-radar")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "pdf-radar-title pdf-radar-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert (title.get("id"), title.text) == ("pdf-radar-title", "Your level per competence area")
    assert (desc.get("id"), desc.text) == ("pdf-radar-desc", "EU context: Expert; …")


def test_it_escapes_text():
    svg = radar_svg([("R&D <lab>", 1), ("B", 2), ("C", 3)], RINGS, title="Levels & areas", description="<b>")
    assert '<title id="radar-title">Levels &amp; areas</title>' in svg
    assert '<desc id="radar-desc">&lt;b&gt;</desc>' in svg
    assert ">R&amp;D &lt;lab&gt;</tspan>" in svg
    ET.fromstring(svg)  # well-formed


def test_it_labels_each_ring_but_the_centre():
    _, root = chart()
    rings = [t.text for t in root.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is None]
    assert rings == ["Rookie", "Advanced", "Expert"]


def test_the_top_value_lies_on_the_outer_ring():
    _, root = chart()
    polygons = list(root.iter(f"{SVG}polygon"))
    assert len(polygons) == 4  # three rings and the values
    outer, values = points(polygons[2]), points(polygons[3])
    assert values[0] == outer[0] == ("230.0", "95.0")  # straight up, 135 from the centre
    assert values[5] == outer[5] == expected(5, 6, RADIUS) == ("113.1", "162.5")


def test_other_values_lie_on_their_rings_and_none_at_the_centre():
    _, root = chart()
    values = points(list(root.iter(f"{SVG}polygon"))[3])
    assert values[1] == expected(1, 6, RADIUS / 3) == ("269.0", "207.5")  # Rookie: 45 out
    assert values[2] == expected(2, 6, 2 * RADIUS / 3) == ("307.9", "275.0")  # Advanced: 90 out
    assert values[3] == ("230.0", "230.0")  # Starting
    assert values[4] == ("230.0", "230.0")  # not assessed: at the centre, too


def test_only_assessed_values_get_a_dot():
    _, root = chart()
    dots = [(c.get("cx"), c.get("cy")) for c in root.iter(f"{SVG}circle")]
    assert len(dots) == 5
    assert ("230.0", "230.0") in dots  # Starting has a dot; not assessed has none
    assert dots.count(("230.0", "230.0")) == 1
