"""The rookie-to-expert path model, versioned, and the personal development plan."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PathModelQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PathModel.Status.PUBLISHED)


class PathModel(models.Model):
    """One version of a path model. A published version never changes."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    code = models.SlugField(_("code"), max_length=50, help_text=_("Stable name shared by all versions, e.g. rexvet."))
    name = models.CharField(_("name"), max_length=200)
    version = models.PositiveIntegerField(_("version"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    threshold_percent = models.PositiveSmallIntegerField(
        _("threshold (%)"),
        default=80,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("A level is reached at this whole percentage of its maximum score."),
    )
    description = models.TextField(_("description"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PathModelQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-version"]
        verbose_name = _("path model version")
        verbose_name_plural = _("path model versions")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="pathmodel_unique_code_version"),
            models.CheckConstraint(
                condition=Q(threshold_percent__gte=1, threshold_percent__lte=100),
                name="pathmodel_threshold_1_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} v{self.version} ({self.get_status_display()})"

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED


def _refuse_published(path_model: "PathModel | None") -> None:
    # Add forms for parts of a model would otherwise slip new rows into a published version.
    if path_model is not None and path_model.is_published:
        raise ValidationError(_("This belongs to a published path-model version, which cannot change."))


class Level(models.Model):
    path_model = models.ForeignKey(PathModel, on_delete=models.CASCADE, related_name="levels")
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveSmallIntegerField(_("order"), help_text=_("1 for the first level; ordinal on results."))
    description = models.TextField(_("description"), blank=True)

    def clean(self) -> None:
        _refuse_published(self.path_model if self.path_model_id else None)

    class Meta:
        # Orders are not unique in the database, so that admins can swap two in one save
        # of a draft; publishing refuses a version whose orders repeat.
        ordering = ["path_model", "order", "code"]
        verbose_name = _("level")
        verbose_name_plural = _("levels")
        constraints = [
            models.UniqueConstraint(fields=["path_model", "code"], name="level_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name


class Direction(models.Model):
    """A track at a branched level, e.g. Advanced at home / abroad."""

    level = models.ForeignKey(Level, on_delete=models.CASCADE, related_name="directions")
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=100)
    short_name = models.CharField(_("short name"), max_length=50, help_text=_('As in "Advanced (at home)".'))
    order = models.PositiveSmallIntegerField(_("order"))
    description = models.TextField(_("description"), blank=True)

    def clean(self) -> None:
        _refuse_published(self.level.path_model if self.level_id else None)

    class Meta:
        ordering = ["level", "order", "code"]
        verbose_name = _("direction")
        verbose_name_plural = _("directions")
        constraints = [
            models.UniqueConstraint(fields=["level", "code"], name="direction_unique_code"),
        ]

    def __str__(self) -> str:
        return f"{self.level.name} ({self.short_name})"


class Area(models.Model):
    path_model = models.ForeignKey(PathModel, on_delete=models.CASCADE, related_name="areas")
    code = models.SlugField(_("code"), max_length=50, help_text=_("Stable across versions; trends match on it."))
    name = models.CharField(_("name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=40, help_text=_("Used on charts."))
    order = models.PositiveSmallIntegerField(_("order"))
    description = models.TextField(_("description"), blank=True)

    def clean(self) -> None:
        _refuse_published(self.path_model if self.path_model_id else None)

    class Meta:
        ordering = ["path_model", "order", "code"]
        verbose_name = _("competence area")
        verbose_name_plural = _("competence areas")
        constraints = [
            models.UniqueConstraint(fields=["path_model", "code"], name="area_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name


class _AtLevel(models.Model):
    """Something that belongs to an area at a level, and at a direction of a branched level."""

    area = models.ForeignKey(Area, on_delete=models.CASCADE)
    level = models.ForeignKey(Level, on_delete=models.CASCADE)
    direction = models.ForeignKey(Direction, on_delete=models.CASCADE, null=True, blank=True)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.area_id and self.area.path_model.is_published:
            raise ValidationError(_("This belongs to a published path-model version, which cannot change."))
        if self.direction_id and self.direction.level_id != self.level_id:
            raise ValidationError({"direction": _("This direction belongs to another level.")})
        if self.area_id and self.level_id and self.area.path_model_id != self.level.path_model_id:
            raise ValidationError({"level": _("This level belongs to another path model version.")})


class Descriptor(_AtLevel):
    """What the level looks like in this area ("what it looks like")."""

    text = models.TextField(_("what it looks like"))

    class Meta:
        verbose_name = _("descriptor")
        verbose_name_plural = _("descriptors")
        default_related_name = "descriptors"
        constraints = [
            models.UniqueConstraint(
                fields=["area", "level"], condition=Q(direction__isnull=True), name="descriptor_unique_level"
            ),
            models.UniqueConstraint(
                fields=["area", "level", "direction"],
                condition=Q(direction__isnull=False),
                name="descriptor_unique_direction",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class Statement(_AtLevel):
    """A can-do statement ("I can …") that the self-assessment asks about."""

    code = models.SlugField(_("code"), max_length=50, help_text=_("Stable across versions."))
    text = models.TextField(_("statement"))
    order = models.PositiveSmallIntegerField(_("order"))

    class Meta:
        ordering = ["area__order", "level__order", "direction__order", "order"]
        verbose_name = _("can-do statement")
        verbose_name_plural = _("can-do statements")
        default_related_name = "statements"
        constraints = [
            models.UniqueConstraint(fields=["area", "code"], name="statement_unique_code"),
        ]

    def __str__(self) -> str:
        return self.text


# --- The personal development plan -------------------------------------------------


class DevelopmentPlan(models.Model):
    """Created from a submitted self-assessment result; one per result.

    Its owner edits goals, dates and directions and asks a coordinator of their organisation
    to agree it: draft → awaiting agreement → agreed, or returned with a comment (and asked
    again). Changing an agreed plan makes it a draft again. Levels never change here.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING = "awaiting", _("Waiting for agreement")
        RETURNED = "returned", _("Returned for changes")
        AGREED = "agreed", _("Agreed")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="plans")
    # String reference: the plan points back at mapping without pathways importing it.
    result = models.OneToOneField("mapping.Result", on_delete=models.PROTECT, related_name="plan")
    path_model = models.ForeignKey(PathModel, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    asked_at = models.DateTimeField(_("agreement asked on"), null=True, blank=True)
    agreed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    agreed_at = models.DateTimeField(_("agreed on"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("development plan")
        verbose_name_plural = _("development plans")
        constraints = [
            models.CheckConstraint(
                condition=Q(status="agreed", agreed_at__isnull=False) | (~Q(status="agreed") & Q(agreed_at__isnull=True)),
                name="plan_agreed_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.owner} – {self.created_at:%Y-%m-%d}"

    @property
    def is_agreed(self) -> bool:
        return self.status == self.Status.AGREED

    @property
    def is_awaiting(self) -> bool:
        return self.status == self.Status.AWAITING

    @property
    def may_ask(self) -> bool:
        """The owner may ask for agreement of a draft or a returned plan."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class PlanItem(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="+")
    current_ordinal = models.PositiveSmallIntegerField(_("current level"), null=True, blank=True)
    current_label = models.CharField(_("current level"), max_length=120)
    next_level = models.ForeignKey(Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    direction = models.ForeignKey(Direction, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    broaden_direction = models.ForeignKey(
        Direction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    module = models.ForeignKey("training.Module", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    # The other direction, offered to broaden (set from the result, or by the direction
    # chosen); `broaden` is whether the person took it up as a step of their plan.
    broaden = models.BooleanField(_("also work on the other direction"), default=False)
    broaden_module = models.ForeignKey(
        "training.Module", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goals = models.TextField(_("my goals"), blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)

    class Meta:
        ordering = ["area__order"]
        constraints = [models.UniqueConstraint(fields=["plan", "area"], name="planitem_unique_area")]

    def __str__(self) -> str:
        return f"{self.area} – {self.current_label}"

    @property
    def may_choose_direction(self) -> bool:
        """Where the next level has directions (Advanced), the person picks one."""
        return self.next_level_id is not None and self.direction_id is not None

    def target_date_allowed(self, value: date | None, *, today: date) -> bool:
        """A new target date may not be in the past; the date already saved may stay."""
        return value is None or value >= today or value == self.target_date


class PlanEvent(models.Model):
    """One step of a plan's agreement, kept for ever: who asked, agreed or returned it, with
    what comment, and when. It is the plan's history and its audit trail."""

    class Action(models.TextChoices):
        ASKED = "asked", _("Asked for agreement")
        AGREED = "agreed", _("Agreed")
        RETURNED = "returned", _("Returned for changes")
        REOPENED = "reopened", _("Changed after agreement was asked")

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="events")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    text = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("when"), default=timezone.now)
    # Claimed by the e-mail task, so that a task run twice e-mails nobody twice.
    mailed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("plan event")
        verbose_name_plural = _("plan events")

    def __str__(self) -> str:
        return f"{self.plan}: {self.get_action_display()} ({self.created_at:%Y-%m-%d %H:%M})"


def _plan_pdf_path(instance: "PlanPDF", filename: str) -> str:
    return f"plans/{instance.plan_id}/{filename}"


class PlanPDF(models.Model):
    """One rendering of a plan. The file, once written, never changes."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RENDERING = "rendering", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")

    PENDING = (Status.QUEUED, Status.RENDERING)

    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="pdfs")
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField(upload_to=_plan_pdf_path, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("plan PDF")
        verbose_name_plural = _("plan PDFs")
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="planpdf_unique_number"),
            # One rendering in flight per plan: a second click cannot start a second task.
            models.UniqueConstraint(
                fields=["plan"], condition=Q(status__in=["queued", "rendering"]), name="planpdf_one_pending"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status in self.PENDING
