"""The path map: the whole path with its modules, where the person is per area and what is
next, on the staff home page and the result page, in a fixed number of queries."""

import re
from html import unescape

import pytest
from django.utils import timezone

from mapping.services import response_start, response_submit
from pathways.models import DevelopmentPlan
from rexvet.testing.factories import MembershipFactory
from rexvet.testing.plugin import answer_everything
from training import services
from training.models import Enrolment, Module
from training.pathmap import empty_path_map, path_map_for_user

# The answer per area and track (rookie, at home, abroad, expert), and the place it gives.
ANSWERS = {
    "eu-context": ("yes", "yes", "yes", "yes"),  # Expert
    "vet-systems": ("yes", "yes", "partly", "not_yet"),  # Advanced (at home)
    "language": ("yes", "not_yet", "not_yet", "not_yet"),  # Rookie
    "multicultural": ("not_yet", "yes", "yes", "yes"),  # Starting
    "projects": ("yes", "not_yet", "yes", "partly"),  # Advanced (abroad)
    "strategy": ("na", "yes", "yes", "yes"),  # not assessed
}
TRACKS = {("rookie", None): 0, ("advanced", "at-home"): 1, ("advanced", "abroad"): 2, ("expert", None): 3}


@pytest.fixture
def varied_result(open_round, staff, structure, package):
    codes = {a.id: a.code for a in structure.areas}
    response = response_start(round=open_round, user=staff)
    answer_everything(
        response,
        structure,
        lambda s: ANSWERS[codes[s.area_id]][TRACKS[(s.level.code, s.direction.code if s.direction else None)]],
    )
    return response_submit(response=response, acting_user=staff)


def complete(user, code: str, when=None) -> Enrolment:
    enrolment = services.enrolment_start(user=user, module=Module.objects.get(code=code))
    Enrolment.objects.filter(pk=enrolment.pk).update(completed_at=when or timezone.now())
    return enrolment


def test_the_map_has_every_step_of_the_path_with_its_module(staff, varied_result):
    path = path_map_for_user(staff)
    assert [(s.key, s.column, s.lane, s.title, s.module.code if s.module else None) for s in path.stops] == [
        ("starting", 0, 0, "Starting", None),
        ("rookie", 1, 0, "Rookie", "1"),
        ("advanced:at-home", 2, 0, "Advanced (at home)", "2.1"),
        ("advanced:abroad", 2, 1, "Advanced (abroad)", "2.2"),
        ("expert", 3, 0, "Expert", "3"),
    ]
    assert [[s.key for s in column] for column in path.columns] == [
        ["starting"],
        ["rookie"],
        ["advanced:at-home", "advanced:abroad"],
        ["expert"],
    ]


def test_each_area_is_marked_where_the_person_is_and_what_is_next(staff, varied_result):
    path = path_map_for_user(staff)
    assert [
        (a.name, a.label, [s.key for s in a.here], a.next.key if a.next else None, a.broaden) for a in path.areas
    ] == [
        ("Knowledge of the EU and the European context", "Expert", ["expert"], None, None),
        ("Understanding other VET systems", "Advanced (at home)", ["advanced:at-home"], "expert", None),
        ("Language and communication", "Rookie", ["rookie"], "advanced:at-home", None),
        ("Working in a multicultural environment", "Starting", ["starting"], "rookie", None),
        ("Managing international projects and mobility", "Advanced (abroad)", ["advanced:abroad"], "expert", None),
        (
            "Linking international work to the organisation's strategy and curriculum",
            "Not assessed",
            [],
            None,
            None,
        ),
    ]


def test_the_map_follows_the_plan_direction_and_broaden_steps(client, staff, varied_result):
    plan = DevelopmentPlan.objects.get(result=varied_result)
    client.force_login(staff)
    client.post(
        f"/plans/{plan.pk}/edit/",
        {
            "area-language-direction": "abroad",
            "area-vet-systems-broaden": "on",  # Advanced at home reached: abroad to broaden
        },
    )
    path = path_map_for_user(staff)
    by_name = {a.short_name: a for a in path.areas}
    assert by_name["Language"].next.key == "advanced:abroad"
    assert by_name["VET systems"].broaden.key == "advanced:abroad"
    assert by_name["Projects & mobility"].broaden is None  # offered, not taken


