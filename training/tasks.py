"""Celery tasks of the training app: thin, they take ids and call a service.

Both are enqueued with delay_on_commit and safe to run twice (the services claim the
e-mail on the row before sending).
"""

from celery import shared_task

from .services import evidence_mail_reviewed, evidence_mail_submitted


@shared_task(ignore_result=True)
def mail_evidence_submitted(submission_id: int) -> None:
    evidence_mail_submitted(submission_id=submission_id)


@shared_task(ignore_result=True)
def mail_evidence_reviewed(submission_id: int) -> None:
    evidence_mail_reviewed(submission_id=submission_id)
