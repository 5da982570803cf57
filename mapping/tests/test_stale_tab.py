"""A tab left open from an earlier sign-in: what was typed is shown again, never saved unseen."""

from unittest import mock

import pytest
from django.test import Client

from mapping.models import Answer, Response, Result
from mapping.services import response_start, response_submit
from rexvet.testing.plugin import answer_everything


@pytest.fixture
def csrf_client(staff):
    client = Client(enforce_csrf_checks=True)
    client.force_login(staff)
    return client


def test_a_page_posted_with_a_stale_csrf_token_is_shown_again_and_not_saved(csrf_client, staff, open_round, structure):
    response = response_start(round=open_round, user=staff)
    area = structure.areas[0]
    first, second = structure.statements[area.id][:2]
    url = f"/mapping/rounds/{open_round.pk}/page/1/"

    posted = csrf_client.post(url, {f"s{first.id}": "partly", f"s{second.id}": "yes", "csrfmiddlewaretoken": "stale"})

    assert (posted.status_code, posted.headers["Location"]) == (302, url)
    assert Answer.objects.filter(response=response).count() == 0
    page = csrf_client.get(url)
    html = page.content.decode()
    assert "nothing was saved yet" in html
    assert f'id="id_s{first.id}_1" value="partly" checked' in html
    assert f'id="id_s{second.id}_2" value="yes" checked' in html
    assert Answer.objects.filter(response=response).count() == 0
    # Shown once only.
    assert "nothing was saved yet" not in csrf_client.get(url).content.decode()


def test_a_csrf_failure_elsewhere_is_a_human_403_and_keeps_nothing(db):
    client = Client(enforce_csrf_checks=True)
    failed = client.post("/accounts/login/", {"login": "x@y.example", "password": "secret-pw"})
    assert failed.status_code == 403
    assert "This form has expired" in failed.content.decode()
    assert "kept_post" not in client.session


def test_review_posted_after_submitting_in_another_tab_leads_to_the_result(client, staff, open_round, structure):
    response = response_start(round=open_round, user=staff)
    answer_everything(response, structure, lambda s: "yes")
    result = response_submit(response=response, acting_user=staff)
    client.force_login(staff)
    stale = Response.objects.get(pk=response.pk)
    stale.status = Response.Status.DRAFT  # as loaded before the other tab submitted
    with mock.patch("mapping.views._get_own_response", return_value=stale):
        posted = client.post(f"/mapping/rounds/{open_round.pk}/review/", {"direction": "abroad", "action": "submit"})
    assert (posted.status_code, posted.headers["Location"]) == (302, f"/mapping/results/{result.pk}/")
    assert Result.objects.count() == 1
