#!/usr/bin/env python3
"""Soak test for the running demo (`make run`): case actions over HTTP, then the logs checked.

Signs in as the demo users through the sign-in form, opens their work lists, opens cases and
their action pages, fills in each action's form the way a person might and sends it, spread
over the time given. Then reads every log in var/log/ for server errors and "database is
locked", and prints the figures. Exits non-zero if the demo answered any request with a server
error or any log shows one.

    .venv/bin/python scripts/soak.py --actions 200 --minutes 10

Standard library only, so it runs with any Python 3.11 against any running demo.
"""

import argparse
import datetime as dt
import http.cookiejar
import random
import re
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEMO_PASSWORD = "council-demo-2026"  # noqa: S105 - the public demo password (organisation/demo.py)
# Who acts, and the list their cases are found on.
USERS = {
    "ig.officer": "/requests/queue/",
    "ig.manager": "/requests/queue/",
    "ig.reviewer": "/requests/queue/",
    "planning.officer": "/requests/inbox/",
    "housing.officer": "/requests/inbox/",
    "envhealth.officer": "/requests/inbox/",
    "director.place": "/requests/authorisations/",
    "director.people": "/requests/authorisations/",
}
# Actions needing a file upload are left out: a person would choose a document.
SKIP_ACTIONS = {"upload_document"}
CASE_LINK = re.compile(r'href="(/requests/(\d+)/)"')
ACTION_LINK = re.compile(r'href="(/requests/\d+/actions/([a-z_]+)/)"')
LOG_PATTERNS = {
    "server errors": re.compile(r'Internal Server Error|" 5\d\d \d+|HTTP/1\.1" 5\d\d'),
    "database is locked": re.compile(r"database is locked", re.I),
    "tracebacks": re.compile(r"^Traceback \(most recent call last\)"),
}


