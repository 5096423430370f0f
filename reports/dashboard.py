"""The weekly compliance dashboard: every figure with the link to the cases behind it.

The counts come from the report summaries (reports.summary_counts) or, with
REPORTS_FROM_SUMMARIES off, straight from the cases (reports.counting); both give the same
numbers (tests compare them, and every number with its drill-down list). This module lays
them out as tiles and tables.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone

from organisation.models import ServiceArea
from reports import counting, languages, other_records, summary_counts
from reports import measures as m
from reports.cells import (
    Cell,
    Linker,
    Row,
    Table,
    Tile,
    amber_below,
    percent,
    rag,
    red_below,
    trend_weeks,
)
from reports.chart import TrendBar, bars, chart_geometry
from reports.counting import TABLE_MEASURES, directorate_areas, scoped_cases
from reports.periods import Period
from requests_app.selectors import due_soon_until

__all__ = [
    "Cell",
    "Dashboard",
    "Linker",
    "Row",
    "Table",
    "Tile",
    "build",
    "chart_geometry",
    "directorate_areas",
    "due_soon_until",
    "exemptions_table",
    "scoped_cases",
]

TABLE_COLUMNS = [
    "Received",
    "In time",
    "Late",
    "% in time",
    "In time",
    "Late",
    "Performance",
    "Overdue now",
]
TABLE_GROUPS = [("", 1), ("Answered in the period", 3), ("Open at its end", 2), ("", 2)]


def from_summaries() -> bool:
    return settings.REPORTS_FROM_SUMMARIES


@dataclass
class Dashboard:
    period: Period
    today: dt.date
    due_soon_until: dt.date
    directorate_id: int | None
    directorate_name: str
    headline: list[Tile]
    now: list[Tile]
    tables: dict[str, Table]
    trend: list[TrendBar]
    trend_weeks: list[Period]
    other_records: list[Table]  # fees, breaches, agreements (whole council only)
    red_below: float
    amber_below: float
    directorates: list = field(default_factory=list)  # (id, name) for the filter

    @property
    def scope_label(self) -> str:
        return self.directorate_name or "Whole council"

    def table(self, key: str) -> Table:
        return self.tables[key]


def _table_cells(counts: dict, link: Linker, dim: str = "") -> list[Cell]:
    ait, al = counts["answered_in_time"], counts["answered_late"]
    oit, ol = counts["open_in_time"], counts["open_late"]
    answered_pct = percent(ait, ait + al)
    performance = percent(ait + oit, ait + al + oit + ol)
    return [
        link.cell("received", counts["received"], dim),
        link.cell("answered_in_time", ait, dim),
        link.cell("answered_late", al, dim),
        Cell(answered_pct, percent=True, rag=rag(answered_pct), key="answered_pct"),
        link.cell("open_in_time", oit, dim),
        link.cell("open_late", ol, dim),
        Cell(performance, percent=True, rag=rag(performance), key="performance"),
        link.cell("overdue_now", counts["overdue_now"], dim),
    ]


def build(
    *,
    period: Period,
    directorate_id: int | None = None,
    today: dt.date | None = None,
    links: bool = True,
    with_other_records: bool = True,
) -> Dashboard:
    today = today or timezone.localdate()
    soon = due_soon_until(today)
    link = Linker(period, directorate_id, enabled=links)
    by_period = m.period_measures(period)
    by_now = m.now_measures(today, soon)
    case_measures = {
        key: measure for key, measure in {**by_period, **by_now}.items() if measure.kind == "case"
    }
    areas = list(ServiceArea.objects.select_related("directorate").order_by("name"))
    own_areas = [area.pk for area in areas if area.directorate_id == directorate_id]
    area_names = {area.pk: area.name for area in areas}
    directorates = sorted(
        {(a.directorate_id, a.directorate.name) for a in areas}, key=lambda item: item[1]
    )
    directorate_name = dict(directorates).get(directorate_id, "") if directorate_id else ""
    ico_measures = {key: x for key, x in {**by_period, **by_now}.items() if x.kind == "ico"}
    weeks = period.weeks_back(trend_weeks())
    source = summary_counts if from_summaries() else counting
    counts = source.dashboard_counts(
        period=period,
        directorate_id=directorate_id,
        own_areas=own_areas,
        case_measures=case_measures,
        ico_measures=ico_measures,
        weeks=weeks,
        today=today,
        soon=soon,
    )
    totals, groups = counts.totals, counts.groups
    per_area, per_directorate, unassigned = (
        counts.per_area,
        counts.per_directorate,
        counts.unassigned,
    )
    missed = sorted(counts.missed, key=lambda row: (-row[1], area_names.get(row[0], "")))
    no_area_missed, ico = counts.no_area_missed, counts.ico

    # --- assemble ------------------------------------------------------------------------------
    def count(key, dim=""):
        return link.cell(key, totals[key], dim)

    answered_pct = percent(totals["answered_in_time"], totals["answered"])
    performance = percent(totals["in_time_total"], totals["in_period"])
    headline = [
        Tile("received", "Received", count("received"), "Requests received in the period."),
        Tile("closed", "Closed", count("closed"), by_period["closed"].help),
        Tile(
            "answered_pct",
            "Answered within the statutory limit",
            Cell(answered_pct, percent=True, rag=rag(answered_pct), key="answered_pct"),
            "Of the requests answered in the period; a lawful extension counts as within.",
            [count("answered_in_time"), count("answered")],
        ),
        Tile(
            "performance",
            "Performance",
            Cell(performance, percent=True, rag=rag(performance), key="performance"),
            "Answered in time plus open in time, of all requests answered in the period or "
            "open at its end.",
            [count("in_time_total"), count("in_period")],
        ),
    ]
    now = [
        Tile(key, by_now[key].label, count(key), by_now[key].help)
        for key in ("open_now", "overdue_now", "due_soon", "clock_stopped", "unclassified")
    ]

    tables = {}
    regime_rows = [
        Row(label, _table_cells(groups[key], link, f"regime:{key}"))
        for key, (label, _) in m.REGIME_GROUPS.items()
    ]
    regime_rows.append(Row("All requests", _table_cells(totals, link), total=True))
    tables["regime"] = Table(
        "regime", "By regime", "Regime", TABLE_COLUMNS, regime_rows, groups=TABLE_GROUPS
    )

    if directorate_id is None:
        rows = [
            Row(
                name,
                _table_cells(
                    per_directorate.get(pk) or dict.fromkeys(TABLE_MEASURES, 0),
                    link,
                    f"directorate:{pk}",
                ),
            )
            for pk, name in directorates
        ]
        rows.append(
            Row("Not assigned to a service area", _table_cells(unassigned, link, "unassigned:all"))
        )
        tables["directorate"] = Table(
            "directorate",
            "By directorate",
            "Directorate",
            TABLE_COLUMNS,
            rows,
            groups=TABLE_GROUPS,
        )
    area_rows = [
        Row(
            area.name,
            _table_cells(
                per_area.get(area.pk) or dict.fromkeys(TABLE_MEASURES, 0), link, f"area:{area.pk}"
            ),
            note=area.directorate.name,
        )
        for area in areas
        if directorate_id is None or area.directorate_id == directorate_id
    ]
    if unassigned is not None:
        area_rows.append(
            Row("Not assigned to a service area", _table_cells(unassigned, link, "unassigned:all"))
        )
    tables["area"] = Table(
        "area", "By service area", "Service area", TABLE_COLUMNS, area_rows, groups=TABLE_GROUPS
    )

    trend_rows, trend_bars = [], []
    for index, week in enumerate(weeks):
        week_counts = {key: counts.trend[f"w{index}_{key}"] for key in m.TREND_MEASURES}
        ait, al = week_counts["answered_in_time"], week_counts["answered_late"]
        oit, ol = week_counts["open_in_time"], week_counts["open_late"]
        value = percent(ait + oit, ait + al + oit + ol)
        trend_rows.append(
            Row(
                week.short_label,
                [
                    *(link.cell(key, week_counts[key], period=week) for key in m.TREND_MEASURES),
                    Cell(value, percent=True, rag=rag(value), key="performance"),
                ],
            )
        )
        trend_bars.append((week, value))
    tables["trend"] = Table(
        "trend",
        f"Week by week: the figures in the chart ({len(weeks)} weeks)",
        "Week commencing",
        ["Received", "In time", "Late", "In time", "Late", "Performance"],
        trend_rows,
        groups=[("", 1), ("Answered in the week", 2), ("Open at its end", 2), ("", 1)],
    )

    if languages.shown():
        tables["language"] = languages.table(
            scoped_cases(directorate_id, own_areas if directorate_id else None),
            by_period,
            link,
        )

    tables["outcomes"] = Table(
        "outcomes",
        "Outcomes of requests answered in the period",
        "Outcome",
        ["Requests"],
        [Row(by_period[f"outcome_{o}"].label, [count(f"outcome_{o}")]) for o in m.ANSWER_OUTCOMES]
        + [Row("Withdrawn or lapsed (not answered)", [count("withdrawn")])],
    )
    tables["exemptions"] = exemptions_table(
        counts.exemptions,
        link,
        "withheld",
        "Exemptions and exceptions cited when withholding information",
        empty="No information was withheld in this period.",
        order=("-n", "exemption__law", "exemption__code"),
    )
    tables["late"] = Table(
        "late",
        "Late answers: where the internal date was missed",
        "Service area",
        ["Late answers"],
        [
            Row(
                area_names.get(area_id, "?"),
                [link.cell("answered_late", n, f"missed:{area_id}")],
            )
            for area_id, n in missed
        ]
        + (
            [
                Row(
                    "No service area missed its internal date (held by IG)",
                    [link.cell("answered_late", no_area_missed, "missed:none")],
                )
            ]
            if no_area_missed
            else []
        ),
        empty="No request was answered late in this period.",
    )
    review_rows = [
        Row(by_period[key].label, [count(key)])
        for key in (
            "review_received",
            "review_answered",
            "review_answered_in_time",
            "review_answered_late",
        )
    ]
    review_rows += [
        Row(by_period[f"review_outcome_{o}"].label, [count(f"review_outcome_{o}")])
        for o in m.REVIEW_OUTCOMES
    ]
    review_rows += [
        Row(by_now[key].label, [count(key)]) for key in ("review_open_now", "review_overdue_now")
    ]
    tables["reviews"] = Table(
        "reviews", "Internal reviews", "Internal reviews", ["Cases"], review_rows
    )
    tables["ico"] = Table(
        "ico",
        "ICO complaints",
        "ICO complaints",
        ["Cases"],
        [Row(x.label, [link.cell(key, ico[key])]) for key, x in ico_measures.items()],
    )

    return Dashboard(
        period=period,
        today=today,
        due_soon_until=soon,
        directorate_id=directorate_id,
        directorate_name=directorate_name,
        headline=headline,
        now=now,
        tables=tables,
        trend=bars(trend_bars),
        trend_weeks=weeks,
        other_records=other_records.tables(period, directorate_id, links=links)
        if with_other_records
        else [],
        red_below=red_below(),
        amber_below=amber_below(),
        directorates=directorates,
    )


def exemptions_table(
    rows: list[dict],
    link: Linker,
    measure: str,
    title: str,
    *,
    empty: str,
    order=("exemption__law", "exemption__code"),
) -> Table:
    """How often each exemption was cited (`rows` from reports.counting.exemption_rows or the
    summaries), each count linking to the `measure` list narrowed to that exemption."""

    def sort_key(row):
        return tuple(-row[name[1:]] if name.startswith("-") else row[name] for name in order)

    return Table(
        "exemptions",
        title,
        "Exemption",
        ["Requests"],
        [
            Row(
                f"{row['exemption__law'].upper()} {row['exemption__code']} "
                f"{row['exemption__title']}",
                [link.cell(measure, row["n"], f"exemption:{row['exemption_id']}")],
            )
            for row in sorted(rows, key=sort_key)
        ],
        empty=empty,
    )
