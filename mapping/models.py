"""Mapping rounds, self-assessment responses, answers and results."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pathways.models import Area, Direction, Level, PathModel, Statement
from pathways.scoring import ANSWER_VALUES, NOT_APPLICABLE, NOT_YET, PARTLY, YES


class RoundQuerySet(models.QuerySet):
    def open(self, today=None):
        today = today or timezone.localdate()
        return self.filter(opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True)

    def for_user(self, user):
        """Rounds of the organisations the user belongs to, and partnership-wide rounds."""
        return self.filter(Q(organisation__memberships__user=user) | Q(organisation__isnull=True)).distinct()


class Round(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="rounds",
        help_text=_("Empty for a partnership-wide round."),
    )
    name = models.CharField(_("name"), max_length=200)
    path_model = models.ForeignKey(
        PathModel,
        on_delete=models.PROTECT,
        related_name="rounds",
        limit_choices_to={"status": PathModel.Status.PUBLISHED},
        help_text=_("The published path-model version this round asks about."),
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Coordinators see only aggregates of groups of at least the minimum size."),
    )
    min_group_size = models.PositiveSmallIntegerField(
        _("minimum group size"), default=5, help_text=_("Anonymous rounds show no figure for a smaller group.")
    )
    closed_at = models.DateTimeField(_("closed early at"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-opens_on", "name"]
        verbose_name = _("mapping round")
        verbose_name_plural = _("mapping rounds")
        constraints = [
            models.CheckConstraint(condition=Q(closes_on__gte=models.F("opens_on")), name="round_closes_after_opening")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        if self.path_model_id and not self.path_model.is_published:
            raise ValidationError({"path_model": _("A round can only use a published path-model version.")})
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The round must close on or after the day it opens.")})

    def is_open_on(self, day) -> bool:
        return self.closed_at is None and self.opens_on <= day <= self.closes_on

    @property
    def is_open(self) -> bool:
        return self.is_open_on(timezone.localdate())

    def state_on(self, day) -> str:
        """ "upcoming", "open" or "closed" (on its closing date, or early)."""
        if self.closed_at is not None or self.closes_on < day:
            return "closed"
        return "upcoming" if day < self.opens_on else "open"

    @property
    def state(self) -> str:
        return self.state_on(timezone.localdate())


class Response(models.Model):
    """One person's self-assessment in one round: a draft until submitted, then final."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("In progress")
        SUBMITTED = "submitted", _("Submitted")

    round = models.ForeignKey(Round, on_delete=models.PROTECT, related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="responses")
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    preferred_direction = models.ForeignKey(
        Direction, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    last_page = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("self-assessment response")
        verbose_name_plural = _("self-assessment responses")
        constraints = [
            # One response per person and round: a new round makes a new response.
            models.UniqueConstraint(fields=["round", "user"], name="response_unique_round_user"),
        ]

    def __str__(self) -> str:
        return f"{self.round} – {self.get_status_display()}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    class Value(models.TextChoices):
        NOT_YET_ = NOT_YET, _("Not yet")
        PARTLY_ = PARTLY, _("Partly")
        YES_ = YES, _("Yes, confidently")
        NOT_APPLICABLE_ = NOT_APPLICABLE, _("Not applicable")

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(max_length=10, choices=Value.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["response", "statement"], name="answer_unique_statement"),
            models.CheckConstraint(condition=Q(value__in=ANSWER_VALUES), name="answer_value_on_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.value}"


class Result(models.Model):
    """The scored outcome of a submitted response, frozen with the model version used."""

    response = models.OneToOneField(Response, on_delete=models.PROTECT, related_name="result")
    path_model = models.ForeignKey(PathModel, on_delete=models.PROTECT, related_name="results")
    threshold_percent = models.PositiveSmallIntegerField()
    overall_stage = models.PositiveSmallIntegerField(null=True, blank=True)
    overall_label = models.CharField(max_length=120)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self) -> str:
        return f"{self.response} – {self.overall_label}"


class AreaResult(models.Model):
    result = models.ForeignKey(Result, on_delete=models.CASCADE, related_name="areas")
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="results")
    area_code = models.SlugField(max_length=50)
    ordinal = models.PositiveSmallIntegerField(null=True, blank=True, help_text=_("Empty: not assessed."))
    label = models.CharField(max_length=120, help_text=_('e.g. "Advanced (at home)".'))
    level = models.ForeignKey(Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reached_directions = models.JSONField(default=list)
    next_level = models.ForeignKey(Level, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    next_direction = models.ForeignKey(Direction, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    broaden_directions = models.JSONField(default=list)
    tracks = models.JSONField(default=list, help_text=_("Score, maximum and share per level and direction."))

    class Meta:
        ordering = ["area__order"]
        constraints = [models.UniqueConstraint(fields=["result", "area"], name="arearesult_unique_area")]

    def __str__(self) -> str:
        return f"{self.area_code}: {self.label}"

    @property
    def assessed(self) -> bool:
        return self.ordinal is not None


class Invitation(models.Model):
    """An e-mail invitation to join an organisation; accepting it creates the membership."""

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    full_name = models.CharField(_("name"), max_length=200, blank=True)
    department = models.CharField(_("department"), max_length=120, blank=True)
    job_role = models.CharField(_("job role"), max_length=120, blank=True)
    token = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                "organisation", models.functions.Lower("email"), name="invitation_unique_org_email"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} → {self.organisation}"


class Reminder(models.Model):
    """A reminder e-mail sent to one person about one round; at most one a day."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="reminders")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_on = models.DateField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "user", "sent_on"], name="reminder_once_a_day"),
        ]


class OrganisationTarget(models.Model):
    """The link to strategy: "we want 30 % of staff at Advanced or above in languages by 2027".

    Named by stable codes, so a target outlives path-model versions.
    """

    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.CASCADE, related_name="targets")
    area_code = models.SlugField(_("competence area"), max_length=50)
    level_code = models.SlugField(_("level"), max_length=50, help_text=_("At or above this level (either direction)."))
    share_percent = models.PositiveSmallIntegerField(
        _("target share (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    target_date = models.DateField(_("by"))
    set_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["area_code", "level_code"]
        verbose_name = _("organisation target")
        verbose_name_plural = _("organisation targets")
        constraints = [
            models.UniqueConstraint(fields=["organisation", "area_code", "level_code"], name="target_unique_area_level"),
            models.CheckConstraint(condition=Q(share_percent__gte=1, share_percent__lte=100), name="target_share_1_100"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.share_percent} % at {self.level_code}+ in {self.area_code} by {self.target_date}"
