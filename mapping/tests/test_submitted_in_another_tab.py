"""A page or the review posted from a tab loaded before submitting leads to the result."""

from unittest import mock

from mapping.models import Answer, Response
from mapping.services import response_submit
from rexvet.testing.plugin import answer_everything


def test_saving_a_page_after_submitting_elsewhere_leads_to_the_result(client, staff, draft, structure):
    client.force_login(staff)
    answer_everything(draft, structure, lambda s: "yes")
    response = Response.objects.get(user=staff)
    result = response_submit(response=response, acting_user=staff)
    answers_before = list(Answer.objects.filter(response=response).values_list("statement_id", "value"))
    area = structure.areas[0]
    data = {f"s{s.id}": "not_yet" for s in structure.statements[area.id]}
    # The view loaded the response before it was submitted (a stale tab): simulate by
    # letting the first check pass and the draft-only update find nothing.
    with mock.patch("mapping.views._get_own_response", return_value=Response.objects.filter(pk=response.pk).first()) as get:
        get.return_value.status = Response.Status.DRAFT
        page = client.post(f"/mapping/rounds/{response.round_id}/page/1/", {**data, "action": "next"})
    assert (page.status_code, page.headers["Location"]) == (302, f"/mapping/results/{result.pk}/")
    assert list(Answer.objects.filter(response=response).values_list("statement_id", "value")) == answers_before


def test_previous_on_the_first_page_stays_on_the_first_page(client, staff, draft):
    client.force_login(staff)
    page = client.post(f"/mapping/rounds/{draft.round_id}/page/1/", {"action": "previous"})
    assert page.headers["Location"] == f"/mapping/rounds/{draft.round_id}/page/1/"
