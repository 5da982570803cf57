"""E-mails made of subject, text and HTML templates."""

from django.core import mail

from rexvet.lib.emails import email_render, email_send


def test_the_subject_is_one_line_with_the_prefix():
    subject, text, html = email_render(
        template="mapping/email/reminder",
        context={"round": {"name": "Kuressaare\nmapping 2026", "closes_on": None}, "user": {"get_short_name": "Ülle"},
                 "organisation": {"name": "Kuressaare Ametikool"}, "url": "http://x.example/"},
    )

    assert subject == "[REXVET Paths] Reminder: your self-assessment in Kuressaare mapping 2026"
    assert text.startswith("Hello Ülle,")
    assert html.startswith("<!DOCTYPE html>")


def test_it_sends_text_with_an_html_alternative_and_reply_to():
    email_send(
        template="mapping/email/reminder",
        context={"round": {"name": "R"}, "user": {"get_short_name": "Ann"}, "organisation": {"name": "O"}, "url": "u"},
        to="ann@x.example",
        reply_to="coordinator@x.example",
    )

    (message,) = mail.outbox
    assert message.to == ["ann@x.example"]
    assert message.reply_to == ["coordinator@x.example"]
    assert message.alternatives[0][1] == "text/html"
