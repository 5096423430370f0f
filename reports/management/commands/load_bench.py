"""Concurrent signed-in staff against a real gunicorn, for a bounded time: the figures a council
needs before putting a busy IG team on one server. PostgreSQL with volume data (`seed_volume`,
or `perf_bench --cases N`); never on a live database (it adds its own users).

    manage.py load_bench --clients 20 --seconds 60 --json load.json

Starts gunicorn (`--workers 2 --threads 4` unless told otherwise) on a free loopback port with
this process's settings, signs every client in through the real sign-in and two-factor pages
(each client has its own account and authenticator device, so the lockout and the second factor
are exercised as in production), then each client opens staff pages one after another — the
queue, a finished-cases page, a search, the service-area inbox, the dashboard, a case — until
the time is up. Prints and writes the median, 95th percentile, requests and errors (any answer
other than 200, or a failed connection). Standard library HTTP only.

Each client first opens each of its pages once, unmeasured (a server's first answers are not
its steady pace), and the clock then starts for all of them together. By default a client opens
its next page the moment the last one arrives: the heaviest load twenty people could make.
`--pause-ms N` has each client read a page for between half and one and a half times N
milliseconds first (at random, so they do not keep in step; the first page at a random point
within N), the pace of staff working through cases.
"""

import http.cookiejar
import json
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from organisation.models import Role, ServiceArea, User
from reports.management.commands.dashboard_bench import percentile
from requests_app.models import Case

