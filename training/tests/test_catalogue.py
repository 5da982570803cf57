"""The catalogue: every module of the path, filtered by level, direction and area with a
plain GET form, "recommended for you" from the newest development plan, and progress."""

import pytest
from django.utils import timezone

from mapping import services as mapping_services
from pathways.models import PlanItem
from rexvet.testing.factories import RoundFactory
from rexvet.testing.plugin import answer_everything
from training import services
from training.models import Module

from .conftest import submit_pdf


@pytest.fixture
def extra(rexvet_model):
    """A language-only module next to the package's four (which cover all six areas)."""
    from .factories import small_module

    return small_module(code="9", title="Language for mobility")


def codes(reply) -> list[str]:
    return [card.module.code for card in reply.context["cards"]]


@pytest.fixture
def signed_in(client, staff):
    client.force_login(staff)
    return client


def test_it_lists_every_module_in_path_order(signed_in, package):
    reply = signed_in.get("/training/")

    assert reply.status_code == 200
    assert codes(reply) == ["1", "2.1", "2.2", "3"]
    html = reply.content.decode()
    assert "Advanced (at home)" in html and "Advanced (abroad)" in html
    assert "4 modules" in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"level": "rookie"}, ["1", "9"]),
        ({"level": "advanced"}, ["2.1", "2.2"]),
        ({"direction": "abroad"}, ["2.2"]),
        ({"level": "advanced", "direction": "at-home"}, ["2.1"]),
        ({"area": "language"}, ["1", "2.1", "2.2", "3", "9"]),
        ({"area": "strategy"}, ["1", "2.1", "2.2", "3"]),
        ({"level": "expert", "area": "language"}, ["3"]),
        ({"level": "rookie", "direction": "abroad"}, []),
        ({"level": "", "direction": "", "area": ""}, ["1", "2.1", "2.2", "3", "9"]),
    ],
)
def test_filters(signed_in, package, extra, query, expected):
    assert codes(signed_in.get("/training/", query)) == expected


def test_the_filter_form_is_a_plain_get_form_with_labelled_choices(signed_in, package):
    html = signed_in.get("/training/", {"level": "advanced"}).content.decode()

    assert '<form method="get" action="/training/"' in html
    assert '<label class="form-label small fw-semibold" for="id_level">Level</label>' in html
    assert '<option value="advanced" selected>Advanced</option>' in html
    assert '<option value="abroad">Internationalisation abroad</option>' in html
    assert '<option value="multicultural">Working in a multicultural environment</option>' in html
    assert "Clear filters" in html


def test_an_unknown_filter_value_shows_everything_and_says_so(signed_in, package):
    reply = signed_in.get("/training/", {"level": "master"})

    assert reply.status_code == 200
    assert codes(reply) == ["1", "2.1", "2.2", "3"]
    assert "Select a valid choice. master is not one of the available choices." in reply.content.decode()


def test_nothing_is_recommended_without_a_plan(signed_in, package):
    reply = signed_in.get("/training/")

    assert reply.context["recommended"] == []
    assert "Recommended for you" not in reply.content.decode()


def test_recommended_for_you_comes_from_the_plan(signed_in, package, submitted_result):
    # Rookie reached everywhere, at home and abroad tied: Advanced at home (2.1) is next in
    # every area. Make language's next step module 1 to see two recommendations.
    plan = submitted_result.plan
    PlanItem.objects.filter(plan=plan, area__code="language").update(module=Module.objects.get(code="1"))

    reply = signed_in.get("/training/")

    recommended = {card.module.code: card.recommended_for for card in reply.context["recommended"]}
    assert recommended == {
        "1": ["Language"],
        "2.1": ["EU context", "VET systems", "Multicultural work", "Projects & mobility", "Strategy & curriculum"],
    }
    html = reply.content.decode()
    assert html.count("Recommended for you") == 1 + 2 + 2  # the heading, and a tag per card in both lists
    assert "your next step in Language</span>" in html
    assert "your next step in EU context, VET systems, Multicultural work, Projects &amp; mobility, Strategy &amp; curriculum" in html


def test_the_newest_plan_wins(signed_in, staff, org, rexvet_model, structure, package, submitted_result):
    later = RoundFactory(organisation=org, path_model=rexvet_model, name="Kuressaare mapping 2027")
    response = mapping_services.response_start(round=later, user=staff)
    answer_everything(response, structure, lambda s: "not_yet")  # Starting everywhere: module 1 next
    mapping_services.response_submit(response=response, acting_user=staff)

    reply = signed_in.get("/training/")

    assert [card.module.code for card in reply.context["recommended"]] == ["1"]
    assert len(reply.context["recommended"][0].recommended_for) == 6


def test_a_colleagues_plan_recommends_nothing_to_me(client, colleague, package, submitted_result):
    client.force_login(colleague)

    assert client.get("/training/").context["recommended"] == []


def test_recommendations_are_hidden_while_filtering(signed_in, package, submitted_result):
    html = signed_in.get("/training/", {"level": "expert"}).content.decode()

    assert '<h2 id="recommended"' not in html


def test_progress_and_completion_show_on_the_cards(signed_in, staff, coordinator, package):
    one = Module.objects.get(code="1")
    three = Module.objects.get(code="3")
    enrolment = services.enrolment_start(user=staff, module=one)
    for activity in one.activities.order_by("order"):
        if activity.kind == "reading":
            services.activity_mark_done(enrolment=enrolment, activity=activity)
        elif activity.kind == "reflection":
            services.reflection_save(enrolment=enrolment, activity=activity, text="Noted.")
    services.enrolment_start(user=staff, module=three)

    html = signed_in.get("/training/").content.decode()
    assert "In progress: 2 of 4 required activities done" in html
    assert "In progress: 0 of 5 required activities done" in html
    assert '<progress class="module-progress" id="all-progress-{}" max="4" value="2">50 %</progress>'.format(one.pk) in html

    quiz = one.activities.get(kind="quiz")
    answers = {q.pk: {c.pk for c in q.choices.all() if c.correct} for q in quiz.questions.all()}
    services.quiz_attempt_submit(enrolment=enrolment, activity=quiz, answers=answers)
    submission = submit_pdf(enrolment, one.activities.get(kind="evidence"))
    services.evidence_approve(submission=submission, reviewer=coordinator)
    enrolment.refresh_from_db()

    html = signed_in.get("/training/").content.decode()
    assert f"Completed on {timezone.localtime(enrolment.completed_at):%-d %B %Y}" in html
    assert html.count("Not started") == 2  # 2.1 and 2.2
