"""The dashboard's and the statistics' figures read from the summaries (reports.models).

Each figure is the sum of the summary rows that reports.summaries writes for the cases the
matching measure of reports.measures counts; the same structures as reports.counting come
out, so the pages cannot tell the two apart (tests compare them figure by figure). Four
queries for the dashboard whatever the number of cases: what happened in the period, what
happened in each trend week, what was open at the end of each trend week, and what was open
at the end of the period and is open now.

A sum over a period's days reads the MONTH rows of the whole calendar months in it and the
DAY rows of the days left over at each end (`_over`): a financial year is twelve month rows
per breakdown, a week (inside one month or across two) its seven day rows. Rows read on
single days or whatever the day (`open`, `now`, `open_in_time`, `open_late`) are DAY rows
only, and so are the trend weeks.
"""

import datetime as dt
import operator
from collections import defaultdict
from functools import reduce

from django.db import connection
from django.db.models import Q, Sum

from reports import counting
from reports import measures as m
from reports.counting import TABLE_MEASURES, DashboardCounts, StatisticsCounts
from reports.models import DAY, MONTH, NO_DATE, ReportCount
from reports.periods import Period
from requests_app.models import Exemption

WITHHOLDING = frozenset(m.WITHHOLDING_OUTCOMES)
ONE_DAY = dt.timedelta(days=1)


def _in(start: dt.date, end: dt.date, field: str = "day") -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def _days(start: dt.date, end: dt.date, field: str = "day") -> Q:
    """DAY rows whose `field` is from `start` to `end`, both included."""
    return Q(span=DAY) & _in(start, end, field)


def months_and_days(start: dt.date, end: dt.date):
    """The whole calendar months from `start` to `end` (both included) as (first month's
    first day, last month's first day), or None; and the runs of days left over at either
    end, as (first, last) pairs."""
    first = start if start.day == 1 else (start.replace(day=28) + 4 * ONE_DAY).replace(day=1)
    after = end + ONE_DAY
    stop = after if after.day == 1 else end.replace(day=1)  # the day after the last whole month
    if first >= stop:
        return None, [(start, end)]
    leftover = []
    if start < first:
        leftover.append((start, first - ONE_DAY))
    if stop <= end:
        leftover.append((stop, end))
    return (first, (stop - ONE_DAY).replace(day=1)), leftover


def _runs(start: dt.date, end: dt.date) -> list[tuple[str, dt.date, dt.date]]:
    """The (span, first, last) runs of rows that add up to the days from `start` to `end`:
    MONTH rows for the whole months, DAY rows for the days left at each end."""
    months, leftover = months_and_days(start, end)
    return ([(MONTH, *months)] if months else []) + [(DAY, *days) for days in leftover]


def _over(start: dt.date, end: dt.date, field: str = "day", *, where: Q) -> Q:
    """The rows of kinds ROLLED_UP (`where` says which) that add up to the days from `start`
    to `end`, `field` being the day summed by. `where` is ANDed into each run so that each is
    a range of an index (ANDed with the OR of them all, PostgreSQL read the whole table)."""
    parts = [
        where & Q(span=span) & _in(first, last, field) for span, first, last in _runs(start, end)
    ]
    return reduce(operator.or_, parts)


def _total(condition: Q):
    return Sum("n", filter=condition, default=0)


def _scope_list(directorate_id: int | None, own_areas: list[int]) -> list[str] | None:
    """The scopes a page reads: a directorate's own and its areas', or None for every one."""
    if directorate_id is None:
        return None
    return [f"d{directorate_id}", *(f"a{pk}" for pk in own_areas)]


def _happened(row: dict, v: int) -> dict[str, int]:
    """The period measures one summary row of what happened (received, answered, closed) adds
    `v` to, by the rules of reports.measures.period_measures."""
    if not v:
        return {}
    kind, regime, review = row["kind"], row["regime"], row["review"]
    out: dict[str, int] = {}
    if m.in_base("requests", regime, review):
        if kind == "received":
            out["received"] = v
        elif kind == "answered":
            out.update(answered=v, closed=v, in_period=v)
            if row["flag"] == "in_time":
                out.update(answered_in_time=v, in_time_total=v)
            else:
                out["answered_late"] = v
            if row["outcome"] in WITHHOLDING:
                out["withheld"] = v
            if row["outcome"] in m.ANSWER_OUTCOMES:
                out[f"outcome_{row['outcome']}"] = v
        elif kind == "closed":
            out["closed"] = v
            if row["state"] == "withdrawn":
                out["withdrawn"] = v
    elif m.in_base("reviews", regime, review):
        if kind == "received":
            out["review_received"] = v
        elif kind == "answered":
            out["review_answered"] = v
            timely = "in_time" if row["flag"] == "in_time" else "late"
            out[f"review_answered_{timely}"] = v
            if row["review_outcome"] in m.REVIEW_OUTCOMES:
                out[f"review_outcome_{row['review_outcome']}"] = v
    return out


