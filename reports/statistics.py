"""Published statistics: the quarterly figures councils publish and the annual IG report's.

The cohort is the one published statistics use: requests *received* in the period, with where
each stands today (answered in time or late, still open in time or overdue, withdrawn or
lapsed), and the outcome of those answered. Counted with the same kind of aggregate queries as
the dashboard, from reports.measures, and every number links to its cases.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone

from reports import measures as m
from reports.dashboard import (
    Cell,
    Linker,
    Placeholder,
    Row,
    Table,
    count_by_regime,
    count_measures,
    exemptions_table,
    percent,
    placeholders,
    rag,
    scoped_cases,
)
from reports.periods import Period

# Rows of the requests table, in the order councils publish them.
REQUEST_ROWS = [
    "st_received",
    "st_answered_in_time",
    "st_answered_late",
    "st_answered_pct",  # derived
    "st_open_in_time",
    "st_open_late",
    "st_withdrawn",
    *(f"st_outcome_{o}" for o in m.ANSWER_OUTCOMES),
]
OUTCOME_HEADINGS = {
    "st_outcome_granted": "Granted in full",
    "st_outcome_part": "Granted in part (some information withheld)",
    "st_outcome_refused": "Withheld in full (exemption or exception)",
    "st_outcome_not_held": "Information not held",
    "st_outcome_accessible": "Accessible by other means (s21 / reg 6(1)(b))",
    "st_outcome_cost_limit": "Refused: cost limit (s12)",
    "st_outcome_vexatious": "Refused: vexatious / manifestly unreasonable",
}
QUARTER_COLUMNS = [
    ("st_received", "Received"),
    ("st_answered_in_time", "Answered in time"),
    ("st_answered_late", "Answered late"),
    ("st_answered_pct", "% answered in time"),
    ("st_open_in_time", "Open, in time"),
    ("st_open_late", "Open, overdue"),
    ("st_withdrawn", "Withdrawn or lapsed"),
]


@dataclass
class Statistics:
    period: Period
    today: dt.date
    directorate_id: int | None
    tables: dict[str, Table]
    placeholders: list[Placeholder] = field(default_factory=list)
    quarters: list[Period] = field(default_factory=list)


def _answered_pct(counts) -> Cell:
    value = percent(
        counts["st_answered_in_time"], counts["st_answered_in_time"] + counts["st_answered_late"]
    )
    return Cell(value, percent=True, rag=rag(value), key="st_answered_pct")


def build(
    *,
    period: Period,
    directorate_id: int | None = None,
    today: dt.date | None = None,
    links: bool = True,
) -> Statistics:
    today = today or timezone.localdate()
    link = Linker(period, directorate_id, enabled=links)
    measures = m.statistics_measures(period, today)
    case_measures = {k: x for k, x in measures.items() if x.kind == "case"}
    cases = scoped_cases(directorate_id)
    totals, groups = count_by_regime(cases.filter(m.received_in(period)), case_measures)

    columns = [label for label, _ in m.REGIME_GROUPS.values()] + ["All requests"]
    rows = []
    for key in REQUEST_ROWS:
        if key == "st_answered_pct":
            cells = [_answered_pct(groups[g]) for g in m.REGIME_GROUPS] + [_answered_pct(totals)]
            rows.append(Row("% answered in time (of those answered)", cells))
            continue
        cells = [link.cell(key, groups[g][key], f"regime:{g}") for g in m.REGIME_GROUPS]
        cells.append(link.cell(key, totals[key]))
        rows.append(
            Row(OUTCOME_HEADINGS.get(key, measures[key].label), cells, total=key == "st_received")
        )
    tables = {
        "requests": Table(
            "requests", "Requests received, and where each stands today", "Figure", columns, rows
        )
    }

    withheld = cases.filter(measures["st_withheld"].q).values("pk")
    tables["exemptions"] = exemptions_table(
        withheld,
        link,
        "st_withheld",
        "Exemptions and exceptions cited (requests withholding information)",
        empty="No information was withheld from the requests received in this period.",
    )
    review_keys = [
        "st_review_received",
        "st_review_answered_in_time",
        "st_review_answered_late",
        *(f"st_review_outcome_{o}" for o in m.REVIEW_OUTCOMES),
        "st_review_open",
    ]
    tables["reviews"] = Table(
        "reviews",
        "Internal reviews received in the period",
        "Internal reviews",
        ["Cases"],
        [Row(measures[key].label, [link.cell(key, totals[key])]) for key in review_keys],
    )
    ico_measures = {k: x for k, x in measures.items() if x.kind == "ico"}
    ico = cases.filter(m.HAS_ICO_COMPLAINT).aggregate(
        **{key: Count("pk", filter=x.q) for key, x in ico_measures.items()}
    )
    tables["ico"] = Table(
        "ico",
        "ICO complaints",
        "ICO complaints",
        ["Cases"],
        [Row(x.label, [link.cell(key, ico[key])]) for key, x in ico_measures.items()],
    )

    stats = Statistics(period, today, directorate_id, tables)
    if period.kind == "year":
        stats.quarters = _quarters(period, today)
        tables["quarters"] = _quarter_table(cases, stats.quarters, today, link)
        stats.placeholders = placeholders()
    return stats


def _quarters(year: Period, today: dt.date) -> list[Period]:
    quarters, start = [], year.start
    while start <= year.end and start <= today:
        quarter = Period.containing("quarter", start, today)
        quarters.append(quarter)
        start = quarter.end + dt.timedelta(days=1)
    return quarters


def _quarter_table(cases, quarters: list[Period], today: dt.date, link: Linker) -> Table:
    wanted = {}
    for index, quarter in enumerate(quarters):
        quarter_measures = m.statistics_measures(quarter, today)
        for key, _ in QUARTER_COLUMNS:
            if key != "st_answered_pct":
                wanted[f"q{index}_{key}"] = quarter_measures[key]
    counts = {}
    if quarters:
        span = Period("year", quarters[0].start, quarters[-1].end, today)
        counts = count_measures(cases.filter(m.received_in(span)), wanted)
    rows = []
    for index, quarter in enumerate(quarters):
        mine = {
            key: counts[f"q{index}_{key}"] for key, _ in QUARTER_COLUMNS if key != "st_answered_pct"
        }
        cells = []
        for key, _ in QUARTER_COLUMNS:
            if key == "st_answered_pct":
                cells.append(_answered_pct(mine))
            else:
                cells.append(link.cell(key, mine[key], period=quarter))
        rows.append(Row(quarter.label, cells))
    return Table(
        "quarters",
        "Quarter by quarter",
        "Quarter",
        [label for _, label in QUARTER_COLUMNS],
        rows,
    )
