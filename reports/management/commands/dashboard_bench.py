"""Time the dashboard as a server renders it: the full request through middleware, view and
template, repeated, with the number of database queries per render."""

import statistics
from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from organisation.models import Role, User
from requests_app.models import Case

TARGET_MS = 300
BENCH_USER = "dashboard.bench"


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, round(fraction * len(ordered) + 0.5 - 1e-9))
    return ordered[min(rank, len(ordered)) - 1]


class Command(BaseCommand):
    help = (
        "Render the compliance dashboard repeatedly and print the median and 95th percentile "
        "server time and the queries per render."
    )

    def add_arguments(self, parser):
        parser.add_argument("--renders", type=int, default=30)
        parser.add_argument("--warmup", type=int, default=2)
        parser.add_argument(
            "--username", default="", help="Render as this user (default: a council-wide manager)."
        )
        parser.add_argument(
            "--query", default="", help="Dashboard query string, e.g. period=quarter"
        )

    def handle(self, *args, renders, warmup, username, query, **options):
        if renders < 1 or warmup < 0:
            raise CommandError("--renders must be at least 1 and --warmup not negative.")
        temporary = not username
        if temporary:
            user, _ = User.objects.get_or_create(
                username=BENCH_USER, defaults={"role": Role.MANAGER, "is_active": True}
            )
        else:
            user = User.objects.filter(username=username).first()
            if user is None:
                raise CommandError(f"No user {username!r}.")
        url = reverse("reports:dashboard") + (f"?{query}" if query else "")
        times, query_counts = [], set()
        try:
            with override_settings(ALLOWED_HOSTS=["testserver"]):
                client = Client()
                client.force_login(user)
                for n in range(warmup + renders):
                    with CaptureQueriesContext(connection) as queries:
                        started = perf_counter()
                        response = client.get(url, secure=True)
                        elapsed = (perf_counter() - started) * 1000
                    if response.status_code != 200:
                        raise CommandError(f"{url} answered {response.status_code}.")
                    if n >= warmup:
                        times.append(elapsed)
                        query_counts.add(len(queries))
        finally:
            if temporary:
                user.delete()
        median = statistics.median(times)
        p95 = percentile(times, 0.95)
        cases = Case.objects.count()
        write = self.stdout.write
        write(f"Dashboard {url} as {user.username} ({user.get_role_display()}), {cases:,} cases")
        write(f"  renders: {renders} (after {warmup} warm-up)")
        write(f"  queries per render: {', '.join(str(q) for q in sorted(query_counts))}")
        write(f"  min {min(times):.1f} ms, max {max(times):.1f} ms")
        write(f"  median: {median:.1f} ms")
        write(f"  p95: {p95:.1f} ms")
        verdict = "met" if median < TARGET_MS else "MISSED"
        write(f"  target median < {TARGET_MS} ms: {verdict}")
