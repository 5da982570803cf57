"""Generate a realistic partnership for benchmarks: organisations × staff × rounds.

    manage.py generate_partnership --organisations 6 --staff 2000 --rounds 3

Each person has a latent skill per area that grows a little from round to round; answers
follow from it, and results are scored with the same rule as real submissions. Rows are
written in bulk. Meant for PostgreSQL (it works on SQLite, slowly).
"""

import random
import time
from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from mapping.models import Answer, AreaResult, Response, Result, Round
from mapping.services import result_rows, score_answers
from pathways.loading import path_model_ensure, rexvet_document
from pathways.selectors import path_structure
from rexvet.accounts.models import Membership, Organisation, User

DEPARTMENTS = ["Hospitality", "Construction", "Care", "ICT", "Automotive", "Tourism", "Guidance", "Administration"]
JOB_ROLES = ["Teacher", "Trainer", "Guidance counsellor", "Manager", "Support staff"]
BATCH = 5000


class Command(BaseCommand):
    help = "Generate benchmark data: organisations with staff, rounds and submitted self-assessments."

    def add_arguments(self, parser):
        parser.add_argument("--organisations", type=int, default=6)
        parser.add_argument("--staff", type=int, default=2000, help="Staff per organisation.")
        parser.add_argument("--rounds", type=int, default=3)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--prefix", default="bench", help="Slug prefix of the generated organisations.")

    def handle(self, *args, organisations: int, staff: int, rounds: int, seed: int, prefix: str, **options):
        if Organisation.objects.filter(slug__startswith=f"{prefix}-").exists():
            raise CommandError(f"Organisations with the slug prefix {prefix!r} exist already; choose another --prefix.")
        rng = random.Random(seed)
        started = time.monotonic()
        model, _ = path_model_ensure(document=rexvet_document())
        structure = path_structure(model)
        statements = [(area, s) for area in structure.areas for s in structure.statements[area.id]]
        level_index = {lv.code: i for i, lv in enumerate(structure.levels)}
        password = make_password(None)  # unusable: nobody signs in as these people
        today = timezone.localdate()
        totals = {"people": 0, "responses": 0, "answers": 0}

        for o in range(1, organisations + 1):
            with transaction.atomic():
                org = Organisation.objects.create(name=f"{prefix.capitalize()} school {o}", slug=f"{prefix}-{o}", country="EU")
                users = User.objects.bulk_create(
                    [User(email=f"{prefix}{o}.p{i}@bench.example", full_name=f"Person {o}-{i}", password=password)
                     for i in range(staff)],
                    batch_size=BATCH,
                )
                if not users[0].pk:  # SQLite before returning ids
                    users = list(User.objects.filter(email__startswith=f"{prefix}{o}.p").order_by("pk"))
                Membership.objects.bulk_create(
                    [Membership(user=u, organisation=org, department=rng.choice(DEPARTMENTS), job_role=rng.choice(JOB_ROLES),
                                role=Membership.Role.COORDINATOR if i == 0 else Membership.Role.STAFF)
                     for i, u in enumerate(users)],
                    batch_size=BATCH,
                )
                skill = {(u.pk, a.id): rng.gauss(1.2, 0.8) for u in users for a in structure.areas}
            totals["people"] += staff
            for r in range(rounds):
                opens = today - timedelta(days=365 * (rounds - 1 - r) + 30)
                with transaction.atomic():
                    rnd = Round.objects.create(
                        organisation=org, name=f"{org.name} mapping {opens.year}", path_model=model,
                        opens_on=opens, closes_on=opens + timedelta(days=28), is_anonymous=(o % 3 == 0),
                    )
                    draw = {u.pk: rng.random() for u in users}
                    respondents = [u for u in users if draw[u.pk] < 0.95]
                    # A few started and never submitted: drafts, which never count as results.
                    Response.objects.bulk_create(
                        [Response(round=rnd, user=u) for u in users if 0.95 <= draw[u.pk] < 0.975], batch_size=BATCH
                    )
                    responses = Response.objects.bulk_create(
                        [Response(round=rnd, user=u, status=Response.Status.SUBMITTED, submitted_at=timezone.now())
                         for u in respondents],
                        batch_size=BATCH,
                    )
                    if not responses[0].pk:
                        responses = list(Response.objects.filter(round=rnd, status=Response.Status.SUBMITTED).order_by("user_id"))
                        respondents = sorted(respondents, key=lambda u: u.pk)
                    answers, scored_by_response = [], []
                    for response, user in zip(responses, respondents):
                        values = {}
                        for area, s in statements:
                            level = skill[(user.pk, area.id)] + 0.25 * r - level_index[s.level.code]
                            if rng.random() < 0.04:
                                value = "na"
                            elif level > 0.6:
                                value = "yes"
                            elif level > -0.3:
                                value = "partly"
                            else:
                                value = "not_yet"
                            values[s.id] = value
                            answers.append(Answer(response=response, statement=s, value=value))
                        per_area = score_answers(structure, values, None)
                        scored_by_response.append((response, per_area))
                        if len(answers) >= BATCH * 4:
                            Answer.objects.bulk_create(answers, batch_size=BATCH)
                            totals["answers"] += len(answers)
                            answers = []
                    Answer.objects.bulk_create(answers, batch_size=BATCH)
                    totals["answers"] += len(answers)
                    built = [
                        result_rows(response=resp, structure=structure, scored=per_area)
                        for resp, per_area in scored_by_response
                    ]
                    results = Result.objects.bulk_create([result for result, _ in built], batch_size=BATCH)
                    if not results[0].pk:  # SQLite before returning ids
                        by_response = {res.response_id: res for res in Result.objects.filter(response__round=rnd)}
                        results = [by_response[result.response_id] for result, _ in built]
                    area_rows = []
                    for result, (_, rows) in zip(results, built):
                        for row in rows:
                            row.result = result
                        area_rows.extend(rows)
                    AreaResult.objects.bulk_create(area_rows, batch_size=BATCH)
                    totals["responses"] += len(responses)
            self.stdout.write(f"{org.name}: {staff} staff, {rounds} rounds ({time.monotonic() - started:.0f} s so far)")
        self.stdout.write(
            "Generated {people} people, {responses} submitted responses, {answers} answers".format(**totals)
            + f" in {time.monotonic() - started:.0f} s."
        )
