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
from django.db.models import Q
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
        parser.add_argument(
            "--prefix", action="append", dest="prefixes",
            help="Slug prefix of the generated organisations (repeatable); default bench.",
        )

    def _time(self, call, repeat: int) -> tuple[list[float], int]:
        call()  # warm-up: connection, templates, caches
        with CaptureQueriesContext(connection) as queries:
            call()
        # Count now: later requests reset the connection's query log.
        count = len(queries.captured_queries)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            call()
            times.append((time.perf_counter() - start) * 1000)
        return times, count

    def _row(self, name: str, times: list[float], queries: int | str) -> None:
        self.stdout.write(
            f"{name:<34} median {statistics.median(times):7.1f} ms   p95 {_percentile(times, 0.95):7.1f} ms   queries {queries}"
        )

    def handle(self, *args, repeat: int, prefixes: list[str] | None, **options):
        prefixes = prefixes or ["bench"]
        slug_q = Q()
        for prefix in prefixes:
            slug_q |= Q(organisation__slug__startswith=f"{prefix}-")
        rounds = list(
            Round.objects.filter(slug_q, is_anonymous=False)
            .select_related("organisation")
            .order_by("organisation__slug", "-opens_on")
        )
        if not rounds:
            raise CommandError(f"No generated rounds (prefixes {prefixes}): run generate_partnership first.")
        by_org: dict[int, Round] = {}
        for rnd in rounds:
            by_org.setdefault(rnd.organisation_id, rnd)  # the newest round of each organisation
        sizes = {
            org_id: Membership.objects.filter(organisation_id=org_id).count() for org_id in by_org
        }
        self.stdout.write(f"Database: {connection.vendor}; repeats: {repeat}")
        for org_id, rnd in sorted(by_org.items(), key=lambda item: sizes[item[0]]):
            coordinator = Membership.objects.filter(organisation_id=org_id, role=Membership.Role.COORDINATOR).first()
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(coordinator.user)
            self.stdout.write(f"\n{rnd.organisation.name} — {rnd.name}: {sizes[org_id]} staff, {rnd.responses.count()} responses")
            pages = [
                ("dashboard", reverse("mapping:dashboard", args=[rnd.pk])),
                ("heatmap (page 1 of people)", reverse("mapping:dashboard_people", args=[rnd.pk])),
                ("export CSV (levels)", reverse("mapping:dashboard_csv", args=[rnd.pk]) + "?table=levels&delimiter=comma"),
                ("export CSV (people)", reverse("mapping:dashboard_csv", args=[rnd.pk]) + "?table=people&delimiter=semicolon"),
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
            # The floor: the dashboard's own aggregate queries (participation, distribution
            # of this and earlier rounds, respondents, targets) without the page around them.
            scope = selectors.Scope(org_id)
            floor_times, floor_queries = self._time(lambda: selectors.coordinator_dashboard(rnd, scope), repeat)
            self._row("dashboard aggregates alone (floor)", floor_times, floor_queries)
            parts = selectors.model_parts(rnd.path_model_id)
            heat_times, heat_queries = self._time(lambda: selectors.heatmap_page(rnd, scope, parts, 1), repeat)
            self._row("heatmap rows alone (floor)", heat_times, heat_queries)
