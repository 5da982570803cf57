"""The training package end to end, in headless Chromium: a staff member whose result in
one area is Starting follows "recommended for you" to module 1, works through all of it
(a failed and a passed quiz, an evidence upload), the coordinator approves the evidence,
and the module shows as completed."""

import re
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command

from mapping.models import Round
from mapping.services import response_start, response_submit
from pathways.selectors import path_structure
from rexvet.accounts.models import User
from rexvet.testing.plugin import answer_everything
from training import tasks
from training.models import Activity, Enrolment, EvidenceSubmission

from .conftest import axe_violations, screenshot, sign_in

pytestmark = [pytest.mark.browser]

STAFF = "ulle.mae-ounapuu@kuressaare.example"
COORDINATOR = "kadri.tamm@kuressaare.example"
PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def answer_quiz(page, quiz: Activity, *, wrong_first: bool = False):
    for question in quiz.questions.order_by("order"):
        choices = list(question.choices.order_by("order"))
        picks = [c for c in choices if c.correct]
        if wrong_first and question.order in (1, 2):
            picks = [next(c for c in choices if not c.correct)]
        for choice in picks:
            page.get_by_label(choice.text, exact=True).check()
    page.get_by_role("button", name="Send my answers").click()


@pytest.fixture
def mail_inline():
    """The e-mail tasks run in the server thread at once (no worker in this test)."""
    with (
        mock.patch.object(tasks.mail_evidence_submitted, "delay_on_commit", side_effect=tasks.mail_evidence_submitted),
        mock.patch.object(tasks.mail_evidence_reviewed, "delay_on_commit", side_effect=tasks.mail_evidence_reviewed),
    ):
        yield


def test_staff_member_completes_the_recommended_module_and_the_coordinator_approves(
    live_server, new_page, settings, tmp_path, mail_inline
):
    call_command("load_rexvet", "--demo", verbosity=0)
    settings.MEDIA_ROOT = tmp_path / "media"
    ulle = User.objects.get(email=STAFF)
    rnd = Round.objects.get(organisation__slug="kuressaare")
    structure = path_structure(rnd.path_model)
    language = next(a for a in structure.areas if a.code == "language")
    response = response_start(round=rnd, user=ulle)
    # Language: nothing yet (Starting, module 1 next); elsewhere Rookie (module 2.1 next).
    answer_everything(
        response,
        structure,
        lambda s: "not_yet" if s.area_id == language.id else ("yes" if s.level.code == "rookie" else "partly"),
    )
    response_submit(response=response, acting_user=ulle)
    quiz = Activity.objects.get(module__code="1", kind="quiz")
    base = live_server.url

    page = new_page()
    sign_in(page, base, STAFF)
    page.goto(f"{base}/training/")
    recommended = page.locator("section", has=page.get_by_role("heading", name="Recommended for you"))
    assert recommended.get_by_text("your next step in Language", exact=True).is_visible()
    assert axe_violations(page) == []
    screenshot(page, "training-catalogue")

    recommended.get_by_role("link", name=re.compile("Getting started with international work")).click()
    page.wait_for_url(re.compile(r"/training/modules/\d+/$"))
    assert axe_violations(page) == []
    screenshot(page, "training-module")
    page.get_by_role("button", name="Start this module").click()

    # 1. The reading, then (resume) the optional resource.
    page.wait_for_url(re.compile(r"/training/activities/\d+/$"))
    assert page.get_by_role("heading", name="International work in VET: the basics").is_visible()
    page.get_by_role("button", name="I have read this: mark as done").click()
    page.get_by_role("button", name="I have used this resource: mark as done").click()
    # 3. The reflection, saved and continued.
    page.get_by_label("My reflection").fill("I will ask Kadri whether I can help with the visitors from Luovi in May.")
    page.get_by_role("button", name="Save and continue").click()
    # 4. The quiz: a first attempt with two wrong answers (4 of 6, under 70 %), then all right.
    assert page.get_by_role("heading", name="Check your basics").is_visible()
    answer_quiz(page, quiz, wrong_first=True)
    assert page.get_by_text("You scored 66 %; the pass mark is 70 %.").is_visible()
    assert page.get_by_text("this answer is wrong").first.is_visible()
    assert axe_violations(page) == []
    screenshot(page, "training-quiz-feedback")
    answer_quiz(page, quiz)
    assert page.get_by_text("You passed with 100 %.").is_visible()
    # 5. The evidence: a PDF and a description.
    page.get_by_role("link", name=re.compile("My first international activity")).first.click()
    page.get_by_label("File").set_input_files({"name": "first-activity.pdf", "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_label("Description").fill("I co-hosted two learners from Luovi with Tõnu.")
    page.get_by_role("button", name="Send for review").click()
    assert page.get_by_text("Your evidence was sent to your coordinator for review.").is_visible()
    assert axe_violations(page) == []
    screenshot(page, "training-evidence-waiting")

    enrolment = Enrolment.objects.get(user=ulle, module__code="1")
    assert enrolment.completed_at is None
    assert [m.to for m in mail.outbox] == [[COORDINATOR]]

    # The coordinator approves.
    review = new_page()
    sign_in(review, base, COORDINATOR)
    review.goto(f"{base}/training/review/")
    assert review.get_by_role("heading", name="1 waiting").is_visible()
    review.get_by_role("link", name=re.compile("Review")).first.click()
    review.get_by_label("Approve").check()
    review.get_by_label("Comment to the staff member").fill("A good first step. Thank you, Ülle!")
    assert axe_violations(review) == []
    screenshot(review, "training-review")
    review.get_by_role("button", name="Save my decision").click()
    assert review.get_by_text("Nothing is waiting for your review.").is_visible()

    # The module shows as completed, with the coordinator's comment on the task.
    page.goto(f"{base}/training/")
    assert page.get_by_text(re.compile(r"Completed on \d+ \w+ \d{4}")).first.is_visible()
    page.get_by_role("link", name=re.compile("Getting started with international work")).first.click()
    assert page.get_by_text("You completed this module on").is_visible()
    screenshot(page, "training-module-completed")

    # ...and on the path map of the home page, in the picture and in its text equivalent.
    page.goto(f"{base}/")
    steps = page.locator("ol", has_text="Getting started with international work").first
    assert re.search(r"module 1 Getting started with international work \(completed on \d+ \w+ \d{4}\)", " ".join(steps.inner_text().split()))
    assert "Completed" in page.locator("svg.path-map").first.text_content()
    screenshot(page, "training-path-map-completed")

    enrolment.refresh_from_db()
    submission = EvidenceSubmission.objects.get()
    assert enrolment.completed_at == submission.reviewed_at
    assert mail.outbox[-1].to == [STAFF]
    assert mail.outbox[-1].subject == "[REXVET Paths] Your evidence for module 1 was approved"
