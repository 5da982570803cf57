from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "training"
    verbose_name = _("Training package")

    def ready(self) -> None:
        # Portable path-model documents carry the modules' place on the path.
        from .portable import register

        register()