def _add(target: dict, values: dict, keys=None) -> None:
    for key, v in values.items():
        if keys is None or key in keys:
            target[key] = target.get(key, 0) + v


class _Scopes:
    """Routes a row's figures to the totals, the regime groups and the table rows."""

    def __init__(self, keys, directorate_id):
        self.main = "all" if directorate_id is None else f"d{directorate_id}"
        self.council = directorate_id is None
        self.totals = dict.fromkeys(keys, 0)
        self.groups = {group: dict.fromkeys(keys, 0) for group in m.REGIME_GROUPS}
        self.per_area: dict[int, dict] = defaultdict(lambda: dict.fromkeys(TABLE_MEASURES, 0))
        self.per_directorate: dict[int, dict] = defaultdict(
            lambda: dict.fromkeys(TABLE_MEASURES, 0)
        )
        self.unassigned = dict.fromkeys(TABLE_MEASURES, 0)

    def add(self, row: dict, values: dict) -> None:
        scope = row["scope"]
        if scope == self.main:
            _add(self.totals, values)
            group = m.GROUP_OF_REGIME.get(row["regime"])
            if group and m.in_base("requests", row["regime"], row["review"]):
                _add(self.groups[group], values)
        elif scope.startswith("a"):
            _add(self.per_area[int(scope[1:])], values, TABLE_MEASURES)
        elif scope == "u" and self.council:
            _add(self.unassigned, values, TABLE_MEASURES)
        elif scope.startswith("d") and self.council:
            _add(self.per_directorate[int(scope[1:])], values, TABLE_MEASURES)


def dashboard_counts(
    *,
    period: Period,
    directorate_id: int | None,
    own_areas: list[int],
    case_measures: dict[str, m.Measure],
    ico_measures: dict[str, m.Measure],
    weeks: list[Period],
    today: dt.date,
    soon: dt.date,
) -> DashboardCounts:
    scopes = _scope_list(directorate_id, own_areas)
    routes = _Scopes(case_measures, directorate_id)
    trend = {f"w{i}_{key}": 0 for i in range(len(weeks)) for key in m.TREND_MEASURES}
    missed: dict[int, int] = defaultdict(int)
    exemptions: dict[int, int] = defaultdict(int)
    _events(scopes, period, routes, missed, exemptions)
    _weeks(weeks, routes, trend)
    _trend_positions(weeks, routes.main, trend)
    _positions(scopes, period, today, soon, routes)
    return DashboardCounts(
        totals=routes.totals,
        groups=routes.groups,
        per_area=dict(routes.per_area),
        per_directorate=dict(routes.per_directorate) if routes.council else {},
        unassigned=routes.unassigned if routes.council else None,
        trend=trend,
        missed=[(area, n) for area, n in missed.items() if area and n],
        no_area_missed=missed.get(0, 0),
        exemptions=exemption_rows(exemptions),
        ico=counting.ico_from_complaints(ico_measures, own_areas if scopes is not None else None),
    )


def figure_counts(
    *,
    period: Period,
    directorate_id: int | None,
    own_areas: list[int],
    scope: str,
    case_measures: dict[str, m.Measure],
    today: dt.date,
    soon: dt.date,
    events: bool,
    positions: bool,
):
    """Part of dashboard_counts, for a drill-down's one figure: the rows of one `scope` only
    (the page's own, a directorate's, a service area's or "u"), what happened in the period
    (`events`) and/or what was open at its end and now (`positions`); no trend, no ICO
    complaints, no exemption names. Returns the routed totals (the same `_Scopes` as the
    page's), and the late answers by the area that missed its date and the exemptions cited,
    as {id: count}."""
    readable = _scope_list(directorate_id, own_areas)
    scopes = [scope] if readable is None or scope in readable else []
    routes = _Scopes(case_measures, directorate_id)
    missed: dict[int, int] = defaultdict(int)
    exemptions: dict[int, int] = defaultdict(int)
    if events:
        _events(scopes, period, routes, missed, exemptions)
    if positions:
        _positions(scopes, period, today, soon, routes)
    return routes, missed, exemptions


