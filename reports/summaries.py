"""Keeping the report summaries (reports.models) current, and rebuilding them.

What a case contributes, for each scope it is in ("all", each directorate and service area of
its active assignments, or "u" when it has none):

- ``received`` on its day of receipt, with where it stands today (answered in time or late,
  its outcome, open or withdrawn): the published statistics' cohort and "Received".
- ``answered`` on the day of its response, in time or late, with its outcome.
- ``closed`` on the day it was closed without an answer (withdrawn, lapsed, ...).
- ``open_in_time`` / ``open_late`` on every day it was open, once it is no longer open:
  those days are all in the past, so the rows never change while the case does not.
- ``open`` (neither answered nor closed) and ``now`` (an open status): its day of receipt and
  its statutory date (``day2``), so "open at the end of day D" and "overdue today" are sums
  over the few cases still open, whatever today is.
- ``missed`` (a late answer: each area that missed its internal date, or 0) and
  ``exemption`` (an answer withholding information: each exemption cited).

Each of those rows is a DAY row; the kinds a report sums over a period (models.ROLLED_UP) add
the same 1 to a MONTH row as well: its day (and an exemption's day of receipt, ``day2``)
turned into the first of its month. Both come out of `keys`, so the day and month rows of a
case are added and taken away together, by the same statement.

Every rule mirrors a measure of reports.measures; tests compare every figure both ways.
A change is applied as a difference: the facts the case was last counted from are kept in
``CaseFacts``, so its old rows are taken away and its new rows added, under a lock on that
row so two changes to one case cannot both apply the same difference.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable

from django.db import connection, transaction
from django.utils import timezone

from reports import measures as m
from reports.models import DAY, KEY_FIELDS, MONTH, NO_DATE, ROLLED_UP, CaseFacts, ReportCount
from reports.periods import LONDON
from requests_app.models import AppliedExemption, Assignment, Case, Status

CHUNK = 2000
OPEN_STATUSES = frozenset(Status.values) - Status.finished()
WITHDRAWN = frozenset({Status.WITHDRAWN, Status.LAPSED})
WITHHOLDING = frozenset(m.WITHHOLDING_OUTCOMES)


def _day(instant) -> str | None:
    return None if instant is None else timezone.localtime(instant, LONDON).date().isoformat()


def facts_for(ids: Iterable[int]) -> dict[int, dict]:
    """What the reports count about each case, from three queries."""
    ids = list(ids)
    rows = Case.objects.filter(pk__in=ids).values_list(
        "pk",
        "regime",
        "review_of_id",
        "received_at",
        "responded_at",
        "closed_at",
        "statutory_due",
        "status",
        "outcome",
        "review_outcome",
    )
    facts = {}
    for pk, regime, review_of, received, responded, closed, due, status, outcome, r_out in rows:
        facts[pk] = {
            "regime": regime,
            "review": review_of is not None,
            "received": _day(received),
            "responded": _day(responded),
            "closed": _day(closed),
            "due": due.isoformat() if due else None,
            "state": "open"
            if status in OPEN_STATUSES
            else "withdrawn"
            if status in WITHDRAWN
            else "",
            "outcome": outcome or "",
            "review_outcome": r_out or "",
            "areas": [],
            "exemptions": [],
        }
    for case_id, area, directorate, submitted, internal_due in (
        Assignment.objects.filter(case_id__in=ids, state__in=m.ACTIVE_ASSIGNMENT)
        .order_by("case_id", "service_area_id")
        .values_list(
            "case_id",
            "service_area_id",
            "service_area__directorate_id",
            "submitted_at",
            "internal_due",
        )
    ):
        # The rule of measures.missed_internal_date: not submitted, or after the internal date.
        submitted_on = _day(submitted)
        missed = submitted_on is None or (
            internal_due is not None and submitted_on > internal_due.isoformat()
        )
        facts[case_id]["areas"].append([area, directorate, missed])
    for case_id, exemption in (
        AppliedExemption.objects.filter(case_id__in=ids)
        .order_by("case_id", "exemption_id")
        .values_list("case_id", "exemption_id")
    ):
        facts[case_id]["exemptions"].append(exemption)
    return facts


def _scopes(facts: dict) -> list[str]:
    areas = facts["areas"]
    if not areas:
        return ["all", "u"]
    return ["all", *sorted({f"d{d}" for _, d, _ in areas}), *sorted({f"a{a}" for a, _, _ in areas})]


def contributions(facts: dict | None) -> Counter:
    """The summary rows one case adds to, as a Counter of key tuples (KEY_FIELDS order)."""
    return Counter(keys(facts))


def keys(facts: dict | None) -> list[tuple]:
    """The key of every summary row one case adds 1 to (a key may repeat: add it twice)."""
    if not facts or not facts["received"]:
        return []
    received = dt.date.fromisoformat(facts["received"])
    responded = facts["responded"] and dt.date.fromisoformat(facts["responded"])
    closed = facts["closed"] and dt.date.fromisoformat(facts["closed"])
    due = facts["due"] and dt.date.fromisoformat(facts["due"])
    regime, review = facts["regime"], facts["review"]
    outcome, r_outcome, state = facts["outcome"], facts["review_outcome"], facts["state"]
    flag = ""
    if responded:
        flag = "in_time" if due is None or responded <= due else "late"
    is_request = m.in_base("requests", regime, review)
    end = min(d for d in (responded, closed) if d) if (responded or closed) else None
    span = []
    if end:
        day, one = received, dt.timedelta(days=1)
        while day < end:
            span.append(("open_in_time" if due is None or day <= due else "open_late", day))
            day += one
    due_key = due or NO_DATE
    missed = sorted({a for a, _, miss in facts["areas"] if miss}) or [0]
    out = []
    add = out.append
    for scope in _scopes(facts):
        base = (scope, regime, review)
        add(("received", received, NO_DATE, *base, outcome, r_outcome, flag, state, 0))
        if responded:
            add(("answered", responded, NO_DATE, *base, outcome, r_outcome, flag, "", 0))
            if is_request and flag == "late":
                for area in missed:
                    add(("missed", responded, NO_DATE, *base, "", "", "", "", area))
            if is_request and outcome in WITHHOLDING:
                for exemption in facts["exemptions"]:
                    add(("exemption", responded, received, *base, "", "", "", "", exemption))
        elif closed:
            add(("closed", closed, NO_DATE, *base, "", "", "", state, 0))
        tail = (NO_DATE, scope, regime, review, "", "", "", "", 0)
        out.extend([(kind, day, *tail) for kind, day in span])
        if end is None:
            add(("open", received, due_key, *base, "", "", "", "", 0))
        if state == "open":
            add(("now", received, due_key, *base, "", "", "", "", 0))
    return [(key[0], DAY, *key[1:]) for key in out] + [
        month_key(key) for key in out if key[0] in ROLLED_UP
    ]


def month_key(key: tuple) -> tuple:
    """The MONTH row a DAY row's key (without its span) is added up into."""
    kind, day, day2, *rest = key
    if kind == "exemption":
        day2 = day2.replace(day=1)  # the day of receipt, which the statistics count by
    return (kind, MONTH, day.replace(day=1), day2, *rest)


