"""Completion: every required activity done — a reading or resource marked done, a
reflection saved with text, a quiz passed, an evidence approved — completes the module,
at the moment the last of them was done."""

from datetime import datetime, timedelta, timezone as tz
from unittest import mock

import pytest

from training import services
from training.models import Activity, ActivityProgress, Enrolment

from .conftest import submit_pdf
from .factories import ActivityFactory, ModuleFactory


def right_answers(quiz) -> dict[int, set[int]]:
    return {q.pk: {c.pk for c in q.choices.all() if c.correct} for q in quiz.questions.all()}


def wrong_answers(quiz) -> dict[int, set[int]]:
    return {q.pk: {c.pk for c in q.choices.all() if not c.correct} for q in quiz.questions.all()}


def do_all_but_evidence(enrolment, activities):
    services.activity_mark_done(enrolment=enrolment, activity=activities["reading"])
    services.reflection_save(enrolment=enrolment, activity=activities["reflection"], text="I learned a lot.")
    attempt, _ = services.quiz_attempt_submit(enrolment=enrolment, activity=activities["quiz"], answers=right_answers(activities["quiz"]))
    return attempt


def statuses(enrolment) -> dict[str, str]:
    return dict(ActivityProgress.objects.filter(enrolment=enrolment).values_list("activity__kind", "status"))


def test_enrolling_twice_is_one_enrolment(staff, module):
    first = services.enrolment_start(user=staff, module=module)
    second = services.enrolment_start(user=staff, module=module)

    assert first.pk == second.pk
    assert Enrolment.objects.filter(user=staff, module=module).count() == 1
    assert first.completed_at is None


def test_everything_required_but_the_evidence_is_not_complete(enrolment, activities, coordinator):
    do_all_but_evidence(enrolment, activities)
    submission = submit_pdf(enrolment, activities["evidence"])

    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert statuses(enrolment) == {"reading": "done", "reflection": "done", "quiz": "done", "evidence": "submitted"}

    services.evidence_return(submission=submission, reviewer=coordinator, comment="Add the dates.")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    assert statuses(enrolment)["evidence"] == "returned"


def test_approving_the_last_evidence_completes_at_the_approval(enrolment, activities, coordinator):
    attempt = do_all_but_evidence(enrolment, activities)
    submission = submit_pdf(enrolment, activities["evidence"])

    services.evidence_approve(submission=submission, reviewer=coordinator)

    enrolment.refresh_from_db()
    submission.refresh_from_db()
    assert submission.status == "approved"
    assert enrolment.completed_at == submission.reviewed_at
    assert enrolment.completed_at > attempt.created_at
    # The optional resource was never opened: it is not needed.
    assert statuses(enrolment) == {"reading": "done", "reflection": "done", "quiz": "done", "evidence": "done"}


def test_passing_the_quiz_last_completes_at_the_pass(enrolment, activities, coordinator):
    quiz = activities["quiz"]
    services.activity_mark_done(enrolment=enrolment, activity=activities["reading"])
    services.reflection_save(enrolment=enrolment, activity=activities["reflection"], text="Noted.")
    services.evidence_approve(submission=submit_pdf(enrolment, activities["evidence"]), reviewer=coordinator)
    services.quiz_attempt_submit(enrolment=enrolment, activity=quiz, answers=wrong_answers(quiz))
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None

    later = datetime(2031, 5, 4, 10, 30, tzinfo=tz.utc)
    with mock.patch("django.utils.timezone.now", return_value=later):
        attempt, score = services.quiz_attempt_submit(enrolment=enrolment, activity=quiz, answers=right_answers(quiz))

    enrolment.refresh_from_db()
    assert (attempt.number, attempt.score, attempt.passed) == (2, 100, True)
    assert attempt.created_at == later
    assert enrolment.completed_at == later


