"""The owner asks their coordinator to agree the plan; the coordinator agrees it or returns
it with a comment; every step is kept, e-mailed both ways, and printed in the PDF."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from pathways import services, tasks
from pathways.models import DevelopmentPlan, PlanEvent, PlanItem
from pathways.services import plan_pdf_render, plan_pdf_request
from rexvet.testing.factories import MembershipFactory
from rexvet.testing.plugin import answer_everything

QUEUE = "/plans/review/"


def review_url(plan) -> str:
    return f"/plans/review/{plan.pk}/"


def ask(plan, staff, message: str = ""):
    event = services.plan_agreement_ask(plan=plan, acting_user=staff, message=message)
    plan.refresh_from_db()
    return event


def status(plan) -> str:
    plan.refresh_from_db()
    return plan.status


# --- Asking -----------------------------------------------------------------------------


def test_the_owner_asks_for_agreement_with_a_message(client, staff, coordinator, plan):
    client.force_login(staff)
    r = client.post(f"/plans/{plan.pk}/ask/", {"message": "  Could we talk about the mobility?  "})
    assert (r.status_code, r["Location"]) == (302, f"/plans/{plan.pk}/#agreement")
    plan.refresh_from_db()
    assert plan.status == DevelopmentPlan.Status.AWAITING
    assert plan.asked_at is not None
    assert [(e.action, e.author, e.text) for e in plan.events.all()] == [
        (PlanEvent.Action.ASKED, staff, "Could we talk about the mobility?")
    ]
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert "Your coordinator has been asked to agree your plan." in html
    assert f"You asked your coordinator to agree this plan on {timezone.localdate():%-d %B %Y}." in html
    assert 'id="ask-agreement"' not in html  # no second ask while it waits


def test_asking_twice_keeps_one_request(client, staff, coordinator, plan):
    ask(plan, staff)
    client.force_login(staff)
    r = client.post(f"/plans/{plan.pk}/ask/", {}, follow=True)
    assert "This plan is already waiting for agreement, or agreed." in r.content.decode()
    assert plan.events.count() == 1
    with pytest.raises(services.PlanStateError):
        services.plan_agreement_ask(plan=plan, acting_user=staff)


def test_without_a_coordinator_nobody_can_be_asked(client, staff, plan):
    client.force_login(staff)
    r = client.post(f"/plans/{plan.pk}/ask/", {}, follow=True)
    assert (
        "Your organisation has no coordinator who could agree your plan. Please ask your organisation to name one."
        in r.content.decode()
    )
    assert status(plan) == DevelopmentPlan.Status.DRAFT
    assert plan.events.count() == 0


def test_a_message_too_long_is_refused_and_kept(client, staff, coordinator, plan):
    client.force_login(staff)
    r = client.post(f"/plans/{plan.pk}/ask/", {"message": "x" * 2001})
    assert r.status_code == 400
    html = r.content.decode()
    assert "Ensure this value has at most 2000 characters (it has 2001)." in html
    assert "x" * 2001 + "</textarea>" in html
    assert status(plan) == DevelopmentPlan.Status.DRAFT


# --- The queue and the review ------------------------------------------------------------


def test_the_queue_lists_plans_waiting_from_the_coordinators_organisation_oldest_first(
    client, staff, colleague, coordinator, other_coordinator, org, other_org, open_round, structure, plan
):
    from mapping.services import response_start, response_submit
    from rexvet.testing.factories import RoundFactory

    def submitted_plan(user, rnd):
        response = response_start(round=rnd, user=user)
        answer_everything(response, structure, lambda s: "yes" if s.level.code == "rookie" else "partly")
        return DevelopmentPlan.objects.get(result=response_submit(response=response, acting_user=user))

    colleague_plan = submitted_plan(colleague, open_round)
    enac = MembershipFactory(organisation=other_org).user
    enac_plan = submitted_plan(enac, RoundFactory(organisation=other_org, path_model=open_round.path_model))
    draft = submitted_plan(MembershipFactory(organisation=org).user, open_round)  # never asked

    PlanItem.objects.filter(plan=colleague_plan, area__code__in=["language", "strategy"]).update(goals="Goals")
    ask(colleague_plan, colleague)
    ask(plan, staff)
    ask(enac_plan, enac)
    DevelopmentPlan.objects.filter(pk=colleague_plan.pk).update(asked_at=timezone.now() - timedelta(days=2))

    client.force_login(coordinator)
    r = client.get(QUEUE)
    assert r.status_code == 200
    assert [p.pk for p in r.context["page"].object_list] == [colleague_plan.pk, plan.pk]
    html = r.content.decode()
    assert "2 waiting" in html
    assert "<td>2 of 6 areas</td>" in html and "<td>0 of 6 areas</td>" in html
    assert f'href="/plans/review/{draft.pk}/"' not in html

    client.force_login(other_coordinator)
    assert [p.pk for p in client.get(QUEUE).context["page"].object_list] == [enac_plan.pk]


def test_the_coordinator_reads_the_plan_with_its_goals_and_history(client, staff, coordinator, plan):
    PlanItem.objects.filter(plan=plan, area__code="language").update(
        goals="Lead a meeting in English.", target_date=timezone.localdate() + timedelta(days=90)
    )
    ask(plan, staff, "Please look at languages.")
    client.force_login(coordinator)
    r = client.get(review_url(plan))
    assert r.status_code == 200
    html = r.content.decode()
    assert "Development plan of Ülle Mäe-Õunapuu" in html
    assert "Lead a meeting in English." in html
    assert "Please look at languages." in html
    assert 'id="save-decision"' in html


def test_the_coordinator_agrees_the_plan(client, staff, coordinator, plan):
    ask(plan, staff)
    client.force_login(coordinator)
    r = client.post(review_url(plan), {"decision": "agree", "comment": "A good plan."})
    assert (r.status_code, r["Location"]) == (302, QUEUE)
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_by) == (DevelopmentPlan.Status.AGREED, coordinator)
    assert plan.agreed_at is not None
    assert [(e.action, e.author, e.text) for e in plan.events.all()] == [
        (PlanEvent.Action.AGREED, coordinator, "A good plan."),
        (PlanEvent.Action.ASKED, staff, ""),
    ]
    assert "Agreed. Ülle Mäe-Õunapuu has been told." in client.get(QUEUE).content.decode()

    client.force_login(staff)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f"Agreed by Kadri Tamm on {timezone.localdate():%-d %B %Y}." in html
    assert "A good plan." in html
    assert "Editing an agreed plan makes it a draft again: you would ask your coordinator to agree it again." in html


def test_returning_needs_a_comment(client, staff, coordinator, plan):
    ask(plan, staff)
    client.force_login(coordinator)
    r = client.post(review_url(plan), {"decision": "return", "comment": "   "})
    assert r.status_code == 400
    html = r.content.decode()
    assert (
        '<div class="text-danger small mt-1" id="id_comment_error">Say what to change: a returned plan needs a comment.</div>'
        in html
    )
    assert status(plan) == DevelopmentPlan.Status.AWAITING
    with pytest.raises(ValueError):
        services.plan_return(plan=plan, reviewer=coordinator, comment=" ")


def test_a_returned_plan_shows_the_comment_and_is_asked_again(client, staff, coordinator, plan):
    ask(plan, staff)
    client.force_login(coordinator)
    client.post(review_url(plan), {"decision": "return", "comment": "Add a date for languages, please."})
    assert status(plan) == DevelopmentPlan.Status.RETURNED

    client.force_login(staff)
    html = client.get(f"/plans/{plan.pk}/").content.decode()
    assert f"Kadri Tamm returned the plan on {timezone.localdate():%-d %B %Y} with this comment:" in html
    assert '<blockquote class="review-comment pre-line" id="return-comment">Add a date for languages, please.</blockquote>' in html
    assert "Ask for agreement again" in html

    client.post(f"/plans/{plan.pk}/ask/", {"message": "Date added."})
    assert status(plan) == DevelopmentPlan.Status.AWAITING
    assert [(e.action, e.text) for e in plan.events.order_by("created_at", "pk")] == [
        (PlanEvent.Action.ASKED, ""),
        (PlanEvent.Action.RETURNED, "Add a date for languages, please."),
        (PlanEvent.Action.ASKED, "Date added."),
    ]


def test_a_decision_on_a_plan_not_waiting_is_not_taken(client, staff, coordinator, plan):
    client.force_login(coordinator)
    r = client.post(review_url(plan), {"decision": "agree"}, follow=True)
    assert "This plan is not waiting for agreement now." in r.content.decode()
    assert status(plan) == DevelopmentPlan.Status.DRAFT
    with pytest.raises(services.PlanStateError):
        services.plan_agree(plan=plan, reviewer=coordinator)


def test_of_two_coordinators_deciding_at_once_one_wins(client, staff, coordinator, org, plan):
    second = MembershipFactory(organisation=org, role="coordinator").user
    ask(plan, staff)
    services.plan_return(plan=plan, reviewer=second, comment="Dates, please.")
    with pytest.raises(services.PlanStateError):
        services.plan_agree(plan=DevelopmentPlan.objects.get(pk=plan.pk), reviewer=coordinator)
    plan.refresh_from_db()
    assert (plan.status, plan.agreed_by) == (DevelopmentPlan.Status.RETURNED, None)


def test_a_coordinator_never_agrees_their_own_plan(client, coordinator, open_round, structure, org):
    from mapping.services import response_start, response_submit

    response = response_start(round=open_round, user=coordinator)
    answer_everything(response, structure, lambda s: "yes")
    own = DevelopmentPlan.objects.get(result=response_submit(response=response, acting_user=coordinator))
    second = MembershipFactory(organisation=org, role="coordinator").user
    ask(own, coordinator)  # a coordinator asks another coordinator of their organisation

    client.force_login(coordinator)
    assert client.get(QUEUE).context["page"].paginator.count == 0
    assert client.get(review_url(own)).status_code == 404
    with pytest.raises(ValueError):
        services.plan_agree(plan=own, reviewer=coordinator)

    client.force_login(second)
    assert [p.pk for p in client.get(QUEUE).context["page"].object_list] == [own.pk]


# --- Who may open what --------------------------------------------------------------------


@pytest.mark.parametrize("url", ["queue", "review", "ask"])
def test_anonymous_visitors_are_sent_to_sign_in(client, plan, url):
    path = {"queue": QUEUE, "review": review_url(plan), "ask": f"/plans/{plan.pk}/ask/"}[url]
    r = client.post(path) if url == "ask" else client.get(path)
    assert (r.status_code, r["Location"]) == (302, f"/accounts/login/?next={path}")


@pytest.mark.parametrize(
    "persona, queue, review",
    [
        # The owner and their colleague coordinate nothing: the coordinators' pages are
        # closed to them (403), as every coordinator page (mapping, training) is.
        ("staff", 403, 403),
        ("colleague", 403, 403),
        ("coordinator", 200, 200),
        # Another organisation's coordinator has a queue, but this plan is not in it.
        ("other_coordinator", 200, 404),
        ("project_admin", 403, 403),
    ],
)
def test_only_a_coordinator_of_the_owners_organisation_reviews(client, staff, plan, persona, queue, review, request):
    MembershipFactory(organisation=staff.memberships.get().organisation, role="coordinator")  # someone to ask
    ask(plan, staff)
    client.force_login(request.getfixturevalue(persona))
    assert client.get(QUEUE).status_code == queue
    assert client.get(review_url(plan)).status_code == review
    r = client.post(review_url(plan), {"decision": "agree"})
    assert r.status_code == (302 if review == 200 else review)
    assert status(plan) == (DevelopmentPlan.Status.AGREED if review == 200 else DevelopmentPlan.Status.AWAITING)


def test_a_403_on_the_review_page_does_not_depend_on_the_plan_existing(client, colleague):
    client.force_login(colleague)
    assert client.get("/plans/review/999999/").status_code == 403


@pytest.mark.parametrize("persona", ["colleague", "coordinator", "other_coordinator"])
def test_nobody_but_the_owner_asks_or_opens_the_plan_page(client, staff, plan, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/plans/{plan.pk}/").status_code == 404
    assert client.post(f"/plans/{plan.pk}/ask/").status_code == 404
    assert status(plan) == DevelopmentPlan.Status.DRAFT


def test_the_owner_cannot_ask_through_the_service_for_someone_else(colleague, coordinator, plan):
    with pytest.raises(ValueError):
        services.plan_agreement_ask(plan=plan, acting_user=colleague)


# --- E-mails ------------------------------------------------------------------------------


def test_asking_e_mails_the_coordinators_of_the_organisation(run_tasks, client, staff, colleague, coordinator, other_coordinator, plan):
    ask(plan, staff, "Could we talk about the mobility?")
    assert [m.to for m in mail.outbox] == [[coordinator.email]]
    message = mail.outbox[0]
    assert message.subject == "[REXVET Paths] Development plan to agree: Ülle Mäe-Õunapuu"
    assert message.reply_to == [staff.email]
    assert "Ülle Mäe-Õunapuu asks you to agree their development plan." in message.body
    assert "Could we talk about the mobility?" in message.body
    assert f"http://127.0.0.1:8000/plans/review/{plan.pk}/" in message.body
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert f'href="http://127.0.0.1:8000/plans/review/{plan.pk}/"' in html


def test_agreeing_and_returning_e_mail_the_owner(run_tasks, staff, coordinator, plan):
    ask(plan, staff)
    mail.outbox.clear()
    services.plan_return(plan=plan, reviewer=coordinator, comment="Add a date, please.")
    ask(plan, staff)
    services.plan_agree(plan=plan, reviewer=coordinator, comment="Well done.")

    to_staff = [m for m in mail.outbox if m.to == [staff.email]]
    assert [m.subject for m in to_staff] == [
        "[REXVET Paths] Your development plan needs changes",
        "[REXVET Paths] Your development plan was agreed",
    ]
    returned, agreed = to_staff
    assert "Kadri Tamm returned your development plan, with this comment:" in returned.body
    assert "Add a date, please." in returned.body and "Add a date, please." in returned.alternatives[0][0]
    assert f"http://127.0.0.1:8000/plans/{plan.pk}/" in returned.body
    assert returned.reply_to == [coordinator.email]
    assert "Kadri Tamm agreed your development plan." in agreed.body
    assert "Well done." in agreed.body


def test_each_e_mail_is_sent_once_even_if_the_task_runs_twice(run_tasks, staff, coordinator, plan):
    event = ask(plan, staff)
    tasks.mail_plan_event(event.pk)
    tasks.mail_plan_event(event.pk)
    assert [m.subject for m in mail.outbox] == ["[REXVET Paths] Development plan to agree: Ülle Mäe-Õunapuu"]


def test_the_e_mails_are_sent_only_after_commit(staff, coordinator, plan, django_capture_on_commit_callbacks, monkeypatch):
    sent = []
    monkeypatch.setattr(tasks.mail_plan_event, "delay", lambda pk: sent.append(pk))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        event = ask(plan, staff)
    assert sent == [] and len(callbacks) == 1
    callbacks[0]()
    assert sent == [event.pk]

    with django_capture_on_commit_callbacks(execute=True):
        decision = services.plan_agree(plan=plan, reviewer=coordinator)
    assert sent == [event.pk, decision.pk]


def test_a_change_after_agreement_e_mails_nobody(run_tasks, client, staff, coordinator, plan):
    from .conftest import edit_data

    ask(plan, staff)
    services.plan_agree(plan=plan, reviewer=coordinator)
    mail.outbox.clear()
    client.force_login(staff)
    client.post(f"/plans/{plan.pk}/edit/", edit_data(plan, language={"goals": "New"}))
    assert mail.outbox == []


# --- The PDF --------------------------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf_text(plan, staff) -> str:
    pdf = plan_pdf_request(plan=plan, acting_user=staff)
    assert plan_pdf_render(pdf_id=pdf.pk) is True
    pdf.refresh_from_db()
    reader = PdfReader(io.BytesIO(pdf.file.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_the_pdf_shows_goals_dates_progress_and_the_agreement(media, staff, coordinator, plan, package):
    from training import services as training
    from training.models import ActivityProgress, Module

    PlanItem.objects.filter(plan=plan, area__code="language").update(
        goals="Lead a partner meeting in English.", target_date=timezone.datetime(2027, 6, 30).date()
    )
    PlanItem.objects.filter(plan=plan, area__code="projects").update(broaden=True)
    module = Module.objects.get(code="2.1")
    enrolment = training.enrolment_start(user=staff, module=module)
    for activity in module.activities.filter(required=True).order_by("order")[:2]:
        ActivityProgress.objects.create(
            enrolment=enrolment, activity=activity, status=ActivityProgress.Status.DONE, completed_at=timezone.now()
        )
    ask(plan, staff)
    services.plan_agree(plan=plan, reviewer=coordinator, comment="Agreed in our talk on Monday.")

    text = pdf_text(plan, staff)
    assert f"Agreed by Kadri Tamm on {timezone.localdate():%-d %B %Y}." in text
    assert "Agreed in our talk on Monday." in text
    assert "Lead a partner meeting in English." in text
    assert "30 June 2027" in text
    assert text.count("enrolled, 2 of 5 activities done") == 6
    assert "A step of this plan: Internationalisation abroad. 2.2 Mobility and partnerships abroad — not started yet" in text
    assert text.count("None written yet.") == 5


def test_a_pdf_of_a_plan_not_agreed_says_so(media, staff, coordinator, plan):
    assert "Not agreed yet with a coordinator (draft)." in pdf_text(plan, staff)
    ask(plan, staff)
    assert f"Not agreed yet: agreement asked of the coordinator on {timezone.localdate():%-d %B %Y}." in pdf_text(plan, staff)


# --- Query counts ----------------------------------------------------------------------------


def waiting_plans(org, structure, open_round, count: int) -> None:
    """`count` more members of `org`, each with a submitted self-assessment and a plan waiting."""
    from mapping.services import response_start, response_submit

    for _ in range(count):
        member = MembershipFactory(organisation=org).user
        response = response_start(round=open_round, user=member)
        answer_everything(response, structure, lambda s: "partly")
        plan = DevelopmentPlan.objects.get(result=response_submit(response=response, acting_user=member))
        PlanItem.objects.filter(plan=plan, area__code="language").update(goals="Goals")
        services.plan_agreement_ask(plan=plan, acting_user=member)


# The review queue GET:
#  1. the session
#  2. the user
#  3. coordinator_required: is the user a coordinator anywhere
#  4. the paginator's count of plans waiting
#  5. the page of plans with their owner, round and goals counted
#  6. the recent decisions with their plan's owner and author
QUEUE_QUERIES = 6


def test_the_review_queue_query_count_does_not_grow_with_data(
    client, staff, coordinator, org, open_round, structure, plan, django_assert_num_queries
):
    ask(plan, staff)
    client.force_login(coordinator)
    with django_assert_num_queries(QUEUE_QUERIES):
        small = client.get(QUEUE)

    waiting_plans(org, structure, open_round, 12)
    services.plan_agree(plan=plan, reviewer=coordinator)
    with django_assert_num_queries(QUEUE_QUERIES):
        big = client.get(QUEUE)
    assert small.context["page"].paginator.count == 1
    assert big.context["page"].paginator.count == 12
    assert len(big.context["recent"]) == 1


def test_the_review_page_query_count_is_fixed(client, staff, coordinator, plan, package, django_assert_num_queries):
    ask(plan, staff, "Please")
    client.force_login(coordinator)
    # 1 session, 2 user, 3 coordinator_required, 4 the plan, scoped to the coordinator's
    # organisations, with its result, round, model, owner and agreer, 5-9 the path structure,
    # 10 the owner's enrolments with progress, 11 area results, 12 plan items, 13 history.
    with django_assert_num_queries(13):
        assert client.get(review_url(plan)).status_code == 200
