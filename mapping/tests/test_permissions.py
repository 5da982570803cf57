"""Who may open each self-assessment URL: a table per persona, exact codes and redirects.

`staff` has started the open round (a draft) and has a submitted result from an
earlier round of the same organisation.
"""

import pytest

from mapping import services
from mapping.models import Answer, Response
from rexvet.testing.factories import RoundFactory
from rexvet.testing.plugin import answer_everything

START, PAGE, REVIEW, RESULT = "start", "page", "review", "result"
URLS = {
    START: "/mapping/rounds/{round}/",
    PAGE: "/mapping/rounds/{round}/page/1/",
    REVIEW: "/mapping/rounds/{round}/review/",
    RESULT: "/mapping/results/{result}/",
}
NO_REDIRECT = None  # the Location column where the answer is not a redirect

# (persona, method, url, status, Location) — Location "{url}" is the URL itself.
TABLE = [
    # Anonymous: sign in first, and come back here.
    *[
        ("anonymous", method, url, 302, "/accounts/login/?next={url}")
        for url in (START, PAGE, REVIEW)
        for method in ("get", "post")
    ],
    ("anonymous", "get", RESULT, 302, "/accounts/login/?next={url}"),
    # The owner answers their own round and sees their own result.
    ("staff", "get", START, 200, NO_REDIRECT),
    ("staff", "post", START, 302, URLS[PAGE]),
    ("staff", "get", PAGE, 200, NO_REDIRECT),
    ("staff", "post", PAGE, 302, "/mapping/rounds/{round}/page/2/"),
    ("staff", "get", REVIEW, 200, NO_REDIRECT),
    ("staff", "post", REVIEW, 302, URLS[REVIEW]),
    ("staff", "get", RESULT, 200, NO_REDIRECT),
    # A colleague may take the same round themselves, but not see staff's result.
    ("colleague", "get", START, 200, NO_REDIRECT),
    ("colleague", "post", START, 302, URLS[PAGE]),
    ("colleague", "get", PAGE, 302, URLS[START]),
    ("colleague", "post", PAGE, 302, URLS[START]),
    ("colleague", "get", REVIEW, 302, URLS[START]),
    ("colleague", "post", REVIEW, 302, URLS[START]),
    ("colleague", "get", RESULT, 404, NO_REDIRECT),
    # The coordinator takes the self-assessment too; no access to named results yet.
    ("coordinator", "get", START, 200, NO_REDIRECT),
    ("coordinator", "post", START, 302, URLS[PAGE]),
    ("coordinator", "get", PAGE, 302, URLS[START]),
    ("coordinator", "post", PAGE, 302, URLS[START]),
    ("coordinator", "get", REVIEW, 302, URLS[START]),
    ("coordinator", "post", REVIEW, 302, URLS[START]),
    ("coordinator", "get", RESULT, 404, NO_REDIRECT),
    # Another organisation's round does not exist for its coordinator.
    *[
        ("other_coordinator", method, url, 404, NO_REDIRECT)
        for url in (START, PAGE, REVIEW)
        for method in ("get", "post")
    ],
    ("other_coordinator", "get", RESULT, 404, NO_REDIRECT),
    # A project admin without a membership is sent to the welcome page.
    *[
        ("project_admin", method, url, 302, "/welcome/")
        for url in (START, PAGE, REVIEW)
        for method in ("get", "post")
    ],
    ("project_admin", "get", RESULT, 302, "/welcome/"),
]


@pytest.fixture
def setting(staff, draft, rexvet_model, org, structure):
    earlier = RoundFactory(organisation=org, path_model=rexvet_model, name="Kuressaare mapping 2025")
    response = services.response_start(round=earlier, user=staff)
    answer_everything(response, structure, lambda s: "yes")
    result = services.response_submit(response=response, acting_user=staff)
    first = structure.statements[structure.areas[0].id][0]
    return {"round": draft.round.pk, "result": result.pk, "statement": first.id}


def data_for(url: str, setting: dict) -> dict:
    if url == PAGE:
        return {f"s{setting['statement']}": "partly", "action": "next"}
    if url == REVIEW:
        return {"direction": "at-home", "action": "save"}
    return {}


@pytest.mark.parametrize(
    ("persona", "method", "url", "status", "location"),
    TABLE,
    ids=[f"{persona}-{method}-{url}" for persona, method, url, *_ in TABLE],
)
def test_it_answers_each_persona_as_in_the_table(request, client, setting, persona, method, url, status, location):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    path = URLS[url].format(**setting)

    reply = getattr(client, method)(path, data_for(url, setting) if method == "post" else None)

    assert reply.status_code == status
    if location is None:
        assert not reply.has_header("Location")
    else:
        assert reply["Location"] == location.format(url=path, **setting)


def test_table_covers_every_persona_url_and_method():
    rows = {(persona, method, url) for persona, method, url, _, _ in TABLE}
    personas = ["anonymous", "staff", "colleague", "coordinator", "other_coordinator", "project_admin"]
    expected = {(p, m, u) for p in personas for u in (START, PAGE, REVIEW) for m in ("get", "post")}
    expected |= {(p, "get", RESULT) for p in personas}
    assert rows == expected
    assert len(TABLE) == len(expected) == 42


def test_others_cannot_write_into_the_owners_draft(request, client, setting, draft):
    for persona in ("colleague", "coordinator", "other_coordinator", "project_admin"):
        client.force_login(request.getfixturevalue(persona))
        client.post(URLS[PAGE].format(**setting), data_for(PAGE, setting))
        client.post(URLS[REVIEW].format(**setting), data_for(REVIEW, setting))

    assert Answer.objects.filter(response=draft).count() == 0
    draft.refresh_from_db()
    assert draft.preferred_direction is None


def test_colleague_answers_the_same_round_in_a_response_of_their_own(client, colleague, setting, draft):
    client.force_login(colleague)

    client.post(URLS[START].format(**setting))
    saved = client.post(URLS[PAGE].format(**setting), data_for(PAGE, setting))

    theirs = Response.objects.get(round_id=setting["round"], user=colleague)
    assert saved["Location"] == "/mapping/rounds/{round}/page/2/".format(**setting)
    assert theirs.pk != draft.pk
    assert dict(theirs.answers.values_list("statement_id", "value")) == {setting["statement"]: "partly"}
    assert Answer.objects.filter(response=draft).count() == 0


def test_other_coordinator_starting_another_organisations_round_creates_nothing(client, other_coordinator, setting):
    client.force_login(other_coordinator)

    reply = client.post(URLS[START].format(**setting))

    assert reply.status_code == 404
    assert Response.objects.filter(user=other_coordinator).count() == 0
