"""No input produces a server error: every route in the URL configuration, filled with hostile
path values, every page's query string and every form found on the pages, posted with hostile
values, by each member of the standard cast and by an anonymous visitor.

The walk is deterministic (fixed values, fixed order) and finds pages the way a person would:
from the URL configuration (tests/fuzz/crawler.py) and by following the links and forms on each
page it reaches. A 500 (or a 503, since the database is up) anywhere fails the test, and the
failure lists each request that caused one.
"""

import datetime as dt
import logging
import time
from collections import Counter
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import Resolver404, resolve
from django.utils import timezone

from requests_app.models import Status
from tests.fuzz import crawler
from tests.requests_app.builders import case_in

# The widest access first, so the full fuzzing of each page and form is done by someone who
# reaches it; the others send the worst values to what they can reach.
ROLES = [
    "ig_manager",
    "administrator",
    "ig_officer",
    "officer_a",
    "officer_b",
    "director",
    "director_other",
    "siro",
    "manager",
    "manager_place",
    "outsider",
    None,  # anonymous
]
STATES = [
    Status.RECEIVED,
    Status.AWAITING_ID,
    Status.IN_PROGRESS,
    Status.AWAITING_AUTHORISATION,
    Status.RESPONDED,
]
# Pages that end the session or would send the walk round the whole admin: the admin is
# Django's own code and is walked only a little (MAX_PER_ROUTE applies there too).
SKIP_ROUTES = {"logout", "admin:logout"}
MAX_PER_ROUTE = 3  # instances of one route visited per role (e.g. three case pages)
# Who sends every hostile value to every route (the others send the worst few): the widest
# access, and no access at all.
FULL_ROLES = {"ig_manager", "anonymous"}
MAX_PAGES = 150  # pages visited per role
ERROR_STATUSES = {500, 502, 503, 504}


class Walk:
    def __init__(self, client: Client, role: str, user, today: dt.date, shared: dict):
        self.client, self.role, self.user, self.today = client, role, user, today
        self.shared = shared  # across roles: forms already fuzzed in full, every form seen
        self.failures = shared["failures"]
        self.requests = 0

    # --- requests ------------------------------------------------------------------------------

    def get(self, url: str):
        self.requests += 1
        response = self.client.get(url)
        self._check(response, "GET", url, "")
        return response

    def post(self, url: str, data: dict, what: str):
        self.requests += 1
        response = self.client.post(url, data)
        self._check(response, "POST", url, what)
        if self.user is not None and what != "":
            # A form may have signed the user out (password change): sign back in.
            self.client.force_login(self.user)
        return response

    def _check(self, response, method, url, what):
        if response.status_code in ERROR_STATUSES:
            self.failures.append(
                f"{response.status_code} {self.role} {method} {url[:160]!r} {what}".rstrip()
            )

    # --- the walk ------------------------------------------------------------------------------

    def run(self, real_values: dict):
        routes = crawler.routes()
        self.hostile_paths(routes, real_values)
        self.crawl(routes, real_values)

    def hostile_paths(self, routes, real_values):
        for route in routes:
            count = crawler.param_count(route)
            admin = route.name.startswith("admin:")
            if not count or admin and self.role != "administrator":
                continue
            # The admin is Django's own: a few values there. The project's routes get them all.
            values = crawler.HOSTILE_PATH_VALUES
            if admin:
                values = values[2:4]
            elif self.role not in FULL_ROLES:
                values = crawler.WORST_PATH_VALUES
            for value in values:
                urls = [crawler.fill(route, [value] * count)]
                first = real_values.get(_kinds(route)[0])
                if count > 1 and first:
                    urls.append(crawler.fill(route, [first] + [value] * (count - 1)))
                for url in urls:
                    if _route_name(url) is None:
                        # No route takes it (the converter refused it): the same 404 for
                        # everyone, so it is asked once.
                        if url in self.shared["unrouted"]:
                            continue
                        self.shared["unrouted"].add(url)
                    self.get(url)

    def crawl(self, routes, real_values):
        start = [crawler.fill(r, []) for r in routes if not crawler.param_count(r)]
        start += [
            crawler.fill(r, [real_values[k] for k in _kinds(r)])
            for r in routes
            if crawler.param_count(r) and all(k in real_values for k in _kinds(r))
        ]
        queue, seen, per_route = list(start), set(), Counter()
        while queue and len(seen) < MAX_PAGES:
            url = queue.pop(0)
            name = _route_name(url)
            if url in seen or name is None or name in SKIP_ROUTES:
                continue
            if per_route[name] >= (1 if name.startswith("admin:") else MAX_PER_ROUTE):
                continue
            if name.startswith("admin:") and self.role != "administrator":
                continue
            seen.add(url)
            per_route[name] += 1
            if name in self.shared["downloads"]:
                continue
            response = self.get(url)
            if response.status_code != 200:
                continue
            if "html" not in response.get("Content-Type", ""):
                # PDFs and CSVs take long to make and have no links: once is enough.
                self.shared["downloads"].add(name)
                continue
            page = crawler.parse(url, response.content.decode(errors="replace"))
            queue += [p for p in map(crawler.local_path, page.links) if p and p not in seen]
            if per_route[name] == 1:
                self.hostile_queries(name, url, page)
            for form in page.forms:
                self.fuzz_form(form)

    def hostile_queries(self, name, url, page):
        path = urlsplit(url).path
        names = crawler.query_names(page.links, page.forms)
        values = crawler.HOSTILE_QUERY_VALUES
        if name in self.shared["queried"] or name.startswith("admin:"):
            # Another role sent every hostile query string to this page; this role the worst.
            values = values[:2]
        self.shared["queried"].add(name)
        for value in values:
            self.get(f"{path}?{urlencode({name: value for name in names})}")

    def fuzz_form(self, form: crawler.Form):
        action = crawler.local_path(form.action)
        name = _route_name(action) if action else None
        if name is None or name in SKIP_ROUTES:
            return
        if name.startswith("admin:") and name.endswith("_delete"):
            return  # the admin's delete confirmations would delete the cast itself
        # One of each (e.g. each case action once, not once per case) for the second pass.
        key = (
            name,
            tuple(
                sorted(
                    (k, v)
                    for k, v in resolve(urlsplit(action).path).kwargs.items()
                    if k not in ("pk", "reference")
                )
            ),
        )
        self.shared["actions"].setdefault(key, (action, form.method))
        signature = form.signature(name)
        if form.method == "get":
            # A filter form: its fields become the query string.
            if signature in self.shared["fuzzed"]:
                return
            self.shared["fuzzed"].add(signature)
            path = urlsplit(action).path
            for _what, data in crawler.variants(form, self.today):
                self.get(f"{path}?{urlencode(data)}")
            return
        if signature in self.shared["fuzzed"]:
            # Another role fuzzed this form in full; this role sends the worst two only.
            for value in ("", "<script>alert(1)</script>"):
                self.post(action, {n: value for n in form.fields}, f"every field {value!r}")
            return
        self.shared["fuzzed"].add(signature)
        files = [n for n, (kind, _, _) in form.fields.items() if kind == "file"]
        # The admin's forms (Django's own code, with many fields) get every field at once only.
        every_field = name.startswith("admin:")
        for what, data in crawler.variants(form, self.today, every_field_only=every_field):
            for file_field in files:
                data[file_field] = SimpleUploadedFile("../../x\x00.pdf", b"%PDF\x00" * 10)
            self.post(action, data, what)


