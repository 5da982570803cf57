"""Badge and issuer images, drawn by the project: an SVG design per path step, a PNG made from it.

One design per level and direction of the path (Rookie, Advanced at home, Advanced abroad,
Expert): a medal in the step's colour with a pictogram for it (a seedling, a house, a globe,
a summit with a flag), the module code and the step's name on a banner. A badge for
recognised prior learning carries a gold seal that says so. The same badge class always
gives the same bytes (no dates, random ids or measured text), so images cache well and the
baked downloads can be compared.

Text is set in DejaVu Sans, which CairoSVG finds among the system fonts (the PDFs bundle
the same family); every shape is drawn with plain paths so nothing depends on a renderer's
support for fancier SVG.
"""

from dataclasses import dataclass
from functools import lru_cache
from math import cos, pi, sin
from xml.sax.saxutils import escape

import cairosvg
from django.utils.translation import gettext as _

from .loading import DIRECTION_NAMES, LEVEL_NAMES
from .models import BadgeClass, Issuer

SIZE = 512  # the SVG's user units; the PNG is drawn at this many pixels square
FONT = "DejaVu Sans, sans-serif"
WHITE = "#ffffff"
GOLD = "#f2c14e"
GOLD_DARK = "#8a6100"
INK = "#1f2933"
BRAND = "#0b4f6c"
BRAND_MARK = "#ffd166"


@dataclass(frozen=True)
class Design:
    colour: str  # the medal; white text on it is at least 4.5:1
    dark: str  # the rosette and ribbon behind it
    light: str  # the banner's lettering is the colour on this
    pictogram: str  # a key of PICTOGRAMS


# One design per path step: (level code, direction code or "").
DESIGNS: dict[tuple[str, str], Design] = {
    ("rookie", ""): Design(colour="#2e7d32", dark="#1b4d1f", light="#e8f3e9", pictogram="seedling"),
    ("advanced", "at-home"): Design(colour="#0b6e99", dark="#07435e", light="#e3f1f7", pictogram="house"),
    ("advanced", "abroad"): Design(colour="#c2410c", dark="#7a2906", light="#fdece3", pictogram="globe"),
    ("expert", ""): Design(colour="#5b3a99", dark="#37225e", light="#efe9f8", pictogram="summit"),
}
# A step the REXVET model does not have (another path model): still a real medal.
OTHER = Design(colour="#3e4a57", dark="#232b33", light="#eceff2", pictogram="star")


def design_for(level_code: str, direction_code: str = "") -> Design:
    return DESIGNS.get((level_code, direction_code or ""), OTHER)


# White pictograms drawn in a 120 × 120 box whose top left corner is (0, 0).
PICTOGRAMS = {
    # A seedling: a stem with two leaves, out of a mound of earth.
    "seedling": (
        '<path d="M60 112 V58" stroke="#fff" stroke-width="8" stroke-linecap="round" fill="none"/>'
        '<path d="M60 64 C58 34 36 22 10 24 C10 52 30 68 60 64 Z" fill="#fff"/>'
        '<path d="M60 52 C62 22 84 8 112 10 C112 40 90 56 60 52 Z" fill="#fff"/>'
        '<path d="M22 114 C34 98 86 98 98 114 Z" fill="#fff"/>'
    ),
    # A house with a door and a window: working internationally at home.
    "house": (
        '<path d="M60 8 L114 56 L102 56 L102 112 L18 112 L18 56 L6 56 Z" fill="#fff" stroke="#fff" '
        'stroke-width="4" stroke-linejoin="round"/>'
        '<rect x="48" y="76" width="24" height="36" rx="3" fill="{colour}"/>'
        '<rect x="28" y="66" width="16" height="16" rx="2" fill="{colour}"/>'
        '<rect x="76" y="66" width="16" height="16" rx="2" fill="{colour}"/>'
    ),
    # A globe with its meridians and parallels: working abroad.
    "globe": (
        '<circle cx="60" cy="60" r="52" fill="#fff"/>'
        '<g fill="none" stroke="{colour}" stroke-width="5">'
        '<circle cx="60" cy="60" r="44"/>'
        '<ellipse cx="60" cy="60" rx="20" ry="44"/>'
        '<path d="M60 16 V104 M16 60 H104 M24 38 H96 M24 82 H96"/>'
        "</g>"
    ),
    # A summit with a flag on top: the top of the path.
    "summit": (
        '<path d="M4 112 L46 40 L60 60 L74 44 L116 112 Z" fill="#fff"/>'
        '<path d="M46 40 L38 54 L46 50 L54 56 Z" fill="{colour}"/>'
        '<path d="M74 44 V6" stroke="#fff" stroke-width="5" stroke-linecap="round"/>'
        '<path d="M76 8 L104 17 L76 27 Z" fill="#fff"/>'
    ),
    "star": '<path d="M60 6 L75 42 L114 45 L84 70 L93 108 L60 88 L27 108 L36 70 L6 45 L45 42 Z" fill="#fff"/>',
}