# The dashboard's queries are plain SQL rather than ORM queries: building their dozens of
# filtered sums and index ranges from Q objects took longer than running them. Every value is
# a parameter; the only text put into them is this module's own (column names, placeholders).
# SQLite runs them too.


def _scope_sql(scopes: list[str] | None) -> tuple[str, list]:
    """`AND scope IN (...)` for the scopes read (None: every scope), and its parameters."""
    if scopes is None:
        return "", []
    if not scopes:
        return " AND 1 = 0", []
    return f" AND scope IN ({_marks(scopes)})", list(scopes)


def _marks(values) -> str:
    return ", ".join(["%s"] * len(values))


def _fetch(sql: str, params: list) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


_EVENT_COLUMNS = (
    "kind",
    "scope",
    "regime",
    "review",
    "outcome",
    "review_outcome",
    "state",
    "flag",
    "ref",
)  # the order of _events' SELECT


def _over_sql(start: dt.date, end: dt.date, where: str, params: list) -> tuple[str, list]:
    """`_over` as SQL, summed by `day`: `where` (and its `params`) ANDed into each run."""
    runs = _runs(start, end)
    sql = " OR ".join(f"({where} AND span = %s AND day >= %s AND day <= %s)" for _ in runs)
    values = [v for span, first, last in runs for v in (*params, span, str(first), str(last))]
    return sql, values


def _events(scopes, period: Period, routes: _Scopes, missed: dict, exemptions: dict) -> None:
    """What happened in the period, in every scope read (the rows of the tables too)."""
    scope_sql, scope_params = _scope_sql(scopes)
    happened, happened_params = _over_sql(
        period.start,
        period.as_at,
        f"kind IN ('received', 'answered', 'closed'){scope_sql}",
        scope_params,
    )
    # Late answers by area and exemptions cited are shown for the page's own scope only.
    own, own_params = _over_sql(
        period.start,
        period.as_at,
        f"kind IN ('missed', 'exemption') AND scope = %s{scope_sql}",
        [routes.main, *scope_params],
    )
    # The other scopes' rows feed the tables' measures only (TABLE_MEASURES: received, answered
    # in time and late), which no outcome or state divides: adding those rows up regardless
    # sends back a third as many.
    own_only = ", ".join(
        f"CASE WHEN scope = %s THEN {column} ELSE '' END"
        for column in ("outcome", "review_outcome", "state")
    )
    sql = (
        f"SELECT kind, scope, regime, review, {own_only}, flag, ref, SUM(n)"  # noqa: S608
        f" FROM reports_reportcount WHERE {happened} OR {own} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9"
    )
    params = [routes.main] * 3 + happened_params + own_params
    for *values, p in _fetch(sql, params):
        row = dict(zip(_EVENT_COLUMNS, values, strict=True))
        if row["kind"] in ("missed", "exemption"):
            (missed if row["kind"] == "missed" else exemptions)[row["ref"]] += p
            continue
        routes.add(row, _happened(row, p))


_POSITIONS = f"""
    SELECT scope, regime, review,
        SUM(n) FILTER (WHERE kind = 'now'),
        SUM(n) FILTER (WHERE kind = 'now' AND day2 < %s),
        SUM(n) FILTER (WHERE kind = 'now' AND day2 >= %s AND day2 <= %s),
        SUM(n) FILTER (WHERE kind = 'now' AND day2 = %s),
        SUM(n) FILTER (WHERE kind = 'open_in_time' OR kind = 'open' AND day2 >= %s),
        SUM(n) FILTER (WHERE kind = 'open_late' OR kind = 'open' AND day2 < %s)
    FROM reports_reportcount
    WHERE span = '{DAY}'
        AND (kind = 'now' OR kind = 'open' AND day <= %s
             OR kind IN ('open_in_time', 'open_late') AND day = %s){{scope}}
    GROUP BY scope, regime, review
"""  # noqa: S608 (only our own text is put in; values are parameters)

