"""The weekly compliance dashboard, computed with a fixed number of aggregate queries.

Every count is `Count("pk", filter=measure.q)` over the cases in scope (reports.measures), and
every count carries the link to its drill-down, which filters the same cases by the same Q.
No case is loaded into Python: the work is done by PostgreSQL on the stored, indexed dates.
"""

import datetime as dt
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import BooleanField, Count, ExpressionWrapper, FilteredRelation, Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from organisation.models import ServiceArea
from reports import measures as m
from reports.periods import Period
from requests_app.models import AppliedExemption, Assignment, Case
from requests_app.selectors import due_soon_until


def red_below() -> float:
    return float(settings.PERFORMANCE_RED_BELOW)


def amber_below() -> float:
    return float(settings.PERFORMANCE_AMBER_BELOW)


def trend_weeks() -> int:
    return settings.REPORTS_TREND_WEEKS


def rag(percent: float | None) -> str:
    """ "red", "amber" or "green" against the thresholds; "" when there is nothing to rate."""
    if percent is None:
        return ""
    if percent < red_below():
        return "red"
    if percent < amber_below():
        return "amber"
    return "green"


def percent(part: int, whole: int) -> float | None:
    return None if not whole else round(100 * part / whole, 1)


def directorate_areas(directorate_id: int) -> list[int]:
    return list(
        ServiceArea.objects.filter(directorate_id=directorate_id).values_list("pk", flat=True)
    )


def scoped_cases(directorate_id: int | None, area_ids: list[int] | None = None) -> QuerySet:
    """The cases a report covers: the council's, or a directorate's (`area_ids`, its service
    areas, when the caller has them already)."""
    if directorate_id is None:
        return Case.objects.all()
    if area_ids is None:
        area_ids = directorate_areas(directorate_id)
    return Case.objects.filter(m.in_areas(area_ids))


def any_of(measures) -> Q:
    """A filter every listed measure lies within, so counting inside it changes nothing."""
    return reduce(or_, (measure.q for measure in measures))


# --- what the template and the CSV export read --------------------------------------------


@dataclass
class Cell:
    value: int | float | str | None
    url: str = ""
    percent: bool = False
    rag: str = ""
    key: str = ""  # the measure counted, for tests and CSV headings

    @property
    def tag_colour(self) -> str:
        return {"red": "red", "amber": "orange", "green": "green"}.get(self.rag, "")

    @property
    def text(self) -> str:
        if self.value is None:
            return "–"
        if self.percent:
            return f"{self.value:.1f}%"
        return f"{self.value:,}" if isinstance(self.value, int) else str(self.value)

    @property
    def csv_value(self):
        if self.value is None:
            return ""
        return self.value


@dataclass
class Row:
    label: str
    cells: list[Cell]
    total: bool = False
    note: str = ""


@dataclass
class Table:
    key: str
    caption: str
    row_heading: str
    columns: list[str]
    rows: list[Row]
    empty: str = "Nothing to show for this period."
    groups: list[tuple[str, int]] = field(default_factory=list)  # headings over columns

    @property
    def full_columns(self) -> list[str]:
        """Column headings with their group's, for a CSV header."""
        if not self.groups:
            return list(self.columns)
        names, index = [], 0
        for group, span in self.groups:
            for column in self.columns[index : index + span]:
                names.append(f"{group}: {column}" if group else column)
            index += span
        return names

    def csv_rows(self) -> list[list]:
        rows = [[self.row_heading, *self.full_columns]]
        rows += [[row.label, *(cell.csv_value for cell in row.cells)] for row in self.rows]
        return rows


@dataclass
class Tile:
    key: str
    label: str
    cell: Cell
    help: str = ""
    detail: list[Cell] = field(default_factory=list)  # e.g. "9 of 11" for a percentage


@dataclass
class Placeholder:
    """A section whose records this system does not hold yet (breaches, sharing agreements)."""

    key: str
    title: str
    message: str


