"""rexvet/lib/charts.py: the path map, Starting → Rookie → Advanced (two directions) → Expert."""

import xml.etree.ElementTree as ET

from rexvet.lib.charts import PathRow, PathStop, path_map_svg

SVG = "{http://www.w3.org/2000/svg}"
STOPS = [
    PathStop("starting", 0, "Starting", note="Before Rookie"),
    PathStop("rookie", 1, "Rookie", module="1 Getting started with international work", done=True),
    PathStop("advanced:at-home", 2, "Advanced (at home)", module="2.1 Bringing the world into your school", lane=0, lanes=2),
    PathStop("advanced:abroad", 2, "Advanced (abroad)", module="2.2 Mobility and partnerships abroad", lane=1, lanes=2),
    PathStop("expert", 3, "Expert", module="3 Leading international work in your organisation"),
]
ROWS = [
    PathRow("EU context", here=("rookie",), next="advanced:at-home", broaden="advanced:abroad"),
    PathRow("Language", here=("advanced:abroad",), next="expert"),
    PathRow("VET systems", note="Not assessed"),
    PathRow("Projects & mobility", here=("advanced:at-home", "advanced:abroad"), next="expert"),
]
# width 960, labels 200: the columns start at x = 220 and are (960 - 220 - 10) / 4 = 182.5
# wide, centred on 311.25, 493.75, 676.25 and 858.75. The header is two lanes of 92 from
# y = 8: a single stop is centred on y = 100, the two directions on 54 and 146. The rows
# start at 8 + 184 + 14 + 30 = 236, 46 high: row i is centred on 259 + 46 i, and the two
# directions sit 11 above and below the middle.
CX = [311.25, 493.75, 676.25, 858.75]


def chart(stops=STOPS, rows=ROWS, **kwargs):
    svg = path_map_svg(
        stops,
        rows,
        title="My path from a rookie to an expert",
        description="The path: Starting; Rookie, module 1, completed; …",
        here_name="You are here",
        next_name="Next step",
        broaden_name="To broaden",
        done_name="Completed",
        path_name="The path",
        **kwargs,
    )
    return svg, ET.fromstring(svg)


def markers(root, kind: str) -> list[tuple[str, str, str, str]]:
    """(stop, cx, cy, tooltip) of every marker of a kind, in drawing order."""
    return [
        (c.get("data-stop"), c.get("cx"), c.get("cy"), c.find(f"{SVG}title").text)
        for c in root.iter(f"{SVG}circle")
        if c.get("class") == f"marker-{kind}"
    ]


def test_it_is_an_image_with_a_title_and_a_description():
    _, root = chart(chart_id="home-map")
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "home-map-title home-map-desc"
    assert root.find(f"{SVG}title").text == "My path from a rookie to an expert"
    assert root.find(f"{SVG}desc").text == "The path: Starting; Rookie, module 1, completed; …"
    # 236 + 4 rows × 46 + 8.
    assert (root.get("width"), root.get("height"), root.get("viewBox")) == ("960", "428", "0 0 960 428")


def test_each_stop_is_a_card_in_its_column_and_lane():
    _, root = chart()
    cards = [
        (g.get("data-stop"), g.find(f"{SVG}rect").get("x"), g.find(f"{SVG}rect").get("y"))
        for g in root.iter(f"{SVG}g")
        if g.get("data-stop")
    ]
    # A card is 168 × 82, centred on its column and lane.
    assert cards == [
        ("starting", "227.2", "59.0"),
        ("rookie", "409.8", "59.0"),
        ("advanced:at-home", "592.2", "13.0"),
        ("advanced:abroad", "592.2", "105.0"),
        ("expert", "774.8", "59.0"),
    ]


def test_a_card_shows_its_module_in_lines_and_starting_its_note():
    _, root = chart()
    texts = {
        g.get("data-stop"): [t.text for t in g.iter(f"{SVG}text")] for g in root.iter(f"{SVG}g") if g.get("data-stop")
    }
    assert texts["starting"] == ["Starting", "Before Rookie"]
    # Lines of at most 168 / 6.6 = 25 characters.
    assert texts["expert"] == ["Expert", "3 Leading international", "work in your organisation"]
    assert texts["advanced:abroad"] == ["Advanced (abroad)", "2.2 Mobility and", "partnerships abroad"]


