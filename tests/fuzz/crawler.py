"""What the fuzz test needs to find its way around: the URL configuration's routes, the links and
forms on a page, and the hostile values it sends.

Everything is deterministic (fixed lists, fixed order), so a failure found once is found again.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver

# --- hostile values -------------------------------------------------------------------------

# In a path segment: each converter's regex decides whether the route is reached at all.
HOSTILE_PATH_VALUES = [
    "0",
    "-1",
    "9223372036854775807",  # the largest bigint
    "9223372036854775808",  # one more
    "99999999999999999999999999999999",
    "2147483648",  # beyond a 32-bit integer
    "1e9",
    "..",
    "%2e%2e%2fetc%2fpasswd",
    "%00",
    "ünïcødé-✓",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "x" * 300,
]
# The few that reach a view for every role (the converters turn the rest away).
WORST_PATH_VALUES = ["0", "9223372036854775807", "x" * 300]
HOSTILE_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "x" * 30_000,
    "<script>alert(1)</script>",
    "'; DROP TABLE requests_app_case; --",
    '" OR 1=1 --',
    "ünïcødé ✓ 😀",
    "0001-01-01",
    "9999-12-31",
    "-1",
    "99999999999999999999999999999999",
    "1e308",
    "NaN",
    "not-a-choice",
]
# For the admin's many forms (Django's own code) the every-field posts use these only.
ADMIN_VALUES = {"", "\x00", "x" * 30_000, "<script>alert(1)</script>", "-1"}
# Per input type: the values most likely to reach code behind the field's own validation.
TYPED_VALUES = {
    "date": [
        "0001-01-01",
        "1900-01-01",
        "2011-12-31",
        "9999-12-31",
        "2026-13-45",
        "2026-02-30",
        "\x00",
    ],
    "time": ["25:61", "-1:00", "\x00", "99999999999999999999:00"],
    "datetime-local": [
        "0001-01-01T00:00",
        "9999-12-31T23:59",
        "2025-03-30T01:30",  # skipped when the clocks went forward
        "2025-10-26T01:30",  # happened twice when the clocks went back
    ],
    "number": ["-1", "1e308", "99999999999999999999999999999999", "NaN", "Infinity", "1.5"],
    "email": ["not-an-email", "a@" + "b" * 300 + ".example", "\x00@example.org"],
    "choice": ["not-a-choice", "99999999999999999999999999999999", "-1", "\x00"],
    "text": ["", "\x00", "x" * 30_000, "<script>alert(1)</script>", "'; DROP TABLE x; --"],
}
# Dates and times at which the clocks changed in Europe/London: a time that did not happen, and
# one that happened twice.
CLOCK_CHANGES = [(dt.date(2025, 3, 30), "01:30"), (dt.date(2025, 10, 26), "01:30")]
HOSTILE_QUERY_VALUES = [
    "0001-01-01",
    "9999-12-31",
    "-1",
    "99999999999999999999999999999999",
    "\x00",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "ünïcødé",
    "x" * 3000,
    "",
]
# Query-string names the reports and lists use; more are read from each page's own links and forms.
QUERY_NAMES = ["start", "week", "period", "page", "sort", "order", "q", "year", "status", "area"]


# --- the URL configuration ------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    name: str  # "namespace:name", or the route text when unnamed
    parts: tuple  # literal strings and ("param", converter-name) pairs, in order


def routes() -> list[Route]:
    """Every route in the URL configuration, with its parameters."""
    found: list[Route] = []

    def walk(patterns, prefix_parts, namespace):
        for entry in patterns:
            parts = prefix_parts + _parts(entry.pattern)
            if isinstance(entry, URLResolver):
                inner = namespace
                if entry.namespace:
                    inner = f"{namespace}{entry.namespace}:"
                walk(entry.url_patterns, parts, inner)
            elif isinstance(entry, URLPattern):
                name = f"{namespace}{entry.name}" if entry.name else "".join(map(str, parts))
                found.append(Route(name, parts))

    walk(get_resolver().url_patterns, (), "")
    return found


_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _parts(pattern) -> tuple:
    """A route's text split into literal strings and ("param", converter) pairs. Regex routes
    (the admin's) are reduced to their literal text with one "str" parameter per group."""
    text = str(pattern)
    if hasattr(pattern, "_route"):
        parts, position = [], 0
        for match in _PARAM.finditer(text):
            parts.append(text[position : match.start()])
            parts.append(("param", match.group("converter") or "str"))
            position = match.end()
        parts.append(text[position:])
        return tuple(p for p in parts if p)
    text = text.lstrip("^").rstrip("$").replace("\\Z", "")
    literal = re.sub(r"\(\?P<[^>]+>[^)]*\)", "\x01", text)
    literal = re.sub(r"[\\?]", "", literal)
    return tuple(("param", "str") if p == "\x01" else p for p in re.split("(\x01)", literal) if p)


def fill(route: Route, values) -> str:
    """The route's URL with each parameter replaced by the next of `values`."""
    values = iter(values)
    return "/" + "".join(next(values) if isinstance(p, tuple) else p for p in route.parts)


def param_count(route: Route) -> int:
    return sum(isinstance(p, tuple) for p in route.parts)


# --- pages ----------------------------------------------------------------------------------


@dataclass
class Form:
    action: str
    method: str
    fields: dict = field(default_factory=dict)  # name -> (type, default value, choices)

    def signature(self, route_name: str) -> tuple:
        return (route_name, self.method, tuple(sorted(self.fields)))


class PageParser(HTMLParser):
    """The internal links and the forms of one HTML page."""

    def __init__(self, url: str):
        super().__init__(convert_charrefs=True)
        self.url = url
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: (v or "") for k, v in attrs}
        if tag == "a" and attrs.get("href"):
            self.links.append(urljoin(self.url, attrs["href"]))
        elif tag == "form":
            action = urljoin(self.url, attrs.get("action") or self.url)
            self._form = Form(action=action, method=(attrs.get("method") or "get").lower())
            self.forms.append(self._form)
        elif self._form is None or not attrs.get("name") and tag != "option":
            return
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset"):
                return
            name = attrs["name"]
            known = self._form.fields.get(name)
            if kind in ("radio", "checkbox"):
                choices = (known[2] if known else []) + [attrs.get("value", "on")]
                default = known[1] if known else ""
                if "checked" in attrs or not default:
                    default = attrs.get("value", "on") if "checked" in attrs else default
                self._form.fields[name] = ("choice", default, choices)
            else:
                self._form.fields[name] = (kind, attrs.get("value", ""), [])
        elif tag == "select":
            self._select = attrs["name"]
            self._form.fields[self._select] = ("choice", "", [])
        elif tag == "option" and self._select:
            kind, default, choices = self._form.fields[self._select]
            value = attrs.get("value", "")
            if "selected" in attrs or not default:
                default = value
            self._form.fields[self._select] = (kind, default, [*choices, value])
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self._form.fields[self._textarea] = ("text", "", [])

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            kind, default, choices = self._form.fields[self._textarea]
            self._form.fields[self._textarea] = (kind, default + data, choices)

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def parse(url: str, html: str) -> PageParser:
    parser = PageParser(url)
    parser.feed(html)
    return parser