def test_completed_modules_are_marked_with_their_date(staff, colleague, varied_result):
    when = timezone.make_aware(timezone.datetime(2026, 4, 2, 9, 30))
    complete(staff, "1", when)
    services.enrolment_start(user=staff, module=Module.objects.get(code="2.1"))  # begun, not completed
    complete(colleague, "3")  # someone else's
    path = path_map_for_user(staff)
    assert [(s.key, s.completed_at) for s in path.stops] == [
        ("starting", None),
        ("rookie", when),
        ("advanced:at-home", None),
        ("advanced:abroad", None),
        ("expert", None),
    ]
    svg = path.svg()
    assert re.findall(r'<g class="stop is-done" data-stop="([^"]+)">', svg) == ["rookie"]


def test_the_picture_and_its_description_say_the_same(staff, varied_result):
    complete(staff, "1")
    path = path_map_for_user(staff)
    assert path.description() == (
        "The path: Starting; Rookie, module 1, completed; Advanced (at home), module 2.1; "
        "Advanced (abroad), module 2.2; Expert, module 3. Where you are: "
        "Knowledge of the EU and the European context: Expert; "
        "Understanding other VET systems: Advanced (at home), next Expert; "
        "Language and communication: Rookie, next Advanced (at home); "
        "Working in a multicultural environment: Starting, next Rookie; "
        "Managing international projects and mobility: Advanced (abroad), next Expert; "
        "Linking international work to the organisation's strategy and curriculum: Not assessed."
    )
    svg = path.svg()
    assert 'role="img" aria-labelledby="path-map-title path-map-desc"' in svg
    assert re.findall(r'class="marker-here" data-stop="([^"]+)"', svg) == [
        "expert",
        "advanced:at-home",
        "rookie",
        "starting",
        "advanced:abroad",
    ]
    assert re.findall(r'class="marker-next" data-stop="([^"]+)"', svg) == ["expert", "advanced:at-home", "rookie", "expert"]


def test_no_badge_is_drawn_without_one(staff, varied_result):
    complete(staff, "1")
    path = path_map_for_user(staff)
    assert [s.badge for s in path.stops] == [None] * 5
    assert 'class="badge"' not in path.svg()


def test_the_badge_is_drawn_once_earned(client, staff, org, varied_result):
    # The home page passes the person's valid badges (badges.selectors.held_badges) into
    # the map: training itself does not import badges.
    from badges.loading import badges_load
    from badges.selectors import held_badges
    from badges.services import badge_award, badge_revoke

    badges_load(path_model_code="rexvet")
    enrolment = complete(staff, "1", timezone.make_aware(timezone.datetime(2026, 4, 2, 9, 30)))
    assertion = badge_award(
        recipient=staff,
        badge_class=enrolment.module.badge_classes.get(rule="module-completed"),
        organisation=org,
        issued_on=timezone.make_aware(timezone.datetime(2026, 4, 2, 9, 30)),
    ).assertion
    name = "REXVET Rookie: Getting started with international work"
    path = path_map_for_user(staff, badges=held_badges(staff).by_module)
    assert [s.badge for s in path.stops] == [None, name, None, None, None]
    svg = path.svg()
    assert re.findall(r'<g class="badge">.*?<title>([^<]+)</title></g>', svg) == [name]
    client.force_login(staff)
    html = client.get("/").content.decode()
    steps = re.search(r'<ol class="path-steps"[^>]*>(.*?)</ol>', html, re.S).group(1)
    assert "Rookie — module 1 Getting started with international work (completed on 2 April 2026) ★ badge: " + name in " ".join(
        re.sub(r"<[^>]+>", " ", steps).split()
    )
    assert re.findall(r'<g class="badge">.*?<title>([^<]+)</title></g>', html) == [name]
    # A revoked badge is no longer shown.
    badge_revoke(assertion=assertion, reason="Awarded by mistake", acting_user=staff)
    assert 'class="badge"' not in client.get("/").content.decode()