def _kinds(route) -> list[str]:
    return [p[1] for p in route.parts if isinstance(p, tuple)]


def _route_name(url: str | None) -> str | None:
    if not url:
        return None
    path = urlsplit(url).path
    if path.startswith(settings.STATIC_URL):
        return None
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name


@pytest.fixture
def cases(cast, org):
    return [case_in(status, cast, org) for status in STATES]


@pytest.fixture
def quiet_logs():
    # Thousands of refusals and 404s are logged with their tracebacks otherwise, which costs
    # more time than the requests themselves.
    logging.disable(logging.CRITICAL)
    yield
    logging.disable(logging.NOTSET)


def test_no_input_gives_a_server_error(cast, cases, settings, quiet_logs):
    settings.PUBLIC_FORM_MIN_SECONDS = 0
    today = timezone.localdate()
    case = cases[0]
    real_values = {"id": str(case.pk), "str": case.reference, "slug": "classify"}
    shared = {
        "failures": [],
        "fuzzed": set(),
        "actions": {},
        "queried": set(),
        "downloads": set(),
        "unrouted": set(),
    }
    started, counts = time.monotonic(), {}
    walks = []
    for role in ROLES:
        client = Client(raise_request_exception=False)
        user = getattr(cast, role) if role else None
        if user is not None:
            client.force_login(user)
        walk = Walk(client, role or "anonymous", user, today, shared)
        walk.run(real_values)
        walks.append(walk)
        counts[walk.role] = walk.requests
    # Second pass: everyone posts junk to every form anyone was shown (the refused included).
    for walk in walks:
        for action, method in sorted(shared["actions"].values()):
            if method == "post":
                walk.post(action, {"x": "\x00", "reason": "<script>"}, "junk")
    elapsed = time.monotonic() - started
    total = sum(w.requests for w in walks)
    print(f"fuzz: {total} requests in {elapsed:.0f}s; per role {counts}")
    assert total > 2000, "the walk reached too little to mean anything"
    assert not shared["failures"], "\n".join(shared["failures"][:60])