def local_path(url: str) -> str | None:
    """The path and query of a link to this site, or None for another site, a fragment or a
    mailto: link."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "") or parts.netloc not in ("", "testserver"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


def query_names(links: list[str], forms: list[Form]) -> list[str]:
    names = set(QUERY_NAMES)
    for link in links:
        names.update(name for name, _ in parse_qsl(urlsplit(link).query, keep_blank_values=True))
    for form in forms:
        if form.method == "get":
            names.update(form.fields)
    return sorted(names)


# --- what to post -----------------------------------------------------------------------------


def baseline(form: Form, today: dt.date) -> dict:
    """A plausible filled-in form: the page's own defaults, and something sensible elsewhere."""
    data = {}
    for name, (kind, default, choices) in form.fields.items():
        if default:
            data[name] = default
        elif kind == "choice":
            data[name] = next((c for c in choices if c), "")
        elif kind == "date":
            data[name] = today.isoformat()
        elif kind == "time":
            data[name] = "10:00"
        elif kind == "number":
            data[name] = "1"
        elif kind == "email":
            data[name] = "someone@example.org"
        elif kind == "file":
            continue
        else:
            data[name] = "Fuzz test text"
    return data


def variants(form: Form, today: dt.date, *, every_field_only: bool = False):
    """(description, data) pairs: every field set to each hostile value, then each field in turn
    set to the hostile values for its type with the others plausible, then the clock changes."""
    base = baseline(form, today)
    names = [n for n, (kind, _, _) in form.fields.items() if kind != "file"]
    for value in HOSTILE_VALUES:
        if every_field_only and value not in ADMIN_VALUES:
            continue
        yield f"every field {value[:20]!r}", {name: value for name in names}
    if every_field_only:
        return
    for name in names:
        kind = form.fields[name][0]
        typed = TYPED_VALUES.get(kind) or TYPED_VALUES["text"]
        if kind in ("hidden", "password", "search", "tel", "url"):
            typed = TYPED_VALUES["text"]
        for value in typed:
            yield f"{name}={value[:20]!r}", {**base, name: value}
    dates = [n for n in names if form.fields[n][0] == "date"]
    times = [n for n in names if form.fields[n][0] == "time"]
    for day, time in CLOCK_CHANGES:
        if dates and times:
            changed = {**base, **{n: day.isoformat() for n in dates}, **{n: time for n in times}}
            yield f"clock change {day} {time}", changed