def test_a_failed_quiz_is_not_done_and_a_later_failure_does_not_undo_a_pass(enrolment, activities):
    quiz = activities["quiz"]

    failed, _ = services.quiz_attempt_submit(enrolment=enrolment, activity=quiz, answers=wrong_answers(quiz))
    assert (failed.score, failed.passed, statuses(enrolment)["quiz"]) == (0, False, "started")

    passed, _ = services.quiz_attempt_submit(enrolment=enrolment, activity=quiz, answers=right_answers(quiz))
    done_at = ActivityProgress.objects.get(enrolment=enrolment, activity=quiz).completed_at
    assert done_at == passed.created_at

    services.quiz_attempt_submit(enrolment=enrolment, activity=quiz, answers=wrong_answers(quiz))
    progress = ActivityProgress.objects.get(enrolment=enrolment, activity=quiz)
    assert (progress.status, progress.completed_at) == ("done", done_at)
    assert list(enrolment.quiz_attempts.values_list("number", "score", "passed")) == [(3, 0, False), (2, 100, True), (1, 0, False)]


def test_a_reflection_counts_once_it_has_text(enrolment, activities):
    reflection = activities["reflection"]

    services.reflection_save(enrolment=enrolment, activity=reflection, text="   \n ")
    assert statuses(enrolment)["reflection"] == "started"

    services.reflection_save(enrolment=enrolment, activity=reflection, text="A first thought.")
    assert statuses(enrolment)["reflection"] == "done"
    assert enrolment.reflections.get().text == "A first thought."


def test_the_optional_resource_can_be_marked_done_but_is_not_counted(enrolment, activities):
    services.activity_mark_done(enrolment=enrolment, activity=activities["resource"])

    assert statuses(enrolment) == {"resource": "done"}
    assert services.enrolment_complete_if_done(enrolment=enrolment) is False


def test_a_completed_module_stays_completed_when_a_required_activity_is_added(enrolment, activities, coordinator, module):
    do_all_but_evidence(enrolment, activities)
    services.evidence_approve(submission=submit_pdf(enrolment, activities["evidence"]), reviewer=coordinator)
    enrolment.refresh_from_db()
    completed_at = enrolment.completed_at

    ActivityFactory(module=module, order=6, kind=Activity.Kind.READING)
    assert services.enrolment_complete_if_done(enrolment=enrolment) is False

    enrolment.refresh_from_db()
    assert enrolment.completed_at == completed_at


def test_a_module_without_required_activities_is_never_completed(staff):
    module = ModuleFactory()
    optional = ActivityFactory(module=module, order=1, kind=Activity.Kind.READING, required=False)
    enrolment = services.enrolment_start(user=staff, module=module)

    services.activity_mark_done(enrolment=enrolment, activity=optional)

    enrolment.refresh_from_db()
    assert enrolment.completed_at is None


def test_completion_is_decided_once(enrolment, activities, coordinator):
    do_all_but_evidence(enrolment, activities)
    services.evidence_approve(submission=submit_pdf(enrolment, activities["evidence"]), reviewer=coordinator)

    assert services.enrolment_complete_if_done(enrolment=enrolment) is False  # already complete


def test_an_activity_of_another_module_is_refused(enrolment):
    other = ActivityFactory(kind=Activity.Kind.READING)

    with pytest.raises(ValueError):
        services.activity_mark_done(enrolment=enrolment, activity=other)
    assert not ActivityProgress.objects.exists()


def test_done_moments_are_kept_per_activity(enrolment, activities):
    start = datetime(2030, 1, 1, 9, 0, tzinfo=tz.utc)
    with mock.patch("django.utils.timezone.now", return_value=start):
        services.activity_mark_done(enrolment=enrolment, activity=activities["reading"])
    with mock.patch("django.utils.timezone.now", return_value=start + timedelta(days=2)):
        services.reflection_save(enrolment=enrolment, activity=activities["reflection"], text="x")
        services.activity_mark_done(enrolment=enrolment, activity=activities["reading"])  # again: keeps its moment

    moments = dict(ActivityProgress.objects.filter(enrolment=enrolment).values_list("activity__kind", "completed_at"))
    assert moments == {"reading": start, "reflection": start + timedelta(days=2)}
