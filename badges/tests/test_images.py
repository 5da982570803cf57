"""Badge and issuer images: one SVG design per path step, a PNG made from it, served to anyone."""

import io
import struct
from xml.etree import ElementTree

import pytest
from PIL import Image

from badges import images
from badges.models import BadgeClass, Issuer

SVG = "{http://www.w3.org/2000/svg}"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# The medal's colour per step, and the pictogram that goes with it.
DESIGNS = {
    "rexvet-module-1": ("#2e7d32", "seedling"),
    "rexvet-module-2-1": ("#0b6e99", "house"),
    "rexvet-module-2-2": ("#c2410c", "globe"),
    "rexvet-module-3": ("#5b3a99", "summit"),
}


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg.encode("utf-8"))


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == PNG_SIGNATURE
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def medal_fill(root: ElementTree.Element) -> str:
    (medal,) = [c for c in root.iter(f"{SVG}circle") if c.get("class") == "medal"]
    return medal.get("fill")


def test_each_step_of_the_path_has_its_own_design(badge_classes):
    for slug, (colour, pictogram) in DESIGNS.items():
        badge_class = badge_classes.get(slug=slug)
        root = parse(images.class_svg(badge_class))
        assert root.find(f"{SVG}title").text == badge_class.name
        assert medal_fill(root) == colour
        assert images.design_for(badge_class.module.level_code, badge_class.module.direction_code).pictogram == pictogram
    assert len({colour for colour, _ in DESIGNS.values()}) == 4


def test_the_svg_is_accessible_and_names_the_module(module_badge):
    root = parse(images.class_svg(module_badge))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "badge-title badge-desc"
    assert root.find(f"{SVG}title").text == "REXVET Rookie: Getting started with international work"
    assert root.find(f"{SVG}desc").text == (
        "A medal in the colour of the Rookie step, marked REXVET, module 1, Rookie."
    )
    words = [t.text for t in root.iter(f"{SVG}text")]
    assert words == ["REXVET", "ROOKIE", "MODULE 1"]
    assert root.get("font-family") == "DejaVu Sans, sans-serif"


def test_a_direction_is_written_under_the_level(badge_classes):
    root = parse(images.class_svg(badge_classes.get(slug="rexvet-module-2-2")))
    assert [t.text for t in root.iter(f"{SVG}text")] == ["REXVET", "ADVANCED", "ABROAD", "MODULE 2.2"]


def test_prior_learning_badges_carry_a_seal(prior_learning_badge, module_badge):
    root = parse(images.class_svg(prior_learning_badge))
    seals = [g for g in root.iter(f"{SVG}g") if g.get("class") == "prior-learning"]
    assert len(seals) == 1
    assert [t.text for t in seals[0].iter(f"{SVG}text")] == ["PRIOR", "LEARNING"]
    assert medal_fill(root) == "#2e7d32"  # the same step as the module badge
    assert "gold seal for recognised prior learning" in root.find(f"{SVG}desc").text
    assert 'class="prior-learning"' not in images.class_svg(module_badge)


def test_names_with_markup_characters_stay_well_formed(module_badge):
    module_badge.name = 'Tõnu & Ülle <"best"> badge'
    root = parse(images.class_svg(module_badge))
    assert root.find(f"{SVG}title").text == 'Tõnu & Ülle <"best"> badge'


def test_the_png_is_drawn_from_the_svg_at_512_pixels(badge_classes):
    for slug, (colour, _) in DESIGNS.items():
        data = images.class_png(badge_classes.get(slug=slug))
        assert png_size(data) == (512, 512)
        picture = Image.open(io.BytesIO(data)).convert("RGBA")
        # A point on the medal away from its words and pictogram is the step's colour;
        # a corner is transparent.
        assert "#%02x%02x%02x" % picture.getpixel((110, 200))[:3] == colour
        assert picture.getpixel((2, 2))[3] == 0


def test_the_images_are_the_same_every_time(module_badge):
    assert images.class_svg(module_badge) == images.class_svg(BadgeClass.objects.get(pk=module_badge.pk))
    assert images.class_png(module_badge) == images.class_png(BadgeClass.objects.get(pk=module_badge.pk))


def test_issuer_images(badge_classes, org):
    partnership = Issuer.objects.get(slug="rexvet")
    organisation = Issuer.objects.get(organisation=org)
    root = parse(images.issuer_svg(partnership))
    assert root.find(f"{SVG}title").text == "REXVET partnership"
    root = parse(images.issuer_svg(organisation))
    assert root.find(f"{SVG}title").text == "Kuressaare Ametikool"
    assert [t.text for t in root.iter(f"{SVG}text")] == ["KA", "REXVET PARTNER"]
    assert png_size(images.issuer_png(organisation)) == (512, 512)


# --- Served to anyone ---------------------------------------------------------------------


@pytest.mark.parametrize("ext, content_type", [("png", "image/png"), ("svg", "image/svg+xml")])
def test_anyone_gets_the_badge_image(client, module_badge, ext, content_type):
    response = client.get(f"/badges/classes/rexvet-module-1/image.{ext}")
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Cache-Control"] == "public, max-age=86400"
    assert response["Access-Control-Allow-Origin"] == "*"
    expected = images.class_png(module_badge) if ext == "png" else images.class_svg(module_badge).encode()
    assert response.content == expected


def test_anyone_gets_the_issuer_image(client, badge_classes):
    response = client.get("/badges/issuers/rexvet/image.png")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert png_size(response.content) == (512, 512)


@pytest.mark.parametrize(
    "url",
    ["/badges/classes/no-such-badge/image.png", "/badges/classes/no-such-badge/image.svg", "/badges/issuers/nobody/image.png"],
)
def test_unknown_images_are_404(client, badge_classes, url):
    assert client.get(url).status_code == 404


def test_an_image_is_read_only(client, module_badge):
    assert client.post("/badges/classes/rexvet-module-1/image.png").status_code == 405