def test_without_a_self_assessment_the_map_is_the_empty_path(staff, rexvet_model):
    path = path_map_for_user(staff)
    assert path.plan is None
    assert path.areas == []
    assert [s.key for s in path.stops] == ["starting", "rookie", "advanced:at-home", "advanced:abroad", "expert"]
    assert "marker-here" not in path.svg()


def test_without_a_published_path_model_there_is_no_map(staff, db):
    assert empty_path_map(user=staff).stops == []


def test_the_newest_submitted_self_assessment_gives_the_map(staff, org, rexvet_model, structure, varied_result, package):
    from rexvet.testing.factories import RoundFactory

    newer = RoundFactory(organisation=org, path_model=rexvet_model, name="Kuressaare mapping 2027")
    response = response_start(round=newer, user=staff)
    answer_everything(response, structure, lambda s: "yes")
    result = response_submit(response=response, acting_user=staff)
    path = path_map_for_user(staff)
    assert path.plan.result == result
    assert {a.label for a in path.areas} == {"Expert"}


# --- Query counts ---------------------------------------------------------------------------


def more_people(org, open_round, structure, count: int) -> None:
    for _ in range(count):
        member = MembershipFactory(organisation=org).user
        response = response_start(round=open_round, user=member)
        answer_everything(response, structure, lambda s: "yes")
        response_submit(response=response, acting_user=member)
        complete(member, "1")
        complete(member, "2.1")


def test_the_map_of_a_plan_is_six_queries_whatever_the_data(
    staff, org, open_round, structure, varied_result, django_assert_num_queries
):
    # 1 the newest plan, 2 levels, 3 directions, 4 modules with the person's completion,
    # 5 plan items, 6 the reached directions per area.
    with django_assert_num_queries(6):
        path_map_for_user(staff).svg()
    complete(staff, "1")
    complete(staff, "2.1")
    more_people(org, open_round, structure, 8)
    with django_assert_num_queries(6):
        path_map_for_user(staff).svg()


def test_the_empty_map_is_five_queries(staff, rexvet_model, package, django_assert_num_queries):
    # 1 no plan, 2 the newest published model, 3 levels, 4 directions, 5 modules.
    with django_assert_num_queries(5):
        path_map_for_user(staff).svg()


# --- On the staff home page -------------------------------------------------------------------

# The staff home GET:
#  1. the session
#  2. the user
#  3. the memberships (home: has the person an organisation?)
#  4. the membership check (member_required)
#  5. the rounds of the person's organisations
#  6. their responses in those rounds, with result and plan
#  7. the memberships again, with organisations, for the page
#  8. the person's valid badges, for their count and the map (issue 6)
#  9-14. the path map: the newest plan, levels, directions, modules with completion,
#        plan items, reached directions (issue 5)
# 15. the history of the person's levels per area
HOME_QUERIES = 15
# A coordinator without a self-assessment: the empty map is 5 (no plan, the model,
# levels, directions, modules) where the plan's is 6, and one more counts the plans
# waiting for their agreement; plus their valid badges (issue 6).
COORDINATOR_HOME_QUERIES = 15


