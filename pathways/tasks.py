from celery import shared_task

from .services import plan_pdf_render


@shared_task(ignore_result=True)
def render_plan_pdf(pdf_id: int) -> None:
    plan_pdf_render(pdf_id=pdf_id)