def _rosette(cx: float, cy: float, outer: float, inner: float, points: int) -> str:
    """A star-shaped rosette behind the medal, as a polygon (exact to 0.1 unit)."""
    coords = []
    for k in range(points * 2):
        r = outer if k % 2 == 0 else inner
        a = pi * k / points - pi / 2
        coords.append(f"{cx + r * cos(a):.1f},{cy + r * sin(a):.1f}")
    return " ".join(coords)


def _svg(title: str, desc: str, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{SIZE}" height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}" '
        f'role="img" aria-labelledby="badge-title badge-desc" font-family="{FONT}">'
        f'<title id="badge-title">{escape(title)}</title>'
        f'<desc id="badge-desc">{escape(desc)}</desc>'
        f"{body}</svg>"
    )


def _text(x: float, y: float, words: str, *, size: int, fill: str, weight: str = "bold", spacing: float = 0) -> str:
    extra = f' letter-spacing="{spacing:g}"' if spacing else ""
    return (
        f'<text x="{x:g}" y="{y:g}" text-anchor="middle" font-size="{size}" font-weight="{weight}" '
        f'fill="{fill}"{extra}>{escape(words)}</text>'
    )


def _banner_size(words: str, width: float) -> int:
    """The largest font size (at most 40) at which bold capitals fit `width` units: DejaVu
    Sans Bold capitals are about 0.74 em wide."""
    return max(14, min(40, int(width / (0.74 * max(len(words), 1)))))


