"""Baked badge images: the badge's data carried inside the image file itself.

PNG (Open Badges 2.0 and 3.0 baking): one uncompressed `iTXt` chunk whose keyword is
`openbadges` (a 2.0 assertion, as JSON or as its URL) or `openbadgecredential` (a 3.0
credential, here a compact VC-JWT). Baking replaces any chunk with the same keyword, so a
file holds exactly one.

SVG (Open Badges 2.0): an `<openbadges:assertion>` element, in the `http://openbadges.org`
namespace, right after the opening `<svg>` tag, with the assertion's id in its `verify`
attribute and the assertion JSON as CDATA.

Unbaking reads files that anyone may upload (the verify page), so it refuses what is not
a PNG or an SVG with `NotBaked` and parses SVG with defusedxml.
"""

import struct
import zlib
from xml.dom import minidom

from defusedxml import minidom as safe_minidom
from defusedxml.common import DefusedXmlException

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
OB2_KEYWORD = "openbadges"
OB3_KEYWORD = "openbadgecredential"
SVG_NAMESPACE = "http://www.w3.org/2000/svg"
OB_NAMESPACE = "http://openbadges.org"


class NotBaked(ValueError):
    """The file is not a PNG or SVG we can read, or it carries no badge."""


def _chunks(data: bytes):
    """(type, body, start, end) of each chunk of a PNG."""
    if not data.startswith(PNG_SIGNATURE):
        raise NotBaked("not a PNG image")
    pos = len(PNG_SIGNATURE)
    while pos < len(data):
        if pos + 8 > len(data):
            raise NotBaked("the PNG image is cut short")
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind = data[pos + 4 : pos + 8]
        end = pos + 12 + length
        if end > len(data):
            raise NotBaked("the PNG image is cut short")
        yield kind, data[pos + 8 : pos + 8 + length], pos, end
        pos = end
        if kind == b"IEND":
            return


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)


def _itxt_parse(body: bytes) -> tuple[str, str] | None:
    """(keyword, text) of an iTXt chunk, or None when it is malformed."""
    try:
        keyword, rest = body.split(b"\x00", 1)
        compressed, _method = rest[0], rest[1]
        _language, rest = rest[2:].split(b"\x00", 1)
        _translated, text = rest.split(b"\x00", 1)
        if compressed:
            # Baked chunks must not be compressed; refusing them also keeps a decompression
            # bomb uploaded to the verify page from expanding.
            return None
        return keyword.decode("latin-1"), text.decode("utf-8")
    except (ValueError, IndexError, zlib.error, UnicodeDecodeError):
        return None


def png_bake(png: bytes, text: str, *, keyword: str = OB2_KEYWORD) -> bytes:
    """The PNG with one uncompressed iTXt chunk `keyword` holding `text` (before IEND)."""
    body = keyword.encode("latin-1") + b"\x00" + b"\x00\x00" + b"\x00" + b"\x00" + text.encode("utf-8")
    out = [PNG_SIGNATURE]
    for kind, chunk_body, start, end in _chunks(png):
        if kind == b"iTXt" and (_itxt_parse(chunk_body) or ("",))[0] == keyword:
            continue  # replaced, so the file holds exactly one
        if kind == b"IEND":
            out.append(_chunk(b"iTXt", body))
        out.append(png[start:end])
    return b"".join(out)


def png_unbake(png: bytes) -> dict[str, str]:
    """Every iTXt text of the PNG by keyword (only `openbadges` / `openbadgecredential` kept)."""
    found = {}
    for kind, body, _start, _end in _chunks(png):
        if kind == b"iTXt":
            parsed = _itxt_parse(body)
            if parsed and parsed[0] in (OB2_KEYWORD, OB3_KEYWORD) and parsed[0] not in found:
                found[parsed[0]] = parsed[1]
    return found


def svg_bake(svg: str, assertion_json: str, *, verify_url: str) -> str:
    """The SVG with an `<openbadges:assertion>` element holding the assertion."""
    doc = minidom.parseString(svg.encode("utf-8"))
    root = doc.documentElement
    for old in root.getElementsByTagNameNS(OB_NAMESPACE, "assertion"):
        old.parentNode.removeChild(old)
    root.setAttribute("xmlns:openbadges", OB_NAMESPACE)
    element = doc.createElementNS(OB_NAMESPACE, "openbadges:assertion")
    element.setAttribute("verify", verify_url)
    # "]]>" cannot appear inside a CDATA section (a narrative may contain it): split the text
    # into sections between "]]" and ">"; unbaking joins them back exactly.
    pieces = assertion_json.split("]]>")
    for i, piece in enumerate(pieces):
        text = (">" if i else "") + piece + ("]]" if i < len(pieces) - 1 else "")
        element.appendChild(doc.createCDATASection(text))
    root.insertBefore(element, root.firstChild)
    return root.toxml()


def svg_unbake(svg: bytes | str) -> str:
    """The assertion an SVG carries: its JSON when embedded, else the `verify` URL."""
    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    try:
        doc = safe_minidom.parseString(data)
    except (DefusedXmlException, ValueError, Exception) as exc:  # expat raises its own ExpatError
        raise NotBaked("not an SVG image we can read") from exc
    root = doc.documentElement
    if root.namespaceURI != SVG_NAMESPACE or root.localName != "svg":
        raise NotBaked("not an SVG image")
    elements = root.getElementsByTagNameNS(OB_NAMESPACE, "assertion")
    if not elements:
        raise NotBaked("the SVG image carries no badge")
    element = elements[0]
    text = "".join(n.data for n in element.childNodes if n.nodeType in (n.TEXT_NODE, n.CDATA_SECTION_NODE)).strip()
    return text or element.getAttribute("verify")
