"""The count at the top of a drill-down list: the very figure the page it came from shows.

With the summaries on, the list's total is read the way that page reads it, but only the part
needed for the one figure: the summary rows of the one scope that holds it (the page's own,
a directorate's, a service area's or the unassigned cases'), what happened in the period
and/or what was open at its end (reports.summary_counts.figure_counts), routed to totals,
regime groups and table rows by the same code as the page's, so the number clicked and the
number at the top of its list are one number. The statistics' figures come from the same
single query as their page. The list itself is the cases the measure's Q selects, and tests
check that both agree for every link on every page.

Which figure a page shows for a measure and a breakdown is written out below from
reports.dashboard and reports.statistics (tests compare it with every cell of the built pages);
a figure no page shows (a hand-made link) gives None and is counted from the cases.
"""

import datetime as dt

from django.db.models import Count

from reports import counting, languages, summary_counts
from reports import measures as m
from reports.counting import TABLE_MEASURES, directorate_areas, scoped_cases
from reports.dashboard import due_soon_until, from_summaries
from reports.periods import Period
from reports.statistics import REQUEST_ROWS

# Dashboard figures that need what was open at the period's end or is open now; the first two
# also what was answered in it. Every other case figure needs only what happened in it.
BOTH_KEYS = frozenset({"in_time_total", "in_period"})
POSITION_KEYS = frozenset({"open_in_time", "open_late", *BOTH_KEYS}) | m.NOW_KEYS
# With no breakdown the dashboard shows every case measure (the headline and "now" tiles, the
# regime table's total row, the outcomes, the internal reviews) but this one, which it shows
# only by exemption cited.
UNSHOWN_TOTALS = frozenset({"withheld"})
# Statistics: the requests table (in total and by regime group), the reviews and ICO tables.
STATISTICS_GROUPED = frozenset(key for key in REQUEST_ROWS if key != "st_answered_pct")


def figure(*, key: str, period: Period, directorate_id: int | None, dim: str) -> int | None:
    """The figure for measure `key` broken down by `dim` ("" for none), or None when no page
    shows it (the caller then counts the cases)."""
    if not from_summaries():
        return None
    if key.startswith("st_"):
        return _statistics_figure(key, period, directorate_id, dim)
    return _dashboard_figure(key, period, directorate_id, dim)


def _dashboard_figure(key: str, period: Period, directorate_id: int | None, dim: str):
    today = period.today
    soon = due_soon_until(today)
    measures = {**m.period_measures(period), **m.now_measures(today, soon)}
    measure = measures.get(key)
    if measure is None:
        return None
    kind, _, value = dim.partition(":")
    own_areas = directorate_areas(directorate_id) if directorate_id is not None else []
    council = directorate_id is None
    if measure.kind == "ico":
        if dim:
            return None
        areas = None if council else own_areas
        return counting.ico_from_complaints({key: measure}, areas)[key]
    if kind == "language":
        return _language_figure(measure, value, directorate_id, own_areas)

    main = "all" if council else f"d{directorate_id}"
    pick = None  # (the scope of rows to read, how to take the figure from what they give)
    if not dim and key not in UNSHOWN_TOTALS:
        pick = main, lambda routes, missed, cited: routes.totals[key]
    elif kind == "regime" and value in m.REGIME_GROUPS and key in TABLE_MEASURES:
        pick = main, lambda routes, missed, cited: routes.groups[value][key]
    elif kind == "area" and value.isdigit() and key in TABLE_MEASURES:
        pk = int(value)
        if council or pk in own_areas:
            pick = f"a{pk}", lambda routes, missed, cited: _row(routes.per_area.get(pk), key)
    elif kind == "directorate" and value.isdigit() and key in TABLE_MEASURES and council:
        pk = int(value)
        if directorate_areas(pk):  # the table lists the directorates that have areas
            pick = (
                f"d{pk}",
                lambda routes, missed, cited: _row(routes.per_directorate.get(pk), key),
            )
    elif dim == "unassigned:all" and key in TABLE_MEASURES and council:
        pick = "u", lambda routes, missed, cited: routes.unassigned[key]
    elif kind == "missed" and key == "answered_late":
        # The late-answers table lists the areas (and "none") with at least one.
        ref = 0 if value == "none" else int(value) if value.isdigit() else None
        if ref is not None:
            pick = main, lambda routes, missed, cited: missed.get(ref, 0) or None
    elif kind == "exemption" and value.isdigit() and key == "withheld":
        pick = main, lambda routes, missed, cited: cited.get(int(value), 0) or None
    if pick is None:
        return None
    scope, take = pick
    routes, missed, cited = summary_counts.figure_counts(
        period=period,
        directorate_id=directorate_id,
        own_areas=own_areas,
        scope=scope,
        case_measures={k: x for k, x in measures.items() if x.kind == "case"},
        today=today,
        soon=soon,
        events=key not in POSITION_KEYS or key in BOTH_KEYS,
        positions=key in POSITION_KEYS,
    )
    return take(routes, missed, cited)


def _row(counts: dict | None, key: str) -> int:
    """A table row's figure; a row with no summary rows at all shows zeros."""
    return counts[key] if counts else 0


def _language_figure(measure, code: str, directorate_id, own_areas) -> int | None:
    """The language table's cell (reports.languages), counted as that table counts it."""
    if measure.key not in languages.KEYS or code not in languages.CODES or not languages.shown():
        return None
    cases = scoped_cases(directorate_id, own_areas if directorate_id is not None else None)
    return cases.aggregate(n=Count("pk", distinct=True, filter=languages.condition(measure, code)))[
        "n"
    ]


def _statistics_figure(key: str, period: Period, directorate_id: int | None, dim: str):
    if period.kind not in ("quarter", "year"):
        return None
    today: dt.date = period.today
    measures = m.statistics_measures(period, today)
    measure = measures.get(key)
    if measure is None:
        return None
    kind, _, value = dim.partition(":")
    if measure.kind == "ico":
        wanted = {k: x for k, x in measures.items() if x.kind == "case" or k == key}
    else:
        wanted = {k: x for k, x in measures.items() if x.kind == "case"}
    counts = summary_counts.statistics_counts(
        period=period,
        today=today,
        directorate_id=directorate_id,
        measures=wanted,
        quarter_measures={},
        quarters=[],
    )
    if measure.kind == "ico":
        return None if dim else counts.ico[key]
    if not dim:
        return counts.totals[key] if key != "st_withheld" else None
    if kind == "regime" and value in m.REGIME_GROUPS and key in STATISTICS_GROUPED:
        return counts.groups[value][key]
    if kind == "exemption" and value.isdigit() and key == "st_withheld":
        found = [row["n"] for row in counts.exemptions if row["exemption_id"] == int(value)]
        return found[0] if found else None
    return None