def test_the_home_page_shows_the_map_with_its_text_equivalent(client, staff, varied_result):
    complete(staff, "1", timezone.make_aware(timezone.datetime(2026, 4, 2, 9, 30)))
    plan = DevelopmentPlan.objects.get(result=varied_result)
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 1
    assert 'class="path-map"' in html
    assert f'href="/plans/{plan.pk}/"' in html
    steps = re.search(r'<ol class="path-steps"[^>]*>(.*?)</ol>', html, re.S).group(1)
    words = " ".join(re.sub(r"<[^>]+>", " ", steps).split())
    assert words == (
        "Starting — Before Rookie "
        "Rookie — module 1 Getting started with international work (completed on 2 April 2026) "
        "Advanced, in one of two directions: "
        "Internationalisation at home — module 2.1 Bringing the world into your school "
        "Internationalisation abroad — module 2.2 Mobility and partnerships abroad "
        "Expert — module 3 Leading international work in your organisation"
    )
    table = re.search(r'<table class="table table-sm path-map-table">(.*?)</table>', html, re.S).group(1)
    rows = [unescape(" ".join(re.sub(r"<[^>]+>", " ", r).split())) for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    assert rows == [
        "Competence area You are here Next step",
        "Knowledge of the EU and the European context Expert Top of the path",
        "Understanding other VET systems Advanced (at home) Expert — module 3",
        "Language and communication Rookie Advanced (at home) — module 2.1",
        "Working in a multicultural environment Starting Rookie — module 1",
        "Managing international projects and mobility Advanced (abroad) Expert — module 3",
        "Linking international work to the organisation's strategy and curriculum Not assessed —",
    ]


def test_without_a_self_assessment_the_home_page_asks_to_take_it(client, staff, open_round, package):
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert "Take the self-assessment to see where you are on the path." in html
    assert f'<a class="btn btn-primary" href="/mapping/rounds/{open_round.pk}/">Take the self-assessment</a>' in html
    assert 'class="path-map"' in html  # the empty path
    assert "marker-here" not in html
    assert '<table class="table table-sm path-map-table">' not in html


def test_without_an_open_round_the_call_says_when_it_can_be_taken(client, staff, rexvet_model):
    client.force_login(staff)
    html = client.get("/").content.decode()
    assert "When your coordinator opens a mapping round, you can take it here." in html


def test_the_home_page_query_count_does_not_grow_with_data(
    client, staff, org, open_round, structure, varied_result, django_assert_num_queries
):
    client.force_login(staff)
    with django_assert_num_queries(HOME_QUERIES):
        small = client.get("/")
    complete(staff, "1")
    more_people(org, open_round, structure, 8)
    with django_assert_num_queries(HOME_QUERIES):
        big = client.get("/")
    assert small.status_code == big.status_code == 200


def test_a_coordinator_sees_how_many_plans_wait_for_them(
    client, staff, coordinator, org, open_round, structure, varied_result, django_assert_num_queries
):
    from pathways.services import plan_agreement_ask

    plan_agreement_ask(plan=DevelopmentPlan.objects.get(result=varied_result), acting_user=staff)
    client.force_login(coordinator)
    with django_assert_num_queries(COORDINATOR_HOME_QUERIES):
        html = client.get("/").content.decode()
    assert '<a class="btn btn-outline-primary" id="plans-to-agree" href="/plans/review/">Plans to agree (1)</a>' in html
    more_people(org, open_round, structure, 5)
    for plan in DevelopmentPlan.objects.exclude(owner=staff):
        plan_agreement_ask(plan=plan, acting_user=plan.owner)
    with django_assert_num_queries(COORDINATOR_HOME_QUERIES):
        html = client.get("/").content.decode()
    assert "Plans to agree (6)" in html


# --- On the result page -------------------------------------------------------------------------


def test_the_result_page_shows_the_map(client, staff, varied_result):
    complete(staff, "1")
    client.force_login(staff)
    html = client.get(f"/mapping/results/{varied_result.pk}/").content.decode()
    assert "Where you are on the path" in html
    assert re.findall(r'class="marker-here" data-stop="([^"]+)"', html) == [
        "expert",
        "advanced:at-home",
        "rookie",
        "starting",
        "advanced:abroad",
    ]
    assert re.findall(r'<g class="stop is-done" data-stop="([^"]+)">', html) == ["rookie"]
    assert '<ol class="path-steps"' in html


def test_someone_elses_result_page_and_map_stay_theirs(client, colleague, varied_result):
    client.force_login(colleague)
    assert client.get(f"/mapping/results/{varied_result.pk}/").status_code == 404