PREFIX = "load.bench."
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
ROLES = (Role.IG_OFFICER, Role.IG_MANAGER, Role.SERVICE_OFFICER, Role.MANAGER)
PERIODS = ("week", "month", "quarter")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Client:
    """One member of staff in a browser: a cookie jar, the CSRF token, signing in with a code."""

    def __init__(self, base: str, user: User, password: str, device: TOTPDevice):
        self.base, self.user, self.password, self.device = base, user, password, device
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
        )

    def open(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        headers = {"Referer": self.base + path}
        request = urllib.request.Request(self.base + path, body, headers)  # noqa: S310 (loopback)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.geturl(), response.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            return error.code, error.geturl(), ""

    def post_form(self, path: str, data: dict) -> tuple[int, str, str]:
        _, _, html = self.open(path)
        token = CSRF.search(html)
        if not token:
            raise CommandError(f"No form on {path} for {self.user.username}.")
        return self.open(path, {**data, "csrfmiddlewaretoken": token.group(1)})

    def sign_in(self) -> None:
        login = reverse("login")
        status, url, _ = self.post_form(
            login, {"username": self.user.username, "password": self.password}
        )
        code = TOTP(self.device.bin_key, self.device.step, self.device.t0, self.device.digits)
        status, url, _ = self.post_form(
            reverse("two_factor_verify"), {"token": f"{code.token():0{self.device.digits}d}"}
        )
        if status != 200 or login in url or "two-factor" in url:
            raise CommandError(f"{self.user.username} could not sign in (status {status}).")


class Command(BaseCommand):
    help = "Concurrent signed-in staff against gunicorn for a bounded time: median, p95, errors."

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=20)
        parser.add_argument("--seconds", type=int, default=60)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument("--pause-ms", type=int, default=0)
        parser.add_argument("--json", dest="json_path", default="")

    def handle(self, *args, clients, seconds, workers, threads, pause_ms, json_path, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Run against PostgreSQL with volume data (see --help).")
        if not 1 <= clients <= 200 or not 1 <= seconds <= 3600 or not 0 <= pause_ms <= 60_000:
            raise CommandError("--clients 1-200, --seconds 1-3600 and --pause-ms 0-60000.")
        if not Case.objects.exists():
            raise CommandError("No cases: seed some first (seed_volume --cases N).")
        people = self._people(clients)
        port = _free_port()
        server = self._gunicorn(port, workers, threads)
        try:
            base = f"http://127.0.0.1:{port}"
            self._wait(base)
            sessions = [Client(base, user, password, device) for user, password, device in people]
            for session in sessions:
                session.sign_in()
            self.stdout.write(f"{len(sessions)} clients signed in; running for {seconds} s...")
            report = self._run(sessions, seconds, pause_ms / 1000)
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=30)
        report |= {"clients": clients, "seconds": seconds, "workers": workers, "threads": threads}
        report["pause_ms"] = pause_ms
        report["cases"] = Case.objects.count()
        self.stdout.write(json.dumps(report, indent=2, sort_keys=True))
        if json_path:
            Path(json_path).write_text(json.dumps(report, indent=2, sort_keys=True) + "\n")
        if report["errors"]:
            raise CommandError(f"{report['errors']} requests failed.")

    def _people(self, count: int) -> list:
        """One account per client, in turn IG officer, IG manager, service officer, manager;
        each with a fresh password and a confirmed authenticator device."""
        areas = list(ServiceArea.objects.order_by("pk")[:3])
        people = []
        for n in range(count):
            password = secrets.token_urlsafe(16)
            user, _ = User.objects.update_or_create(
                username=f"{PREFIX}{n}",
                defaults={"role": ROLES[n % len(ROLES)], "is_active": True},
            )
            # Hashed the way the server's own settings check it (a test run's faster hasher
            # would not be accepted there).
            user.password = PBKDF2PasswordHasher().encode(password, PBKDF2PasswordHasher().salt())
            user.save()
            if user.role == Role.SERVICE_OFFICER and areas:
                user.service_areas.set([areas[n % len(areas)]])
            TOTPDevice.objects.filter(user=user).delete()
            device = TOTPDevice.objects.create(user=user, name="load bench", confirmed=True)
            people.append((user, password, device))
        return people

    def _gunicorn(self, port: int, workers: int, threads: int) -> subprocess.Popen:
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings.SETTINGS_MODULE or "config.settings",
        }
        # The very database this process uses (under the test runner, the test database).
        db = connection.settings_dict
        credentials = urllib.parse.quote(db["USER"] or "")
        if db["PASSWORD"]:
            credentials += ":" + urllib.parse.quote(db["PASSWORD"])
        host = f"{db['HOST'] or 'localhost'}:{db['PORT'] or 5432}"
        env["DATABASE_URL"] = f"postgres://{credentials}@{host}/{db['NAME']}"
        # Plain HTTP on loopback: the production redirect and secure cookies would get in the way.
        env |= {"SECURE_SSL_REDIRECT": "false", "SECURE_COOKIES": "false"}
        env["ALLOWED_HOSTS"] = "127.0.0.1"
        gunicorn = Path(sys.executable).with_name("gunicorn")
        command = [str(gunicorn), "config.wsgi", "--bind", f"127.0.0.1:{port}"]
        command += ["--workers", str(workers), "--threads", str(threads), "--log-level", "warning"]
        return subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)  # noqa: S603

    def _wait(self, base: str) -> None:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + reverse("login"), timeout=2).close()  # noqa: S310
                return
            except OSError:
                time.sleep(0.2)
        raise CommandError("gunicorn did not start.")

    def _pages(self, user: User, word: str, case_ids: list[int]) -> list[tuple[str, str]]:
        """(name, path) of the pages this member of staff opens; the figures are given per name
        as well as overall."""
        queue = reverse("requests:queue")
        if user.role == Role.SERVICE_OFFICER:
            inbox = reverse("requests:inbox")
            return [("inbox", inbox), ("inbox", f"{inbox}?page=2")]
        if user.role == Role.MANAGER:
            dash = reverse("reports:dashboard")
            return [(f"dashboard_{kind}", f"{dash}?period={kind}") for kind in PERIODS]
        pages = [
            ("queue", queue),
            ("finished", f"{queue}?tab=finished&page=3"),
            ("search", f"{queue}?tab=finished&q={word}"),
        ]
        return pages + [("case", reverse("requests:case", args=[pk])) for pk in case_ids]

    def _run(self, sessions: list[Client], seconds: int, pause: float) -> dict:
        title = Case.objects.order_by("pk").values_list("title", flat=True).first() or "a"
        word = urllib.parse.quote(max(title.split(), key=len))
        case_ids = list(Case.objects.order_by("-pk").values_list("pk", flat=True)[:50])
        times, errors, lock = defaultdict(list), [], threading.Lock()
        # Warm-up and a common start, as the module's docstring says: the last client to finish
        # its warm-up starts the clock for all.
        stop = 0.0

        def start_clock() -> None:
            nonlocal stop
            stop = time.monotonic() + seconds

        warm = threading.Barrier(len(sessions), action=start_clock)

        def work(session: Client, seed: int) -> None:
            rng = random.Random(seed)
            pages = self._pages(session.user, word, rng.sample(case_ids, min(3, len(case_ids))))
            for _, path in pages:
                session.open(path)
            warm.wait()
            time.sleep(pause * rng.random())
            while time.monotonic() < stop:
                name, path = rng.choice(pages)
                started = time.perf_counter()
                try:
                    status, _, _ = session.open(path)
                except OSError as error:
                    status = f"{type(error).__name__}"
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    times[name].append(elapsed)
                    if status != 200:
                        errors.append(f"{path}: {status}")
                if pause:
                    time.sleep(min(pause * rng.uniform(0.5, 1.5), max(0, stop - time.monotonic())))

        workers = [
            threading.Thread(target=work, args=(session, n)) for n, session in enumerate(sessions)
        ]
        for thread in workers:
            thread.start()
        for thread in workers:
            thread.join()
        for error in errors[:10]:
            self.stderr.write(error)
        every = [elapsed for page in times.values() for elapsed in page]
        return {
            **_figures(every),
            "errors": len(errors),
            "requests_per_second": round(len(every) / seconds, 1),
            "pages": {name: _figures(page) for name, page in sorted(times.items())},
        }


def _figures(times: list[float]) -> dict:
    return {
        "requests": len(times),
        "median_ms": round(statistics.median(times), 1) if times else None,
        "p95_ms": round(percentile(times, 95), 1) if times else None,
    }
