"""Known data for the dashboard tests: people with designed levels per area.

`submit_with_levels` answers through the real services, so the levels come out of the
real scoring rule; `bulk_results` writes results directly, for data sets big enough to
expose an N+1 without spending minutes on scoring.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.utils import timezone
from django.utils.text import slugify

from mapping.models import AreaResult, Invitation, Response, Result, Round
from pathways.scoring import overall_stage
from mapping.services import response_save_page, response_start, response_submit
from rexvet.testing.factories import MembershipFactory, RoundFactory, UserFactory

AREAS = ["eu-context", "vet-systems", "language", "multicultural", "projects", "strategy"]
N = None  # not assessed


def value_for_levels(structure, levels: dict[str, int | None], direction: str = "at-home"):
    """An answer per statement that scores exactly `levels` (area code -> ordinal or None).

    Levels up to the ordinal: "yes" (at Advanced only in `direction`, or both when
    direction is "both"); above it: "not yet". Not assessed: Rookie "not applicable".
    """
    code_of = {area.id: area.code for area in structure.areas}

    def value_for(statement):
        ordinal = levels[code_of[statement.area_id]]
        order = statement.level.order
        if ordinal is None:
            return "na" if order == 1 else "yes"
        if order > ordinal:
            return "not_yet"
        if statement.direction and direction != "both" and statement.direction.code != direction:
            return "not_yet"
        return "yes"

    return value_for


def answer_all(response, structure, value_for) -> None:
    for page, area in enumerate(structure.areas, start=1):
        response_save_page(
            response=response, area=area, answers={s.id: value_for(s) for s in structure.statements[area.id]}, page=page
        )


def submit_with_levels(rnd: Round, user, structure, levels: list[int | None], direction: str = "at-home") -> Result:
    response = response_start(round=rnd, user=user)
    answer_all(response, structure, value_for_levels(structure, dict(zip(AREAS, levels)), direction))
    return response_submit(response=response, acting_user=user)


def member(org, name: str, email: str, department: str, job_role: str, role: str = "staff"):
    user = UserFactory(full_name=name, email=email)
    MembershipFactory(user=user, organisation=org, role=role, department=department, job_role=job_role)
    return user


# The designed organisation: 10 members in 2 departments (H: Hospitality, M: Maritime).
# Levels per area in the order of AREAS; N = not assessed.
#                  name                    dept           role       levels (round 2026)          levels (round 2025)
PEOPLE = [
    ("Piret Sepp",         "Hospitality", "Teacher", [3, 2, 2, 1, 0, 1], [2, 1, 1, 1, 0, 0]),
    ("Ørsted-Łukasiewicz", "Hospitality", "Teacher", [2, 1, 3, 1, 1, 0], [1, 1, 2, 0, 1, 0]),
    ("Mart Kask",          "Hospitality", "Trainer", [1, 1, 2, 2, N, 0], None),
    ("Liis Rebane",        "Hospitality", "Trainer", [0, 0, 1, 2, 1, 1], None),
    ("Jaan Saar",          "Maritime",    "Teacher", [1, 2, 0, 3, 2, 2], [1, 1, 0, 2, 1, 1]),
    ("Kertu Ilves",        "Maritime",    "Trainer", [2, 1, 1, N, 0, 0], None),
    ("Rein Mägi",          "Maritime",    "Trainer", [1, 0, 2, 1, 2, 3], None),
]  # fmt: skip
DRAFT_ONLY = ("Anu Draft-Only", "Maritime", "Teacher")  # answered three pages at Expert, never submitted
NOT_STARTED = ("Toomas Notstarted", "Maritime", "Teacher")
# ...and the coordinator (Hospitality, Teacher), who has not started either.


@dataclass
class Known:
    org: object
    coordinator: object
    current: Round  # 2026, named
    earlier: Round  # 2025, named, closed
    people: dict  # name -> user
    draft_user: object
    not_started_user: object


def emails(name: str) -> str:
    return f"{slugify(name).replace('-', '.')}@kuressaare.example"


def build_known(org, coordinator, model, structure) -> Known:
    from rexvet.accounts.models import Membership

    Membership.objects.filter(user=coordinator, organisation=org).update(department="Hospitality", job_role="Teacher")
    today = timezone.localdate()
    earlier = RoundFactory(
        organisation=org, path_model=model, name="Mapping 2025",
        opens_on=today - timedelta(days=400), closes_on=today + timedelta(days=30),
    )  # fmt: skip
    current = RoundFactory(
        organisation=org, path_model=model, name="Mapping 2026",
        opens_on=today - timedelta(days=3), closes_on=today + timedelta(days=30),
    )  # fmt: skip
    people = {}
    for name, department, job_role, levels, earlier_levels in PEOPLE:
        user = member(org, name, emails(name), department, job_role)
        people[name] = user
        if earlier_levels:
            submit_with_levels(earlier, user, structure, earlier_levels)
        submit_with_levels(current, user, structure, levels)
    # Kertu also left a draft in 2025: a draft never counts.
    answer_all(response_start(round=earlier, user=people["Kertu Ilves"]), structure, lambda s: "yes")
    # The earlier round is over.
    Round.objects.filter(pk=earlier.pk).update(closes_on=today - timedelta(days=300))
    earlier.refresh_from_db()

    draft_user = member(org, DRAFT_ONLY[0], emails(DRAFT_ONLY[0]), DRAFT_ONLY[1], DRAFT_ONLY[2])
    draft = response_start(round=current, user=draft_user)
    for page, area in enumerate(structure.areas[:3], start=1):
        response_save_page(response=draft, area=area, answers={s.id: "yes" for s in structure.statements[area.id]}, page=page)
    not_started = member(org, NOT_STARTED[0], emails(NOT_STARTED[0]), NOT_STARTED[1], NOT_STARTED[2])
    # One invitation to the Maritime department not accepted yet.
    Invitation.objects.create(
        organisation=org, email="pending.invite@kuressaare.example", full_name="Pending Invite",
        department="Maritime", job_role="Teacher", token="known-pending-token",
    )  # fmt: skip
    return Known(org, coordinator, current, earlier, people, draft_user, not_started)


def bulk_results(rnd: Round, structure, users, ordinal_for) -> None:
    """Submitted responses with results for `users`, written directly in bulk.

    ordinal_for(i, area_index) -> the ordinal (or None) of person i in that area.
    """
    now = timezone.now()
    responses = Response.objects.bulk_create(
        [Response(round=rnd, user=u, status=Response.Status.SUBMITTED, submitted_at=now) for u in users]
    )
    names = structure.ordinal_names()
    ordinals = [[ordinal_for(i, k) for k in range(len(structure.areas))] for i in range(len(responses))]
    stages = [overall_stage(row) for row in ordinals]
    results = Result.objects.bulk_create(
        [
            Result(
                response=r, path_model=structure.model, threshold_percent=80,
                overall_stage=stage, overall_label=structure.label(stage),
            )
            for r, stage in zip(responses, stages)
        ]
    )  # fmt: skip
    rows = []
    for i, result in enumerate(results):
        for k, area in enumerate(structure.areas):
            ordinal = ordinals[i][k]
            rows.append(
                AreaResult(
                    result=result,
                    area=area,
                    area_code=area.code,
                    ordinal=ordinal,
                    label="Not assessed" if ordinal is None else names[ordinal],
                    level=structure.level_for_ordinal(ordinal),
                )
            )
    AreaResult.objects.bulk_create(rows)


def crowd(org, count: int, *, departments=("Hospitality", "Maritime"), job_roles=("Teacher", "Trainer"), prefix="crowd"):
    """`count` members, spread over departments and job roles; returns the users."""
    users = []
    for i in range(count):
        user = UserFactory(full_name=f"{prefix.title()} Person {i:04d}", email=f"{prefix}{i}@crowd.example")
        MembershipFactory(
            user=user, organisation=org, department=departments[i % len(departments)], job_role=job_roles[i % len(job_roles)]
        )
        users.append(user)
    return users


def target_date(year: int) -> date:
    return date(year, 12, 31)


# --- A few dozen demo people, for the browser test and its screenshots ------------------

DEMO_DEPARTMENTS = ["Hospitality", "Maritime", "Tourism", "Construction"]
DEMO_ROLES = ["Teacher", "Trainer", "Guidance counsellor"]
DEMO_FIRST = ["Kadri", "Mari", "Jüri", "Tõnu", "Ülle", "Kristjan", "Liis", "Rasmus", "Helen", "Margus", "Triin", "Sander",
              "Kaja", "Indrek", "Piret", "Andres", "Merike", "Urmas", "Eve", "Priit", "Signe", "Toomas", "Maarja", "Jaak"]  # fmt: skip
DEMO_LAST = ["Tamm", "Saar", "Sepp", "Mägi", "Kask", "Kukk", "Rebane", "Ilves", "Pärn", "Koppel", "Lepik", "Õunapuu",
             "Kõiv", "Laur", "Vaher", "Org"]  # fmt: skip


def build_demo(org, model, structure, *, people: int = 40, seed: int = 7, anonymous: bool = False):
    """An organisation with `people` staff and two rounds (last year's and this year's)
    whose levels grow a little; a few drafts and people who have not started. Returns
    (earlier round, current round, users)."""
    import random

    rng = random.Random(seed)
    today = timezone.localdate()
    earlier = RoundFactory(
        organisation=org, path_model=model, name=f"{org.name} mapping {today.year - 1}", is_anonymous=anonymous,
        opens_on=today - timedelta(days=380), closes_on=today - timedelta(days=330),
    )  # fmt: skip
    current = RoundFactory(
        organisation=org, path_model=model, name=f"{org.name} mapping {today.year}", is_anonymous=anonymous,
        opens_on=today - timedelta(days=10), closes_on=today + timedelta(days=20),
    )  # fmt: skip
    users = []
    for i in range(people):
        name = f"{DEMO_FIRST[i % len(DEMO_FIRST)]} {DEMO_LAST[(i * 7) % len(DEMO_LAST)]}"
        user = UserFactory(full_name=name, email=f"{slugify(name).replace('-', '.')}.{i}@{org.slug}.example")
        MembershipFactory(
            user=user, organisation=org, department=DEMO_DEPARTMENTS[i % 4] if i % 11 else "", job_role=DEMO_ROLES[i % 3]
        )
        users.append(user)
    skill = [[rng.choice([0, 1, 1, 1, 2, 2, 3]) for _ in structure.areas] for _ in users]

    def earlier_level(i, k):
        return None if rng.random() < 0.04 else max(skill[i][k] - rng.choice([0, 0, 1]), 0)

    def current_level(i, k):
        return None if rng.random() < 0.04 else min(skill[i][k] + rng.choice([0, 0, 0, 1]), 3)

    bulk_results(earlier, structure, users[: int(people * 0.6)], earlier_level)
    submitted = users[: int(people * 0.75)]
    bulk_results(current, structure, submitted, current_level)
    for user in users[int(people * 0.75) : int(people * 0.85)]:
        Response.objects.create(round=current, user=user)  # drafts
    return earlier, current, users


# --- Fixtures (import them into a test module to use them) -------------------------------

@pytest.fixture
def known(org, coordinator, rexvet_model, structure) -> Known:
    return build_known(org, coordinator, rexvet_model, structure)


def dashboard_url(rnd, suffix: str = "") -> str:
    return f"/mapping/dashboards/rounds/{rnd.pk}/{suffix}"
