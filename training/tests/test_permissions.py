"""Who may open each training URL: a table per persona, exact codes and redirects.

`staff` is enrolled in the module, has saved a reflection and sent evidence (a file)
that waits for review. The coordinator of staff's organisation reviews it; the
coordinator of another organisation may not even see that it exists.
"""

import pytest

from training import services
from training.models import EvidenceSubmission, Reflection

from .conftest import submit_pdf

CATALOGUE, MODULE, ENROL, RESUME, ACTIVITY, FILE, QUEUE, REVIEW = (
    "catalogue", "module", "enrol", "resume", "activity", "file", "queue", "review",
)
URLS = {
    CATALOGUE: "/training/",
    MODULE: "/training/modules/{module}/",
    ENROL: "/training/modules/{module}/enrol/",
    RESUME: "/training/modules/{module}/continue/",
    ACTIVITY: "/training/activities/{reflection}/",
    FILE: "/training/evidence/{submission}/file/",
    QUEUE: "/training/review/",
    REVIEW: "/training/review/{submission}/",
}
METHODS = {
    CATALOGUE: ("get",), MODULE: ("get",), ENROL: ("post",), RESUME: ("get",),
    ACTIVITY: ("get", "post"), FILE: ("get",), QUEUE: ("get",), REVIEW: ("get", "post"),
}
NO_REDIRECT = None
LOGIN = "/accounts/login/?next={url}"
MODULE_PAGE = URLS[MODULE]

TABLE = [
    # Anonymous: sign in first, and come back here.
    *[("anonymous", m, u, 302, LOGIN) for u, methods in METHODS.items() for m in methods],
    # The owner works through their own module and downloads their own file.
    ("staff", "get", CATALOGUE, 200, NO_REDIRECT),
    ("staff", "get", MODULE, 200, NO_REDIRECT),
    ("staff", "post", ENROL, 302, URLS[RESUME]),
    ("staff", "get", RESUME, 302, "/training/activities/{first}/"),
    ("staff", "get", ACTIVITY, 200, NO_REDIRECT),
    ("staff", "post", ACTIVITY, 302, "/training/activities/{reflection}/"),
    ("staff", "get", FILE, 200, NO_REDIRECT),
    ("staff", "get", QUEUE, 403, NO_REDIRECT),
    ("staff", "get", REVIEW, 403, NO_REDIRECT),
    ("staff", "post", REVIEW, 403, NO_REDIRECT),
    # A colleague sees the catalogue and may enrol themselves, never staff's work.
    ("colleague", "get", CATALOGUE, 200, NO_REDIRECT),
    ("colleague", "get", MODULE, 200, NO_REDIRECT),
    ("colleague", "post", ENROL, 302, URLS[RESUME]),
    ("colleague", "get", RESUME, 302, MODULE_PAGE),
    ("colleague", "get", ACTIVITY, 302, MODULE_PAGE),
    ("colleague", "post", ACTIVITY, 302, MODULE_PAGE),
    ("colleague", "get", FILE, 404, NO_REDIRECT),
    ("colleague", "get", QUEUE, 403, NO_REDIRECT),
    ("colleague", "get", REVIEW, 403, NO_REDIRECT),
    ("colleague", "post", REVIEW, 403, NO_REDIRECT),
    # The coordinator of staff's organisation reviews (and downloads) the evidence.
    ("coordinator", "get", CATALOGUE, 200, NO_REDIRECT),
    ("coordinator", "get", MODULE, 200, NO_REDIRECT),
    ("coordinator", "post", ENROL, 302, URLS[RESUME]),
    ("coordinator", "get", RESUME, 302, MODULE_PAGE),
    ("coordinator", "get", ACTIVITY, 302, MODULE_PAGE),
    ("coordinator", "post", ACTIVITY, 302, MODULE_PAGE),
    ("coordinator", "get", FILE, 200, NO_REDIRECT),
    ("coordinator", "get", QUEUE, 200, NO_REDIRECT),
    ("coordinator", "get", REVIEW, 200, NO_REDIRECT),
    ("coordinator", "post", REVIEW, 302, URLS[QUEUE]),
    # Another organisation's coordinator: the evidence does not exist for them.
    ("other_coordinator", "get", CATALOGUE, 200, NO_REDIRECT),
    ("other_coordinator", "get", MODULE, 200, NO_REDIRECT),
    ("other_coordinator", "post", ENROL, 302, URLS[RESUME]),
    ("other_coordinator", "get", RESUME, 302, MODULE_PAGE),
    ("other_coordinator", "get", ACTIVITY, 302, MODULE_PAGE),
    ("other_coordinator", "post", ACTIVITY, 302, MODULE_PAGE),
    ("other_coordinator", "get", FILE, 404, NO_REDIRECT),
    ("other_coordinator", "get", QUEUE, 200, NO_REDIRECT),
    ("other_coordinator", "get", REVIEW, 404, NO_REDIRECT),
    ("other_coordinator", "post", REVIEW, 404, NO_REDIRECT),
    # A project admin without a membership: the welcome page, or 403 for coordinator pages.
    *[
        ("project_admin", m, u, 302, "/welcome/")
        for u in (CATALOGUE, MODULE, ENROL, RESUME, ACTIVITY, FILE)
        for m in METHODS[u]
    ],
    ("project_admin", "get", QUEUE, 403, NO_REDIRECT),
    ("project_admin", "get", REVIEW, 403, NO_REDIRECT),
    ("project_admin", "post", REVIEW, 403, NO_REDIRECT),
]


