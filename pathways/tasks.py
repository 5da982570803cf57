"""Celery tasks of the path-model app: thin, they take ids and call a service.

Both are enqueued with delay_on_commit and safe to run twice (the services claim the row).
"""

from celery import shared_task

from .services import plan_event_mail, plan_pdf_render


@shared_task(ignore_result=True)
def render_plan_pdf(pdf_id: int) -> None:
    plan_pdf_render(pdf_id=pdf_id)


@shared_task(ignore_result=True)
def mail_plan_event(event_id: int) -> None:
    plan_event_mail(event_id=event_id)