def class_svg(badge_class: BadgeClass) -> str:
    """The badge class's image as SVG, with the badge's name as its title."""
    module = badge_class.module
    design = design_for(module.level_code, module.direction_code)
    level = LEVEL_NAMES.get(module.level_code, module.level_code.replace("-", " ").title()).upper()
    direction = DIRECTION_NAMES.get(module.direction_code, module.direction_code.replace("-", " ")).upper() if module.direction_code else ""
    prior = badge_class.rule == BadgeClass.Rule.PRIOR_LEARNING
    cx, cy = 256, 236
    parts = [
        # Ribbon tails, behind everything.
        f'<path d="M196 380 L150 500 L184 486 L204 508 L242 404 Z" fill="{design.dark}"/>',
        f'<path d="M316 380 L362 500 L328 486 L308 508 L270 404 Z" fill="{design.dark}"/>',
        f'<polygon points="{_rosette(cx, cy, 234, 214, 30)}" fill="{design.dark}"/>',
        f'<circle cx="{cx}" cy="{cy}" r="202" fill="{GOLD}"/>',
        f'<circle cx="{cx}" cy="{cy}" r="194" fill="{design.colour}" class="medal"/>',
        f'<circle cx="{cx}" cy="{cy}" r="176" fill="none" stroke="#fff" stroke-opacity="0.55" stroke-width="3"/>',
        _text(cx, 112, "REXVET", size=30, fill=WHITE, spacing=6),
        f'<g transform="translate({cx - 54} 128) scale(0.9)">{PICTOGRAMS[design.pictogram].format(colour=design.colour)}</g>',
        # The banner across the medal, its folded ends behind it.
        f'<path d="M34 262 L78 262 L78 322 L34 322 L50 292 Z" fill="{design.dark}"/>',
        f'<path d="M478 262 L434 262 L434 322 L478 322 L462 292 Z" fill="{design.dark}"/>',
        f'<rect x="62" y="248" width="388" height="64" rx="6" fill="{design.light}" stroke="{GOLD}" stroke-width="4"/>',
        _text(cx, 280 + _banner_size(level, 350) * 0.36, level, size=_banner_size(level, 350), fill=design.dark),
    ]
    module_words = _("MODULE %(code)s") % {"code": module.code}
    if direction:
        parts.append(_text(cx, 356, direction, size=28, fill=WHITE, spacing=2))
        parts.append(_text(cx, 394, module_words, size=22, fill=WHITE, weight="normal", spacing=1))
    else:
        parts.append(_text(cx, 372, module_words, size=28, fill=WHITE, spacing=1))
    if prior:
        # The seal of recognised prior learning: the badge was awarded on evidence, not for the module.
        parts += [
            '<g class="prior-learning">',
            f'<circle cx="420" cy="92" r="66" fill="{GOLD}" stroke="{GOLD_DARK}" stroke-width="4"/>',
            f'<circle cx="420" cy="92" r="56" fill="none" stroke="{GOLD_DARK}" stroke-width="2" stroke-dasharray="5 4"/>',
            f'<path d="M398 62 L412 76 L442 46" fill="none" stroke="{INK}" stroke-width="7" stroke-linecap="round" stroke-linejoin="round"/>',
            _text(420, 102, _("PRIOR"), size=17, fill=INK),
            _text(420, 122, _("LEARNING"), size=13, fill=INK),
            "</g>",
        ]
    step = level.title() + (f" {direction.lower()}" if direction else "")
    if prior:
        desc = _(
            "A medal in the colour of the %(step)s step, marked REXVET, module %(code)s, %(step)s, "
            "with a gold seal for recognised prior learning."
        ) % {"step": step, "code": module.code}
    else:
        desc = _("A medal in the colour of the %(step)s step, marked REXVET, module %(code)s, %(step)s.") % {
            "step": step,
            "code": module.code,
        }
    return _svg(badge_class.name, desc, "".join(parts))


def _initials(name: str) -> str:
    words = [w for w in name.replace("-", " ").split() if w[:1].isalnum()]
    return "".join(w[0] for w in words[:3]).upper() or "?"


def issuer_svg(issuer: Issuer) -> str:
    """The issuer's image: the REXVET mark for the partnership, a partner's initials under it
    for an organisation."""
    parts = [
        f'<rect x="16" y="16" width="480" height="480" rx="72" fill="{BRAND}"/>',
        f'<rect x="40" y="40" width="432" height="432" rx="54" fill="none" stroke="{BRAND_MARK}" stroke-opacity="0.6" stroke-width="4"/>',
    ]
    if issuer.is_partnership:
        parts += [
            f'<path d="M256 96 L376 304 L136 304 Z" fill="{BRAND_MARK}"/>',
            f'<path d="M256 176 L318 284 L194 284 Z" fill="{BRAND}"/>',
            _text(256, 394, "REXVET", size=64, fill=WHITE, spacing=6),
        ]
        desc = _("The REXVET mark: a yellow triangle on dark blue, with the word REXVET.")
    else:
        initials = _initials(issuer.name)
        parts += [
            f'<path d="M256 72 L320 184 L192 184 Z" fill="{BRAND_MARK}"/>',
            _text(256, 340, initials, size=150 if len(initials) < 3 else 120, fill=WHITE),
            _text(256, 420, _("REXVET PARTNER"), size=30, fill=BRAND_MARK, spacing=3),
        ]
        desc = _("The REXVET mark over the initials %(initials)s, a partner of REXVET.") % {"initials": initials}
    return _svg(issuer.name, desc, "".join(parts))


@lru_cache(maxsize=64)
def svg_to_png(svg: str) -> bytes:
    """PNG of `svg` at SIZE × SIZE pixels; keyed on the SVG text, so a changed badge redraws."""
    return cairosvg.svg2png(bytestring=svg.encode("utf-8"), output_width=SIZE, output_height=SIZE)


def class_png(badge_class: BadgeClass) -> bytes:
    return svg_to_png(class_svg(badge_class))


def issuer_png(issuer: Issuer) -> bytes:
    return svg_to_png(issuer_svg(issuer))
