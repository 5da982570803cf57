"""Baked badges: the earner's PNG and SVG carry exactly the hosted assertion."""

import io
import struct
import zlib
from xml.dom import minidom

import pytest
from django.urls import reverse
from PIL import Image

from badges import baking
from badges.services import badge_revoke

SITE = "https://paths.rexvet.example"


@pytest.fixture(autouse=True)
def site(settings):
    settings.REXVET_SITE_URL = SITE


def itxt_chunks(png: bytes) -> list[tuple[bytes, bytes]]:
    """(keyword, body after the keyword) of each iTXt chunk, read independently of baking.py."""
    found, pos = [], 8
    while pos < len(png):
        (length,) = struct.unpack(">I", png[pos : pos + 4])
        kind, body = png[pos + 4 : pos + 8], png[pos + 8 : pos + 8 + length]
        (crc,) = struct.unpack(">I", png[pos + 8 + length : pos + 12 + length])
        assert crc == zlib.crc32(kind + body) & 0xFFFFFFFF, kind
        if kind == b"iTXt":
            keyword, rest = body.split(b"\x00", 1)
            found.append((keyword, rest))
        pos += 12 + length
    return found


def served_json(client, assertion) -> str:
    return client.get(reverse("badges:assertion_json", args=[assertion.uid])).content.decode("utf-8")


def download(client, user, name, assertion):
    client.force_login(user)
    return client.get(reverse(f"badges:{name}", args=[assertion.uid]))


# --- PNG --------------------------------------------------------------------------------


def test_the_png_carries_exactly_the_served_assertion(client, award, staff):
    png = download(client, staff, "baked_png", award).content

    assert baking.png_unbake(png) == {"openbadges": served_json(client, award)}


def test_the_png_has_one_uncompressed_openbadges_chunk(client, award, staff):
    png = download(client, staff, "baked_png", award).content

    chunks = [rest for keyword, rest in itxt_chunks(png) if keyword == b"openbadges"]
    assert len(chunks) == 1
    compression_flag, compression_method = chunks[0][0], chunks[0][1]
    assert (compression_flag, compression_method) == (0, 0)
    # Empty language tag and translated keyword, then the JSON itself as UTF-8.
    assert chunks[0][2:4] == b"\x00\x00"
    assert chunks[0][4:].decode("utf-8") == served_json(client, award)


def test_baking_twice_leaves_one_chunk(client, award, staff):
    png = download(client, staff, "baked_png", award).content

    again = baking.png_bake(png, '{"replaced": true}')

    assert [k for k, _ in itxt_chunks(again)].count(b"openbadges") == 1
    assert baking.png_unbake(again) == {"openbadges": '{"replaced": true}'}


def test_the_png_is_still_an_image(client, award, staff):
    png = download(client, staff, "baked_png", award).content

    image = Image.open(io.BytesIO(png))
    image.verify()
    assert image.format == "PNG"


@pytest.mark.parametrize("data", [b"GIF89a\x01\x00\x01\x00", b"", b"<svg/>", b"\x89PNG\r\n\x1a\n\x00\x00"])
def test_it_refuses_what_is_not_a_png(data):
    with pytest.raises(baking.NotBaked):
        baking.png_unbake(data)
    with pytest.raises(baking.NotBaked):
        baking.png_bake(data, "{}")


# --- SVG --------------------------------------------------------------------------------


def test_the_svg_carries_exactly_the_served_assertion(client, award, staff):
    svg = download(client, staff, "baked_svg", award).content

    assert baking.svg_unbake(svg) == served_json(client, award)


def test_the_svg_names_the_assertion_to_verify(client, award, staff):
    svg = download(client, staff, "baked_svg", award).content

    root = minidom.parseString(svg).documentElement
    elements = root.getElementsByTagNameNS("http://openbadges.org", "assertion")
    assert len(elements) == 1
    assert elements[0].getAttribute("verify") == f"{SITE}/badges/assertions/{award.uid}"
    assert root.namespaceURI == "http://www.w3.org/2000/svg"


@pytest.mark.parametrize("data", [b"not xml", b"<html/>", b'<svg xmlns="http://www.w3.org/2000/svg"/>'])
def test_it_refuses_an_svg_without_a_badge(data):
    with pytest.raises(baking.NotBaked):
        baking.svg_unbake(data)


# --- Who may download -------------------------------------------------------------------


@pytest.mark.parametrize("name, media_type, ext", [("baked_png", "image/png", "png"), ("baked_svg", "image/svg+xml", "svg")])
def test_the_earner_downloads_the_baked_badge(client, award, staff, name, media_type, ext):
    response = download(client, staff, name, award)

    assert response.status_code == 200
    assert response["Content-Type"].split(";")[0] == media_type
    assert response["Content-Disposition"] == f'attachment; filename="rexvet-module-1-{str(award.uid)[:8]}.{ext}"'


@pytest.mark.parametrize("name", ["baked_png", "baked_svg"])
@pytest.mark.parametrize(
    "persona, status",
    [("staff", 200), ("colleague", 403), ("coordinator", 403), ("other_coordinator", 403), ("project_admin", 200)],
)
def test_who_may_download(client, award, request, name, persona, status):
    response = download(client, request.getfixturevalue(persona), name, award)

    assert response.status_code == status


@pytest.mark.parametrize("name", ["baked_png", "baked_svg"])
def test_anonymous_is_sent_to_sign_in(client, award, name):
    url = reverse(f"badges:{name}", args=[award.uid])

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"] == reverse("account_login") + "?next=" + url


@pytest.mark.parametrize("name", ["baked_png", "baked_svg"])
def test_a_revoked_badge_is_not_downloaded(client, award, staff, coordinator, name):
    badge_revoke(assertion=award, reason="Awarded by mistake", acting_user=coordinator)

    response = download(client, staff, name, award)

    assert response.status_code == 410
    assert "Awarded by mistake" in response.content.decode("utf-8")
    assert not response.has_header("Content-Disposition")


def test_an_unknown_badge_is_404(client, staff, badge_classes):
    client.force_login(staff)

    response = client.get(reverse("badges:baked_png", args=["00000000-0000-4000-8000-000000000000"]))

    assert response.status_code == 404


def test_a_compressed_chunk_is_not_read_so_no_decompression_bomb_expands():
    import struct
    import zlib

    from badges.baking import PNG_SIGNATURE, png_unbake

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    bomb = zlib.compress(b"0" * 50_000_000, 9)  # 50 MB of zeros in about 50 KB
    itxt = b"openbadges\x00" + b"\x01\x00" + b"\x00" + b"\x00" + bomb
    png = PNG_SIGNATURE + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)) + chunk(b"iTXt", itxt) + chunk(b"IEND", b"")
    assert len(png) < 100_000
    assert png_unbake(png) == {}


def test_an_svg_keeps_a_text_that_would_end_its_cdata_section():
    from badges.baking import svg_bake, svg_unbake

    text = '{"narrative": "Test ]]></openbadges:assertion><script>alert(1)</script> and ]]>]]> again"}'
    baked = svg_bake('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>', text, verify_url="https://x.example/a")
    from xml.dom import minidom

    assert minidom.parseString(baked).getElementsByTagName("script") == []  # text, never markup
    assert svg_unbake(baked) == text
