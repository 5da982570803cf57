"""Reminders: a coordinator asks Celery to e-mail everyone who has not submitted; nobody
gets more than one reminder a day about a round, however often it is pressed."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from mapping import tasks
from mapping.invitations import round_reminders_request, round_reminders_send
from mapping.models import Reminder, Response, Round
from mapping.services import RoundClosed
from rexvet.testing.factories import MembershipFactory, RoundFactory, UserFactory

REMIND = "/mapping/coordinate/rounds/{round}/reminders/"


@pytest.fixture
def people(org, other_org, open_round, coordinator, staff, colleague, other_coordinator):
    """Kuressaare: the coordinator and Mart have not started, staff has a draft, the
    colleague has submitted; Liis is inactive. ENAC's coordinator is in another organisation."""
    mart = MembershipFactory(organisation=org, user=UserFactory(email="mart@kuressaare.example", full_name="Mart Kask")).user
    liis = MembershipFactory(
        organisation=org, user=UserFactory(email="liis@kuressaare.example", full_name="Liis", is_active=False)
    ).user
    Response.objects.create(round=open_round, user=staff)
    Response.objects.create(round=open_round, user=colleague, status=Response.Status.SUBMITTED)
    return {"mart": mart, "liis": liis}


EXPECTED = ["kadri@kuressaare.example", "mart@kuressaare.example", "ulle@kuressaare.example"]


def recipients() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_everyone_who_has_not_submitted_is_reminded_drafts_included(open_round, people):
    sent = round_reminders_send(round_id=open_round.pk)

    assert sent == 3
    assert recipients() == EXPECTED
    assert Reminder.objects.filter(round=open_round, sent_on=timezone.localdate()).count() == 3


def test_sending_twice_on_the_same_day_emails_each_person_once(open_round, people):
    first = round_reminders_send(round_id=open_round.pk)
    second = tasks.send_round_reminders(open_round.pk)  # the task, as the worker runs it

    assert (first, second) == (3, None)
    assert recipients() == EXPECTED
    assert Reminder.objects.count() == 3


def test_a_reminder_claimed_by_another_run_is_not_sent_again(open_round, people, staff):
    # Another worker created the row first (and is sending): this run skips that person.
    Reminder.objects.create(round=open_round, user=staff, sent_on=timezone.localdate())

    assert round_reminders_send(round_id=open_round.pk) == 2
    assert "ulle@kuressaare.example" not in recipients()


def test_yesterdays_reminder_does_not_stop_todays(open_round, people, staff):
    Reminder.objects.create(round=open_round, user=staff, sent_on=timezone.localdate() - timedelta(days=1))

    assert round_reminders_send(round_id=open_round.pk) == 3
    assert recipients() == EXPECTED


def test_the_email_says_where_to_continue(open_round, people, staff):
    round_reminders_send(round_id=open_round.pk)

    to_staff = next(m for m in mail.outbox if m.to == [staff.email])
    to_mart = next(m for m in mail.outbox if m.to == ["mart@kuressaare.example"])
    assert to_staff.subject == "[REXVET Paths] Reminder: your self-assessment in Kuressaare mapping 2026"
    assert "You have started your self-assessment in Kuressaare mapping 2026 but not submitted it yet." in to_staff.body
    assert f"http://127.0.0.1:8000/mapping/rounds/{open_round.pk}/" in to_staff.body
    assert "Kuressaare Ametikool asks its staff to take the self-assessment" in to_mart.body
    assert "Start my self-assessment" in to_mart.alternatives[0][0]


def test_a_failed_email_gives_its_claim_back(open_round, people):
    with mock.patch("mapping.invitations.email_send", side_effect=ConnectionError("SMTP down")):
        assert round_reminders_send(round_id=open_round.pk) == 0

    assert Reminder.objects.count() == 0
    assert round_reminders_send(round_id=open_round.pk) == 3


