"""Time the coordinator dashboard, the heatmap page and the export, and their SQL floor.

    manage.py generate_partnership            # once, on PostgreSQL
    manage.py benchmark_dashboards --repeat 30

Requests go through Django's test client as the organisation's coordinator. For each page
it prints the median and 95th percentile over the repeats, the number of SQL queries,
and, for the dashboard, the time of its aggregate SQL run on its own (the floor).
"""

import statistics
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mapping import selectors
from mapping.models import Round
from rexvet.accounts.models import Membership


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Benchmark the coordinator dashboard, heatmap and export on the generated partnership."

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--prefix", default="bench", help="Slug prefix of the generated organisations.")

    def _time(self, call, repeat: int) -> tuple[list[float], int]:
        call()  # warm-up: connection, templates, caches
        with CaptureQueriesContext(connection) as queries:
            call()
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        return times, len(queries.captured_queries)

    def _row(self, name: str, times: list[float], queries: int | str) -> None:
        self.stdout.write(
            f"{name:<34} median {statistics.median(times):7.1f} ms   p95 {_percentile(times, 0.95):7.1f} ms   queries {queries}"
        )

    def handle(self, *args, repeat: int, prefix: str, **options):
        rounds = list(
            Round.objects.filter(organisation__slug__startswith=f"{prefix}-", is_anonymous=False)
            .select_related("organisation")
            .order_by("organisation__slug", "-opens_on")
        )
        if not rounds:
            raise CommandError(f"No generated rounds (prefix {prefix!r}): run generate_partnership first.")
        by_org: dict[int, Round] = {}
        for rnd in rounds:
            by_org.setdefault(rnd.organisation_id, rnd)  # the newest round of each organisation
        sizes = {
            org_id: Membership.objects.filter(organisation_id=org_id).count() for org_id in by_org
        }
        self.stdout.write(f"Database: {connection.vendor}; repeats: {repeat}")
        for org_id, rnd in sorted(by_org.items(), key=lambda item: sizes[item[0]]):
            coordinator = Membership.objects.filter(organisation_id=org_id, role=Membership.Role.COORDINATOR).first()
            client = Client()
            client.force_login(coordinator.user)
            self.stdout.write(f"\n{rnd.organisation.name} — {rnd.name}: {sizes[org_id]} staff, {rnd.responses.count()} responses")
            pages = [
                ("dashboard", reverse("mapping:dashboard", args=[rnd.pk])),
                ("heatmap (page 1 of people)", reverse("mapping:dashboard_people", args=[rnd.pk])),
                ("export CSV", reverse("mapping:dashboard_csv", args=[rnd.pk])),
                ("export XLSX", reverse("mapping:dashboard_xlsx", args=[rnd.pk])),
            ]
            for name, url in pages:
                def call(url=url):
                    response = client.get(url)
                    assert response.status_code == 200, (url, response.status_code)
                    if hasattr(response, "streaming_content"):
                        b"".join(response.streaming_content)

                times, queries = self._time(call, repeat)
                self._row(name, times, queries)
            scope = selectors.Scope(org_id)
            floor_times, floor_queries = self._time(lambda: (
                selectors.round_participation(rnd, scope),
                selectors.round_distribution(rnd, scope),
                selectors.respondent_counts([rnd.pk], scope),
            ), repeat)
            self._row("  aggregate SQL alone (floor)", floor_times, floor_queries)
