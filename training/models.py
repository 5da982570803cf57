"""The training package. This first slice holds the module catalogue that plans recommend."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModuleQuerySet(models.QuerySet):
    def of_model(self, path_model_code: str):
        return self.filter(path_model_code=path_model_code)


class Module(models.Model):
    code = models.CharField(_("code"), max_length=10, help_text=_("As numbered by REXVET: 1, 2.1, 2.2, 3."))
    title = models.CharField(_("title"), max_length=200)
    # A module sits on the path by stable codes, so it stays the same module across
    # path-model versions (a new version does not fragment enrolments or badges).
    path_model_code = models.SlugField(_("path model"), max_length=50, default="rexvet", help_text=_("Code of the path model, e.g. rexvet."))
    level_code = models.SlugField(_("level"), max_length=50, help_text=_("Code of the level the module leads to, e.g. advanced."))
    direction_code = models.SlugField(
        _("direction"), max_length=50, blank=True, help_text=_("Code of the direction at a branched level, e.g. at-home; empty otherwise.")
    )
    summary = models.TextField(_("definition"), blank=True)
    for_you_if = models.TextField(_("this module is for you if …"), blank=True)
    outcomes = models.TextField(
        _("learning outcomes"), blank=True, help_text=_("One outcome per line: after this module you will be able to …")
    )
    estimated_hours = models.PositiveSmallIntegerField(_("estimated workload (hours)"), null=True, blank=True)

    objects = ModuleQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")
        constraints = [models.UniqueConstraint(fields=["path_model_code", "code"], name="module_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        from pathways.models import Direction, Level

        levels = Level.objects.filter(path_model__code=self.path_model_code, code=self.level_code)
        if not levels.exists():
            raise ValidationError({"level_code": _("No version of this path model has that level.")})
        directions = Direction.objects.filter(level__in=levels)
        if directions.exists() and not directions.filter(code=self.direction_code).exists():
            raise ValidationError({"direction_code": _("Name one of the directions of this level.")})
        if not directions.exists() and self.direction_code:
            raise ValidationError({"direction_code": _("This level has no directions: leave it empty.")})

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]
