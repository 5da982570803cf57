"""Project admins edit modules, activities (ordered inlines) and quiz questions with their
choices; a module people are enrolled in cannot be deleted, and the admin says why."""

import pytest

from training import services
from training.models import Activity, Module, QuizChoice

ADMIN = "/admin/training/"


@pytest.fixture
def admin_client(client, project_admin):
    client.force_login(project_admin)
    return client


def inline_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial), f"{prefix}-MIN_NUM_FORMS": "0", f"{prefix}-MAX_NUM_FORMS": "1000"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{k}": v for k, v in row.items()})
    return data


def module_form(module: Module, *, activities: list[dict] | None = None, initial: int = 0) -> dict:
    data = {
        "code": module.code, "path_model_code": module.path_model_code, "title": module.title,
        "level_code": module.level_code, "direction_code": module.direction_code, "summary": module.summary,
        "for_you_if": module.for_you_if, "outcomes": module.outcomes, "topics": module.topics,
        "estimated_hours": module.estimated_hours or "",
    }
    areas = list(module.areas.all())
    data.update(inline_data("areas", [{"id": a.pk, "module": module.pk, "area_code": a.area_code} for a in areas], len(areas)))
    data.update(inline_data("activities", activities or [], initial))
    return data


def activity_rows(module: Module, changes: dict[int, dict]) -> list[dict]:
    rows = []
    for a in module.activities.order_by("order"):
        row = {
            "id": a.pk, "module": module.pk, "order": a.order, "kind": a.kind, "required": "on" if a.required else "",
            "title": a.title, "body": a.body, "url": a.url, "pass_mark_percent": a.pass_mark_percent or "",
        }
        row.update(changes.get(a.pk, {}))
        rows.append(row)
    return rows


def test_the_module_page_shows_its_activities_in_order(admin_client, package):
    one = Module.objects.get(code="1")

    reply = admin_client.get(f"{ADMIN}module/{one.pk}/change/")

    assert reply.status_code == 200
    formset = next(f for f in reply.context["inline_admin_formsets"] if f.formset.prefix == "activities")
    assert [form.instance.order for form in formset.formset.forms if form.instance.pk] == [1, 2, 3, 4, 5]
    assert admin_client.get(f"{ADMIN}module/").status_code == 200


def test_a_quiz_has_its_questions_inline_and_a_question_its_choices(admin_client, package):
    quiz = Activity.objects.get(module__code="2.1", kind="quiz")
    reading = Activity.objects.get(module__code="2.1", order=1)

    quiz_page = admin_client.get(f"{ADMIN}activity/{quiz.pk}/change/")
    question = quiz.questions.get(order=1)
    question_page = admin_client.get(f"{ADMIN}quizquestion/{question.pk}/change/")

    assert quiz_page.status_code == question_page.status_code == 200
    assert [f.formset.prefix for f in quiz_page.context["inline_admin_formsets"]] == ["questions"]
    assert admin_client.get(f"{ADMIN}activity/{reading.pk}/change/").context["inline_admin_formsets"] == []
    assert question.text in question_page.content.decode()


def test_an_activity_can_be_reordered_and_edited_inline(admin_client, module):
    reading = module.activities.get(order=1)
    rows = activity_rows(module, {reading.pk: {"title": "Read this first, please"}})

    reply = admin_client.post(f"{ADMIN}module/{module.pk}/change/", module_form(module, activities=rows, initial=len(rows)))

    assert reply.status_code == 302, reply.context and reply.context["errors"]
    reading.refresh_from_db()
    assert reading.title == "Read this first, please"


def test_an_activity_someone_worked_on_cannot_be_deleted_inline(admin_client, module, staff):
    reading = module.activities.get(order=1)
    services.activity_mark_done(enrolment=services.enrolment_start(user=staff, module=module), activity=reading)
    rows = activity_rows(module, {reading.pk: {"DELETE": "on"}})

    reply = admin_client.post(f"{ADMIN}module/{module.pk}/change/", module_form(module, activities=rows, initial=len(rows)))

    assert reply.status_code == 200
    assert "would require deleting the following protected related objects" in reply.content.decode()
    assert module.activities.filter(pk=reading.pk).exists()


def test_a_module_with_enrolments_cannot_be_deleted(admin_client, module, staff):
    services.enrolment_start(user=staff, module=module)
    url = f"{ADMIN}module/{module.pk}/delete/"
    message = (
        f"Module {module} cannot be deleted: 1 person is enrolled in it, and their progress, reflections, "
        "quiz attempts and evidence belong to it. Edit the module instead."
    )

    for method in ("get", "post"):
        reply = getattr(admin_client, method)(url, {"post": "yes"} if method == "post" else None, follow=True)
        assert reply.redirect_chain == [(f"{ADMIN}module/{module.pk}/change/", 302)]
        assert [str(m) for m in reply.context["messages"]] == [message]

    assert Module.objects.filter(pk=module.pk).exists()


def test_the_bulk_action_deletes_nothing_while_a_selected_module_has_enrolments(admin_client, module, staff, rexvet_model):
    from .factories import ModuleFactory

    unused = ModuleFactory(code="8")
    services.enrolment_start(user=staff, module=module)

    reply = admin_client.post(
        f"{ADMIN}module/", {"action": "delete_unused", "_selected_action": [module.pk, unused.pk]}, follow=True
    )

    assert reply.status_code == 200
    assert any("cannot be deleted: 1 person is enrolled" in str(m) for m in reply.context["messages"])
    assert Module.objects.filter(pk__in=[module.pk, unused.pk]).count() == 2
    assert "delete_selected" not in admin_client.get(f"{ADMIN}module/").content.decode()


def test_an_unused_module_is_deleted_as_usual(admin_client, module):
    confirm = admin_client.get(f"{ADMIN}module/{module.pk}/delete/")
    assert confirm.status_code == 200

    reply = admin_client.post(f"{ADMIN}module/{module.pk}/delete/", {"post": "yes"})

    assert reply.status_code == 302
    assert not Module.objects.filter(pk=module.pk).exists()


def choice_form(question, rows: list[dict]) -> dict:
    data = {"activity": question.activity_id, "order": question.order, "text": question.text}
    if question.multiple:
        data["multiple"] = "on"
    existing = list(question.choices.order_by("order"))
    data.update(inline_data("choices", [{"id": c.pk, "question": question.pk, **r} for c, r in zip(existing, rows)], len(existing)))
    return data


def test_a_single_choice_question_needs_exactly_one_correct_answer(admin_client, module):
    quiz = module.activities.get(kind="quiz")
    question = quiz.questions.get(order=1)  # one right, two wrong
    rows = [{"order": 1, "text": "A", "correct": "on"}, {"order": 2, "text": "B", "correct": "on"}, {"order": 3, "text": "C"}]

    reply = admin_client.post(f"{ADMIN}quizquestion/{question.pk}/change/", choice_form(question, rows))

    assert reply.status_code == 200
    assert "A single-choice question has exactly one correct answer" in reply.content.decode()
    assert question.choices.filter(correct=True).count() == 1

    rows[1].pop("correct")
    assert admin_client.post(f"{ADMIN}quizquestion/{question.pk}/change/", choice_form(question, rows)).status_code == 302
    assert list(QuizChoice.objects.filter(question=question).order_by("order").values_list("text", "correct")) == [
        ("A", True), ("B", False), ("C", False),
    ]