def test_a_closed_round_sends_no_reminders(open_round, people):
    Round.objects.filter(pk=open_round.pk).update(closed_at=timezone.now())

    assert round_reminders_send(round_id=open_round.pk) == 0
    assert mail.outbox == []
    open_round.refresh_from_db()
    with pytest.raises(RoundClosed):
        round_reminders_request(round=open_round, acting_user=None)


# --- The button ------------------------------------------------------------------------


def test_the_page_reports_how_many_are_queued_and_sends_one_task(client, coordinator, open_round, people, django_capture_on_commit_callbacks):
    client.force_login(coordinator)

    with mock.patch.object(tasks.send_round_reminders, "delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            reply = client.post(REMIND.format(round=open_round.pk), follow=True)

    delay.assert_called_once_with(open_round.pk)
    assert [str(m) for m in reply.context["messages"]] == [
        "Reminders are on their way to 3 people who have not submitted."
    ]


def test_pressing_again_after_everyone_was_reminded_queues_nothing(client, coordinator, open_round, people):
    round_reminders_send(round_id=open_round.pk)
    client.force_login(coordinator)

    with mock.patch.object(tasks.send_round_reminders, "delay_on_commit") as enqueue:
        reply = client.post(REMIND.format(round=open_round.pk), follow=True)

    enqueue.assert_not_called()
    assert [str(m) for m in reply.context["messages"]] == [
        "Nobody to remind: everyone has submitted, or was reminded today already."
    ]


def test_pressing_twice_on_the_same_day_emails_each_person_once(client, coordinator, open_round, people):
    client.force_login(coordinator)
    run = mock.patch.object(
        tasks.send_round_reminders, "delay_on_commit", side_effect=lambda round_id: tasks.send_round_reminders(round_id)
    )

    with run:
        client.post(REMIND.format(round=open_round.pk))
        client.post(REMIND.format(round=open_round.pk))

    assert recipients() == EXPECTED


def test_a_closed_round_refuses_the_button(client, coordinator, open_round, people):
    Round.objects.filter(pk=open_round.pk).update(closed_at=timezone.now())
    client.force_login(coordinator)

    with mock.patch.object(tasks.send_round_reminders, "delay_on_commit") as enqueue:
        reply = client.post(REMIND.format(round=open_round.pk), follow=True)

    enqueue.assert_not_called()
    assert [str(m) for m in reply.context["messages"]] == ["This round is not open, so no reminders are sent."]
    assert Reminder.objects.count() == 0


def test_a_round_not_open_yet_refuses_the_button(client, coordinator, org, rexvet_model, people):
    later = RoundFactory(
        organisation=org, path_model=rexvet_model, opens_on=timezone.localdate() + timedelta(days=3)
    )
    client.force_login(coordinator)

    with mock.patch.object(tasks.send_round_reminders, "delay_on_commit") as enqueue:
        client.post(REMIND.format(round=later.pk))

    enqueue.assert_not_called()


# --- With a real worker -----------------------------------------------------------------


@pytest.mark.worker
def test_a_real_worker_sends_the_reminders_after_commit_and_once(celery_worker_process, open_round, people, coordinator):
    from django.db import transaction

    from rexvet.testing.worker import wait_for

    with transaction.atomic():
        queued = round_reminders_request(round=open_round, acting_user=coordinator)

    assert queued == 3
    assert wait_for(lambda: Reminder.objects.filter(round=open_round).count() == 3), celery_worker_process.log()
    # The same task run twice more (a redelivery, a second press): nobody is reminded again.
    tasks.send_round_reminders.delay(open_round.pk)
    tasks.send_round_reminders.delay(open_round.pk)
    finished = re.compile(r"mapping\.tasks\.send_round_reminders\[[^\]]+\] succeeded")
    assert wait_for(lambda: len(finished.findall(celery_worker_process.log())) == 3), celery_worker_process.log()
    assert Reminder.objects.filter(round=open_round).count() == 3
    assert round_reminders_request(round=open_round, acting_user=coordinator) == 0