# --- writing -----------------------------------------------------------------------------------

_TABLE = ReportCount._meta.db_table
_COLUMNS = ", ".join(KEY_FIELDS) + ", n"
_PLACEHOLDERS = "(" + ", ".join(["%s"] * (len(KEY_FIELDS) + 1)) + ")"
_UPSERT_HEAD = f"INSERT INTO {_TABLE} ({_COLUMNS}) VALUES "  # noqa: S608 (our own names)
_UPSERT_TAIL = f" ON CONFLICT ({', '.join(KEY_FIELDS)}) DO UPDATE SET n = {_TABLE}.n + excluded.n"
UPSERT_BATCH = 500


def add_counts(delta: Counter | dict) -> None:
    """Add each key's number to its row (creating it): one atomic statement per batch, so
    concurrent changes to different cases add up rather than overwrite one another."""
    items = [(key, n) for key, n in delta.items() if n]
    with connection.cursor() as cursor:
        for start in range(0, len(items), UPSERT_BATCH):
            batch = items[start : start + UPSERT_BATCH]
            sql = _UPSERT_HEAD + ", ".join([_PLACEHOLDERS] * len(batch)) + _UPSERT_TAIL
            params = [value for key, n in batch for value in (*key, n)]
            cursor.execute(sql, params)