@dataclass
class TrendBar:
    cx: float
    x: float
    value_y: float
    y: float
    width: float
    height: float
    value: float | None
    label: str
    rag: str
    fill: str


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
    placeholders: list[Placeholder]
    red_below: float
    amber_below: float
    directorates: list = field(default_factory=list)  # (id, name) for the filter

    @property
    def scope_label(self) -> str:
        return self.directorate_name or "Whole council"

    def table(self, key: str) -> Table:
        return self.tables[key]


class Linker:
    """Drill-down URLs: the measure, the period, the scope and a dimension."""

    def __init__(self, period: Period, directorate_id: int | None, enabled: bool = True):
        self.period = period
        self.directorate_id = directorate_id
        self.enabled = enabled
        self._paths: dict[str, str] = {}
        self._queries: dict[Period, str] = {}

    def url(self, key: str, dim: str = "", period: Period | None = None) -> str:
        if not self.enabled:
            return ""
        path = self._paths.get(key)
        if path is None:
            path = self._paths[key] = reverse("reports:cases", args=[key])
        period = period or self.period
        query = self._queries.get(period)
        if query is None:
            params = dict(period.params())
            if self.directorate_id is not None:
                params["directorate"] = str(self.directorate_id)
            query = self._queries[period] = urlencode(params)
        if dim:
            query += "&" + urlencode({"dim": dim})
        return f"{path}?{query}"

    def cell(self, key: str, value: int, dim: str = "", period: Period | None = None) -> Cell:
        return Cell(value=value, url=self.url(key, dim, period), key=key)


# --- the computation -------------------------------------------------------------------------

