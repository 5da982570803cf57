"""The training package: modules and their activities, and each person's work through them.

A module sits on the path by stable codes (path model, level, direction), so it stays the
same module across path-model versions. Enrolments, progress, reflections, quiz attempts and
evidence belong to one person; only they (and, for evidence, the coordinators of their
organisation) may see them.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy as _


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


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
    topics = models.TextField(_("topics"), blank=True, help_text=_("One topic per line."))
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
        return _lines(self.outcomes)

    @property
    def topic_list(self) -> list[str]:
        return _lines(self.topics)


class ModuleArea(models.Model):
    """A competence area the module covers, by the area's stable code (e.g. language)."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="areas")
    area_code = models.SlugField(_("area"), max_length=50, help_text=_("Code of the competence area, e.g. language."))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("area covered")
        verbose_name_plural = _("areas covered")
        constraints = [models.UniqueConstraint(fields=["module", "area_code"], name="modulearea_unique")]

    def __str__(self) -> str:
        return self.area_code

    def clean(self) -> None:
        from pathways.models import Area

        if self.module_id and not Area.objects.filter(
            path_model__code=self.module.path_model_code, code=self.area_code
        ).exists():
            raise ValidationError({"area_code": _("No version of this path model has that area.")})


class Activity(models.Model):
    class Kind(models.TextChoices):
        READING = "reading", _("Reading")
        RESOURCE = "resource", _("External resource")
        REFLECTION = "reflection", _("Reflection")
        QUIZ = "quiz", _("Quiz")
        EVIDENCE = "evidence", _("Evidence task")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="activities")
    order = models.PositiveSmallIntegerField(_("order"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown. A reading: the text to read; a resource: what it is and why to open it; "
            "a reflection: the question to think about; a quiz: an introduction; an evidence task: the instructions."
        ),
    )
    url = models.URLField(_("link"), max_length=500, blank=True, help_text=_("External resources only."))
    pass_mark_percent = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Quizzes only: the whole percentage needed to pass."),
    )
    required = models.BooleanField(_("required"), default=True, help_text=_("Needed to complete the module."))

    class Meta:
        # Within one module; ordering by the module too would join it into every query.
        ordering = ["order"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.UniqueConstraint(fields=["module", "order"], name="activity_unique_order"),
            models.CheckConstraint(
                condition=Q(pass_mark_percent__isnull=True) | Q(pass_mark_percent__gte=1, pass_mark_percent__lte=100),
                name="activity_pass_mark_1_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module.code} · {self.order}. {self.title}" if self.module_id else self.title

    def clean(self) -> None:
        if self.kind == self.Kind.RESOURCE and not self.url:
            raise ValidationError({"url": _("An external resource needs a link.")})
        if self.kind == self.Kind.QUIZ and self.pass_mark_percent is None:
            raise ValidationError({"pass_mark_percent": _("A quiz needs a pass mark.")})
        if self.kind != self.Kind.QUIZ and self.pass_mark_percent is not None:
            raise ValidationError({"pass_mark_percent": _("Only a quiz has a pass mark: leave it empty.")})


class QuizQuestion(models.Model):
    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("question"))
    multiple = models.BooleanField(
        _("several answers"), default=False, help_text=_("Several choices may be correct; partial credit is given.")
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        constraints = [models.UniqueConstraint(fields=["activity", "order"], name="quizquestion_unique_order")]

    def __str__(self) -> str:
        return self.text[:80]


class QuizChoice(models.Model):
    question = models.ForeignKey(QuizQuestion, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("answer"), max_length=500)
    correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["order"]
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")
        constraints = [models.UniqueConstraint(fields=["question", "order"], name="quizchoice_unique_order")]

    def __str__(self) -> str:
        return self.text


# --- One person's work -----------------------------------------------------------------


class Enrolment(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments")
    # PROTECT: a module people work through cannot be deleted (admin says so clearly).
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="enrolments")
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    # The moment the last required activity was done (a quiz passed, an evidence approved):
    # the date a badge's criteria were met. Once set it never changes.
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [models.UniqueConstraint(fields=["user", "module"], name="enrolment_unique_user_module")]

    def __str__(self) -> str:
        return f"{self.user} – {self.module}"

    @property
    def is_completed(self) -> bool:
        return self.completed_at is not None


class ActivityProgress(models.Model):
    class Status(models.TextChoices):
        STARTED = "started", _("In progress")
        SUBMITTED = "submitted", _("Waiting for review")
        RETURNED = "returned", _("Returned for changes")
        DONE = "done", _("Done")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="progress")
    # PROTECT: an activity someone has worked on is never deleted (admin and loader refuse).
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="progress")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.STARTED)
    completed_at = models.DateTimeField(_("done"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("activity progress")
        verbose_name_plural = _("activity progress")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "activity"], name="progress_unique_activity"),
            models.CheckConstraint(
                condition=Q(status="done", completed_at__isnull=False) | (~Q(status="done") & Q(completed_at__isnull=True)),
                name="progress_done_has_moment",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.activity}: {self.status}"

    @property
    def is_done(self) -> bool:
        return self.status == self.Status.DONE


