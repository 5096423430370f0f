"""Published statistics: the quarterly figures councils publish and the annual IG report's.

The cohort is the one published statistics use: requests *received* in the period, with where
each stands today (answered in time or late, still open in time or overdue, withdrawn or
lapsed), and the outcome of those answered. Counted with the same kind of aggregate queries as
the dashboard, from reports.measures, and every number links to its cases.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from reports import counting, other_records, summary_counts
from reports import measures as m
from reports.cells import Cell, Linker, Row, Table, percent, rag
from reports.dashboard import exemptions_table, from_summaries
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
    other_records: list[Table] = field(default_factory=list)
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
    with_other_records: bool = True,
) -> Statistics:
    today = today or timezone.localdate()
    link = Linker(period, directorate_id, enabled=links)
    measures = m.statistics_measures(period, today)
    quarters = _quarters(period, today) if period.kind == "year" else []
    quarter_measures = {}
    for index, quarter in enumerate(quarters):
        for key, x in m.statistics_measures(quarter, today).items():
            if key in dict(QUARTER_COLUMNS) and key != "st_answered_pct":
                quarter_measures[f"q{index}_{key}"] = x
    source = summary_counts if from_summaries() else counting
    counts = source.statistics_counts(
        period=period,
        today=today,
        directorate_id=directorate_id,
        measures=measures,
        quarter_measures=quarter_measures,
        quarters=quarters,
    )
    totals, groups = counts.totals, counts.groups

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

    tables["exemptions"] = exemptions_table(
        counts.exemptions,
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
    ico = counts.ico
    tables["ico"] = Table(
        "ico",
        "ICO complaints",
        "ICO complaints",
        ["Cases"],
        [Row(x.label, [link.cell(key, ico[key])]) for key, x in ico_measures.items()],
    )

    stats = Statistics(period, today, directorate_id, tables)
    if period.kind == "year":
        stats.quarters = quarters
        tables["quarters"] = _quarter_table(counts.quarters, quarters, link)
        if with_other_records:
            stats.other_records = other_records.tables(period, directorate_id, links=links)
    return stats


def _quarters(year: Period, today: dt.date) -> list[Period]:
    quarters, start = [], year.start
    while start <= year.end and start <= today:
        quarter = Period.containing("quarter", start, today)
        quarters.append(quarter)
        start = quarter.end + dt.timedelta(days=1)
    return quarters


def _quarter_table(counts: dict, quarters: list[Period], link: Linker) -> Table:
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