# The page's own scope, requests only (the trend's base): reports.measures.in_base("requests").
_TREND_BASE = f"""
    FROM reports_reportcount
    WHERE span = '{DAY}' AND scope = %s AND review = %s AND regime IN ({_marks(m.REQUEST_REGIMES)})
"""


def _trend_base(main: str) -> list:
    return [main, False, *m.REQUEST_REGIMES]


def _weeks(weeks: list[Period], routes: _Scopes, trend: dict) -> None:
    """Requests received and answered in each trend week, in the page's scope only."""
    sums = ", ".join(["SUM(n) FILTER (WHERE day >= %s AND day <= %s)"] * len(weeks))
    sql = (
        f"SELECT kind, flag, {sums} {_TREND_BASE}"
        " AND kind IN ('received', 'answered') AND day >= %s AND day <= %s GROUP BY kind, flag"
    )
    params = [str(day) for week in weeks for day in (week.start, week.as_at)]
    params += [*_trend_base(routes.main), str(weeks[0].start), str(weeks[-1].as_at)]
    for kind, flag, *per_week in _fetch(sql, params):
        key = "received" if kind == "received" else f"answered_{flag}"
        for i, n in enumerate(per_week):
            trend[f"w{i}_{key}"] += n or 0


def _trend_positions(weeks: list[Period], main: str, trend: dict) -> None:
    """Requests open at the end of each trend week, in time and late, in the page's scope.

    A case still open counts at the end of day D when it was received by D, in time when it
    is due on D or later. Every day received before the first week's end behaves alike, and
    so does every due date before it or after the last: the query moves them to those edges
    and adds them up, so a few hundred rows come back however many cases are open."""
    days = [str(week.as_at) for week in weeks]
    first, last = days[0], days[-1]
    before = str(weeks[0].as_at - ONE_DAY)
    sql = (
        "SELECT kind, CASE WHEN day < %s THEN %s ELSE day END,"  # noqa: S608 (our own text)
        " CASE WHEN day2 < %s THEN %s WHEN day2 > %s THEN %s ELSE day2 END, SUM(n)"
        f" {_TREND_BASE} AND (kind = 'open' AND day <= %s"
        f" OR kind IN ('open_in_time', 'open_late') AND day IN ({_marks(days)}))"
        " GROUP BY 1, 2, 3"
    )
    params = [first, first, first, before, last, last, *_trend_base(main), last, *days]
    for kind, received, due, n in _fetch(sql, params):
        received, due = str(received), str(due)
        for i, day in enumerate(days):
            if kind == "open":
                if received <= day:
                    trend[f"w{i}_{'open_in_time' if due >= day else 'open_late'}"] += n
            elif received == day:  # an open_in_time or open_late row: that day's own
                trend[f"w{i}_{kind}"] += n


def _positions(
    scopes: list[str] | None,
    period: Period,
    today: dt.date,
    soon: dt.date,
    routes: _Scopes,
) -> None:
    """Open at the end of the period and open now, in every scope read."""
    scope_sql, scope_params = _scope_sql(scopes)
    end = str(period.as_at)
    params = [str(today), str(today), str(soon), str(NO_DATE), end, end, end, end, *scope_params]
    for scope, regime, review, *figures in _fetch(_POSITIONS.format(scope=scope_sql), params):
        now_open, overdue, soon_n, stopped, it, late = (n or 0 for n in figures)
        values: dict[str, int] = {}
        if m.in_base("requests", regime, review):
            values = {
                "open_in_time": it,
                "open_late": late,
                "in_time_total": it,
                "in_period": it + late,
                "open_now": now_open,
                "overdue_now": overdue,
                "due_soon": soon_n,
                "clock_stopped": stopped,
            }
        elif m.in_base("reviews", regime, review):
            values = {"review_open_now": now_open, "review_overdue_now": overdue}
        elif m.in_base("unclassified", regime, review):
            values = {"unclassified": now_open}
        routes.add({"scope": scope, "regime": regime, "review": review}, values)


def exemption_rows(counts: dict[int, int]) -> list[dict]:
    """Rows for dashboard.exemptions_table from {exemption id: count}, with their names. The
    whole library is read (a few dozen rows), so the page costs one query whether or not any
    exemption was cited."""
    wanted = {pk: n for pk, n in counts.items() if n}
    return [
        {
            "exemption_id": row["pk"],
            "exemption__law": row["law"],
            "exemption__code": row["code"],
            "exemption__title": row["title"],
            "n": wanted[row["pk"]],
        }
        for row in Exemption.objects.values("pk", "law", "code", "title")
        if row["pk"] in wanted
    ]


