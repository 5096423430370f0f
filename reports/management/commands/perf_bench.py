"""Measure the pages that must stay fast at a million cases: each rendered through the full
request cycle (middleware, view, template) repeatedly, with its median, 95th percentile and
queries; the same listing through the Django admin's changelist for comparison; and a
bank-holiday recompute. Run on PostgreSQL with the volume data (`seed_volume`); not a test.

    manage.py perf_bench --cases 100000 --renders 20 --json bench.json
"""

import datetime as dt
import importlib
import json
import statistics
import sys
from time import perf_counter

from django.conf import settings
from django.contrib import admin
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import clear_url_caches, reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from deadlines import services as deadline_services
from deadlines.calendar import Holiday
from deadlines.models import BankHoliday
from deadlines.signals import ADDED, HolidayChange
from organisation.models import Role, ServiceArea, User
from reports import volume
from reports.management.commands.dashboard_bench import percentile
from requests_app import recompute
from requests_app.models import Case, Status

PREFIX = "perf.bench."


class CaseBenchAdmin(admin.ModelAdmin):
    """The admin's own listing of cases, as a stock Django site would have it: the yardstick."""

    list_display = ("reference", "title", "regime", "status", "statutory_due", "received_at")
    search_fields = ("reference", "title", "request_text", "requester__name", "requester__email")
    list_per_page = 25


def _second_factor_passed(client: Client, user: User) -> None:
    """Mark the signed-in session as having passed two-factor sign-in, as django-otp's own
    login does, so the pages are measured as staff see them (STAFF_2FA_REQUIRED stays on)."""
    device, _ = TOTPDevice.objects.get_or_create(
        user=user, name="performance bench", defaults={"confirmed": True}
    )
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def _users() -> dict[str, User]:
    area = ServiceArea.objects.order_by("pk").first()
    wanted = {
        "manager": {"role": Role.MANAGER},
        "ig": {"role": Role.IG_OFFICER},
        "officer": {"role": Role.SERVICE_OFFICER},
        "admin": {"role": Role.ADMINISTRATOR, "is_staff": True, "is_superuser": True},
    }
    users = {}
    for name, fields in wanted.items():
        user, _ = User.objects.update_or_create(
            username=PREFIX + name, defaults={**fields, "is_active": True}
        )
        users[name] = user
    if area:
        users["officer"].service_areas.set([area])
    return users


