"""Reads of the training package, each in a fixed number of queries."""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery

from pathways.models import Area, DevelopmentPlan, Direction, Level, PathModel, PlanItem

from .models import (
    Activity,
    ActivityProgress,
    Enrolment,
    EvidenceSubmission,
    Module,
    ModuleArea,
    QuizAttempt,
    QuizChoice,
    QuizQuestion,
    Reflection,
)
from .scoring import QuestionScore, QuestionSpec, question_score

DONE = ActivityProgress.Status.DONE


def modules_by_step(path_model_code: str) -> dict[tuple[str, str | None], Module]:
    """The module for each (level code, direction code or None) step of a model, in one query."""
    found: dict[tuple[str, str | None], Module] = {}
    for module in Module.objects.of_model(path_model_code).order_by("code"):
        found.setdefault((module.level_code, module.direction_code or None), module)
    return found


# --- Names of the path's levels, directions and areas -------------------------------------


@dataclass
class PathLabels:
    """The names that go with the codes modules carry, from the newest published version."""

    levels: list[Level] = field(default_factory=list)
    directions: list[Direction] = field(default_factory=list)
    areas: list[Area] = field(default_factory=list)

    def level_name(self, code: str) -> str:
        return next((lv.name for lv in self.levels if lv.code == code), code)

    def direction_name(self, code: str) -> str:
        return next((d.short_name for d in self.directions if d.code == code), code)

    def level_ordinal(self, code: str) -> int | None:
        return next((lv.order for lv in self.levels if lv.code == code), None)

    def area_name(self, code: str) -> str:
        return next((a.name for a in self.areas if a.code == code), code)

    def step_label(self, module: Module) -> str:
        """ "Rookie", "Advanced (at home)"."""
        label = self.level_name(module.level_code)
        return f"{label} ({self.direction_name(module.direction_code)})" if module.direction_code else label


def path_labels(path_model_code: str) -> PathLabels:
    """Three queries: levels, directions and areas of the newest published version."""
    newest = Subquery(
        PathModel.objects.published()
        .filter(code=path_model_code)
        .order_by("-version")
        .values("pk")[:1]
    )
    return PathLabels(
        levels=list(Level.objects.filter(path_model=newest).order_by("order")),
        directions=list(Direction.objects.filter(level__path_model=newest).order_by("level__order", "order")),
        areas=list(Area.objects.filter(path_model=newest).order_by("order")),
    )


def catalogue_path_model_code() -> str:
    """The path model whose modules the catalogue shows: the newest published one's code."""
    newest = PathModel.objects.published().order_by("-published_at", "-pk").values_list("code", flat=True).first()
    return newest or "rexvet"


# --- The catalogue -----------------------------------------------------------------------


@dataclass
class ModuleCard:
    module: Module
    area_codes: list[str]
    required: int
    step: str = ""  # "Advanced (at home)"
    level_ordinal: int | None = None
    area_names: list[str] = field(default_factory=list)
    enrolment: Enrolment | None = None
    done: int = 0
    recommended_for: list[str] = field(default_factory=list)  # short area names

    @property
    def percent(self) -> int:
        return 100 * self.done // self.required if self.required else 0


def recommended_areas(user) -> dict[int, list[str]]:
    """{module id: [short area names]} of the person's newest development plan, in one query."""
    newest = Subquery(DevelopmentPlan.objects.filter(owner=user).order_by("-created_at", "-pk").values("pk")[:1])
    found: dict[int, list[str]] = {}
    for item in PlanItem.objects.filter(plan=newest, module__isnull=False).select_related("area").order_by("area__order"):
        found.setdefault(item.module_id, []).append(item.area.short_name)
    return found


def my_enrolments(user, module_ids=None) -> dict[int, Enrolment]:
    """{module id: enrolment} with `done_required` counted in SQL, in one query."""
    enrolments = Enrolment.objects.filter(user=user).annotate(
        done_required=Count("progress", filter=Q(progress__status=DONE, progress__activity__required=True))
    )
    if module_ids is not None:
        enrolments = enrolments.filter(module_id__in=module_ids)
    return {e.module_id: e for e in enrolments}


def catalogue(
    *, user, path_model_code: str, labels: PathLabels, level: str = "", direction: str = "", area: str = ""
) -> list[ModuleCard]:
    """The modules of a path model, filtered, with the person's progress and recommendations.

    Four queries whatever the number of modules, activities or people: modules with their
    required activities counted, their areas, the person's enrolments, their newest plan.
    """
    modules = (
        Module.objects.of_model(path_model_code)
        .annotate(required_count=Count("activities", filter=Q(activities__required=True)))
        .prefetch_related(Prefetch("areas", queryset=ModuleArea.objects.order_by("pk")))
        .order_by("code")
    )
    if level:
        modules = modules.filter(level_code=level)
    if direction:
        modules = modules.filter(direction_code=direction)
    if area:
        modules = modules.filter(Exists(ModuleArea.objects.filter(module=OuterRef("pk"), area_code=area)))
    modules = list(modules)
    enrolments = my_enrolments(user)
    recommended = recommended_areas(user)
    cards = []
    for m in modules:
        enrolment = enrolments.get(m.pk)
        area_codes = [a.area_code for a in m.areas.all()]
        cards.append(
            ModuleCard(
                module=m,
                area_codes=area_codes,
                area_names=[labels.area_name(code) for code in area_codes],
                step=labels.step_label(m),
                level_ordinal=labels.level_ordinal(m.level_code),
                required=m.required_count,
                enrolment=enrolment,
                done=enrolment.done_required if enrolment else 0,
                recommended_for=recommended.get(m.pk, []),
            )
        )
    return cards


