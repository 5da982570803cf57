"""Fixtures of the training tests; the personas come from rexvet.testing.plugin."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from training import services, tasks

from .factories import small_module

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """Uploaded evidence goes to a folder of its own per test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def package(rexvet_model):
    """The full REXVET training package, as `make demo` loads it."""
    from training.loading import package_load, rexvet_modules

    return package_load(path_model_code=rexvet_model.code, modules=rexvet_modules())


@pytest.fixture
def module(rexvet_model):
    return small_module(code="9", title="Testing international work")


@pytest.fixture
def activities(module):
    """{kind: activity} of the small module."""
    return {a.kind: a for a in module.activities.all()}


@pytest.fixture
def enrolment(staff, module):
    return services.enrolment_start(user=staff, module=module)


@pytest.fixture
def run_tasks():
    """Tasks sent on commit run at once, in this process (that they are sent only after the
    commit is test_the_mail_task_is_sent_only_after_commit)."""
    with (
        mock.patch.object(tasks.mail_evidence_submitted, "delay_on_commit", side_effect=tasks.mail_evidence_submitted),
        mock.patch.object(tasks.mail_evidence_reviewed, "delay_on_commit", side_effect=tasks.mail_evidence_reviewed),
    ):
        yield


def pdf_upload(name: str = "my-plan.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def submit_pdf(enrolment, activity, **kwargs):
    return services.evidence_submit(
        enrolment=enrolment, activity=activity, description="My plan.", file=pdf_upload(**kwargs)
    )