class Reflection(models.Model):
    """A person's answer to a reflection activity, saved as a draft every time."""

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="reflections")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="reflections")
    text = models.TextField(_("my reflection"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [models.UniqueConstraint(fields=["enrolment", "activity"], name="reflection_unique_activity")]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.activity}"


class QuizAttempt(models.Model):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="quiz_attempts")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="quiz_attempts")
    number = models.PositiveIntegerField(_("attempt"))
    # {"<question id>": [chosen choice ids]}: enough to show later which answers were wrong.
    answers = models.JSONField(_("answers"), default=dict)
    # Whole percent, rounded down (training.scoring.QuizScore.percent_floor): with a whole
    # pass mark, score >= pass mark exactly when the attempt passed.
    score = models.PositiveSmallIntegerField(_("score (%)"))
    passed = models.BooleanField(_("passed"))
    created_at = models.DateTimeField(_("taken"), default=timezone.now)

    class Meta:
        ordering = ["-number"]
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        constraints = [models.UniqueConstraint(fields=["enrolment", "activity", "number"], name="quizattempt_unique_number")]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.activity} #{self.number}: {self.score} %"

    def chosen(self, question_id: int) -> set[int]:
        return set(self.answers.get(str(question_id), []))


def _evidence_path(instance: "EvidenceSubmission", filename: str) -> str:
    # Private: MEDIA_ROOT is never served by a public URL; downloads go through a view that
    # checks who asks. The stored name carries no user-typed text; the original is kept apart.
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    token = get_random_string(12).lower()
    return f"evidence/{instance.enrolment.user_id}/{instance.activity_id}-v{instance.version}-{token}.{extension}"


class EvidenceSubmission(models.Model):
    """One version of a person's evidence for an evidence task. A returned evidence is
    resubmitted as a new version; earlier versions stay as its history."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        APPROVED = "approved", _("Approved")
        RETURNED = "returned", _("Returned for changes")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="evidence")
    activity = models.ForeignKey(Activity, on_delete=models.PROTECT, related_name="evidence")
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_evidence_path, blank=True, max_length=300)
    file_name = models.CharField(_("file name"), max_length=255, blank=True, help_text=_("As uploaded."))
    content_type = models.CharField(_("file type"), max_length=120, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    description = models.TextField(_("description"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed"), null=True, blank=True)
    # Claimed by the e-mail tasks, so that a task run twice e-mails nobody twice.
    submitted_mail_at = models.DateTimeField(null=True, blank=True, editable=False)
    reviewed_mail_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-version"]
        verbose_name = _("evidence submission")
        verbose_name_plural = _("evidence submissions")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "activity", "version"], name="evidence_unique_version"),
            # One version waiting for review at a time: a double click cannot make two.
            models.UniqueConstraint(
                fields=["enrolment", "activity"], condition=Q(status="submitted"), name="evidence_one_pending"
            ),
            models.CheckConstraint(condition=~Q(file="") | ~Q(link=""), name="evidence_file_or_link"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment} – {self.activity} v{self.version} ({self.status})"

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.SUBMITTED
