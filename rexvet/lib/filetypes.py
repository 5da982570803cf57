"""What an uploaded document really is, from its content (magic bytes), not its name.

`upload_check` accepts PDF, PNG, JPEG, GIF, WebP, Office Open XML (docx, xlsx, pptx) and
legacy Office (doc, xls, ppt) files of at most 10 MB whose name's extension agrees with
their content. Anything else raises `FileRefused` with a message to show next to the field.
"""

import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
# Programs and scripts, named so the message can say what the file is.
EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"#!")


@dataclass(frozen=True)
class FileType:
    code: str  # "pdf", "png", "docx", …
    label: str  # with its article, as in "the file is a PNG image"
    mime: str
    extensions: tuple[str, ...]


TYPES = {
    t.code: t
    for t in (
        FileType("pdf", _lazy("a PDF document"), "application/pdf", ("pdf",)),
        FileType("png", _lazy("a PNG image"), "image/png", ("png",)),
        FileType("jpeg", _lazy("a JPEG image"), "image/jpeg", ("jpg", "jpeg")),
        FileType("gif", _lazy("a GIF image"), "image/gif", ("gif",)),
        FileType("webp", _lazy("a WebP image"), "image/webp", ("webp",)),
        FileType("docx", _lazy("a Word document"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ("docx",)),
        FileType("xlsx", _lazy("an Excel workbook"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ("xlsx",)),
        FileType("pptx", _lazy("a PowerPoint presentation"), "application/vnd.openxmlformats-officedocument.presentationml.presentation", ("pptx",)),
        FileType("doc", _lazy("a Word 97–2003 document"), "application/msword", ("doc",)),
        FileType("xls", _lazy("an Excel 97–2003 workbook"), "application/vnd.ms-excel", ("xls",)),
        FileType("ppt", _lazy("a PowerPoint 97–2003 presentation"), "application/vnd.ms-powerpoint", ("ppt",)),
    )
}
ACCEPTED_EXTENSIONS = tuple(ext for t in TYPES.values() for ext in t.extensions)

# The folder of an Office Open XML package's main part names the application.
_OOXML_MAIN = (("word/", "docx"), ("xl/", "xlsx"), ("ppt/", "pptx"))
# Stream names in a legacy Office (OLE compound) file's directory, stored as UTF-16LE.
_OLE_STREAMS = (("WordDocument", "doc"), ("Workbook", "xls"), ("Book", "xls"), ("PowerPoint Document", "ppt"))


class FileRefused(Exception):
    """The file may not be uploaded; str(error) says why, for the person."""


def _ooxml_type(file: BinaryIO) -> str | None:
    try:
        with zipfile.ZipFile(file) as package:
            names = package.namelist()  # the central directory only: nothing is extracted
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    if any(name.lower().endswith("vbaproject.bin") for name in names):
        raise FileRefused(_("This Office file contains macros, which are not accepted. Save it without macros (as .docx, .xlsx or .pptx)."))
    for folder, code in _OOXML_MAIN:
        if any(name.startswith(folder) for name in names):
            return code
    return None


def _ole_type(content: bytes) -> str | None:
    for stream, code in _OLE_STREAMS:
        if stream.encode("utf-16-le") + b"\x00\x00" in content:
            return code
    return None


def detect_type(file: BinaryIO) -> FileType | None:
    """The accepted type the content is, or None. Reads the file and rewinds it."""
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    code = None
    if head.startswith(b"%PDF-"):
        code = "pdf"
    elif head.startswith(b"\x89PNG\r\n\x1a\n"):
        code = "png"
    elif head.startswith(b"\xff\xd8\xff"):
        code = "jpeg"
    elif head.startswith((b"GIF87a", b"GIF89a")):
        code = "gif"
    elif head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        code = "webp"
    elif head.startswith(ZIP_MAGIC):
        code = _ooxml_type(file)
    elif head.startswith(OLE_MAGIC):
        code = _ole_type(file.read())
    file.seek(0)
    return TYPES[code] if code else None


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def upload_check(file: BinaryIO, *, name: str, size: int, max_bytes: int = MAX_UPLOAD_BYTES) -> FileType:
    """The type of an uploaded file, or FileRefused with the reason.

    Checked in this order: not empty, not larger than `max_bytes`, not a program, an
    accepted type by content, and a name whose extension is one of that type's.
    """
    if size <= 0:
        raise FileRefused(_("The file is empty."))
    if size > max_bytes:
        raise FileRefused(
            _("The file is %(size)s; the largest file you can upload is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes)}
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    if head.startswith(EXECUTABLE_MAGIC):
        raise FileRefused(_("This file is a program, not a document, whatever its name says. It cannot be uploaded."))
    found = detect_type(file)
    if found is None:
        raise FileRefused(
            _("This type of file is not accepted. Upload a PDF, an image (PNG, JPEG, GIF or WebP) or an Office document (Word, Excel or PowerPoint).")
        )
    extension = _extension(name)
    if extension not in found.extensions:
        raise FileRefused(
            _("The name ends in “.%(extension)s” but the file is %(type)s. Give it the right name (.%(expected)s) or choose another file.")
            % {"extension": extension, "type": found.label, "expected": found.extensions[0]}
            if extension
            else _("The file name has no extension. It is %(type)s: add .%(expected)s to its name.")
            % {"type": found.label, "expected": found.extensions[0]}
        )
    return found
