"""rexvet.lib.filetypes: what an upload is, from its content; the name must agree."""

import io
import zipfile

import pytest

from rexvet.lib.filetypes import MAX_UPLOAD_BYTES, FileRefused, detect_type, upload_check

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< >>\nendobj\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
GIF = b"GIF89a" + b"\x00" * 32
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 32
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + b"\x00" * 64
ELF = b"\x7fELF\x02\x01\x01" + b"\x00" * 64
SCRIPT = b"#!/bin/sh\nrm -rf /\n"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def ooxml(folder: str, *, macros: bool = False, content_types: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        if content_types:
            package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("_rels/.rels", "<Relationships/>")
        package.writestr(f"{folder}main.xml", "<x/>")
        if macros:
            package.writestr(f"{folder}vbaProject.bin", b"\x00")
    return buffer.getvalue()


def ole(stream: str) -> bytes:
    # A compound file header, then a directory entry holding the stream's UTF-16LE name.
    return OLE + b"\x00" * 504 + stream.encode("utf-16-le") + b"\x00\x00" + b"\x00" * 64


def check(name: str, content: bytes, size: int | None = None):
    return upload_check(io.BytesIO(content), name=name, size=len(content) if size is None else size)


@pytest.mark.parametrize(
    ("name", "content", "code", "mime"),
    [
        ("plan.pdf", PDF, "pdf", "application/pdf"),
        ("PLAN.PDF", PDF, "pdf", "application/pdf"),
        ("photo.png", PNG, "png", "image/png"),
        ("photo.jpg", JPEG, "jpeg", "image/jpeg"),
        ("photo.jpeg", JPEG, "jpeg", "image/jpeg"),
        ("anim.gif", GIF, "gif", "image/gif"),
        ("photo.webp", WEBP, "webp", "image/webp"),
        ("report.docx", ooxml("word/"), "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("sheet.xlsx", ooxml("xl/"), "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("slides.pptx", ooxml("ppt/"), "pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
        ("old.doc", ole("WordDocument"), "doc", "application/msword"),
        ("old.xls", ole("Workbook"), "xls", "application/vnd.ms-excel"),
        ("old.ppt", ole("PowerPoint Document"), "ppt", "application/vnd.ms-powerpoint"),
        ("Ülle Mäe-Õunapuu – kava.pdf", PDF, "pdf", "application/pdf"),
    ],
)
def test_it_accepts_documents_and_images_whose_name_agrees(name, content, code, mime):
    found = check(name, content)

    assert (found.code, found.mime) == (code, mime)


def test_exactly_10_mb_is_accepted_and_one_byte_more_is_not():
    assert MAX_UPLOAD_BYTES == 10 * 1024 * 1024
    assert check("plan.pdf", PDF, size=MAX_UPLOAD_BYTES).code == "pdf"

    with pytest.raises(FileRefused) as refused:
        check("plan.pdf", PDF, size=MAX_UPLOAD_BYTES + 1)

    assert str(refused.value) == "The file is 10.0\xa0MB; the largest file you can upload is 10.0\xa0MB."


def test_too_large_says_how_large():
    with pytest.raises(FileRefused) as refused:
        check("video.pdf", PDF, size=25 * 1024 * 1024)

    assert str(refused.value) == "The file is 25.0\xa0MB; the largest file you can upload is 10.0\xa0MB."


@pytest.mark.parametrize(
    ("name", "content"),
    [("plan.pdf", EXE), ("plan.pdf", ELF), ("photo.png", SCRIPT), ("setup.exe", EXE)],
)
def test_a_program_is_refused_whatever_its_name(name, content):
    with pytest.raises(FileRefused) as refused:
        check(name, content)

    assert str(refused.value) == "This file is a program, not a document, whatever its name says. It cannot be uploaded."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("plan.pdf", PNG, "The name ends in “.pdf” but the file is a PNG image. Give it the right name (.png) or choose another file."),
        ("report.pdf", ooxml("word/"), "The name ends in “.pdf” but the file is a Word document. Give it the right name (.docx) or choose another file."),
        ("report.docx", ole("WordDocument"), "The name ends in “.docx” but the file is a Word 97–2003 document. Give it the right name (.doc) or choose another file."),
        ("sheet.docx", ooxml("xl/"), "The name ends in “.docx” but the file is an Excel workbook. Give it the right name (.xlsx) or choose another file."),
        ("plan", PDF, "The file name has no extension. It is a PDF document: add .pdf to its name."),
    ],
)
def test_the_name_must_agree_with_the_content(name, content, message):
    with pytest.raises(FileRefused) as refused:
        check(name, content)

    assert str(refused.value) == message


NOT_ACCEPTED = "This type of file is not accepted. Upload a PDF, an image (PNG, JPEG, GIF or WebP) or an Office document (Word, Excel or PowerPoint)."


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.pdf", b"just some text, not a PDF"),
        ("archive.docx", ooxml("word/", content_types=False)),  # a plain zip
        ("broken.docx", b"PK\x03\x04 not really a zip"),
        ("installer.doc", ole("\x05SummaryInformation")),  # a compound file of another kind (e.g. .msi)
        ("page.pdf", b"<html><script>alert(1)</script></html>"),
    ],
)
def test_other_content_is_not_accepted(name, content):
    with pytest.raises(FileRefused) as refused:
        check(name, content)

    assert str(refused.value) == NOT_ACCEPTED


def test_office_files_with_macros_are_refused():
    with pytest.raises(FileRefused) as refused:
        check("report.docx", ooxml("word/", macros=True))

    assert "contains macros" in str(refused.value)


def test_an_empty_file_is_refused():
    with pytest.raises(FileRefused) as refused:
        check("plan.pdf", b"")

    assert str(refused.value) == "The file is empty."


def test_detection_leaves_the_file_rewound():
    file = io.BytesIO(ooxml("word/"))

    assert detect_type(file).code == "docx"
    assert file.tell() == 0
