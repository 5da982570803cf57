"""Shared pytest fixtures: the REXVET model and the personas every permission test uses.

Personas: `staff` (the owner of the data under test), `colleague` (same organisation),
`coordinator` (same organisation), `other_coordinator` (another organisation),
`project_admin` (Django staff, no organisation) and the anonymous `client`.

Tests that need a service (PostgreSQL, Redis, a Celery worker) or Chromium may skip on
a bare laptop; with REXVET_REQUIRE_ALL=1 (set by .ci/run) every such skip is a failure.
"""

import os

import pytest

from rexvet.lib.env import env_bool


def require_or_skip(condition: bool, reason: str) -> None:
    """Skip when `condition` is false, or fail when REXVET_REQUIRE_ALL is set."""
    if condition:
        return
    if env_bool("REXVET_REQUIRE_ALL", False):
        pytest.fail(f"REXVET_REQUIRE_ALL is set, but: {reason}", pytrace=False)
    pytest.skip(reason)


def pytest_runtest_logreport(report):
    # Belt and braces: no skip of any kind may pass in CI.
    if report.skipped and os.environ.get("REXVET_REQUIRE_ALL", "").lower() in {"1", "true", "yes", "on"}:
        report.outcome = "failed"
        report.longrepr = f"skipped while REXVET_REQUIRE_ALL is set: {report.longrepr}"


@pytest.fixture
def rexvet_model(db):
    """The published REXVET path model with its module catalogue, as `make demo` loads it."""
    from pathways.loading import path_model_ensure, rexvet_document
    from training.loading import modules_load, rexvet_modules

    model, _ = path_model_ensure(document=rexvet_document())
    modules_load(path_model_code=model.code, modules=rexvet_modules())
    return model


@pytest.fixture
def org(db):
    from rexvet.testing.factories import OrganisationFactory

    return OrganisationFactory(name="Kuressaare Ametikool", slug="kuressaare", country="EE")


@pytest.fixture
def other_org(db):
    from rexvet.testing.factories import OrganisationFactory

    return OrganisationFactory(name="ENAC", slug="enac", country="IT")


def _member(org, role, email, name):
    from rexvet.testing.factories import MembershipFactory, UserFactory

    user = UserFactory(email=email, full_name=name)
    MembershipFactory(user=user, organisation=org, role=role)
    return user


@pytest.fixture
def staff(org):
    return _member(org, "staff", "ulle@kuressaare.example", "Ülle Mäe-Õunapuu")


@pytest.fixture
def colleague(org):
    return _member(org, "staff", "tonu@kuressaare.example", "Tõnu Kõiv")


@pytest.fixture
def coordinator(org):
    return _member(org, "coordinator", "kadri@kuressaare.example", "Kadri Tamm")


@pytest.fixture
def other_coordinator(other_org):
    return _member(other_org, "coordinator", "giulia@enac.example", "Giulia Bellà")


@pytest.fixture
def project_admin(db):
    from rexvet.accounts.models import User

    return User.objects.create_superuser(email="admin@rexvet.example", password="pw-for-tests-1", full_name="Admin")


@pytest.fixture
def open_round(rexvet_model, org):
    from rexvet.testing.factories import RoundFactory

    return RoundFactory(organisation=org, path_model=rexvet_model, name="Kuressaare mapping 2026")


@pytest.fixture
def structure(rexvet_model):
    from pathways.selectors import path_structure

    return path_structure(rexvet_model)


def answer_everything(response, structure, value_for):
    """Save an answer for every statement: value_for(statement) -> a scale value."""
    from mapping.services import response_save_page

    for page, area in enumerate(structure.areas, start=1):
        response_save_page(
            response=response,
            area=area,
            answers={s.id: value_for(s) for s in structure.statements[area.id]},
            page=page,
        )


@pytest.fixture
def submitted_result(open_round, staff, structure):
    """`staff` has submitted: Rookie everywhere reached (yes), the rest partly."""
    from mapping.services import response_start, response_submit

    response = response_start(round=open_round, user=staff)
    answer_everything(response, structure, lambda s: "yes" if s.level.code == "rookie" else "partly")
    return response_submit(response=response, acting_user=staff)


@pytest.fixture
def celery_worker_process(transactional_db):
    """A real worker process (not eager mode) reading the same broker and test database."""
    from rexvet.testing.worker import WorkerProcess

    worker = WorkerProcess()
    yield worker
    worker.stop()
