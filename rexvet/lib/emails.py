"""Send an e-mail made of three templates: <name>_subject.txt, <name>_message.txt and
<name>_message.html, rendered with the same context."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def email_render(*, template: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, HTML) of the e-mail `template`, e.g. "mapping/email/invitation"."""
    subject = render_to_string(f"{template}_subject.txt", context)
    # A subject is one line, whatever the template's line breaks.
    subject = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    text = render_to_string(f"{template}_message.txt", context)
    html = render_to_string(f"{template}_message.html", context)
    return subject, text, html


def email_send(*, template: str, context: dict, to: str, reply_to: str | None = None) -> None:
    subject, text, html = email_render(template=template, context=context)
    message = EmailMultiAlternatives(
        subject=subject, body=text, to=[to], reply_to=[reply_to] if reply_to else None
    )
    message.attach_alternative(html, "text/html")
    message.send()
