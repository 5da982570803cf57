"""The owner edits their plan: goals, target dates, the direction at Advanced, broaden steps;
and sees their module progress on it. Levels never change here."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from pathways import services
from pathways.models import DevelopmentPlan, PlanEvent, PlanItem
from rexvet.accounts.decorators import KEPT_POST
from training import services as training
from training.models import ActivityProgress, Enrolment, Module

from .conftest import AREAS, edit_data, item

TODAY = timezone.localdate()
LATER = TODAY + timedelta(days=200)


def edit_url(plan) -> str:
    return f"/plans/{plan.pk}/edit/"


# --- Who may open it -------------------------------------------------------------------


@pytest.mark.parametrize("method", ["get", "post"])
def test_anonymous_visitors_are_sent_to_sign_in(client, plan, method):
    r = getattr(client, method)(edit_url(plan))
    assert (r.status_code, r["Location"]) == (302, f"/accounts/login/?next=/plans/{plan.pk}/edit/")


@pytest.mark.parametrize("persona", ["colleague", "coordinator", "other_coordinator"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_nobody_but_the_owner_opens_or_saves_it(client, plan, persona, method, request):
    client.force_login(request.getfixturevalue(persona))
    r = getattr(client, method)(edit_url(plan), edit_data(plan, language={"goals": "Not mine"}))
    assert r.status_code == 404
    assert item(plan, "language").goals == ""


def test_a_project_admin_without_an_organisation_is_sent_to_the_welcome_page(client, plan, project_admin):
    client.force_login(project_admin)
    r = client.get(edit_url(plan))
    assert (r.status_code, r["Location"]) == (302, "/welcome/")


def test_the_owner_opens_one_form_for_every_area(client, staff, plan):
    client.force_login(staff)
    r = client.get(edit_url(plan))
    assert r.status_code == 200
    html = r.content.decode()
    assert html.count('<fieldset class="card mb-3 plan-area"') == 6
    assert html.count('type="submit"') == 2  # "Save my plan" (and the sign-out button)
    for code in AREAS:
        assert f'name="area-{code}-goals"' in html
        assert f'name="area-{code}-target_date"' in html
        assert f'name="area-{code}-direction"' in html  # Advanced is next everywhere
        assert f'name="area-{code}-broaden"' in html
    assert "Internationalisation abroad — module 2.2 Mobility and partnerships abroad" in html


# --- Goals and dates -------------------------------------------------------------------


def test_the_owner_saves_goals_and_dates_per_area(client, staff, plan):
    client.force_login(staff)
    r = client.post(
        edit_url(plan),
        edit_data(
            plan,
            language={"goals": "  Run a virtual exchange in English.  ", "target_date": LATER.isoformat()},
            strategy={"goals": "Write our internationalisation plan."},
        ),
    )
    assert (r.status_code, r["Location"]) == (302, f"/plans/{plan.pk}/")
    assert [(i.area.code, i.goals, i.target_date) for i in PlanItem.objects.filter(plan=plan).select_related("area")] == [
        ("eu-context", "", None),
        ("vet-systems", "", None),
        ("language", "Run a virtual exchange in English.", LATER),
        ("multicultural", "", None),
        ("projects", "", None),
        ("strategy", "Write our internationalisation plan.", None),
    ]
    page = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Your changes are saved." in page
    assert "Run a virtual exchange in English." in page
    assert LATER.strftime("%-d %B %Y") in page
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.DRAFT


def test_a_target_date_in_the_past_is_refused_next_to_its_field_and_nothing_is_saved(client, staff, plan):
    client.force_login(staff)
    yesterday = TODAY - timedelta(days=1)
    r = client.post(
        edit_url(plan),
        edit_data(
            plan,
            eu_context={"goals": "Learn how Erasmus+ works."},
            language={"goals": "Speak at a partner meeting.", "target_date": yesterday.isoformat()},
        ),
    )
    assert r.status_code == 400
    html = r.content.decode()
    assert (
        '<div class="text-danger small mt-1" id="id_area-language-target_date_error">'
        "The target date cannot be in the past: choose today or a later date.</div>"
    ) in html
    assert 'aria-describedby="id_area-language-target_date_error"' in html
    assert "Nothing was saved: 1 field needs your attention." in html
    # What was typed is shown again, in every area.
    assert "Learn how Erasmus+ works.</textarea>" in html
    assert "Speak at a partner meeting.</textarea>" in html
    assert f'value="{yesterday.isoformat()}"' in html
    assert [i.goals for i in PlanItem.objects.filter(plan=plan)] == [""] * 6


def test_today_is_a_valid_target_date(client, staff, plan):
    client.force_login(staff)
    client.post(edit_url(plan), edit_data(plan, language={"target_date": TODAY.isoformat()}))
    assert item(plan, "language").target_date == TODAY


def test_a_saved_date_that_has_passed_may_stay(client, staff, plan):
    PlanItem.objects.filter(plan=plan, area__code="language").update(target_date=date(2020, 5, 1))
    client.force_login(staff)
    r = client.post(edit_url(plan), edit_data(plan, language={"goals": "Still working on it."}))
    assert r.status_code == 302
    assert (item(plan, "language").goals, item(plan, "language").target_date) == ("Still working on it.", date(2020, 5, 1))
    assert "(passed)" in client.get(f"/plans/{plan.pk}/").content.decode()


def test_a_date_that_is_not_a_date_is_refused(client, staff, plan):
    client.force_login(staff)
    r = client.post(edit_url(plan), edit_data(plan, language={"target_date": "next spring"}))
    assert r.status_code == 400
    assert "Enter a date, for example 2027-06-30." in r.content.decode()


def test_the_service_refuses_a_new_date_in_the_past(staff, plan):
    language = item(plan, "language")
    with pytest.raises(ValueError):
        services.plan_update(
            plan=plan,
            acting_user=staff,
            changes={language.pk: services.PlanItemChange(goals="", target_date=date(2001, 1, 1))},
            modules_by_step={},
        )
    assert item(plan, "language").target_date is None


def test_only_the_owner_may_update_through_the_service(colleague, plan):
    with pytest.raises(ValueError):
        services.plan_update(plan=plan, acting_user=colleague, changes={}, modules_by_step={})


# --- Directions and broaden steps ------------------------------------------------------


def test_choosing_the_other_direction_brings_its_module_and_swaps_the_broaden_step(client, staff, plan):
    before = item(plan, "language")
    assert (before.direction.code, before.module.code, before.broaden_direction.code, before.broaden_module.code) == (
        "at-home",
        "2.1",
        "abroad",
        "2.2",
    )
    client.force_login(staff)
    client.post(edit_url(plan), edit_data(plan, language={"direction": "abroad"}))
    after = item(plan, "language")
    assert (after.direction.code, after.module.code, after.broaden_direction.code, after.broaden_module.code) == (
        "abroad",
        "2.2",
        "at-home",
        "2.1",
    )
    # The other areas keep theirs.
    assert item(plan, "projects").module.code == "2.1"
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Next: Advanced (abroad)" in html
    assert "Optionally, also work on Internationalisation at home." in html


def test_the_owner_adds_the_other_direction_as_a_broaden_step_and_removes_it(client, staff, plan):
    client.force_login(staff)
    client.post(edit_url(plan), edit_data(plan, projects={"broaden": "on"}))
    assert [i.area.code for i in PlanItem.objects.filter(plan=plan, broaden=True).select_related("area")] == ["projects"]
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "A step of this plan: Internationalisation abroad." in html

    client.post(edit_url(plan), edit_data(plan, projects={"broaden": None}))
    assert PlanItem.objects.filter(plan=plan, broaden=True).count() == 0


def test_a_direction_that_is_not_one_of_the_level_is_refused(client, staff, plan):
    client.force_login(staff)
    r = client.post(edit_url(plan), edit_data(plan, language={"direction": "to-the-moon"}))
    assert r.status_code == 400
    assert "Select a valid choice. to-the-moon is not one of the available choices." in r.content.decode()
    assert item(plan, "language").direction.code == "at-home"


def test_where_advanced_is_not_next_there_is_no_direction_to_choose(client, staff, plan):
    # Starting in languages: the next step is Rookie, with no direction and nothing to broaden.
    PlanItem.objects.filter(plan=plan, area__code="language").update(
        current_ordinal=0, current_label="Starting", direction=None, broaden_direction=None, broaden_module=None
    )
    client.force_login(staff)
    html = client.get(edit_url(plan)).content.decode()
    assert 'name="area-language-direction"' not in html
    assert 'name="area-language-broaden"' not in html
    # A direction posted anyway is ignored.
    client.post(edit_url(plan), edit_data(plan, language={"direction": "abroad", "broaden": "on"}))
    language = item(plan, "language")
    assert (language.direction, language.broaden) == (None, False)


def test_levels_never_change_in_the_plan(client, staff, plan):
    client.force_login(staff)
    data = edit_data(plan, language={"goals": "Goals", "direction": "abroad"})
    data.update({"area-language-current_ordinal": "3", "area-language-current_label": "Expert", "area-language-next_level": "1"})
    client.post(edit_url(plan), data)
    language = item(plan, "language")
    assert (language.current_ordinal, language.current_label, language.next_level.code) == (1, "Rookie", "advanced")


# --- Editing an agreed plan -------------------------------------------------------------


def agree(plan, staff, coordinator):
    services.plan_agreement_ask(plan=plan, acting_user=staff)
    services.plan_agree(plan=plan, reviewer=coordinator)
    plan.refresh_from_db()


def test_editing_an_agreed_plan_makes_it_a_draft_again_and_says_so(client, staff, coordinator, plan):
    agree(plan, staff, coordinator)
    client.force_login(staff)
    form = client.get(edit_url(plan)).content.decode()
    assert (
        "This plan was agreed by Kadri Tamm. If you save a change, it becomes a draft again and you ask your "
        "coordinator to agree it again."
    ) in form
    r = client.post(edit_url(plan), edit_data(plan, language={"goals": "A new goal."}), follow=True)
    assert "Your changes are saved. The plan is a draft again: ask your coordinator to agree it again." in r.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_by, plan.agreed_at) == (DevelopmentPlan.Status.DRAFT, None, None)
    assert [(e.action, e.author, e.text) for e in plan.events.order_by("created_at", "pk")] == [
        (PlanEvent.Action.ASKED, staff, ""),
        (PlanEvent.Action.AGREED, coordinator, ""),
        (PlanEvent.Action.REOPENED, staff, "Changed while “Agreed”: the plan is a draft again."),
    ]


def test_saving_an_agreed_plan_without_a_change_keeps_it_agreed(client, staff, coordinator, plan):
    agree(plan, staff, coordinator)
    client.force_login(staff)
    r = client.post(edit_url(plan), edit_data(plan), follow=True)
    assert "Nothing was changed." in r.content.decode()
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_by) == (DevelopmentPlan.Status.AGREED, coordinator)


def test_editing_a_plan_waiting_for_agreement_withdraws_the_request(client, staff, coordinator, plan):
    services.plan_agreement_ask(plan=plan, acting_user=staff)
    client.force_login(staff)
    client.post(edit_url(plan), edit_data(plan, strategy={"goals": "Changed my mind."}))
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.DRAFT
    assert plan.events.first().text == "Changed while “Waiting for agreement”: the plan is a draft again."


# --- Nothing lost -----------------------------------------------------------------------


def test_a_form_sent_after_the_session_ended_is_shown_again_after_signing_in(client, staff, plan):
    data = edit_data(plan, language={"goals": "Typed before the session ended."})
    r = client.post(edit_url(plan), data)
    assert r.status_code == 302
    assert client.session[KEPT_POST]["path"] == edit_url(plan)

    client.force_login(staff)
    html = client.get(edit_url(plan)).content.decode()
    assert "Typed before the session ended.</textarea>" in html
    assert "What you entered before is shown again, not saved yet: check it and save." in html
    assert item(plan, "language").goals == ""  # shown, not saved until sent again


def test_a_form_from_a_stale_tab_is_shown_again_and_not_saved(staff, plan):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    data = edit_data(plan, language={"goals": "Typed in an old tab."})
    posted = client.post(edit_url(plan), {**data, "csrfmiddlewaretoken": "stale"})
    assert (posted.status_code, posted["Location"]) == (302, edit_url(plan))
    html = client.get(edit_url(plan)).content.decode()
    assert "Typed in an old tab.</textarea>" in html
    assert item(plan, "language").goals == ""


# --- Module progress on the plan -------------------------------------------------------


def progress_in(module_code: str, staff, *, done: int, completed: bool = False) -> Enrolment:
    """Enrol `staff` and mark the first `done` required activities of the module done."""
    module = Module.objects.get(code=module_code)
    enrolment = training.enrolment_start(user=staff, module=module)
    for activity in module.activities.filter(required=True).order_by("order")[:done]:
        ActivityProgress.objects.create(
            enrolment=enrolment, activity=activity, status=ActivityProgress.Status.DONE, completed_at=timezone.now()
        )
    if completed:
        Enrolment.objects.filter(pk=enrolment.pk).update(
            completed_at=timezone.make_aware(timezone.datetime(2026, 3, 14, 10, 0))
        )
    return enrolment


def test_the_plan_shows_progress_in_each_module(client, staff, colleague, plan, package):
    # 2.1 begun with 2 of its 5 required activities done (and the optional one, which does
    # not count); the broaden step 2.2 completed. A colleague's work is not staff's.
    enrolment = progress_in("2.1", staff, done=2)
    optional = Module.objects.get(code="2.1").activities.get(required=False)
    ActivityProgress.objects.create(
        enrolment=enrolment, activity=optional, status=ActivityProgress.Status.DONE, completed_at=timezone.now()
    )
    progress_in("2.2", staff, done=5, completed=True)
    progress_in("2.1", colleague, done=5, completed=True)
    PlanItem.objects.filter(plan=plan, area__code="projects").update(broaden=True)

    client.force_login(staff)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert html.count("Enrolled: 2 of 5 activities done") == 6
    assert html.count("Completed on 14 March 2026") == 1  # the broaden step of projects
    assert "Not started yet" not in html


def test_a_module_not_started_says_so(client, staff, plan, package):
    client.force_login(staff)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert html.count("Not started yet") == 6


def test_the_plan_page_query_count_does_not_grow_with_training_data(
    client, staff, coordinator, org, plan, package, django_assert_num_queries
):
    from rexvet.testing.factories import MembershipFactory

    client.force_login(staff)
    # 1 session, 2 user, 3 membership check, 4 plan with result, response, round,
    # organisation, path model, owner and agreer, 5-9 path structure, 10 the owner's
    # enrolments in the plan's modules with their progress counted, 11 area results,
    # 12 plan items with their area, levels, directions and modules, 13 stale renderings
    # update, 14 latest PDF, 15 ready PDFs, 16 the agreement history with its authors,
    # 17 the owner's valid badges (issue 6).
    with django_assert_num_queries(17):
        small = client.get(f"/plans/{plan.pk}/")

    progress_in("2.1", staff, done=3)
    progress_in("2.2", staff, done=5, completed=True)
    PlanItem.objects.filter(plan=plan).update(broaden=True, goals="Goals")
    for _ in range(20):
        other = MembershipFactory(organisation=org).user
        progress_in("2.1", other, done=5, completed=True)
    services.plan_agreement_ask(plan=plan, acting_user=staff, message="Please")

    with django_assert_num_queries(17):
        big = client.get(f"/plans/{plan.pk}/")
    assert small.status_code == big.status_code == 200
    assert big.content.decode().count("Enrolled: 3 of 5 activities done") == 6


def test_the_edit_page_query_count_is_fixed(client, staff, plan, django_assert_num_queries):
    client.force_login(staff)
    # 1 session, 2 user, 3 membership check, 4 plan, 5 plan items with their area, levels,
    # directions and modules, 6 the directions of the model, 7 the module catalogue.
    with django_assert_num_queries(7):
        assert client.get(edit_url(plan)).status_code == 200
