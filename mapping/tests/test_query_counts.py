"""A constant number of SQL queries per self-assessment page, whatever the data size."""

from mapping import services
from mapping.models import Answer, Response
from rexvet.testing.factories import MembershipFactory, RoundFactory
from rexvet.testing.plugin import answer_everything

# The survey page GET:
#  1. the session
#  2. the user
#  3. the membership check (member_required)
#  4. the round, scoped to the user's organisations, with its organisation and path model
#  5. the user's response in the round
#  6-10. the path structure: levels, directions, areas, statements, descriptors
#       (five, not six: the round brings its path model along)
# 11. the saved answers of this page
# 12. the ids of all answered statements, for the progress list
SURVEY_PAGE_QUERIES = 12

# The result page GET:
#  1. the session
#  2. the user
#  3. the membership check
#  4. the result, owned by the user, with its response, round, organisation, model and plan
#  5-9. the path structure: levels, directions, areas, statements, descriptors
# 10. the area results, for the radar chart
# 11. the area results again, for the current descriptors of the plan rows
# 12. the plan items with their area, next level, directions and modules
# 13. the path map's modules with the person's completion of each (issue 5: the map
#     reuses the structure, plan items and area results above, so only this is new)
RESULT_PAGE_QUERIES = 13


def add_crowd(*, rnd, org, structure, people: int) -> None:
    """`people` other members of the organisation, each with every statement answered in `rnd`."""
    statement_ids = [s.id for area in structure.areas for s in structure.statements[area.id]]
    answers = []
    for _ in range(people):
        member = MembershipFactory(organisation=org).user
        response = Response.objects.create(round=rnd, user=member)
        answers.extend(Answer(response=response, statement_id=sid, value="partly") for sid in statement_ids)
    Answer.objects.bulk_create(answers)


def add_rounds(*, staff, org, model, structure, count: int) -> None:
    """`count` more open rounds of the organisation, each answered in full by `staff`."""
    for _ in range(count):
        rnd = RoundFactory(organisation=org, path_model=model)
        answer_everything(services.response_start(round=rnd, user=staff), structure, lambda s: "yes")


def test_survey_page_query_count(client, staff, draft, structure, django_assert_num_queries):
    answer_everything(draft, structure, lambda s: "partly")
    client.force_login(staff)

    with django_assert_num_queries(SURVEY_PAGE_QUERIES):
        page = client.get(f"/mapping/rounds/{draft.round.pk}/page/3/")

    assert page.status_code == 200


def test_survey_page_query_count_does_not_grow_with_data(
    client, staff, org, rexvet_model, draft, structure, django_assert_num_queries
):
    answer_everything(draft, structure, lambda s: "partly")
    client.force_login(staff)
    url = f"/mapping/rounds/{draft.round.pk}/page/3/"
    with django_assert_num_queries(SURVEY_PAGE_QUERIES):
        small = client.get(url)

    add_rounds(staff=staff, org=org, model=rexvet_model, structure=structure, count=5)
    add_crowd(rnd=draft.round, org=org, structure=structure, people=50)
    assert Answer.objects.count() == 72 * (1 + 5 + 50)

    with django_assert_num_queries(SURVEY_PAGE_QUERIES):
        big = client.get(url)

    assert small.status_code == big.status_code == 200
    # The crowd's answers do not leak into staff's progress: 12 of 12 on each page.
    assert big.content.decode().count("12/12 answered") == 6


def test_result_page_query_count(client, staff, submitted_result, django_assert_num_queries):
    client.force_login(staff)

    with django_assert_num_queries(RESULT_PAGE_QUERIES):
        page = client.get(f"/mapping/results/{submitted_result.pk}/")

    assert page.status_code == 200


def test_result_page_query_count_does_not_grow_with_data(
    client, staff, org, rexvet_model, submitted_result, structure, django_assert_num_queries
):
    client.force_login(staff)
    url = f"/mapping/results/{submitted_result.pk}/"
    with django_assert_num_queries(RESULT_PAGE_QUERIES):
        small = client.get(url)

    # Other people's submitted results in the same round, and more rounds of staff's own.
    for _ in range(5):
        member = MembershipFactory(organisation=org).user
        response = services.response_start(round=submitted_result.response.round, user=member)
        answer_everything(response, structure, lambda s: "yes")
        services.response_submit(response=response, acting_user=member)
    add_rounds(staff=staff, org=org, model=rexvet_model, structure=structure, count=5)

    with django_assert_num_queries(RESULT_PAGE_QUERIES):
        big = client.get(url)

    assert small.status_code == big.status_code == 200
