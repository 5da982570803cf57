"""The training package. This first slice holds the module catalogue that plans recommend."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ModuleQuerySet(models.QuerySet):
    def for_step(self, level_id: int, direction_id: int | None):
        return self.filter(level_id=level_id, direction_id=direction_id)


class Module(models.Model):
    code = models.CharField(_("code"), max_length=10, help_text=_("As numbered by REXVET: 1, 2.1, 2.2, 3."))
    title = models.CharField(_("title"), max_length=200)
    level = models.ForeignKey("pathways.Level", on_delete=models.PROTECT, related_name="modules")
    direction = models.ForeignKey(
        "pathways.Direction", on_delete=models.PROTECT, null=True, blank=True, related_name="modules"
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
        constraints = [models.UniqueConstraint(fields=["level", "code"], name="module_unique_code_per_level")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def outcome_list(self) -> list[str]:
        return [line.strip() for line in self.outcomes.splitlines() if line.strip()]
