"""Evidence: a file (PDF, image or Office document of at most 10 MB, checked by content)
or a link, with a description. A refused upload is told next to the field and nothing —
no row, no file — is saved."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from training import services
from training.models import ActivityProgress, EvidenceSubmission

from .conftest import PDF, pdf_upload

URL = "/training/activities/{activity}/"


def files_under(root: Path) -> list[Path]:
    return sorted(p for p in Path(root).rglob("*") if p.is_file()) if Path(root).exists() else []


@pytest.fixture
def page(client, staff, enrolment, activities):
    client.force_login(staff)
    return URL.format(activity=activities["evidence"].pk)


def post(client, page, **data):
    data.setdefault("description", "My first activity: hosting a learner from Spain.")
    return client.post(page, data)


def test_a_pdf_is_saved_as_version_1_under_the_persons_folder(client, page, staff, enrolment, activities, media):
    reply = post(client, page, file=pdf_upload("Ülle – plan.pdf"))

    assert reply.status_code == 302
    assert reply["Location"] == page
    submission = EvidenceSubmission.objects.get()
    assert (submission.version, submission.status, submission.file_name, submission.content_type) == (
        1, "submitted", "Ülle – plan.pdf", "application/pdf",
    )
    assert submission.file.name.startswith(f"evidence/{staff.pk}/{activities['evidence'].pk}-v1-")
    assert submission.file.name.endswith(".pdf")
    assert files_under(media) == [media / submission.file.name]
    assert (media / submission.file.name).read_bytes() == PDF
    assert ActivityProgress.objects.get(enrolment=enrolment, activity=activities["evidence"]).status == "submitted"


def test_a_link_is_saved_without_a_file(client, page, media):
    reply = post(client, page, link="https://docs.example.org/my-plan")

    assert reply.status_code == 302
    submission = EvidenceSubmission.objects.get()
    assert (submission.link, submission.file.name, submission.version) == ("https://docs.example.org/my-plan", "", 1)
    assert files_under(media) == []


def test_a_file_over_10_mb_is_refused_next_to_the_field_and_nothing_is_saved(client, page, media):
    too_large = SimpleUploadedFile("big.pdf", PDF + b"0" * (10 * 1024 * 1024), content_type="application/pdf")

    reply = post(client, page, file=too_large)

    assert reply.status_code == 400
    html = reply.content.decode()
    assert '<div class="text-danger small mt-1" id="id_file_error">The file is 10.0\xa0MB; the largest file you can upload is 10.0\xa0MB.</div>' in html
    assert 'aria-describedby="id_file_helptext id_file_error"' in html
    assert "Your evidence was not sent. See the message next to the field." in html
    # What was typed is still there.
    assert "My first activity: hosting a learner from Spain." in html
    assert EvidenceSubmission.objects.count() == 0
    assert not ActivityProgress.objects.filter(status="submitted").exists()
    assert files_under(media) == []


@pytest.mark.parametrize("content", [b"MZ\x90\x00" + b"\x00" * 200, b"\x7fELF\x02\x01\x01" + b"\x00" * 200])
def test_an_executable_renamed_to_pdf_is_refused_and_nothing_is_saved(client, page, media, content):
    reply = post(client, page, file=SimpleUploadedFile("plan.pdf", content, content_type="application/pdf"))

    assert reply.status_code == 400
    assert (
        '<div class="text-danger small mt-1" id="id_file_error">This file is a program, not a document, '
        "whatever its name says. It cannot be uploaded.</div>"
    ) in reply.content.decode()
    assert EvidenceSubmission.objects.count() == 0
    assert files_under(media) == []


def test_a_png_named_pdf_is_refused(client, page, media):
    png = SimpleUploadedFile("plan.pdf", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, content_type="application/pdf")

    reply = post(client, page, file=png)

    assert reply.status_code == 400
    assert "The name ends in “.pdf” but the file is a PNG image." in reply.content.decode()
    assert EvidenceSubmission.objects.count() == 0
    assert files_under(media) == []


def test_neither_file_nor_link_nor_description(client, page):
    reply = client.post(page, {"description": ""})

    assert reply.status_code == 400
    html = reply.content.decode()
    assert '<div class="text-danger small mt-1" id="id_file_error">Upload a file or give a link.</div>' in html
    assert '<div class="text-danger small mt-1" id="id_description_error">This field is required.</div>' in html
    assert EvidenceSubmission.objects.count() == 0


def test_a_file_and_a_link_together_are_refused(client, page, media):
    reply = post(client, page, file=pdf_upload(), link="https://docs.example.org/x")

    assert reply.status_code == 400
    assert "Give a file or a link, not both." in reply.content.decode()
    assert EvidenceSubmission.objects.count() == 0
    assert files_under(media) == []


def test_while_a_version_waits_for_review_no_second_one_is_made(client, page, media):
    post(client, page, file=pdf_upload())

    again = client.post(page, {"description": "Again", "file": pdf_upload("second.pdf")}, follow=True)

    assert EvidenceSubmission.objects.count() == 1
    assert len(files_under(media)) == 1
    shown = again.content.decode()
    assert "Your evidence is already waiting for review, or it was approved." in shown
    assert "Your evidence is waiting for your coordinator's review." in shown
    assert 'enctype="multipart/form-data"' not in shown  # no upload form while waiting


def test_the_service_refuses_a_second_pending_version_and_keeps_no_file(enrolment, activities, media):
    services.evidence_submit(enrolment=enrolment, activity=activities["evidence"], description="v1", file=pdf_upload())

    with pytest.raises(services.EvidenceNotAccepted):
        services.evidence_submit(enrolment=enrolment, activity=activities["evidence"], description="v2", file=pdf_upload())

    assert EvidenceSubmission.objects.count() == 1
    assert len(files_under(media)) == 1


def test_the_owner_downloads_the_file_as_an_attachment(client, page):
    post(client, page, file=pdf_upload("Ülle – plan.pdf"))
    submission = EvidenceSubmission.objects.get()

    reply = client.get(f"/training/evidence/{submission.pk}/file/")

    assert reply.status_code == 200
    assert reply["Content-Type"] == "application/pdf"
    assert reply["Content-Disposition"] == "attachment; filename*=utf-8''%C3%9Clle%20%E2%80%93%20plan.pdf"
    assert reply["X-Content-Type-Options"] == "nosniff"
    assert b"".join(reply.streaming_content) == PDF


def test_evidence_files_are_never_served_from_a_public_url(client, page, settings):
    post(client, page, file=pdf_upload())
    submission = EvidenceSubmission.objects.get()

    for path in (f"/{settings.MEDIA_URL}{submission.file.name}", f"/media/{submission.file.name}", f"/{submission.file.name}"):
        assert client.get(path).status_code == 404, path
    client.logout()
    assert client.get(f"/media/{submission.file.name}").status_code == 404
