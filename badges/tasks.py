"""Celery tasks of the badges app: thin, they take ids and call a service (safe twice)."""

from celery import shared_task

from .services import badge_award_for_enrolment


@shared_task(ignore_result=True)
def award_for_enrolment(enrolment_id: int) -> None:
    badge_award_for_enrolment(enrolment_id=enrolment_id)