def _difference(old: dict | None, new: dict | None) -> Counter:
    delta = contributions(new)
    delta.subtract(contributions(old))
    return delta


def refresh(ids: Iterable[int]) -> int:
    """Bring the summaries up to date for these cases (created, changed or deleted).
    Returns how many cases' rows changed. Safe to run twice and in any order."""
    ids = sorted(set(ids))
    changed = 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        with transaction.atomic():
            CaseFacts.objects.bulk_create(
                [CaseFacts(case_id=pk, facts=None) for pk in chunk], ignore_conflicts=True
            )
            # Locked before the case is read: a later change waits, then reads the later state.
            ledger = {
                row.case_id: row
                for row in CaseFacts.objects.select_for_update().filter(case_id__in=chunk)
            }
            current = facts_for(chunk)
            total: Counter = Counter()
            updated, gone = [], []
            for pk in chunk:
                row, new = ledger[pk], current.get(pk)
                if row.facts == new:
                    continue
                total.update(_difference(row.facts, new))
                changed += 1
                if new is None:
                    gone.append(pk)
                else:
                    row.facts = new
                    updated.append(row)
            add_counts(total)
            CaseFacts.objects.bulk_update(updated, ["facts"], batch_size=500)
            CaseFacts.objects.filter(case_id__in=gone).delete()
    return changed


def case_changed(case_id: int) -> None:
    """The listener on the case workflow's after-commit list."""
    refresh([case_id])


def rebuild(*, progress=None) -> int:
    """Recount everything from the cases, in one transaction (the reports read the old
    summaries until it commits). Returns the number of cases counted."""
    total: Counter = Counter()
    counted, last = 0, 0
    with transaction.atomic():
        ReportCount.objects.all().delete()
        CaseFacts.objects.all().delete()
        while True:
            ids = list(
                Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:CHUNK]
            )
            if not ids:
                break
            facts = facts_for(ids)
            for one in facts.values():
                total.update(keys(one))
            CaseFacts.objects.bulk_create(
                [CaseFacts(case_id=pk, facts=one) for pk, one in facts.items()], batch_size=2000
            )
            counted += len(facts)
            last = ids[-1]
            if progress:
                progress(counted)
        ReportCount.objects.bulk_create(
            (
                ReportCount(**dict(zip(KEY_FIELDS, key, strict=True)), n=n)
                for key, n in total.items()
                if n
            ),
            batch_size=5000,
        )
    return counted


def differences() -> list[tuple]:
    """Rows where the stored summaries differ from a fresh count (empty when they agree):
    for tests and for `rebuild_report_summaries --check`."""
    expected: Counter = Counter()
    ids = Case.objects.order_by("pk").values_list("pk", flat=True)
    for start in range(0, len(ids), CHUNK):
        for one in facts_for(ids[start : start + CHUNK]).values():
            expected.update(contributions(one))
    stored = Counter(
        {
            tuple(row[:-1]): row[-1]
            for row in ReportCount.objects.exclude(n=0).values_list(*KEY_FIELDS, "n")
        }
    )
    keys = {key for key, n in expected.items() if n} | set(stored)
    return sorted(
        (
            (key, stored.get(key, 0), expected.get(key, 0))
            for key in keys
            if stored.get(key, 0) != expected.get(key, 0)
        ),
        key=str,
    )


case_changed.many = refresh  # a batch of cases (requests_app.changes)
