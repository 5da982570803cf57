"""Working through a module: enrol, the module page with progress, each activity page,
resume where one left off, and the moment a module is completed."""

import pytest

from training import services
from training.models import ActivityProgress, Enrolment, QuizAttempt, Reflection

from .conftest import submit_pdf

MODULE = "/training/modules/{pk}/"
ACTIVITY = "/training/activities/{pk}/"


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff)
    return client


def answers_for(quiz, *, wrong_in: tuple[int, ...] = ()) -> dict[str, list[str]]:
    """POST data: the right answers, except a wrong one for the questions numbered in `wrong_in`."""
    data = {}
    for q in quiz.questions.all():
        pick = [c for c in q.choices.all() if (c.correct != (q.order in wrong_in))]
        data[f"q{q.pk}"] = [str(c.pk) for c in pick[: 1 if not q.multiple else None]]
    return data


def test_enrolling_twice_keeps_one_enrolment_and_starts_at_the_first_activity(signed_in, staff, module, activities):
    first = signed_in.post(f"/training/modules/{module.pk}/enrol/")
    second = signed_in.post(f"/training/modules/{module.pk}/enrol/", follow=True)

    assert first["Location"] == f"/training/modules/{module.pk}/continue/"
    assert second.redirect_chain[-1][0] == ACTIVITY.format(pk=activities["reading"].pk)
    assert Enrolment.objects.filter(user=staff).count() == 1


def test_enrol_is_post_only(signed_in, module):
    assert signed_in.get(f"/training/modules/{module.pk}/enrol/").status_code == 405
    assert not Enrolment.objects.exists()


def test_the_module_page_before_enrolling(signed_in, package):
    from training.models import Module

    two = Module.objects.get(code="2.2")
    html = signed_in.get(MODULE.format(pk=two.pk)).content.decode()

    assert "Mobility and partnerships abroad" in html
    assert "This module is for you if you have taken part in international work" in html
    assert "<li>Mentor a rookie colleague before and after their first mobility</li>" in html
    assert "<li>Learning agreements, recognition and partnership agreements</li>" in html
    assert "<li>Managing international projects and mobility</li>" in html  # areas covered, by name
    assert "Advanced (abroad)" in html and "about 25 hours of work" in html
    assert "Start this module" in html
    assert "/training/activities/" not in html  # activity titles, but no links before enrolling


def test_progress_per_activity_and_resume_where_one_left_off(signed_in, enrolment, module, activities):
    services.activity_mark_done(enrolment=enrolment, activity=activities["reading"])
    services.reflection_save(enrolment=enrolment, activity=activities["reflection"], text="A thought.")

    html = signed_in.get(MODULE.format(pk=module.pk)).content.decode()
    assert "2 of 4 required activities done" in html
    assert '<progress class="module-progress mb-3" id="module-progress" max="4" value="2">50 %</progress>' in html
    assert html.count('<span class="activity-status status-done">Done</span>') == 2
    assert html.count('<span class="activity-status status-none">Not started</span>') == 3
    # The optional resource is skipped only once it is done: resume goes to it first.
    resume = signed_in.get(f"/training/modules/{module.pk}/continue/")
    assert resume["Location"] == ACTIVITY.format(pk=activities["resource"].pk)

    services.activity_mark_done(enrolment=enrolment, activity=activities["resource"])
    assert signed_in.get(f"/training/modules/{module.pk}/continue/")["Location"] == ACTIVITY.format(pk=activities["quiz"].pk)

    quiz = activities["quiz"]
    services.quiz_attempt_submit(enrolment=enrolment, activity=quiz, answers={q.pk: {c.pk for c in q.choices.all() if c.correct} for q in quiz.questions.all()})
    submit_pdf(enrolment, activities["evidence"])
    # Everything is done or waiting for review: back to the start.
    assert signed_in.get(f"/training/modules/{module.pk}/continue/")["Location"] == ACTIVITY.format(pk=activities["reading"].pk)


def test_an_activity_page_without_enrolment_sends_to_the_module(signed_in, module, activities):
    reply = signed_in.get(ACTIVITY.format(pk=activities["reading"].pk), follow=True)

    assert reply.redirect_chain == [(MODULE.format(pk=module.pk), 302)]
    assert "Enrol in the module to start its activities." in reply.content.decode()


def test_reading_is_rendered_sanitised_and_marked_done(signed_in, enrolment, activities):
    reading = activities["reading"]
    reading.body = "## Why\n\nRead **this**. <script>alert('x')</script>[link](https://example.org/)"
    reading.save()

    html = signed_in.get(ACTIVITY.format(pk=reading.pk)).content.decode()
    assert '<div class="reading mb-3"><h3>Why</h3>\n<p>Read <strong>this</strong>. <a href="https://example.org/" rel="noopener noreferrer">link</a></p></div>' in html
    assert "alert(" not in html

    reply = signed_in.post(ACTIVITY.format(pk=reading.pk))
    assert reply["Location"] == f"/training/modules/{reading.module_id}/continue/"
    assert ActivityProgress.objects.get(activity=reading).status == "done"
    assert "mark as done" not in signed_in.get(ACTIVITY.format(pk=reading.pk)).content.decode()


def test_a_reflection_is_saved_as_a_draft_and_shown_again(signed_in, enrolment, activities):
    url = ACTIVITY.format(pk=activities["reflection"].pk)

    saved = signed_in.post(url, {"text": "Päeval, mil ma esimest korda …", "action": "save"}, follow=True)

    assert saved.redirect_chain == [(url, 302)]
    html = saved.content.decode()
    assert "Your reflection was saved." in html
    assert ">\nPäeval, mil ma esimest korda …</textarea>" in html
    assert Reflection.objects.get().text == "Päeval, mil ma esimest korda …"

    signed_in.post(url, {"text": "A second, longer thought.", "action": "next"})
    assert Reflection.objects.get().text == "A second, longer thought."
    assert Reflection.objects.count() == 1