# --- published statistics -------------------------------------------------------------------


def _standing(row: dict, v: int, late_v: int = 0) -> dict[str, int]:
    """The statistics measures (requests received in the period, where each stands today)
    one row of `received` or `now` adds to; `late_v` is the part of a `now` row overdue."""
    if not v:
        return {}
    kind, regime, review = row["kind"], row["regime"], row["review"]
    flag, out = row["flag"], {}
    if m.in_base("requests", regime, review):
        if kind == "now":
            return {"st_open_in_time": v - late_v, "st_open_late": late_v}
        out["st_received"] = v
        if flag:
            out[f"st_answered_{flag}"] = v
            if row["outcome"] in WITHHOLDING:
                out["st_withheld"] = v
            if row["outcome"] in m.ANSWER_OUTCOMES:
                out[f"st_outcome_{row['outcome']}"] = v
        if row["state"] == "withdrawn":
            out["st_withdrawn"] = v
    elif m.in_base("reviews", regime, review) and kind == "received":
        out["st_review_received"] = v
        if flag:
            out[f"st_review_answered_{flag}"] = v
            if row["review_outcome"] in m.REVIEW_OUTCOMES:
                out[f"st_review_outcome_{row['review_outcome']}"] = v
        if row["state"] == "open":
            out["st_review_open"] = v
    return out


def statistics_counts(
    *,
    period: Period,
    today: dt.date,
    directorate_id: int | None,
    measures: dict[str, m.Measure],
    quarter_measures: dict[str, m.Measure],
    quarters: list[Period],
) -> StatisticsCounts:
    main = "all" if directorate_id is None else f"d{directorate_id}"
    keys = [k for k, x in measures.items() if x.kind == "case"]

    def cohort(first: dt.date, last: dt.date) -> Q:
        # Received on those days: `received` (rolled up by month) and `now` (day rows).
        return _over(first, last, where=Q(kind="received")) | Q(kind="now") & _days(first, last)

    late = Q(kind="now", day2__lt=today)
    # An exemption's rows are summed by its day of receipt (day2), month rows by its month.
    cited = _over(period.start, period.as_at, "day2", where=Q(kind="exemption"))
    sums = {
        "p": _total(cohort(period.start, period.as_at)),
        "p_late": _total(late & _days(period.start, period.as_at)),
        "x": _total(cited),
    }
    for i, quarter in enumerate(quarters):
        sums[f"q{i}"] = _total(cohort(quarter.start, quarter.as_at))
        sums[f"q{i}_late"] = _total(late & _days(quarter.start, quarter.as_at))
    rows = (
        ReportCount.objects.filter(scope=main)
        .filter(cohort(period.start, period.as_at) | cited)
        .values("kind", "regime", "review", "outcome", "review_outcome", "flag", "state", "ref")
        .annotate(**sums)
        .order_by()
    )
    totals = dict.fromkeys(keys, 0)
    groups = {group: dict.fromkeys(keys, 0) for group in m.REGIME_GROUPS}
    quarter_counts = dict.fromkeys(quarter_measures, 0)
    exemptions: dict[int, int] = defaultdict(int)
    for row in rows:
        if row["kind"] == "exemption":
            exemptions[row["ref"]] += row["x"]
            continue
        values = _standing(row, row["p"], row["p_late"])
        _add(totals, values)
        group = m.GROUP_OF_REGIME.get(row["regime"])
        if group and m.in_base("requests", row["regime"], row["review"]):
            _add(groups[group], values)
        for i in range(len(quarters)):
            for key, v in _standing(row, row[f"q{i}"], row[f"q{i}_late"]).items():
                if f"q{i}_{key}" in quarter_counts:
                    quarter_counts[f"q{i}_{key}"] += v
    ico_measures = {k: x for k, x in measures.items() if x.kind == "ico"}
    areas = None if directorate_id is None else counting.directorate_areas(directorate_id)
    return StatisticsCounts(
        totals=totals,
        groups=groups,
        exemptions=exemption_rows(exemptions),
        ico=counting.ico_from_complaints(ico_measures, areas) if ico_measures else {},
        quarters=quarter_counts,
    )