TABLE_MEASURES = [
    "received",
    "answered_in_time",
    "answered_late",
    "open_in_time",
    "open_late",
    "overdue_now",
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


def count_measures(queryset: QuerySet, measures: dict[str, m.Measure]) -> dict[str, int]:
    """Count measures that share one base: the base filters the rows, each condition counts."""
    return queryset.filter(_base(measures)).aggregate(**_conditions(measures))


def count_by_regime(queryset: QuerySet, measures: dict[str, m.Measure]):
    """Every measure in one pass, in total and for each regime group (requests only).

    Grouping by regime and "is a review" puts each group of rows wholly inside or outside each
    measure's base, so only the conditions are counted in SQL; `queryset` must already be
    narrowed to rows that may count (it is only a filter, never a change to the counts)."""
    rows = (
        queryset.annotate(is_review=ExpressionWrapper(Q(review_of__isnull=False), BooleanField()))
        .values("regime", "is_review")
        .annotate(**_conditions(measures))
        .order_by()
    )
    totals = dict.fromkeys(measures, 0)
    groups = {group: dict.fromkeys(measures, 0) for group in m.REGIME_GROUPS}
    for row in rows:
        group = m.GROUP_OF_REGIME.get(row["regime"])
        for key, measure in measures.items():
            if m.in_base(measure.base, row["regime"], row["is_review"]):
                totals[key] += row[key]
                if group and measure.base == "requests":
                    groups[group][key] += row[key]
    return totals, groups


def _conditions(measures: dict[str, m.Measure], distinct: bool = False) -> dict:
    return {
        key: Count("pk", filter=measure.condition, distinct=distinct)
        for key, measure in measures.items()
    }


def _base(measures: dict[str, m.Measure]) -> Q:
    bases = {measure.base for measure in measures.values()}
    if len(bases) != 1:
        raise ValueError(f"Measures with different bases counted together: {bases}")
    return m.BASES[bases.pop()]


def build(
    *,
    period: Period,
    directorate_id: int | None = None,
    today: dt.date | None = None,
    links: bool = True,
) -> Dashboard:
    today = today or timezone.localdate()
    soon = due_soon_until(today)
    link = Linker(period, directorate_id, enabled=links)
    by_period = m.period_measures(period)
    by_now = m.now_measures(today, soon)
    case_measures = {
        key: measure for key, measure in {**by_period, **by_now}.items() if measure.kind == "case"
    }
    table_measures = {key: case_measures[key] for key in TABLE_MEASURES}
    areas = list(ServiceArea.objects.select_related("directorate").order_by("name"))
    own_areas = [area.pk for area in areas if area.directorate_id == directorate_id]
    cases = scoped_cases(directorate_id, own_areas)

    # 1. Every case measure, by regime, in one pass.
    touching = m.touching(period.start_at)
    totals, groups = count_by_regime(cases.filter(touching), case_measures)

    # 2. Service areas and directorates (the rows of their tables).
    area_names = {area.pk: area.name for area in areas}
    directorates = sorted({(a.directorate_id, a.directorate.name) for a in areas}, key=_by_name)
    directorate_name = dict(directorates).get(directorate_id, "") if directorate_id else ""

    requests = cases.filter(touching).filter(_base(table_measures))
    if directorate_id is None:
        # One outer join: a case with no active assignment is the row with no service area.
        active = FilteredRelation(
            "assignments", condition=Q(assignments__state__in=m.ACTIVE_ASSIGNMENT)
        )
        per_area = {
            row["active__service_area_id"]: row
            for row in requests.annotate(active=active)
            .values("active__service_area_id")
            .annotate(**_conditions(table_measures))
            .order_by()
        }
        unassigned = per_area.pop(None, None) or dict.fromkeys(TABLE_MEASURES, 0)
        per_directorate = {
            row["assignments__service_area__directorate_id"]: row
            for row in requests.filter(assignments__state__in=m.ACTIVE_ASSIGNMENT)
            .values("assignments__service_area__directorate_id")
            .annotate(**_conditions(table_measures, distinct=True))
            .order_by()
        }
    else:
        per_area = {
            row["assignments__service_area_id"]: row
            for row in requests.filter(
                assignments__state__in=m.ACTIVE_ASSIGNMENT,
                assignments__service_area_id__in=own_areas,
            )
            .values("assignments__service_area_id")
            .annotate(**_conditions(table_measures))
            .order_by()
        }
        per_directorate, unassigned = {}, None

    # 3. The trend: the same four classes for each of the last weeks, in one pass.
    weeks = period.weeks_back(trend_weeks())
    trend_measures = {}
    for index, week in enumerate(weeks):
        week_measures = m.period_measures(week)
        for key in m.TREND_MEASURES:
            trend_measures[f"w{index}_{key}"] = week_measures[key]
    trend_counts = count_measures(cases.filter(m.touching(weeks[0].start_at)), trend_measures)

    # 4. Exemptions cited, and where late answers missed their internal date.
    withheld = cases.filter(by_period["withheld"].q).values("pk")
    late = cases.filter(by_period["answered_late"].q)
    missed = list(
        Assignment.objects.filter(state__in=m.ACTIVE_ASSIGNMENT, case__in=late.values("pk"))
        .filter(m.missed_internal_date())
        .values("service_area_id")
        .annotate(n=Count("case_id"))
        .order_by("-n", "service_area__name")
    )
    no_area_missed = late.filter(m.NO_AREA_MISSED).count()

    # 5. ICO complaints: only cases that have one are looked at.
    ico_measures = {key: x for key, x in {**by_period, **by_now}.items() if x.kind == "ico"}
    ico = count_measures(cases.filter(m.HAS_ICO_COMPLAINT), ico_measures)

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

    trend_rows, bars = [], []
    for index, week in enumerate(weeks):
        counts = {key: trend_counts[f"w{index}_{key}"] for key in m.TREND_MEASURES}
        ait, al = counts["answered_in_time"], counts["answered_late"]
        oit, ol = counts["open_in_time"], counts["open_late"]
        value = percent(ait + oit, ait + al + oit + ol)
        trend_rows.append(
            Row(
                week.short_label,
                [
                    *(link.cell(key, counts[key], period=week) for key in m.TREND_MEASURES),
                    Cell(value, percent=True, rag=rag(value), key="performance"),
                ],
            )
        )
        bars.append((week, value))
    tables["trend"] = Table(
        "trend",
        f"Week by week: the figures in the chart ({len(weeks)} weeks)",
        "Week commencing",
        ["Received", "In time", "Late", "In time", "Late", "Performance"],
        trend_rows,
        groups=[("", 1), ("Answered in the week", 2), ("Open at its end", 2), ("", 1)],
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
        withheld,
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
                area_names.get(row["service_area_id"], "?"),
                [link.cell("answered_late", row["n"], f"missed:{row['service_area_id']}")],
            )
            for row in missed
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
        trend=_bars(bars),
        trend_weeks=weeks,
        placeholders=placeholders(),
        red_below=red_below(),
        amber_below=amber_below(),
        directorates=directorates,
    )


