"""rexvet/lib/charts.py: the dashboards' stacked bars, target bars and line chart."""

import xml.etree.ElementTree as ET

from rexvet.lib.charts import _text_on, line_chart_svg, stacked_bars_svg, target_bars_svg

SVG = "{http://www.w3.org/2000/svg}"
SERIES = [("Starting", "#e0b04a"), ("Rookie", "#2e7d4f"), ("Advanced", "#1f6aa5"), ("Expert", "#5e3c99")]


def bars(rows, **kwargs):
    svg = stacked_bars_svg(rows, SERIES, title="Levels", description="Language: …", **kwargs)
    return svg, ET.fromstring(svg)


def segments(root):
    """(width, tooltip) of every segment, in order."""
    return [
        (float(r.get("width")), r.find(f"{SVG}title").text) for r in root.iter(f"{SVG}rect") if r.find(f"{SVG}title") is not None
    ]


def test_segments_share_the_bar_by_their_counts():
    # width 760, labels 220: the bar runs from x = 230 over 760 - 230 - 12 = 518.
    _, root = bars([("Language", [1, 2, 3, 1])])
    assert segments(root) == [
        (74.0, "Starting: 1 (14 %)"),
        (148.0, "Rookie: 2 (29 %)"),
        (222.0, "Advanced: 3 (43 %)"),
        (74.0, "Expert: 1 (14 %)"),
    ]
    assert sum(w for w, _ in segments(root)) == 518.0


def test_a_zero_count_has_no_segment_and_wide_segments_show_their_count():
    _, root = bars([("VET systems", [0, 3, 0, 1])])
    assert [t for _, t in segments(root)] == ["Rookie: 3 (75 %)", "Expert: 1 (25 %)"]
    counts = [t.text for t in root.iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert counts == ["3", "1"]


def test_a_withheld_row_is_an_outline_with_its_note():
    svg, root = bars([("Language", None), ("EU", [0, 0, 0, 0])], empty_note="Too few answers")
    assert segments(root) == []
    assert svg.count(">Too few answers</text>") == 2


def test_it_has_a_legend_a_title_and_a_description():
    svg, root = bars([("Language", [1, 1, 1, 1])], chart_id="distribution")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "distribution-title distribution-desc"
    assert root.find(f"{SVG}title").text == "Levels"
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[:4] == ["Starting", "Rookie", "Advanced", "Expert"]


def test_it_escapes_labels():
    svg, _ = bars([("R&D <lab>", [1, 0, 0, 0])])
    assert "R&amp;D &lt;lab&gt;" in svg


def test_count_text_contrasts_with_its_segment():
    assert _text_on("#e0b04a") == "#1f2933"  # dark on amber
    assert _text_on("#2e7d4f") == "#ffffff"  # white on green, blue, purple
    assert _text_on("#1f6aa5") == "#ffffff"
    assert _text_on("#5e3c99") == "#ffffff"


def test_target_bars_draw_the_actual_share_and_a_tick_at_the_target():
    # width 760, labels 260: the scale runs from x = 270 over 760 - 270 - 60 = 430.
    svg = target_bars_svg(
        [("Language: Advanced+", 40.0, 80), ("Strategy: Expert+", None, 10)],
        title="Targets", description="…", actual_name="Now", target_name="Target", empty_note="Too few answers",
    )  # fmt: skip
    root = ET.fromstring(svg)
    filled = [r for r in root.iter(f"{SVG}rect") if r.get("fill") in ("#1f6aa5", "#2e7d4f") and r.get("width") != "14"]
    assert [float(r.get("width")) for r in filled] == [172.0]  # 40 % of 430
    ticks = [(float(line.get("x1")), line.find(f"{SVG}title").text) for line in root.iter(f"{SVG}line") if line.find(f"{SVG}title") is not None]
    assert ticks == [(614.0, "Target: 80 %"), (313.0, "Target: 10 %")]
    assert ">40 %</text>" in svg
    assert ">Too few answers</text>" in svg


def test_a_reached_target_is_green():
    svg = target_bars_svg([("EU: Rookie+", 60.0, 50)], title="t", description="d", actual_name="Now", target_name="Target")
    assert 'width="258.0" height="20" fill="#2e7d4f"' in svg


def test_the_line_chart_places_values_on_the_level_scale_and_leaves_gaps():
    svg = line_chart_svg(
        ["2025", "2026", "2027"],
        [("Language", "#0072b2", [1.0, 1.5, 3.0]), ("EU", "#d55e00", [None, 2.0, 2.5])],
        ["Starting", "Rookie", "Advanced", "Expert"],
        title="Trend", description="…",
    )  # fmt: skip
    root = ET.fromstring(svg)
    lines = [p.get("points") for p in root.iter(f"{SVG}polyline")]
    # Plot: 636 wide from x = 100, points inset 70 from each side; y from 14 (Expert) down over the plot height.
    language = [tuple(map(float, p.split(","))) for p in lines[0].split()]
    assert [x for x, _ in language] == [170.0, 418.0, 666.0]
    top, bottom = language[2][1], 14.0
    assert top == bottom  # 3.0 is on the Expert line
    eu = [tuple(map(float, p.split(","))) for p in lines[1].split()]
    assert [x for x, _ in eu] == [418.0, 666.0]  # no point for the missing first value
    labels = [t.text for t in root.iter(f"{SVG}text") if t.find(f"{SVG}tspan") is None]
    assert labels[:4] == ["Starting", "Rookie", "Advanced", "Expert"]


def test_the_line_chart_markers_differ_in_shape():
    svg = line_chart_svg(["a", "b"], [(n, "#000000", [1, 2]) for n in "ABCD"], ["0", "1", "2", "3"], title="t", description="d")
    root = ET.fromstring(svg)
    assert len(list(root.iter(f"{SVG}circle"))) == 3  # two points and the legend, circles for A
    assert len([p for p in root.iter(f"{SVG}polygon")]) == 6  # triangles (C) and diamonds (D)
