"""A constant number of SQL queries on the catalogue, the module page and the review
queue, whatever the number of modules, activities, people and submissions."""

from rexvet.testing.factories import MembershipFactory
from training import services
from training.models import ActivityProgress, Enrolment

from .conftest import submit_pdf
from .factories import small_module

# The catalogue GET:
#  1. the session
#  2. the user
#  3. the membership check (member_required)
#  4. the code of the newest published path model
#  5-7. its levels, directions and areas (the filters' choices and the labels)
#  8. the modules, with their required activities counted
#  9. the modules' areas (prefetched)
# 10. the person's enrolments, with their required activities done counted
# 11. the items of the person's newest development plan, with their areas
# 12. whether the person coordinates an organisation (the link to the review queue)
CATALOGUE_QUERIES = 12

# The module page GET:
#  1. the session
#  2. the user
#  3. the membership check
#  4. the module
#  5. its areas (prefetched)
#  6. the person's enrolment in it
#  7. its activities, in order
#  8. the person's progress on them
#  9-11. levels, directions and areas of the newest published version (the labels)
MODULE_QUERIES = 11

# The review queue GET:
#  1. the session
#  2. the user
#  3. the coordinator check (coordinator_required)
#  4. how many submissions wait (the paginator)
#  5. one page of them, with person, module and activity
#  6. the recently reviewed, with person, module, activity and reviewer
QUEUE_QUERIES = 6


def add_modules(count: int) -> list:
    return [small_module(code=f"8.{n}", title=f"Extra module {n}") for n in range(count)]


def work_on(user, module, *, kinds=("reading", "reflection")) -> Enrolment:
    enrolment = services.enrolment_start(user=user, module=module)
    for activity in module.activities.filter(kind__in=kinds):
        if activity.kind == "reflection":
            services.reflection_save(enrolment=enrolment, activity=activity, text="Thoughts.")
        else:
            services.activity_mark_done(enrolment=enrolment, activity=activity)
    return enrolment


def add_crowd(org, modules, people: int) -> list:
    users = [MembershipFactory(organisation=org).user for _ in range(people)]
    for user in users:
        for module in modules:
            work_on(user, module)
    return users


def test_catalogue_query_count_does_not_grow_with_data(
    client, staff, org, package, submitted_result, django_assert_num_queries
):
    client.force_login(staff)
    with django_assert_num_queries(CATALOGUE_QUERIES):
        small = client.get("/training/")

    modules = add_modules(20)
    for module in modules[:10]:
        work_on(staff, module)
    add_crowd(org, modules[:5], people=10)
    assert Enrolment.objects.count() == 10 + 10 * 5
    assert ActivityProgress.objects.count() == 2 * 60

    with django_assert_num_queries(CATALOGUE_QUERIES):
        big = client.get("/training/")

    assert small.status_code == big.status_code == 200
    assert len(small.context["cards"]) == 4
    assert len(big.context["cards"]) == 24
    # Everything the page shows was fetched up front: staff's own progress on each card.
    assert big.content.decode().count("In progress: 2 of 4 required activities done") == 10
    assert [c.module.code for c in big.context["recommended"]] == ["2.1"]


def test_catalogue_query_count_with_filters(client, staff, package, django_assert_num_queries):
    add_modules(10)
    client.force_login(staff)

    with django_assert_num_queries(CATALOGUE_QUERIES):
        reply = client.get("/training/", {"level": "advanced", "direction": "abroad", "area": "language"})

    assert [c.module.code for c in reply.context["cards"]] == ["2.2"]


def test_module_page_query_count_does_not_grow_with_data(client, staff, org, package, django_assert_num_queries):
    module = small_module(code="7", title="Measured module")
    services.enrolment_start(user=staff, module=module)
    client.force_login(staff)
    url = f"/training/modules/{module.pk}/"
    with django_assert_num_queries(MODULE_QUERIES):
        small = client.get(url)

    work_on(staff, module)
    for order in range(6, 26):
        module.activities.create(order=order, kind="reading", title=f"More reading {order}")
    add_crowd(org, [module], people=20)
    add_modules(5)

    with django_assert_num_queries(MODULE_QUERIES):
        big = client.get(url)

    assert small.status_code == big.status_code == 200
    assert len(big.context["progress"].rows) == 25
    html = big.content.decode()
    assert "2 of 24 required activities done" in html
    assert html.count("Not started") == 23  # staff's own progress only, none of the crowd's


def test_review_queue_query_count_does_not_grow_with_data(client, coordinator, org, module, activities, django_assert_num_queries):
    first = MembershipFactory(organisation=org).user
    submit_pdf(services.enrolment_start(user=first, module=module), activities["evidence"])
    client.force_login(coordinator)
    with django_assert_num_queries(QUEUE_QUERIES):
        one = client.get("/training/review/")

    people = [MembershipFactory(organisation=org).user for _ in range(59)]
    submissions = [submit_pdf(services.enrolment_start(user=p, module=module), activities["evidence"]) for p in people]
    for submission in submissions[:12]:  # returned, and resubmitted as version 2
        services.evidence_return(submission=submission, reviewer=coordinator, comment="Add dates.")
    for submission in submissions[:12]:
        submit_pdf(submission.enrolment, activities["evidence"])
    for submission in submissions[12:20]:
        services.evidence_approve(submission=submission, reviewer=coordinator)

    with django_assert_num_queries(QUEUE_QUERIES):
        big = client.get("/training/review/")
    with django_assert_num_queries(QUEUE_QUERIES):
        second_page = client.get("/training/review/", {"page": 2})

    assert one.status_code == big.status_code == second_page.status_code == 200
    assert one.context["page"].paginator.count == 1
    assert big.context["page"].paginator.count == 52
    assert len(big.context["page"].object_list) == 50
    assert len(second_page.context["page"].object_list) == 2
    assert len(big.context["recent"]) == 10
    pages = big.content.decode() + second_page.content.decode()
    assert pages.count("(resubmitted)") == 12
