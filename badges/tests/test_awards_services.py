"""Awarding, revoking and re-issuing through badges.services: safe twice, dated when the
criteria were met, audit-logged with who did it."""

import hashlib
from datetime import datetime, timedelta, timezone as tz
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from badges import tasks
from badges.models import Assertion, BadgeEvent
from badges.services import (
    badge_award,
    badge_award_for_enrolment,
    badge_reissue,
    badge_revoke,
    badges_award_missing,
    recipient_hash,
    recipient_matches,
)
from training import services as training
from training.models import Enrolment
from training.tests.factories import ActivityFactory

from .conftest import CRITERIA_MET


def events(assertion) -> list[tuple[str, int | None, str]]:
    return list(BadgeEvent.objects.filter(assertion=assertion).order_by("at", "pk").values_list("action", "actor_id", "note"))


def test_awarding_twice_returns_the_same_assertion_and_logs_one_award(module_badge, staff, org):
    first = badge_award(recipient=staff, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET)
    second = badge_award(
        recipient=staff, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET + timedelta(days=3)
    )

    assert first.created is True
    assert second.created is False
    assert second.assertion.pk == first.assertion.pk
    assert Assertion.objects.filter(recipient=staff).count() == 1
    assert events(first.assertion) == [("awarded", None, "")]


def test_issued_on_is_the_moment_the_criteria_were_met_not_now(award):
    award.refresh_from_db()

    assert award.issued_on == CRITERIA_MET
    # The award was recorded now, which is another moment.
    assert abs(timezone.now() - award.created_at) < timedelta(minutes=1)
    assert award.created_at != award.issued_on


def test_a_naive_moment_is_refused(module_badge, staff, org):
    with pytest.raises(ValueError):
        badge_award(recipient=staff, badge_class=module_badge, organisation=org, issued_on=datetime(2026, 1, 1, 12, 0))
    assert Assertion.objects.count() == 0


def test_expiry_is_counted_from_the_issue_moment_with_the_classes_validity(module_badge, staff, org):
    module_badge.valid_for_days = 365
    module_badge.save()

    assertion = badge_award(recipient=staff, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET).assertion

    assertion.refresh_from_db()
    assert assertion.expires_on == datetime(2027, 11, 20, 10, 15, 0, tzinfo=tz.utc)


def test_an_explicit_expiry_wins_over_the_classes_validity(module_badge, staff, org):
    module_badge.valid_for_days = 365
    module_badge.save()
    until = datetime(2026, 12, 31, 22, 0, tzinfo=tz.utc)

    assertion = badge_award(recipient=staff, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET, expires_on=until).assertion

    assertion.refresh_from_db()
    assert assertion.expires_on == until


def test_a_badge_without_validity_never_expires(award):
    assert award.expires_on is None
    assert award.status_at(datetime(2099, 1, 1, tzinfo=tz.utc)) == "valid"


def test_revoking_records_reason_who_and_when_and_a_second_revoke_keeps_the_first(award, coordinator, other_coordinator):
    before = timezone.now()

    badge_revoke(assertion=award, reason="  Awarded to the wrong person.  ", acting_user=coordinator)
    badge_revoke(assertion=award, reason="Another reason", acting_user=other_coordinator)

    award.refresh_from_db()
    assert award.revocation_reason == "Awarded to the wrong person."
    assert award.revoked_by == coordinator
    assert before <= award.revoked_at <= timezone.now()
    assert award.status == "revoked"
    assert events(award) == [("awarded", None, ""), ("revoked", coordinator.pk, "Awarded to the wrong person.")]
    assert BadgeEvent.objects.get(assertion=award, action="revoked").at == award.revoked_at


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_an_empty_reason_is_refused_and_nothing_changes(award, coordinator, reason):
    with pytest.raises(ValidationError) as refused:
        badge_revoke(assertion=award, reason=reason, acting_user=coordinator)

    assert list(refused.value.message_dict) == ["reason"]
    award.refresh_from_db()
    assert award.revoked_at is None
    assert award.revocation_reason == ""
    assert events(award) == [("awarded", None, "")]