def test_a_reflection_typed_after_the_session_expired_is_kept_and_saved_after_signing_in(client, staff, enrolment, activities):
    url = ACTIVITY.format(pk=activities["reflection"].pk)

    expired = client.post(url, {"text": "Written over an hour.", "action": "save"})
    assert expired["Location"] == f"/accounts/login/?next={url}"
    assert not Reflection.objects.exists()

    client.force_login(staff)  # signing in keeps the session's data (allauth does the same)
    back = client.get(url, follow=True)

    assert Reflection.objects.get().text == "Written over an hour."
    assert "Your reflection was saved." in back.content.decode()


def test_a_quiz_with_an_unanswered_question_is_not_scored(signed_in, enrolment, activities):
    quiz = activities["quiz"]
    data = answers_for(quiz)
    first = quiz.questions.get(order=1)
    del data[f"q{first.pk}"]

    reply = signed_in.post(ACTIVITY.format(pk=quiz.pk), data)

    assert reply.status_code == 400
    html = reply.content.decode()
    assert f'<p class="text-danger small mb-0" id="id_q{first.pk}_error">Choose an answer.</p>' in html
    assert not QuizAttempt.objects.exists()
    # The answers given are still ticked.
    second = quiz.questions.get(order=2)
    right = second.choices.get(correct=True)
    assert f'value="{right.pk}" checked' in html


def test_a_quiz_attempt_shows_which_answers_were_wrong_and_can_be_retried(signed_in, enrolment, activities):
    quiz = activities["quiz"]
    url = ACTIVITY.format(pk=quiz.pk)

    failed = signed_in.post(url, answers_for(quiz, wrong_in=(1, 2)), follow=True)

    attempt = QuizAttempt.objects.get()
    assert (attempt.number, attempt.score, attempt.passed) == (1, 60, False)
    html = failed.content.decode()
    assert "You scored 60 %; the pass mark is 80 %. See which answers were wrong and try again." in html
    assert "Your attempt 1" in html and "60 % — not passed yet" in html
    assert html.count('<span class="feedback-wrong">Not right</span>') == 2
    assert html.count('<span class="feedback-right">Right</span>') == 3
    assert "You chose “Wrong 1.1”: this answer is wrong." in html
    assert "You chose “Right 3.1”: right." in html
    assert "Right 1.1”: right" not in html  # the right answer is not given away

    passed = signed_in.post(url, answers_for(quiz), follow=True)
    html = passed.content.decode()
    assert "You passed with 100 %." in html
    assert "All my attempts" in html
    assert list(QuizAttempt.objects.values_list("number", "score", "passed")) == [(2, 100, True), (1, 60, False)]
    assert ActivityProgress.objects.get(activity=quiz).status == "done"


def test_partial_credit_on_the_multiple_choice_question_shows_as_partly_right(signed_in, enrolment, activities):
    quiz = activities["quiz"]
    data = answers_for(quiz)
    fifth = quiz.questions.get(order=5)
    right = list(fifth.choices.filter(correct=True))
    data[f"q{fifth.pk}"] = [str(right[0].pk)]  # one of the two right answers

    html = signed_in.post(ACTIVITY.format(pk=quiz.pk), data, follow=True).content.decode()

    assert QuizAttempt.objects.get().score == 90  # 4.5 of 5
    assert '<span class="feedback-partly">Partly right</span>' in html
    assert "Some right answers are missing." in html


def test_the_last_required_activity_done_shows_the_module_as_completed(signed_in, enrolment, module, activities, coordinator):
    services.activity_mark_done(enrolment=enrolment, activity=activities["reading"])
    services.reflection_save(enrolment=enrolment, activity=activities["reflection"], text="Done.")
    services.evidence_approve(submission=submit_pdf(enrolment, activities["evidence"]), reviewer=coordinator)

    reply = signed_in.post(ACTIVITY.format(pk=activities["quiz"].pk), answers_for(activities["quiz"]), follow=True)

    assert reply.redirect_chain == [(MODULE.format(pk=module.pk), 302)]
    html = reply.content.decode()
    assert "Well done: you have completed this module." in html
    assert '<span class="done-tag">Completed</span>' in html
    assert "Your levels change only through your next self-assessment round." in html


def test_an_approved_evidence_shows_without_an_upload_form(signed_in, enrolment, activities, coordinator):
    services.evidence_approve(submission=submit_pdf(enrolment, activities["evidence"]), reviewer=coordinator, comment="Good.")

    html = signed_in.get(ACTIVITY.format(pk=activities["evidence"].pk)).content.decode()

    assert "Your evidence was approved." in html
    assert "Reviewed by Kadri Tamm on" in html
    assert '<div class="review-comment small">Good.</div>' in html
    assert 'enctype="multipart/form-data"' not in html


def test_a_reflection_that_counts_as_done_cannot_be_emptied(signed_in, enrolment, activities):
    url = ACTIVITY.format(pk=activities["reflection"].pk)
    signed_in.post(url, {"text": "Something real", "action": "save"})
    assert ActivityProgress.objects.get(activity=activities["reflection"]).status == "done"

    emptied = signed_in.post(url, {"text": "   ", "action": "save"})

    assert emptied.status_code == 400
    assert "This reflection counts towards the module, so it cannot be empty." in emptied.content.decode()
    assert Reflection.objects.get().text == "Something real"
    assert ActivityProgress.objects.get(activity=activities["reflection"]).status == "done"
