from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _award_module_badge(enrolment_id: int) -> None:
    # Called after the completing transaction commits (training.completion).
    from .tasks import award_for_enrolment

    award_for_enrolment.delay(enrolment_id)


class BadgesConfig(AppConfig):
    name = "badges"
    verbose_name = _("Digital badges")

    def ready(self) -> None:
        from training.completion import on_module_completed

        on_module_completed(_award_module_badge)
