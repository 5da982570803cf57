"""Celery tasks of the mapping app: thin, they take ids and call a service."""

from celery import shared_task

from .invitations import invitations_send, round_reminders_send


@shared_task(ignore_result=True)
def send_invitations(invitation_ids: list[int]) -> None:
    invitations_send(invitation_ids=invitation_ids)


@shared_task(ignore_result=True)
def send_round_reminders(round_id: int) -> None:
    round_reminders_send(round_id=round_id)
