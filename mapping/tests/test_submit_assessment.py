"""Submitting the self-assessment: complete, idempotent, final, scored with exact numbers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from mapping import services
from mapping.models import Answer, AreaResult, Response, Result
from pathways.models import DevelopmentPlan, PathModel
from rexvet.testing.factories import RoundFactory
from rexvet.testing.plugin import answer_everything


def review_url(rnd) -> str:
    return f"/mapping/rounds/{rnd.pk}/review/"


def submit(client, rnd, direction: str = "none"):
    return client.post(review_url(rnd), {"direction": direction, "action": "submit"})


def by_pattern(structure, pattern: dict[str, dict[tuple[str, str | None], str]]):
    """value_for(statement) from {area code: {(level, direction): value}}."""
    codes = {area.id: area.code for area in structure.areas}

    def value_for(s):
        key = (s.level.code, s.direction.code if s.direction else None)
        return pattern[codes[s.area_id]][key]

    return value_for


def track_values(rookie, at_home, abroad, expert) -> dict[tuple[str, str | None], str]:
    return {
        ("rookie", None): rookie,
        ("advanced", "at-home"): at_home,
        ("advanced", "abroad"): abroad,
        ("expert", None): expert,
    }


# One area at each outcome. Each track has three statements (maximum 6 points).
DESIGNED = {
    # Rookie 0 of 6: Starting.
    "eu-context": track_values("not_yet", "not_yet", "not_yet", "not_yet"),
    # Rookie 6 of 6; at home 3 of 6 and abroad 3 of 6 (50 %): Rookie.
    "vet-systems": track_values("yes", "partly", "partly", "not_yet"),
    # At home 6 of 6, abroad 3 of 6: Advanced (at home); Expert 0 of 6.
    "language": track_values("yes", "yes", "partly", "not_yet"),
    # At home 3 of 6, abroad 6 of 6: Advanced (abroad).
    "multicultural": track_values("yes", "partly", "yes", "not_yet"),
    # Both directions 6 of 6, Expert 3 of 6: Advanced (at home and abroad).
    "projects": track_values("yes", "yes", "yes", "partly"),
    # Rookie all not applicable: not assessed, whatever the rest says.
    "strategy": track_values("na", "yes", "yes", "yes"),
}


@pytest.fixture
def designed(draft, structure):
    answer_everything(draft, structure, by_pattern(structure, DESIGNED))
    return draft


def test_submit_with_unanswered_statements_lists_each_page_with_its_count(client, staff, draft, structure):
    language = structure.statements[structure.areas[2].id]
    projects = structure.statements[structure.areas[4].id]
    blank = {language[0].id, language[7].id, projects[11].id}
    answer_everything(draft, structure, lambda s: "partly")
    Answer.objects.filter(response=draft, statement_id__in=blank).delete()
    client.force_login(staff)

    reply = submit(client, draft.round)

    html = reply.content.decode()
    rnd = draft.round.pk
    assert reply.status_code == 400
    assert (
        f'<li><a href="/mapping/rounds/{rnd}/page/3/">Language and communication: 2 unanswered statements</a></li>'
        in html
    )
    assert (
        f'<li><a href="/mapping/rounds/{rnd}/page/5/">Managing international projects and mobility: '
        "1 unanswered statement</a></li>" in html
    )
    assert html.count("unanswered statement") == 2
    assert Result.objects.count() == 0
    draft.refresh_from_db()
    assert draft.status == Response.Status.DRAFT
    assert Answer.objects.filter(response=draft).count() == 72 - 3


def test_submit_refused_by_the_service_names_the_pages(staff, draft, structure):
    answer_everything(draft, structure, lambda s: "yes")
    first_page = structure.statements[structure.areas[0].id]
    Answer.objects.filter(response=draft, statement_id__in=[s.id for s in first_page[:4]]).delete()

    with pytest.raises(services.Incomplete) as refused:
        services.response_submit(response=draft, acting_user=staff)

    assert [(page, area.code, count) for page, area, count in refused.value.pages] == [(1, "eu-context", 4)]
    assert Result.objects.count() == 0


def test_not_applicable_counts_as_an_answer(client, staff, draft, structure):
    answer_everything(draft, structure, lambda s: "na" if s.area_id == structure.areas[2].id else "yes")
    client.force_login(staff)

    reply = submit(client, draft.round)

    result = Result.objects.get()
    assert reply.status_code == 302
    assert reply["Location"] == f"/mapping/results/{result.pk}/"
    language = result.areas.get(area_code="language")
    assert (language.ordinal, language.label) == (None, "Not assessed")


def test_designed_answers_give_exact_levels(client, staff, designed):
    client.force_login(staff)

    reply = submit(client, designed.round)

    result = Result.objects.get()
    assert reply["Location"] == f"/mapping/results/{result.pk}/"
    rows = [(ar.area_code, ar.ordinal, ar.label, ar.reached_directions) for ar in result.areas.all()]
    assert rows == [
        ("eu-context", 0, "Starting", []),
        ("vet-systems", 1, "Rookie", []),
        ("language", 2, "Advanced (at home)", ["at-home"]),
        ("multicultural", 2, "Advanced (abroad)", ["abroad"]),
        ("projects", 2, "Advanced (at home and abroad)", ["at-home", "abroad"]),
        ("strategy", None, "Not assessed", []),
    ]
    # Assessed ordinals 0, 1, 2, 2, 2 (strategy left out): median_low is 2. Were the
    # not-assessed area counted as 0, it would be 1.
    assert (result.overall_stage, result.overall_label) == (2, "Advanced")
    assert AreaResult.objects.count() == 6
    designed.refresh_from_db()
    assert designed.status == Response.Status.SUBMITTED


def test_designed_answers_give_exact_next_steps(staff, designed):
    result = services.response_submit(response=designed, acting_user=staff)

    steps = {
        ar.area_code: (
            ar.next_level.code if ar.next_level else None,
            ar.next_direction.code if ar.next_direction else None,
            ar.broaden_directions,
        )
        for ar in result.areas.select_related("next_level", "next_direction")
    }
    assert steps == {
        "eu-context": ("rookie", None, []),
        # A 50 % / 50 % tie and no preference: the first direction in the model.
        "vet-systems": ("advanced", "at-home", ["abroad"]),
        "language": ("expert", None, ["abroad"]),
        "multicultural": ("expert", None, ["at-home"]),
        "projects": ("expert", None, []),
        "strategy": (None, None, []),
    }
    items = result.plan.items.select_related("area", "module")
    modules = {item.area.code: item.module.code if item.module else None for item in items}
    assert modules == {
        "eu-context": "1",
        "vet-systems": "2.1",
        "language": "3",
        "multicultural": "3",
        "projects": "3",
        "strategy": None,
    }


def test_overall_stage_is_the_lower_median(staff, draft, structure):
    # Ordinals 0, 0, 1, 3, 3, 3: median_low 1 (median would be 2, median_high 3).
    expert = track_values("yes", "yes", "yes", "yes")
    starting = track_values("not_yet", "yes", "yes", "yes")
    rookie = track_values("yes", "partly", "not_yet", "yes")
    pattern = {
        "eu-context": starting,
        "vet-systems": starting,
        "language": rookie,
        "multicultural": expert,
        "projects": expert,
        "strategy": expert,
    }
    answer_everything(draft, structure, by_pattern(structure, pattern))

    result = services.response_submit(response=draft, acting_user=staff)

    assert [ar.label for ar in result.areas.all()] == ["Starting", "Starting", "Rookie", "Expert", "Expert", "Expert"]
    assert (result.overall_stage, result.overall_label) == (1, "Rookie")
    strategy = result.areas.get(area_code="strategy")
    assert (strategy.next_level, strategy.next_direction, strategy.broaden_directions) == (None, None, [])


def test_result_stores_scores_of_every_track(staff, designed):
    result = services.response_submit(response=designed, acting_user=staff)

    tracks = result.areas.get(area_code="vet-systems").tracks
    common = {"applicable": 3, "total": 3, "assessed": True}
    assert tracks == [
        {"level": "rookie", "direction": None, "score": 6, "max": 6, "share": 100.0, "reached": True, **common},
        {"level": "advanced", "direction": "at-home", "score": 3, "max": 6, "share": 50.0, "reached": False, **common},
        {"level": "advanced", "direction": "abroad", "score": 3, "max": 6, "share": 50.0, "reached": False, **common},
        {"level": "expert", "direction": None, "score": 0, "max": 6, "share": 0.0, "reached": False, **common},
    ]
    strategy = result.areas.get(area_code="strategy").tracks[0]
    assert strategy == {
        "level": "rookie",
        "direction": None,
        "score": 0,
        "max": 0,
        "applicable": 0,
        "total": 3,
        "share": None,
        "assessed": False,
        "reached": False,
    }


def test_result_keeps_the_model_version_and_threshold_it_was_computed_with(staff, designed, rexvet_model):
    result = services.response_submit(response=designed, acting_user=staff)

    assert result.path_model_id == rexvet_model.pk
    assert result.path_model.version == 1
    assert result.threshold_percent == 80
    # Editing the model later never changes a past result.
    PathModel.objects.filter(pk=rexvet_model.pk).update(threshold_percent=50)
    result.refresh_from_db()
    assert result.threshold_percent == 80
    assert result.areas.get(area_code="vet-systems").label == "Rookie"


def test_submitting_twice_through_the_page_makes_one_result(client, staff, designed):
    client.force_login(staff)

    first = submit(client, designed.round)
    second = submit(client, designed.round)

    result = Result.objects.get()
    assert first["Location"] == second["Location"] == f"/mapping/results/{result.pk}/"
    assert Result.objects.count() == 1
    assert AreaResult.objects.count() == 6
    assert DevelopmentPlan.objects.count() == 1


def test_submitting_twice_through_the_service_returns_the_same_result(staff, designed):
    first = services.response_submit(response=designed, acting_user=staff)
    second = services.response_submit(response=Response.objects.get(pk=designed.pk), acting_user=staff)

    assert first.pk == second.pk
    assert Result.objects.count() == 1
    assert AreaResult.objects.count() == 6
    assert DevelopmentPlan.objects.count() == 1


def test_only_the_respondent_submits(colleague, designed):
    with pytest.raises(PermissionError):
        services.response_submit(response=designed, acting_user=colleague)

    assert Result.objects.count() == 0


def test_after_submitting_every_survey_page_leads_to_the_result(client, staff, designed):
    client.force_login(staff)
    submit(client, designed.round)
    result_url = f"/mapping/results/{Result.objects.get().pk}/"
    rnd = designed.round.pk

    urls = [
        f"/mapping/rounds/{rnd}/",
        f"/mapping/rounds/{rnd}/page/1/",
        f"/mapping/rounds/{rnd}/page/6/",
        review_url(designed.round),
    ]
    for url in urls:
        reply = client.get(url)
        assert (url, reply.status_code, reply["Location"]) == (url, 302, result_url)
    assert client.get(result_url).status_code == 200


def test_a_submitted_response_cannot_be_changed(client, staff, designed, structure):
    stale = Response.objects.get(pk=designed.pk)  # loaded before submitting, e.g. in another tab
    services.response_submit(response=designed, acting_user=staff)
    first_area = structure.areas[0]
    statement = structure.statements[first_area.id][0]
    before = dict(Answer.objects.values_list("statement_id", "value"))

    for response in (designed, stale):
        with pytest.raises(services.AlreadySubmitted):
            services.response_save_page(response=response, area=first_area, answers={statement.id: "yes"}, page=1)
        with pytest.raises(services.AlreadySubmitted):
            services.response_set_direction(response=response, direction=None)

    client.force_login(staff)
    client.post(f"/mapping/rounds/{designed.round.pk}/page/1/", {f"s{statement.id}": "yes", "action": "next"})
    assert dict(Answer.objects.values_list("statement_id", "value")) == before
    assert before[statement.id] == "not_yet"


@pytest.fixture
def closed_draft(draft, structure):
    """A draft with every statement answered, left when its round closed yesterday."""
    answer_everything(draft, structure, lambda s: "yes")
    rnd = draft.round
    rnd.opens_on = timezone.localdate() - timedelta(days=40)
    rnd.closes_on = timezone.localdate() - timedelta(days=1)
    rnd.save()
    return draft


def test_closed_round_is_read_only_and_keeps_the_draft(client, staff, closed_draft):
    client.force_login(staff)
    rnd = closed_draft.round

    for reply in (
        client.get(f"/mapping/rounds/{rnd.pk}/page/1/"),
        client.post(f"/mapping/rounds/{rnd.pk}/page/1/", {"action": "next"}),
        client.get(review_url(rnd)),
        submit(client, rnd),
    ):
        assert reply.status_code == 403
        assert "<h1 class=\"h3\">This round is closed</h1>" in reply.content.decode()

    with pytest.raises(services.RoundClosed):
        services.response_submit(response=closed_draft, acting_user=staff)
    assert Result.objects.count() == 0
    assert Answer.objects.filter(response=closed_draft).count() == 72
    closed_draft.refresh_from_db()
    assert closed_draft.status == Response.Status.DRAFT


def test_closed_round_cannot_be_started(client, colleague, closed_draft):
    client.force_login(colleague)
    rnd = closed_draft.round

    reply = client.post(f"/mapping/rounds/{rnd.pk}/")

    assert reply.status_code == 302
    assert reply["Location"] == f"/mapping/rounds/{rnd.pk}/"
    assert Response.objects.filter(user=colleague).count() == 0


def test_home_shows_a_draft_of_a_closed_round_as_closed_before_submission(client, staff, closed_draft):
    client.force_login(staff)

    home = client.get("/").content.decode()

    assert "My past rounds" in home
    assert f"<td>{closed_draft.round.name}</td>" in home
    assert "<td>Closed before submission</td>" in home
    assert "Continue where I left off" not in home


def test_preferred_direction_is_stored_and_decides_the_next_step(client, staff, draft, structure):
    # Rookie reached everywhere; at home 3 of 6 (50 %) beats abroad 0 of 6, but the
    # person prefers abroad.
    pattern = {area.code: track_values("yes", "partly", "not_yet", "not_yet") for area in structure.areas}
    answer_everything(draft, structure, by_pattern(structure, pattern))
    client.force_login(staff)

    saved = client.post(review_url(draft.round), {"direction": "abroad", "action": "save"})

    assert saved.status_code == 302
    assert saved["Location"] == review_url(draft.round)
    draft.refresh_from_db()
    assert draft.preferred_direction.code == "abroad"
    page = client.get(review_url(draft.round)).content.decode()
    assert 'id="id_direction_1" value="abroad" checked aria-describedby="direction-help">' in page

    submit(client, draft.round, direction="abroad")

    result = Result.objects.get()
    steps = {
        (ar.label, ar.next_level.code, ar.next_direction.code, tuple(ar.broaden_directions))
        for ar in result.areas.select_related("next_level", "next_direction")
    }
    assert steps == {("Rookie", "advanced", "abroad", ("at-home",))}
    assert sorted(result.plan.items.values_list("module__code", flat=True)) == ["2.2"] * 6
    html = client.get(f"/mapping/results/{result.pk}/").content.decode()
    assert "<strong>2.2 Mobility and partnerships abroad</strong>" in html


def test_without_a_preference_the_direction_with_the_higher_share_is_next(staff, draft, structure):
    pattern = {area.code: track_values("yes", "not_yet", "partly", "not_yet") for area in structure.areas}
    answer_everything(draft, structure, by_pattern(structure, pattern))

    result = services.response_submit(response=draft, acting_user=staff)

    assert {ar.next_direction.code for ar in result.areas.all()} == {"abroad"}
    assert sorted(result.plan.items.values_list("module__code", flat=True)) == ["2.2"] * 6


@pytest.mark.parametrize(
    ("anonymous", "heading"),
    [(False, "This round is named"), (True, "This round is anonymous")],
)
def test_start_page_tells_whether_the_round_is_named_or_anonymous(client, staff, rexvet_model, org, anonymous, heading):
    rnd = RoundFactory(organisation=org, path_model=rexvet_model, is_anonymous=anonymous)
    client.force_login(staff)

    page = client.get(f"/mapping/rounds/{rnd.pk}/")

    html = page.content.decode()
    assert page.status_code == 200
    assert f'<h2 class="h5" id="who-sees">{heading}</h2>' in html
    other = "This round is anonymous" if not anonymous else "This round is named"
    assert other not in html
    if anonymous:
        assert "Your coordinator sees only totals for groups of at least 5 people" in html
    else:
        assert "Your coordinator sees your name with your level in each area" in html


def test_unknown_direction_is_refused_next_to_the_field_and_nothing_is_submitted(client, staff, designed):
    client.force_login(staff)

    reply = submit(client, designed.round, direction="sideways")

    html = reply.content.decode()
    assert reply.status_code == 400
    assert (
        '<p class="text-danger small">Select a valid choice. sideways is not one of the available choices.</p>' in html
    )
    assert Result.objects.count() == 0
    designed.refresh_from_db()
    assert (designed.status, designed.preferred_direction) == (Response.Status.DRAFT, None)