class Form(HTMLParser):
    """The fields of the first form on a page that posts (not the sign-out form)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: dict[str, list] = {}  # name -> [kind, value, choices]
        self.action = None
        self.has_file = False
        self._in_form = self._done = False
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "form" and not self._done and attrs.get("method", "").lower() == "post":
            if "logout" not in attrs.get("action", ""):
                self._in_form, self.action = True, attrs.get("action", "")
            return
        if not self._in_form:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text").lower()
            if kind == "file":
                self.has_file = True
            elif kind in ("radio", "checkbox"):
                field = self.fields.setdefault(name, ["choice", "", []])
                field[2].append(attrs.get("value", "on"))
                if "checked" in attrs:
                    field[1] = attrs.get("value", "on")
            elif kind not in ("submit", "button"):
                self.fields[name] = [kind, attrs.get("value", ""), []]
        elif tag == "select" and name:
            self._select = name
            self.fields[name] = ["choice", "", []]
        elif tag == "option" and self._select:
            field = self.fields[self._select]
            field[2].append(attrs.get("value", ""))
            if "selected" in attrs:
                field[1] = attrs.get("value", "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.fields[name] = ["text", "", []]

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea][1] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._in_form:
            self._in_form, self._done = False, True
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def filled(self, rng: random.Random) -> dict:
        today = dt.date.today().isoformat()
        data = {}
        for name, (kind, value, choices) in self.fields.items():
            if value.strip():
                data[name] = value
            elif kind == "choice":
                options = [c for c in choices if c]
                if options:
                    data[name] = rng.choice(options)
            elif kind == "date":
                data[name] = today
            elif kind == "time":
                data[name] = "10:00"
            elif kind == "number":
                data[name] = "1"
            else:
                data[name] = "Soak test: checked with the service area, nothing further."
        return data


class Session:
    def __init__(self, base: str, username: str, password: str):
        self.base, self.username = base, username
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        self.statuses = Counter()
        self.sign_in(password)

    def request(self, path: str, data: dict | None = None) -> tuple[int, str, str]:
        body = None
        if data is not None:
            csrf = next((c.value for c in self.cookies if c.name == "csrftoken"), "")
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": csrf}, doseq=True)
        try:
            with self.opener.open(self.base + path, body.encode() if body else None, 60) as r:
                status, url, html = r.status, r.geturl(), r.read().decode(errors="replace")
        except urllib.error.HTTPError as error:
            status, url, html = error.code, error.geturl(), ""
        self.statuses[status] += 1
        return status, urllib.parse.urlsplit(url).path, html

    def sign_in(self, password: str) -> None:
        status, _, html = self.request("/accounts/login/")
        form = Form()
        form.feed(html)
        data = {**form.filled(random.Random(0)), "username": self.username, "password": password}
        status, path, _ = self.request("/accounts/login/", data)
        if status != 200 or path.startswith("/accounts/login/"):
            raise SystemExit(f"Could not sign in as {self.username} (status {status}).")


def act(session: Session, work_list: str, rng: random.Random) -> str:
    """Open a case from the user's list and send one of its actions: the outcome's name."""
    status, _, html = session.request(f"{work_list}?page={rng.randint(1, 4)}")
    cases = sorted({m.group(1) for m in CASE_LINK.finditer(html)})
    if status == 404 or not cases:
        status, _, html = session.request(work_list)
        cases = sorted({m.group(1) for m in CASE_LINK.finditer(html)})
    if not cases:
        return "no cases"
    status, _, html = session.request(rng.choice(cases))
    actions = sorted(
        {(url, slug) for url, slug in ACTION_LINK.findall(html) if slug not in SKIP_ACTIONS}
    )
    if status >= 500:
        return "server error"
    if not actions:
        return "no actions"
    url, _ = rng.choice(actions)
    status, _, html = session.request(url)
    if status >= 500:
        return "server error"
    form = Form()
    form.feed(html)
    if status != 200 or not form.fields or form.has_file:
        return "no form"
    status, landed, _ = session.request(form.action or url, form.filled(rng))
    if status >= 500:
        return "server error"
    if status != 200:
        return f"status {status}"
    return "refused (form shown again)" if landed == url else "applied"


def log_sizes(log_dir: Path) -> dict[Path, int]:
    return {log: log.stat().st_size for log in log_dir.glob("*.log")}


def scan_logs(log_dir: Path, start_sizes: dict[Path, int]) -> dict[str, int]:
    """Counts in what each log gained since `start_sizes` was taken."""
    found = Counter({name: 0 for name in LOG_PATTERNS})
    for log in sorted(log_dir.glob("*.log")):
        with log.open("rb") as handle:
            handle.seek(start_sizes.get(log, 0))
            text = handle.read().decode(errors="replace")
        for line in text.splitlines():
            for name, pattern in LOG_PATTERNS.items():
                if pattern.search(line):
                    found[name] += 1
                    print(f"  {log.name}: {line[:200]}")
    return dict(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--actions", type=int, default=200)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--password", default=DEMO_PASSWORD)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--logs", default=str(ROOT / "var" / "log"))
    args = parser.parse_args()

    started = time.time()
    start_sizes = log_sizes(Path(args.logs))
    rng = random.Random(args.seed)
    sessions = [(Session(args.base, user, args.password), path) for user, path in USERS.items()]
    interval = args.minutes * 60 / max(args.actions, 1)
    outcomes, posted = Counter(), 0
    attempt = 0
    while posted < args.actions and attempt < args.actions * 5:
        session, work_list = sessions[attempt % len(sessions)]
        attempt += 1
        outcome = act(session, work_list, rng)
        outcomes[outcome] += 1
        if outcome in ("applied", "refused (form shown again)", "server error") or (
            outcome.startswith("status")
        ):
            posted += 1
            time.sleep(max(0.0, started + posted * interval - time.time()))
    statuses = sum((s.statuses for s, _ in sessions), Counter())
    elapsed = (time.time() - started) / 60
    print(f"Case actions sent: {posted} in {elapsed:.1f} minutes by {len(sessions)} users.")
    for outcome, count in sorted(outcomes.items()):
        print(f"  {outcome}: {count}")
    print("HTTP statuses: " + ", ".join(f"{k}: {v}" for k, v in sorted(statuses.items())))
    print(f"Logs in {args.logs}:")
    found = scan_logs(Path(args.logs), start_sizes)
    for name, count in found.items():
        print(f"  {name}: {count}")
    server_errors = sum(v for k, v in statuses.items() if k >= 500)
    print(f"Server errors seen by the script: {server_errors}")
    return 1 if server_errors or any(found.values()) or posted < args.actions else 0


if __name__ == "__main__":
    sys.exit(main())
