"""Coordinators approve evidence, or return it with a comment; the staff member sees the
comment, resubmits, and earlier versions stay in the history. E-mails go both ways, sent
by a Celery task after the transaction commits, once only."""

import pytest
from django.core import mail

from rexvet.testing.factories import MembershipFactory
from training import services, tasks
from training.models import ActivityProgress, EvidenceSubmission

from .conftest import pdf_upload, submit_pdf

QUEUE = "/training/review/"
REVIEW = "/training/review/{pk}/"
ACTIVITY = "/training/activities/{pk}/"


@pytest.fixture
def submission(enrolment, activities):
    return submit_pdf(enrolment, activities["evidence"])


def test_the_queue_lists_what_waits_from_own_organisation_only(client, coordinator, submission, other_org, module, activities):
    outsider = MembershipFactory(organisation=other_org).user
    theirs = submit_pdf(services.enrolment_start(user=outsider, module=module), activities["evidence"])
    client.force_login(coordinator)

    reply = client.get(QUEUE)

    assert reply.status_code == 200
    assert [s.pk for s in reply.context["page"].object_list] == [submission.pk]
    html = reply.content.decode()
    assert "Ülle Mäe-Õunapuu" in html and REVIEW.format(pk=submission.pk) in html
    assert REVIEW.format(pk=theirs.pk) not in html
    assert "1 waiting" in html


def test_approving_marks_the_task_done_and_goes_back_to_the_queue(client, coordinator, submission, enrolment, activities):
    client.force_login(coordinator)

    reply = client.post(REVIEW.format(pk=submission.pk), {"decision": "approve", "comment": "Clear and complete."})

    assert reply.status_code == 302
    assert reply["Location"] == QUEUE
    submission.refresh_from_db()
    assert (submission.status, submission.reviewer, submission.review_comment) == ("approved", coordinator, "Clear and complete.")
    assert submission.reviewed_at is not None
    progress = ActivityProgress.objects.get(enrolment=enrolment, activity=activities["evidence"])
    assert (progress.status, progress.completed_at) == ("done", submission.reviewed_at)
    assert client.get(QUEUE).context["page"].paginator.count == 0


def test_returning_needs_a_comment(client, coordinator, submission):
    client.force_login(coordinator)

    reply = client.post(REVIEW.format(pk=submission.pk), {"decision": "return", "comment": "  "})

    assert reply.status_code == 400
    assert (
        '<div class="text-danger small mt-1" id="id_comment_error">Say what to change: a returned evidence needs a comment.</div>'
        in reply.content.decode()
    )
    submission.refresh_from_db()
    assert (submission.status, submission.reviewer, submission.reviewed_at) == ("submitted", None, None)


def test_the_service_refuses_a_return_without_comment(submission, coordinator):
    with pytest.raises(ValueError):
        services.evidence_return(submission=submission, reviewer=coordinator, comment="")
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_returned_evidence_resubmitted_keeps_both_versions(client, staff, coordinator, submission, activities):
    client.force_login(coordinator)
    client.post(REVIEW.format(pk=submission.pk), {"decision": "return", "comment": "Please add the dates of the visit."})

    client.force_login(staff)
    page = client.get(ACTIVITY.format(pk=activities["evidence"].pk)).content.decode()
    assert "Your coordinator returned your evidence for changes" in page
    assert '<div class="review-comment mb-2">Please add the dates of the visit.</div>' in page
    assert 'enctype="multipart/form-data"' in page  # the form to send a new version

    reply = client.post(
        ACTIVITY.format(pk=activities["evidence"].pk),
        {"description": "Now with the dates: 3–7 March.", "file": pdf_upload("plan-v2.pdf")},
    )

    assert reply.status_code == 302
    versions = list(EvidenceSubmission.objects.order_by("version").values_list("version", "status", "file_name", "review_comment"))
    assert versions == [
        (1, "returned", "my-plan.pdf", "Please add the dates of the visit."),
        (2, "submitted", "plan-v2.pdf", ""),
    ]
    first, second = EvidenceSubmission.objects.order_by("version")
    assert first.file.name != second.file.name
    assert first.file.storage.exists(first.file.name) and second.file.storage.exists(second.file.name)

    history = client.get(ACTIVITY.format(pk=activities["evidence"].pk)).content.decode()
    assert history.index("Version 2") < history.index("Version 1")
    client.force_login(coordinator)
    review = client.get(REVIEW.format(pk=second.pk))
    assert [s.version for s in review.context["history"]] == [2, 1]
    assert "Please add the dates of the visit." in review.content.decode()