# --- One module, one activity ------------------------------------------------------------


@dataclass
class ActivityRow:
    activity: Activity
    progress: ActivityProgress | None

    @property
    def status(self) -> str:
        return self.progress.status if self.progress else ""

    @property
    def is_done(self) -> bool:
        return bool(self.progress and self.progress.is_done)


@dataclass
class ModuleProgress:
    rows: list[ActivityRow]

    @property
    def required(self) -> int:
        return sum(1 for r in self.rows if r.activity.required)

    @property
    def done(self) -> int:
        return sum(1 for r in self.rows if r.activity.required and r.is_done)

    @property
    def percent(self) -> int:
        return 100 * self.done // self.required if self.required else 0

    def resume(self) -> Activity | None:
        """Where to continue: the first activity, in order, that is neither done nor waiting
        for a review; the first activity when all of them are."""
        for row in self.rows:
            if not row.is_done and row.status != ActivityProgress.Status.SUBMITTED:
                return row.activity
        return self.rows[0].activity if self.rows else None

    def neighbours(self, activity: Activity) -> tuple[Activity | None, Activity | None]:
        ids = [r.activity.pk for r in self.rows]
        i = ids.index(activity.pk)
        return (self.rows[i - 1].activity if i > 0 else None, self.rows[i + 1].activity if i + 1 < len(ids) else None)


def module_progress(module: Module, enrolment: Enrolment | None) -> ModuleProgress:
    """The module's activities in order with the person's progress: two queries."""
    activities = list(Activity.objects.filter(module=module).order_by("order"))
    progress = {}
    if enrolment is not None:
        progress = {p.activity_id: p for p in ActivityProgress.objects.filter(enrolment=enrolment)}
    for a in activities:
        a.module = module  # already fetched: no query from templates
    return ModuleProgress([ActivityRow(a, progress.get(a.pk)) for a in activities])


def quiz_questions(activity: Activity) -> list[QuizQuestion]:
    """The questions with their choices, in order: two queries."""
    return list(activity.questions.prefetch_related("choices").order_by("order"))


def question_spec(question: QuizQuestion) -> QuestionSpec:
    """A question (its choices prefetched) as plain data for training.scoring."""
    choices = question.choices.all()
    return QuestionSpec(
        id=question.pk,
        multiple=question.multiple,
        choices=frozenset(c.pk for c in choices),
        correct=frozenset(c.pk for c in choices if c.correct),
    )


@dataclass
class QuestionFeedback:
    question: QuizQuestion
    score: QuestionScore
    chosen: list[tuple[QuizChoice, bool]]  # (choice, was it wrong?)


def quiz_feedback(questions: list[QuizQuestion], attempt: QuizAttempt) -> list[QuestionFeedback]:
    """Per question of an attempt: right, partly right or wrong, and which of the chosen
    answers were wrong. The right answers are not given away, so a retry still counts."""
    rows = []
    for question in questions:
        score = question_score(question_spec(question), attempt.chosen(question.pk))
        chosen = [(c, c.pk in score.wrong_chosen) for c in question.choices.all() if c.pk in score.chosen]
        rows.append(QuestionFeedback(question=question, score=score, chosen=chosen))
    return rows


def quiz_attempts(enrolment: Enrolment, activity: Activity) -> list[QuizAttempt]:
    return list(QuizAttempt.objects.filter(enrolment=enrolment, activity=activity).order_by("-number"))


def reflection_of(enrolment: Enrolment, activity: Activity) -> Reflection | None:
    return Reflection.objects.filter(enrolment=enrolment, activity=activity).first()


def evidence_history(enrolment_id: int, activity_id: int) -> list[EvidenceSubmission]:
    """Every version of one person's evidence for one task, newest first, in one query."""
    return list(
        EvidenceSubmission.objects.filter(enrolment_id=enrolment_id, activity_id=activity_id)
        .select_related("reviewer")
        .order_by("-version")
    )


# --- The review queue --------------------------------------------------------------------


def review_queue(evidence):
    """Submitted evidence waiting for review, oldest first, ready to list without more queries."""
    return (
        evidence.filter(status=EvidenceSubmission.Status.SUBMITTED)
        .select_related("enrolment__user", "enrolment__module", "activity")
        .order_by("submitted_at", "pk")
    )


def recently_reviewed(evidence, limit: int = 10):
    return (
        evidence.exclude(status=EvidenceSubmission.Status.SUBMITTED)
        .select_related("enrolment__user", "enrolment__module", "activity", "reviewer")
        .order_by("-reviewed_at", "-pk")[:limit]
    )