def test_a_completed_module_is_ticked_and_says_so():
    _, root = chart()
    done = [g for g in root.iter(f"{SVG}g") if g.get("class") == "stop is-done"]
    assert [g.get("data-stop") for g in done] == ["rookie"]
    assert [t.text for t in done[0].iter(f"{SVG}text")] == [
        "✓ Rookie",
        "1 Getting started with",
        "international work",
        "Completed",
    ]
    assert done[0].find(f"{SVG}rect").get("stroke") == "#1d7a46"


def test_lines_join_each_stop_to_the_stops_of_the_next_column():
    _, root = chart()
    joins = [
        (ln.get("x1"), ln.get("y1"), ln.get("x2"), ln.get("y2"))
        for ln in root.iter(f"{SVG}line")
        if ln.get("stroke-width") == "3"
    ]
    # Starting → Rookie; Rookie forks to both directions; both join Expert.
    assert joins == [
        ("395.2", "100.0", "409.8", "100.0"),
        ("577.8", "100.0", "592.2", "54.0"),
        ("577.8", "100.0", "592.2", "146.0"),
        ("760.2", "54.0", "774.8", "100.0"),
        ("760.2", "146.0", "774.8", "100.0"),
    ]


def test_each_area_marks_where_the_person_is_and_what_is_next():
    _, root = chart()
    assert markers(root, "here") == [
        ("rookie", "493.8", "259.0", "EU context: You are here, Rookie"),
        ("advanced:abroad", "676.2", "316.0", "Language: You are here, Advanced (abroad)"),
        ("advanced:at-home", "676.2", "386.0", "Projects & mobility: You are here, Advanced (at home)"),
        ("advanced:abroad", "676.2", "408.0", "Projects & mobility: You are here, Advanced (abroad)"),
    ]
    assert markers(root, "next") == [
        ("advanced:at-home", "676.2", "248.0", "EU context: Next step, Advanced (at home)"),
        ("expert", "858.8", "305.0", "Language: Next step, Expert"),
        ("expert", "858.8", "397.0", "Projects & mobility: Next step, Expert"),
    ]
    assert markers(root, "broaden") == [("advanced:abroad", "676.2", "270.0", "EU context: To broaden, Advanced (abroad)")]


def test_an_arrow_runs_from_where_the_person_is_to_the_next_step():
    _, root = chart(rows=[ROWS[0]])
    arrows = [ln for ln in root.iter(f"{SVG}line") if ln.get("stroke") == "#8a4b00"]
    # From 11 right of Rookie's marker to 12 left of the ring at Advanced (at home).
    assert [(a.get("x1"), a.get("y1"), a.get("x2"), a.get("y2")) for a in arrows] == [("504.8", "259.0", "664.2", "248.0")]


def test_an_area_that_was_not_assessed_has_its_note_and_no_marker():
    svg, root = chart(rows=[ROWS[2]])
    assert markers(root, "here") == markers(root, "next") == []
    assert '<text x="323.2" y="251.0" fill="#4a5563" font-style="italic">Not assessed</text>' in svg


def test_the_empty_path_has_its_stops_and_no_rows():
    _, root = chart(rows=[])
    assert [g.get("data-stop") for g in root.iter(f"{SVG}g") if g.get("data-stop")] == [s.key for s in STOPS]
    assert markers(root, "here") == []
    assert root.get("height") == "290"  # room for one empty row


def test_the_legend_names_every_marker():
    _, root = chart()
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[0] == "The path"
    start = texts.index("You are here")
    assert texts[start : start + 5] == ["You are here", "Next step", "To broaden", "✓", "Completed"]


def test_no_badge_is_drawn_until_one_is_given():
    svg, _ = chart()
    assert 'class="badge"' not in svg
    earned = [PathStop("rookie", 1, "Rookie", module="1 Getting started", badge="REXVET Rookie badge")]
    svg, root = chart(stops=earned, rows=[])
    badge = next(g for g in root.iter(f"{SVG}g") if g.get("class") == "badge")
    assert badge.find(f"{SVG}title").text == "REXVET Rookie badge"


def test_it_escapes_names():
    svg, _ = chart(
        stops=[PathStop("r&d", 0, "R&D <lab>", module="1 <script>")], rows=[PathRow("A & B", here=("r&d",))]
    )
    assert "R&amp;D &lt;lab&gt;" in svg and "1 &lt;script&gt;" in svg
    assert "<script>" not in svg
    assert 'data-stop="r&amp;d"' in svg