def _by_name(item):
    return item[1]


def placeholders() -> list[Placeholder]:
    """Breaches and sharing agreements have no records in this system yet; say so rather than
    show a zero that would look like a fact. Replace each with its figures when its app lands."""
    return [
        Placeholder(
            "breaches",
            "Personal-data breaches reported to the ICO within 72 hours",
            "Breaches are not yet recorded in this system.",
        ),
        Placeholder(
            "agreements",
            "Information-sharing agreements due for review",
            "Sharing agreements are not yet recorded in this system.",
        ),
    ]


# --- the chart -------------------------------------------------------------------------------

CHART_WIDTH, CHART_HEIGHT = 720, 240
CHART_LEFT, CHART_BOTTOM, CHART_TOP = 40, 40, 16


def _bars(values: list[tuple[Period, float | None]]) -> list[TrendBar]:
    plot_width = CHART_WIDTH - CHART_LEFT - 8
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP
    slot = plot_width / max(len(values), 1)
    bars = []
    for index, (week, value) in enumerate(values):
        height = 0 if value is None else plot_height * value / 100
        bars.append(
            TrendBar(
                cx=round(CHART_LEFT + index * slot + slot / 2, 1),
                x=round(CHART_LEFT + index * slot + slot * 0.15, 1),
                # Inside the top of the bar (white on the bar's colour), above an empty one.
                value_y=round(CHART_TOP + plot_height - height + (14 if height > 20 else -4), 1),
                y=round(CHART_TOP + plot_height - height, 1),
                width=round(slot * 0.7, 1),
                height=round(height, 1),
                value=value,
                label=f"{week.start.day} {week.start:%b}",
                rag=rag(value),
                fill={"red": "#d4351c", "amber": "#f47738", "green": "#00703c"}.get(
                    rag(value), "#b1b4b6"
                ),
            )
        )
    return bars


def chart_geometry() -> dict:
    plot_height = CHART_HEIGHT - CHART_BOTTOM - CHART_TOP

    def y(value):
        return round(CHART_TOP + plot_height * (1 - value / 100), 1)

    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "left": CHART_LEFT,
        "right": CHART_WIDTH - 8,
        "baseline": CHART_TOP + plot_height,
        "label_y": CHART_TOP + plot_height + 18,
        "axis_x": CHART_LEFT - 6,
        "gridlines": [{"value": v, "y": y(v), "text_y": y(v) + 4} for v in (0, 25, 50, 75, 100)],
        "red_y": y(red_below()),
        "amber_y": y(amber_below()),
    }


def exemptions_table(
    withheld: QuerySet,
    link: Linker,
    measure: str,
    title: str,
    *,
    empty: str,
    order=("exemption__law", "exemption__code"),
) -> Table:
    """How often each exemption was cited among the `withheld` cases, each count linking to
    the `measure` list narrowed to that exemption."""
    rows = (
        AppliedExemption.objects.filter(case__in=withheld)
        .values("exemption_id", "exemption__law", "exemption__code", "exemption__title")
        .annotate(n=Count("case_id"))
        .order_by(*order)
    )
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
            for row in rows
        ],
        empty=empty,
    )