class Command(BaseCommand):
    help = "Time the staff lists, dashboards, statistics, searches and the disclosure log."

    def add_arguments(self, parser):
        parser.add_argument(
            "--cases", type=int, default=0, help="Seed volume cases up to this many."
        )
        parser.add_argument("--renders", type=int, default=15)
        parser.add_argument("--warmup", type=int, default=2)
        parser.add_argument(
            "--json", dest="json_path", default="", help="Also write the figures to this file."
        )
        parser.add_argument(
            "--pages", default="", help="Only these pages (comma-separated names); none: no page."
        )
        parser.add_argument(
            "--recompute",
            action="store_true",
            help="Also time recomputing the open cases after a bank holiday is added "
            "(rolled back afterwards).",
        )
        parser.add_argument(
            "--open-cases",
            type=int,
            default=0,
            help="With --recompute: first copy the open volume cases (same regimes and received "
            "days) until this many cases are open, inside the rolled-back transaction.",
        )

    def handle(
        self, *args, cases, renders, warmup, json_path, recompute, open_cases, pages, **options
    ):
        if renders < 1 or warmup < 0:
            raise CommandError("--renders must be at least 1 and --warmup not negative.")
        if Case not in admin.site._registry:
            admin.site.register(Case, CaseBenchAdmin)
            # The URLs were read at start-up (system checks): read them again to include it.
            importlib.reload(sys.modules[settings.ROOT_URLCONF])
            clear_url_caches()
        have = Case.objects.count()
        if cases > have:
            self.stdout.write(f"Seeding {cases - have:,} volume cases...")
            volume.seed(cases - have, seed=have + 1)
        self.renders, self.warmup = renders, warmup
        users = _users()
        word = self._search_word()
        wanted = [name.strip() for name in pages.split(",") if name.strip()]
        pages = {
            name: page
            for name, page in self._pages(word).items()
            if not wanted or name in wanted or wanted == ["none"]
        }
        if wanted == ["none"]:
            pages = {}
        results = {}
        with override_settings(ALLOWED_HOSTS=["testserver"], DISCLOSURE_LOG_RATE_PER_MINUTE=10**9):
            for name, (who, url, extra) in pages.items():
                with override_settings(**extra):
                    results[name] = self._time(users.get(who), url)
                self._print(name, url, results[name])
        ratios = {}
        for ours, theirs in (("queue", "admin_changelist"), ("queue_search", "admin_search")):
            if ours in results and theirs in results:
                ratios[ours] = round(results[theirs]["median_ms"] / results[ours]["median_ms"], 1)
                self.stdout.write(f"admin / ours, {ours}: {ratios[ours]}x")
        report = {"pages": results, "admin_ratio": ratios, "cases": Case.objects.count()}
        if recompute:
            report["recompute"] = self._recompute(open_cases)
        if json_path:
            with open(json_path, "w", encoding="utf-8") as handle:
                handle.write(_dumps(report))
            self.stdout.write(f"Wrote {json_path}.")

    def _search_word(self) -> str:
        title = Case.objects.filter(reference__startswith=volume.PREFIX).values_list(
            "title", flat=True
        )
        found = title.order_by("-pk").first() or "Pothole"
        return found.split()[0].lower()

    def _pages(self, word: str) -> dict:
        case = Case.objects.order_by("-pk").first()
        last_finished = 10**6  # beyond the last page: the last page offered is shown
        no_cache = {"DISCLOSURE_LOG_CACHE_SECONDS": 0}
        dash = reverse("reports:dashboard")
        queue = reverse("requests:queue")
        log = reverse("public:disclosure_log")
        pages = {
            f"dashboard_{kind}": ("manager", f"{dash}?period={kind}", {})
            for kind in ("week", "month", "quarter", "year")
        }
        pages |= {
            "dashboard_year_cases": (
                "manager",
                f"{dash}?period=year",
                {"REPORTS_FROM_SUMMARIES": False},
            ),
            "quarterly": ("manager", reverse("reports:quarterly"), {}),
            "annual": ("manager", reverse("reports:annual"), {}),
            "drilldown": (
                "manager",
                reverse("reports:cases", args=["received"]) + "?period=year",
                {},
            ),
            "drilldown_last": (
                "manager",
                reverse("reports:cases", args=["received"]) + f"?period=year&page={last_finished}",
                {},
            ),
            "queue": ("ig", queue, {}),
            "queue_finished_last": ("ig", f"{queue}?tab=finished&page={last_finished}", {}),
            "queue_search": ("ig", f"{queue}?tab=finished&q={word}", {}),
            "inbox": ("officer", reverse("requests:inbox"), {}),
            "disclosure_log": ("", log, no_cache),
            "disclosure_log_search": ("", f"{log}?q={word}", no_cache),
            "disclosure_log_cached": ("", log, {}),
            "admin_changelist": ("admin", reverse("admin:requests_app_case_changelist"), {}),
            "admin_search": (
                "admin",
                reverse("admin:requests_app_case_changelist") + f"?q={word}",
                {},
            ),
        }
        if case:
            pages["case"] = ("ig", reverse("requests:case", args=[case.pk]), {})
        return pages

    def _time(self, user, url) -> dict:
        client = Client()
        if user is not None:
            client.force_login(user)
            _second_factor_passed(client, user)
        times, counts = [], []
        for n in range(self.warmup + self.renders):
            with CaptureQueriesContext(connection) as queries:
                started = perf_counter()
                response = client.get(url, secure=True)
                elapsed = (perf_counter() - started) * 1000
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}.")
            if n >= self.warmup:
                times.append(elapsed)
                counts.append(len(queries))
        return {
            "median_ms": round(statistics.median(times), 1),
            "p95_ms": round(percentile(times, 0.95), 1),
            "queries": max(counts),
        }

    def _print(self, name, url, result):
        self.stdout.write(
            f"{name:24} median {result['median_ms']:8.1f} ms   p95 {result['p95_ms']:8.1f} ms"
            f"   {result['queries']:3} queries   {url}"
        )

    def _recompute(self, open_target: int = 0) -> dict:
        """Add a bank holiday a week from now, recompute the open cases, then roll it all back.
        (The summaries' own refresh runs after commit, so it is not in this figure.)"""
        day = dt.date.today() + dt.timedelta(days=7)
        while day.weekday() >= 5:
            day += dt.timedelta(days=1)
        holiday = Holiday(day, "england-and-wales", "Bench holiday", "admin")
        with transaction.atomic():
            _open_cases_copy(open_target)
            open_cases = Case.objects.exclude(status__in=Status.finished()).count()
            BankHoliday.objects.create(date=day, nation=holiday.nation, title=holiday.title)
            deadline_services.calendar_cache_clear()
            started = perf_counter()
            moved = recompute.open_cases_recompute([HolidayChange(ADDED, holiday)])
            elapsed = perf_counter() - started
            transaction.set_rollback(True)
        deadline_services.calendar_cache_clear()
        result = {
            "open_cases": open_cases,
            "moved": moved,
            "seconds": round(elapsed, 2),
            "open_cases_per_second": round(open_cases / elapsed) if elapsed else None,
        }
        self.stdout.write(f"recompute after a holiday is added on {day}: {result}")
        return result


def _open_cases_copy(target: int) -> None:
    """Copy open volume cases (every column but the id and reference) until `target` cases are
    open: a million-case register's 48,000 open cases without seeding a million. The copies
    keep their originals' regimes, statuses and received days, so they are dated the same way."""
    have = Case.objects.exclude(status__in=Status.finished()).count()
    if target <= have:
        return
    columns = [
        field.column
        for field in Case._meta.concrete_fields
        if field.column not in ("id", "reference")
    ]
    names = ", ".join(columns)
    finished = tuple(str(status) for status in Status.finished())
    with connection.cursor() as cursor:
        for copy in range(1, target // max(have, 1) + 1):
            cursor.execute(
                f"INSERT INTO {Case._meta.db_table} (reference, {names}) "  # noqa: S608 (our own names)
                f"SELECT reference || '-c{copy}', {names} FROM {Case._meta.db_table} "
                "WHERE status NOT IN %s AND reference LIKE %s AND reference NOT LIKE %s "
                "ORDER BY id LIMIT %s",
                [finished, volume.PREFIX + "%", "%-c%", target - have],
            )
            have += cursor.rowcount
            if have >= target or not cursor.rowcount:
                break


def _dumps(report: dict) -> str:
    return json.dumps(report, indent=2, sort_keys=True) + "\n"
