"""Factories of the training package. `quiz_activity` and `small_module` build the exact
data the tests count on."""

import factory

from rexvet.testing.factories import UserFactory
from training.models import Activity, Enrolment, Module, ModuleArea, QuizChoice, QuizQuestion


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    code = factory.Sequence(lambda n: f"9.{n}")
    title = factory.Sequence(lambda n: f"Test module {n}")
    path_model_code = "rexvet"
    level_code = "rookie"
    summary = "What the module is about."
    for_you_if = "This module is for you if you are testing."
    outcomes = "Do one thing\nDo another thing"
    estimated_hours = 5


class ModuleAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ModuleArea

    module = factory.SubFactory(ModuleFactory)
    area_code = "language"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    module = factory.SubFactory(ModuleFactory)
    order = factory.Sequence(lambda n: n + 1)
    kind = Activity.Kind.READING
    title = factory.Sequence(lambda n: f"Activity {n}")
    body = "Some **text**."
    required = True


class QuizQuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizQuestion

    activity = factory.SubFactory(ActivityFactory, kind=Activity.Kind.QUIZ, pass_mark_percent=80)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Question {n}?")
    multiple = False


class QuizChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuizChoice

    question = factory.SubFactory(QuizQuestionFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Answer {n}")
    correct = False


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    user = factory.SubFactory(UserFactory)
    module = factory.SubFactory(ModuleFactory)


def question_with(activity, order: int, *, multiple: bool = False, correct: int = 1, wrong: int = 2) -> QuizQuestion:
    """A question with `correct` right and `wrong` wrong answers (right ones first)."""
    question = QuizQuestionFactory(activity=activity, order=order, multiple=multiple, text=f"Question {order}?")
    for i in range(correct):
        QuizChoiceFactory(question=question, order=i + 1, text=f"Right {order}.{i + 1}", correct=True)
    for i in range(wrong):
        QuizChoiceFactory(question=question, order=correct + i + 1, text=f"Wrong {order}.{i + 1}", correct=False)
    return question


def quiz_activity(module, order: int, *, pass_mark: int = 80, required: bool = True) -> Activity:
    """Five questions: four single choice (one right, two wrong each) and, fifth, a multiple
    choice with two right and two wrong answers."""
    activity = ActivityFactory(
        module=module, order=order, kind=Activity.Kind.QUIZ, title="Check", pass_mark_percent=pass_mark, required=required
    )
    for number in range(1, 5):
        question_with(activity, number)
    question_with(activity, 5, multiple=True, correct=2, wrong=2)
    return activity


def small_module(**kwargs) -> Module:
    """A module of five activities, one of each kind; the resource is optional."""
    module = ModuleFactory(**kwargs)
    ModuleAreaFactory(module=module, area_code="language")
    ActivityFactory(module=module, order=1, kind=Activity.Kind.READING, title="Read this")
    ActivityFactory(module=module, order=2, kind=Activity.Kind.RESOURCE, title="Open that", url="https://example.org/", required=False)
    ActivityFactory(module=module, order=3, kind=Activity.Kind.REFLECTION, title="Think", body="What do you think?")
    quiz_activity(module, 4)
    ActivityFactory(module=module, order=5, kind=Activity.Kind.EVIDENCE, title="Show it", body="Upload your plan.")
    return module
