"""The dashboard's training and badge figures: exact counts per module, in a fixed number
of SQL queries, with the dashboard's department and job-role filter."""

from datetime import datetime, timedelta, timezone as tz

import pytest
from django.utils import timezone

from badges.figures import badge_figures
from badges.services import badge_award, badge_reissue, badge_revoke
from rexvet.testing.factories import MembershipFactory, RoundFactory, UserFactory
from training.models import Enrolment

from .conftest import CRITERIA_MET

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=tz.utc)


def member(org, n: int, department: str = "Hospitality", job_role: str = "Teacher"):
    user = UserFactory(email=f"p{n}@kuressaare.example", full_name=f"P {n}")
    MembershipFactory(user=user, organisation=org, department=department, job_role=job_role)
    return user


@pytest.fixture
def data(org, other_org, coordinator, module_badge, prior_learning_badge, badge_classes):
    """org: the coordinator and 9 members. On module 1:
    p0, p1: valid by completion; p2: valid by recognition; p3: expired; p4: revoked;
    p5: revoked, then re-issued (valid); p6 (Maritime): valid by completion.
    Enrolled in module 1: p0-p4 and p7, of which p0, p1, p3 completed.
    other_org's member with a valid badge is not counted."""
    people = [member(org, i, department="Maritime" if i == 6 else "Hospitality", job_role="Manager" if i == 1 else "Teacher") for i in range(9)]
    module = module_badge.module

    def give(user, badge_class=module_badge, **kwargs):
        return badge_award(recipient=user, badge_class=badge_class, organisation=org, issued_on=CRITERIA_MET, **kwargs).assertion

    give(people[0])
    give(people[1])
    give(people[2], prior_learning_badge, acting_user=coordinator)
    give(people[3], expires_on=NOW - timedelta(days=1))
    badge_revoke(assertion=give(people[4]), reason="Mistake.", acting_user=coordinator)
    fifth = give(people[5])
    badge_revoke(assertion=fifth, reason="Wrong e-mail address.", acting_user=coordinator)
    badge_reissue(assertion=fifth, acting_user=coordinator)
    give(people[6])
    for i in (0, 1, 2, 3, 4, 7):
        Enrolment.objects.create(user=people[i], module=module, completed_at=CRITERIA_MET if i in (0, 1, 3) else None)
    stranger = UserFactory(email="x@enac.example")
    MembershipFactory(user=stranger, organisation=other_org)
    badge_award(recipient=stranger, badge_class=module_badge, organisation=other_org, issued_on=CRITERIA_MET)
    Enrolment.objects.create(user=stranger, module=module, completed_at=CRITERIA_MET)
    return people


def row(figures, code: str) -> dict:
    (found,) = [m for m in figures.modules if m.module.code == code]
    return {
        "enrolled": found.enrolled, "completed": found.completed, "by_completion": found.by_completion,
        "by_recognition": found.by_recognition, "expired": found.expired, "revoked": found.revoked,
        "holders": found.holders, "staff": found.staff, "share": str(found.holders_percent),
    }


def test_the_whole_organisation(org, data):
    figures = badge_figures(org, now=NOW)

    assert figures.staff == 10
    assert [m.module.code for m in figures.modules] == ["1", "2.1", "2.2", "3"]
    assert row(figures, "1") == {
        "enrolled": 6, "completed": 3, "by_completion": 4, "by_recognition": 1, "expired": 1, "revoked": 2,
        "holders": 5, "staff": 10, "share": "50.0",
    }
    assert row(figures, "2.1") == {
        "enrolled": 0, "completed": 0, "by_completion": 0, "by_recognition": 0, "expired": 0, "revoked": 0,
        "holders": 0, "staff": 10, "share": "0.0",
    }
    assert figures.any_badges