@pytest.fixture
def setting(staff, module, activities, enrolment):
    services.reflection_save(enrolment=enrolment, activity=activities["reflection"], text="Ülle's own thoughts.")
    submission = submit_pdf(enrolment, activities["evidence"])
    return {
        "module": module.pk,
        "reflection": activities["reflection"].pk,
        "first": activities["reading"].pk,
        "submission": submission.pk,
    }


def data_for(url: str) -> dict:
    if url == ACTIVITY:
        return {"text": "Written by whoever posts.", "action": "save"}
    if url == REVIEW:
        return {"decision": "approve", "comment": ""}
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

    reply = getattr(client, method)(path, data_for(url) if method == "post" else None)

    assert reply.status_code == status
    if location is None:
        assert not reply.has_header("Location")
    else:
        assert reply["Location"] == location.format(url=path, **setting)


def test_table_covers_every_persona_url_and_method():
    rows = {(persona, method, url) for persona, method, url, _, _ in TABLE}
    personas = ["anonymous", "staff", "colleague", "coordinator", "other_coordinator", "project_admin"]
    expected = {(p, m, u) for p in personas for u, methods in METHODS.items() for m in methods}
    assert rows == expected
    assert len(TABLE) == len(expected) == 6 * 10


def test_nobody_else_writes_into_staffs_work_or_reads_it(request, client, setting, staff):
    for persona in ("colleague", "coordinator", "other_coordinator"):
        client.force_login(request.getfixturevalue(persona))
        client.post(URLS[ACTIVITY].format(**setting), data_for(ACTIVITY))
        page = client.get(URLS[MODULE].format(**setting)).content.decode()
        assert "Ülle&#x27;s own thoughts." not in page and "Ülle's own thoughts." not in page

    assert list(Reflection.objects.values_list("enrolment__user", "text")) == [(staff.pk, "Ülle's own thoughts.")]


def test_a_colleague_working_on_the_same_activity_sees_only_their_own_reflection(client, setting, colleague, module):
    client.force_login(colleague)
    client.post(URLS[ENROL].format(**setting))

    page = client.get(URLS[ACTIVITY].format(**setting)).content.decode()

    assert page.count("Ülle's own thoughts.") == 0
    assert "Ülle&#x27;s own thoughts." not in page


def test_other_coordinators_do_not_see_the_evidence_in_their_queue(client, setting, other_coordinator):
    client.force_login(other_coordinator)

    reply = client.get(URLS[QUEUE])

    assert reply.context["page"].paginator.count == 0
    assert "Ülle" not in reply.content.decode()
    assert EvidenceSubmission.objects.get().status == "submitted"