def test_reissue_makes_a_new_badge_and_keeps_the_original(award, coordinator):
    badge_revoke(assertion=award, reason="Wrong e-mail address.", acting_user=coordinator)

    new = badge_reissue(assertion=award, acting_user=coordinator)

    award.refresh_from_db()
    assert new.pk != award.pk
    assert new.uid != award.uid
    assert new.reissue_of == award
    assert new.recipient == award.recipient
    assert new.badge_class == award.badge_class
    assert new.organisation == award.organisation
    assert new.awarded_by == coordinator
    assert new.narrative == award.narrative
    # The same criteria, met on the same day: the re-issue is dated as the original.
    assert new.issued_on == CRITERIA_MET
    assert new.status == "valid"
    # The original keeps its own date, status and reason.
    assert award.issued_on == CRITERIA_MET
    assert (award.status, award.revocation_reason) == ("revoked", "Wrong e-mail address.")
    assert events(new) == [("reissued", coordinator.pk, f"Re-issue of {award.uid}")]
    assert events(award)[-1] == ("reissued", coordinator.pk, f"Re-issued as {new.uid}")


def test_reissuing_a_valid_badge_replaces_it_and_keeps_the_evidence_file(prior_learning_badge, staff, org, coordinator, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("proof.pdf", b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n", content_type="application/pdf")
    original = badge_award(
        recipient=staff, badge_class=prior_learning_badge, organisation=org, issued_on=CRITERIA_MET,
        acting_user=coordinator, narrative="Led two mobilities.", evidence_file=pdf,
    ).assertion

    new = badge_reissue(assertion=original, acting_user=coordinator)

    original.refresh_from_db()
    assert (new.evidence_file.name, new.evidence_file_name) == (original.evidence_file.name, "proof.pdf")
    assert new.evidence_file.read().startswith(b"%PDF-1.7")
    assert (original.status, original.revocation_reason) == ("revoked", f"Replaced by the re-issued badge {new.uid}.")
    assert Assertion.objects.filter(recipient=staff, badge_class=prior_learning_badge).valid_at(timezone.now()).count() == 1
    assert [a for a, _, _ in events(original)] == ["awarded", "reissued", "revoked"]


def test_a_second_reissue_of_the_same_original_is_refused(award, coordinator):
    first = badge_reissue(assertion=award, acting_user=coordinator)

    with pytest.raises(ValidationError):
        badge_reissue(assertion=award, acting_user=coordinator)

    assert list(Assertion.objects.filter(recipient=award.recipient).order_by("pk").values_list("pk", flat=True)) == [award.pk, first.pk]


def test_recipient_hash_is_sha256_of_the_lower_cased_email_and_the_salt():
    expected = "sha256$" + hashlib.sha256(b"ulle@kuressaare.example" + b"deadbeefsalt").hexdigest()

    assert recipient_hash("ulle@kuressaare.example", "deadbeefsalt") == expected
    assert recipient_hash("Ulle@Kuressaare.EXAMPLE", "deadbeefsalt") == expected
    assert expected == "sha256$" + hashlib.sha256("ulle@kuressaare.exampledeadbeefsalt".encode()).hexdigest()


def test_an_award_stores_the_hash_of_the_recipients_email_with_its_own_salt(award, staff):
    assert len(award.recipient_salt) == 32
    assert award.recipient_hash == "sha256$" + hashlib.sha256((staff.email + award.recipient_salt).encode()).hexdigest()
    assert recipient_matches(award, "ULLE@kuressaare.example")
    assert not recipient_matches(award, "tonu@kuressaare.example")


# --- Module badges, by rule ------------------------------------------------------------


@pytest.fixture
def module_one(module_badge):
    """Module 1 of the REXVET package with one required reading (enough to complete it)."""
    module = module_badge.module
    ActivityFactory(module=module, order=1, title="Read the introduction")
    return module


def completed_enrolment(user, module, at: datetime) -> Enrolment:
    enrolment = training.enrolment_start(user=user, module=module)
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=at)
    enrolment.refresh_from_db()
    return enrolment


def test_an_award_for_an_enrolment_is_dated_when_it_was_completed(module_one, module_badge, staff, org):
    completed = datetime(2025, 3, 4, 8, 30, tzinfo=tz.utc)
    enrolment = completed_enrolment(staff, module_one, completed)

    award = badge_award_for_enrolment(enrolment_id=enrolment.pk)

    assert award.created is True
    assertion = Assertion.objects.get(pk=award.assertion.pk)
    assert assertion.issued_on == completed
    assert assertion.badge_class == module_badge
    assert assertion.organisation == org
    assert assertion.enrolment == enrolment
    assert assertion.awarded_by is None
    assert assertion.narrative == f"Completed every required activity of module 1 “{module_one.title}” on 2025-03-04."


def test_an_enrolment_not_completed_earns_nothing(module_one, staff):
    enrolment = training.enrolment_start(user=staff, module=module_one)

    assert badge_award_for_enrolment(enrolment_id=enrolment.pk) is None
    assert Assertion.objects.count() == 0


def test_the_sweep_awards_what_completions_earned_and_is_idempotent(module_one, staff, colleague, coordinator):
    done = datetime(2025, 6, 1, 9, 0, tzinfo=tz.utc)
    completed_enrolment(staff, module_one, done)
    completed_enrolment(colleague, module_one, done + timedelta(hours=1))
    training.enrolment_start(user=coordinator, module=module_one)  # not completed

    assert badges_award_missing() == 2
    assert badges_award_missing() == 0

    assert sorted(Assertion.objects.values_list("recipient__email", "issued_on")) == [
        ("tonu@kuressaare.example", done + timedelta(hours=1)),
        ("ulle@kuressaare.example", done),
    ]
    assert BadgeEvent.objects.filter(action="awarded").count() == 2


def test_the_sweep_leaves_people_who_hold_the_badge_already(module_one, award, staff):
    completed_enrolment(staff, module_one, datetime(2025, 6, 1, 9, 0, tzinfo=tz.utc))

    assert badges_award_missing() == 0
    assert Assertion.objects.get().pk == award.pk


def test_completing_the_module_awards_its_badge_after_the_commit(module_one, module_badge, staff, django_capture_on_commit_callbacks):
    # The listener sends the Celery task; here it runs in this process, as a worker would.
    # (Patching delay keeps the test about *when* it is sent: only once the commit is done.)
    enrolment = training.enrolment_start(user=staff, module=module_one)
    reading = module_one.activities.get()
    with mock.patch.object(tasks.award_for_enrolment, "delay", side_effect=tasks.award_for_enrolment) as delay:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            training.activity_mark_done(enrolment=enrolment, activity=reading)
        # Completed, but nothing is sent before the transaction commits.
        assert delay.call_count == 0
        assert Assertion.objects.count() == 0
        for callback in callbacks:
            callback()

    delay.assert_called_once_with(enrolment.pk)
    enrolment.refresh_from_db()
    assertion = Assertion.objects.get(recipient=staff)
    assert assertion.badge_class == module_badge
    assert assertion.issued_on == enrolment.completed_at
    assert assertion.enrolment == enrolment


def test_a_validity_beyond_a_hundred_years_is_refused(module_badge):
    # A newcomer's 99,999,999 days overflowed the expiry date of every award (a 500).
    module_badge.valid_for_days = 36501
    with pytest.raises(ValidationError) as refused:
        module_badge.full_clean()
    assert list(refused.value.message_dict) == ["valid_for_days"]