def test_approving_what_another_coordinator_reviewed_first_changes_nothing(client, coordinator, org, submission):
    second = MembershipFactory(organisation=org, role="coordinator").user
    services.evidence_return(submission=submission, reviewer=second, comment="Add dates.")
    client.force_login(coordinator)

    reply = client.post(REVIEW.format(pk=submission.pk), {"decision": "approve"}, follow=True)

    assert "This evidence has already been reviewed." in reply.content.decode()
    submission.refresh_from_db()
    assert (submission.status, submission.reviewer) == ("returned", second)
    with pytest.raises(services.AlreadyReviewed):
        services.evidence_approve(submission=submission, reviewer=coordinator)


def test_a_coordinator_never_reviews_their_own_evidence(client, coordinator, org, module, activities):
    own = submit_pdf(services.enrolment_start(user=coordinator, module=module), activities["evidence"])
    client.force_login(coordinator)

    assert client.get(QUEUE).context["page"].paginator.count == 0
    assert client.get(REVIEW.format(pk=own.pk)).status_code == 404
    with pytest.raises(ValueError):
        services.evidence_approve(submission=own, reviewer=coordinator)

    colleague_coordinator = MembershipFactory(organisation=org, role="coordinator").user
    client.force_login(colleague_coordinator)
    assert [s.pk for s in client.get(QUEUE).context["page"].object_list] == [own.pk]


# --- E-mails --------------------------------------------------------------------------


def test_submitting_e_mails_the_coordinators_of_the_organisation(run_tasks, staff, coordinator, colleague, other_coordinator, enrolment, activities):
    submit_pdf(enrolment, activities["evidence"])

    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    message = mail.outbox[0]
    assert message.subject == "[REXVET Paths] Evidence to review: Ülle Mäe-Õunapuu, module 9"
    assert message.reply_to == [staff.email]
    submission = EvidenceSubmission.objects.get()
    assert f"http://127.0.0.1:8000/training/review/{submission.pk}/" in message.body
    assert "Ülle Mäe-Õunapuu has sent evidence for review: module 9 Testing international work, task “Show it”, version 1." in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert f'href="http://127.0.0.1:8000/training/review/{submission.pk}/"' in html


def test_approval_and_return_e_mail_the_staff_member(run_tasks, staff, coordinator, enrolment, activities):
    first = submit_pdf(enrolment, activities["evidence"])
    mail.outbox.clear()

    services.evidence_return(submission=first, reviewer=coordinator, comment="Please add the dates.")
    second = submit_pdf(enrolment, activities["evidence"])
    services.evidence_approve(submission=second, reviewer=coordinator, comment="Well done.")

    to_staff = [m for m in mail.outbox if m.to == [staff.email]]
    assert [m.subject for m in to_staff] == [
        "[REXVET Paths] Your evidence for module 9 needs changes",
        "[REXVET Paths] Your evidence for module 9 was approved",
    ]
    returned, approved = to_staff
    assert "Please add the dates." in returned.body
    assert "Please add the dates." in returned.alternatives[0][0]
    assert f"http://127.0.0.1:8000/training/activities/{activities['evidence'].pk}/" in returned.body
    assert returned.reply_to == [coordinator.email]
    assert "Well done." in approved.body
    assert "Kadri Tamm approved your evidence for “Show it” in module 9 Testing international work." in approved.body


def test_each_e_mail_is_sent_once_even_if_the_task_runs_twice(run_tasks, coordinator, submission):
    # The submission (made with run_tasks on) already sent its e-mail; running again does not.
    tasks.mail_evidence_submitted(submission.pk)
    tasks.mail_evidence_submitted(submission.pk)
    services.evidence_approve(submission=submission, reviewer=coordinator)
    tasks.mail_evidence_reviewed(submission.pk)

    assert [m.subject for m in mail.outbox] == [
        "[REXVET Paths] Evidence to review: Ülle Mäe-Õunapuu, module 9",
        "[REXVET Paths] Your evidence for module 9 was approved",
    ]


def test_the_mail_task_is_sent_only_after_commit(enrolment, activities, coordinator, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.mail_evidence_submitted, "delay", lambda pk: sent.append(("submitted", pk)))
    monkeypatch.setattr(tasks.mail_evidence_reviewed, "delay", lambda pk: sent.append(("reviewed", pk)))

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        submission = submit_pdf(enrolment, activities["evidence"])
    assert sent == [] and len(callbacks) == 1
    callbacks[0]()
    assert sent == [("submitted", submission.pk)]

    with django_capture_on_commit_callbacks(execute=True):
        services.evidence_approve(submission=submission, reviewer=coordinator)
    assert sent == [("submitted", submission.pk), ("reviewed", submission.pk)]