def test_a_department_and_a_job_role(org, data):
    hospitality = badge_figures(org, department="Hospitality", now=NOW)
    maritime_teachers = badge_figures(org, department="Maritime", job_role="Teacher", now=NOW)
    managers = badge_figures(org, job_role="Manager", now=NOW)

    # The coordinator's membership has the factory's department: Hospitality, Teacher.
    assert hospitality.staff == 9
    assert row(hospitality, "1") == {
        "enrolled": 6, "completed": 3, "by_completion": 3, "by_recognition": 1, "expired": 1, "revoked": 2,
        "holders": 4, "staff": 9, "share": "44.4",
    }
    assert row(maritime_teachers, "1")["holders"] == 1
    assert row(maritime_teachers, "1")["share"] == "100.0"
    assert row(managers, "1") == {
        "enrolled": 1, "completed": 1, "by_completion": 1, "by_recognition": 0, "expired": 0, "revoked": 0,
        "holders": 1, "staff": 1, "share": "100.0",
    }


def test_no_department_given_is_a_group_of_its_own(org, data):
    member(org, 50, department="")

    figures = badge_figures(org, department="", now=NOW)

    assert figures.staff == 1
    assert row(figures, "1")["holders"] == 0


def test_a_badge_expires_at_its_moment(org, data):
    expired_at = NOW - timedelta(days=1)

    before = badge_figures(org, now=expired_at - timedelta(seconds=1))
    at = badge_figures(org, now=expired_at)

    assert (row(before, "1")["expired"], row(before, "1")["holders"]) == (0, 6)
    assert (row(at, "1")["expired"], row(at, "1")["holders"]) == (1, 5)


def test_the_staff_count_given_by_the_caller_is_used(org, data):
    assert str(badge_figures(org, staff=20, now=NOW).modules[0].holders_percent) == "25.0"


def test_an_organisation_without_staff_has_no_share(rexvet_model, module_badge):
    from rexvet.testing.factories import OrganisationFactory

    figures = badge_figures(OrganisationFactory(), now=NOW)
    assert figures.staff == 0
    assert figures.modules[0].holders_percent is None
    assert not figures.any_badges


def test_the_figures_ask_the_same_number_of_queries_at_any_size(org, data, module_badge, django_assert_num_queries):
    with django_assert_num_queries(3):  # staff, modules with enrolments, badges per module
        badge_figures(org, department="Hospitality", now=NOW)
    with django_assert_num_queries(2):
        badge_figures(org, staff=10, now=NOW)

    for i in range(100, 160):
        user = member(org, i)
        badge_award(recipient=user, badge_class=module_badge, organisation=org, issued_on=CRITERIA_MET)
        Enrolment.objects.create(user=user, module=module_badge.module, completed_at=CRITERIA_MET)
    with django_assert_num_queries(3):
        figures = badge_figures(org, department="Hospitality", now=NOW)
    assert row(figures, "1")["holders"] == 64


# --- On the dashboard ----------------------------------------------------------------------


def test_the_dashboard_shows_the_badge_table(client, coordinator, org, rexvet_model, data):
    rnd = RoundFactory(organisation=org, path_model=rexvet_model, opens_on=timezone.localdate() - timedelta(days=3))
    client.force_login(coordinator)

    reply = client.get(f"/mapping/dashboards/rounds/{rnd.pk}/", {"department": "Hospitality"})

    assert reply.status_code == 200
    html = reply.content.decode()
    table = html[html.index('id="badges-table"') : html.index("</table>", html.index('id="badges-table"'))]
    assert "<caption>Training and badges per module</caption>" in table
    assert '<th scope="row">1 ' in table
    figures = reply.context["badges"]
    assert figures.staff == 9
    assert [m.holders for m in figures.modules] == [4, 0, 0, 0]
    # Counts only: nobody is named in the section.
    section = html[html.index('id="badges"') : html.index("</section>", html.index('id="badges"'))]
    assert "P 0" not in section and "p0@" not in section


def test_an_anonymous_rounds_dashboard_shows_the_same_counts(client, coordinator, org, rexvet_model, data):
    rnd = RoundFactory(organisation=org, path_model=rexvet_model, is_anonymous=True, opens_on=timezone.localdate() - timedelta(days=3))
    client.force_login(coordinator)

    reply = client.get(f"/mapping/dashboards/rounds/{rnd.pk}/")

    assert reply.status_code == 200
    assert [m.holders for m in reply.context["badges"].modules] == [5, 0, 0, 0]
