"""The REXVET training package as loaded by `make demo`: four modules, each complete, and
a loader that is safe to run again on a live installation."""

from io import StringIO

import pytest
from django.core.management import call_command

from pathways.models import Area
from rexvet.lib.markdown import markdown_to_html
from training import services
from training.loading import package_load, rexvet_modules
from training.models import Activity, ActivityProgress, Module, ModuleArea, QuizChoice, QuizQuestion

KINDS_NEEDED = {"reading", "reflection", "quiz", "evidence"}


def test_it_loads_the_four_modules_on_the_path(package):
    assert (package.modules, package.activities, package.questions, package.kept) == (4, 23, 24, [])
    assert list(Module.objects.order_by("code").values_list("code", "level_code", "direction_code", "estimated_hours")) == [
        ("1", "rookie", "", 10),
        ("2.1", "advanced", "at-home", 20),
        ("2.2", "advanced", "abroad", 25),
        ("3", "expert", "", 30),
    ]


@pytest.mark.parametrize("code", ["1", "2.1", "2.2", "3"])
def test_each_module_is_complete(package, rexvet_model, code):
    module = Module.objects.get(code=code)
    activities = list(module.activities.order_by("order"))

    assert module.summary and module.for_you_if.startswith("This module is for you if")
    assert len(module.outcome_list) >= 4
    assert len(module.topic_list) >= 6
    assert sorted(module.areas.values_list("area_code", flat=True)) == sorted(
        Area.objects.filter(path_model=rexvet_model).values_list("code", flat=True)
    )
    assert len(activities) >= 4
    assert KINDS_NEEDED <= {a.kind for a in activities}
    assert [a.order for a in activities] == list(range(1, len(activities) + 1))
    for activity in activities:
        activity.full_clean()
        assert activity.body.strip(), activity
        assert "<script" not in markdown_to_html(activity.body)
        if activity.kind == "resource":
            assert activity.url.startswith("https://")
    assert {a.kind for a in activities if a.required} == KINDS_NEEDED


@pytest.mark.parametrize("code", ["1", "2.1", "2.2", "3"])
def test_each_quiz_has_five_or_more_questions_of_both_kinds_with_sound_answers(package, code):
    quiz = Activity.objects.get(module__code=code, kind="quiz")
    questions = list(quiz.questions.prefetch_related("choices").order_by("order"))

    assert quiz.pass_mark_percent == 70
    assert len(questions) >= 5
    assert {q.multiple for q in questions} == {True, False}
    for q in questions:
        choices = list(q.choices.all())
        right = [c for c in choices if c.correct]
        assert len(choices) >= 3, q
        if q.multiple:
            assert 1 <= len(right) < len(choices), q
        else:
            assert len(right) == 1, q


def test_advanced_and_expert_modules_include_mentoring_rookies(package):
    for code in ("2.1", "2.2", "3"):
        module = Module.objects.get(code=code)
        text = " ".join([*module.outcome_list, *module.topic_list]).lower()
        assert "mentor" in text, code
        assert module.activities.filter(body__icontains="rookie").exists(), code
    assert "mentor" not in " ".join(Module.objects.get(code="1").outcome_list).lower()


def test_the_directions_are_about_the_right_things(package):
    at_home = Module.objects.get(code="2.1")
    abroad = Module.objects.get(code="2.2")
    expert = Module.objects.get(code="3")

    assert "virtual exchange" in at_home.activities.get(order=1).body.lower()
    assert "learning agreement" in abroad.activities.get(order=1).body.lower()
    assert "strategy" in expert.activities.get(order=1).body.lower()


def snapshot() -> dict:
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Module, ModuleArea, Activity, QuizQuestion, QuizChoice)
    }


def test_loading_again_changes_nothing(package, rexvet_model):
    before = snapshot()
    titles = list(Activity.objects.order_by("pk").values_list("title", "body", "required"))

    package_load(path_model_code=rexvet_model.code, modules=rexvet_modules())

    assert snapshot() == before
    assert list(Activity.objects.order_by("pk").values_list("title", "body", "required")) == titles
    assert {name: len(ids) for name, ids in before.items()} == {
        "Module": 4, "ModuleArea": 24, "Activity": 23, "QuizQuestion": 24, "QuizChoice": 84,
    }


def test_activities_are_updated_in_place_by_order(package, rexvet_model):
    document = rexvet_modules()
    reading = Activity.objects.get(module__code="1", order=1)
    document[0]["activities"][0]["title"] = "The basics, retold"
    document[0]["activities"][3]["questions"][0]["choices"][1]["text"] = "Horizon Europe (research)"

    package_load(path_model_code=rexvet_model.code, modules=document)

    reading.refresh_from_db()
    assert reading.title == "The basics, retold"
    assert QuizChoice.objects.filter(text="Horizon Europe (research)").count() == 1
    assert Activity.objects.count() == 23


def test_an_activity_dropped_from_the_document_is_deleted_unless_someone_worked_on_it(package, rexvet_model, staff):
    module = Module.objects.get(code="1")
    evidence = module.activities.get(order=5)
    quiz = module.activities.get(order=4)
    enrolment = services.enrolment_start(user=staff, module=module)
    services.quiz_attempt_submit(enrolment=enrolment, activity=quiz, answers={})
    document = rexvet_modules()
    document[0]["activities"] = document[0]["activities"][:3]  # drops the quiz and the evidence task

    loaded = package_load(path_model_code=rexvet_model.code, modules=document)

    assert loaded.kept == [str(quiz)]
    assert module.activities.filter(pk=quiz.pk).exists()
    assert not module.activities.filter(pk=evidence.pk).exists()
    assert ActivityProgress.objects.filter(activity=quiz).count() == 1


def test_load_rexvet_loads_the_whole_package(db):
    out = StringIO()
    call_command("load_rexvet", stdout=out)
    call_command("load_rexvet", stdout=out)

    assert out.getvalue().count("Training modules: 4 (23 activities, 24 quiz questions)") == 2
    assert Activity.objects.count() == 23
