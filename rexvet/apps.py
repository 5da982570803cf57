from django.apps import AppConfig


class RexvetConfig(AppConfig):
    name = "rexvet"
    verbose_name = "REXVET Paths"

    def ready(self) -> None:
        # Load the Celery app once settings are configured, so shared tasks bind to it.
        # (Importing it from rexvet/__init__ would pick a settings module too early.)
        from . import celery  # noqa: F401
