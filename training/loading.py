"""Loading the training package from training/content/rexvet-modules.json.

`modules_load` writes the catalogue (the modules' own fields), which is all that plans
need; `package_load` also writes the areas, activities and quiz questions. Both are safe
to run twice. Activities are updated in place by their order, questions and choices by
theirs; an activity the document no longer has is deleted only when nobody has worked on
it (it is kept, and reported, otherwise).
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Exists, OuterRef

from .models import Activity, ActivityProgress, EvidenceSubmission, Module, ModuleArea, QuizAttempt, QuizChoice, QuizQuestion, Reflection

REXVET_MODULES = Path(__file__).resolve().parent / "content" / "rexvet-modules.json"


def _module_fields(m: dict) -> dict:
    return {
        "title": m["title"],
        "level_code": m["level"],
        "direction_code": m.get("direction") or "",
        "summary": m.get("summary", ""),
        "for_you_if": m.get("for_you_if", ""),
        "outcomes": "\n".join(m.get("outcomes", [])),
        "topics": "\n".join(m.get("topics", [])),
        "estimated_hours": m.get("estimated_hours"),
    }


def modules_load(*, path_model_code: str, modules: list[dict]) -> int:
    """Create or update the catalogue's modules of a path model; return how many."""
    for m in modules:
        Module.objects.update_or_create(path_model_code=path_model_code, code=m["code"], defaults=_module_fields(m))
    return len(modules)


@dataclass
class PackageLoaded:
    modules: int = 0
    activities: int = 0
    questions: int = 0
    kept: list[str] = field(default_factory=list)  # activities kept because someone worked on them


def _used(activities):
    """Activities someone has worked on."""
    return activities.filter(
        Exists(ActivityProgress.objects.filter(activity=OuterRef("pk")))
        | Exists(Reflection.objects.filter(activity=OuterRef("pk")))
        | Exists(QuizAttempt.objects.filter(activity=OuterRef("pk")))
        | Exists(EvidenceSubmission.objects.filter(activity=OuterRef("pk")))
    )


def _save_if_changed(obj, values: dict) -> None:
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    for name in changed:
        setattr(obj, name, values[name])
    if changed:
        obj.save(update_fields=changed)


def _questions_load(activity: Activity, questions: list[dict]) -> None:
    existing = {q.order: q for q in activity.questions.all()}
    for order, q in enumerate(questions, start=1):
        values = {"text": q["text"], "multiple": bool(q.get("multiple"))}
        question = existing.pop(order, None)
        if question is None:
            question = QuizQuestion.objects.create(activity=activity, order=order, **values)
        else:
            _save_if_changed(question, values)
        choices = {c.order: c for c in question.choices.all()}
        for corder, c in enumerate(q["choices"], start=1):
            cvalues = {"text": c["text"], "correct": bool(c.get("correct"))}
            choice = choices.pop(corder, None)
            if choice is None:
                QuizChoice.objects.create(question=question, order=corder, **cvalues)
            else:
                _save_if_changed(choice, cvalues)
        QuizChoice.objects.filter(pk__in=[c.pk for c in choices.values()]).delete()
    QuizQuestion.objects.filter(pk__in=[q.pk for q in existing.values()]).delete()


@transaction.atomic
def package_load(*, path_model_code: str, modules: list[dict]) -> PackageLoaded:
    """Create or update the modules with their areas, activities and quiz questions."""
    loaded = PackageLoaded()
    for m in modules:
        module, _ = Module.objects.update_or_create(path_model_code=path_model_code, code=m["code"], defaults=_module_fields(m))
        loaded.modules += 1
        areas = m.get("areas", [])
        ModuleArea.objects.filter(module=module).exclude(area_code__in=areas).delete()
        have = set(ModuleArea.objects.filter(module=module).values_list("area_code", flat=True))
        ModuleArea.objects.bulk_create([ModuleArea(module=module, area_code=code) for code in areas if code not in have])

        existing = {a.order: a for a in module.activities.all()}
        for order, a in enumerate(m.get("activities", []), start=1):
            values = {
                "kind": a["kind"],
                "title": a["title"],
                "body": a.get("body", ""),
                "url": a.get("url", ""),
                "pass_mark_percent": a.get("pass_mark_percent") if a["kind"] == Activity.Kind.QUIZ else None,
                "required": a.get("required", True),
            }
            activity = existing.pop(order, None)
            if activity is None:
                activity = Activity.objects.create(module=module, order=order, **values)
            else:
                _save_if_changed(activity, values)
            loaded.activities += 1
            if a["kind"] == Activity.Kind.QUIZ:
                _questions_load(activity, a.get("questions", []))
                loaded.questions += len(a.get("questions", []))
        leftover = Activity.objects.filter(pk__in=[a.pk for a in existing.values()])
        loaded.kept += [str(a) for a in _used(leftover)]
        leftover.exclude(pk__in=_used(leftover).values("pk")).delete()
    return loaded


def rexvet_modules() -> list[dict]:
    return json.loads(REXVET_MODULES.read_text(encoding="utf-8"))
