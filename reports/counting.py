"""Counting the figures straight from the cases: aggregate queries over reports.measures.

Every count is `Count("pk", filter=measure.condition)` over the cases in scope, limited to the
measure's base; no case is loaded into Python. This is the reference the summaries
(reports.summary_counts) are tested against, and what a drill-down falls back on when it asks
for a figure no page shows.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
)

from organisation.models import ServiceArea
from reports import measures as m
from reports.periods import Period
from requests_app.models import AppliedExemption, Assignment, Case, IcoComplaint

TABLE_MEASURES = [
    "received",
    "answered_in_time",
    "answered_late",
    "open_in_time",
    "open_late",
    "overdue_now",
]


@dataclass
class DashboardCounts:
    """Everything the dashboard shows, before it is laid out."""

    totals: dict[str, int]  # every case measure (not ICO)
    groups: dict[str, dict[str, int]]  # regime group -> request measures
    per_area: dict[int, dict[str, int]]  # TABLE_MEASURES per service area
    per_directorate: dict[int, dict[str, int]]
    unassigned: dict[str, int] | None  # None when scoped to a directorate
    trend: dict[str, int]  # f"w{index}_{key}"
    missed: list[tuple[int, int]]  # (area id, late answers), most first
    no_area_missed: int
    exemptions: list[dict] = field(default_factory=list)  # rows for exemptions_table
    ico: dict[str, int] = field(default_factory=dict)


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


def exemption_rows(withheld: QuerySet) -> list[dict]:
    """How often each exemption was cited among the `withheld` cases."""
    return list(
        AppliedExemption.objects.filter(case__in=withheld)
        .values("exemption_id", "exemption__law", "exemption__code", "exemption__title")
        .annotate(n=Count("case_id"))
        .order_by()
    )


def ico_counts(cases: QuerySet, measures: dict[str, m.Measure]) -> dict[str, int]:
    """ICO complaints: only cases that have one are looked at (few, and indexed)."""
    return count_measures(cases.filter(m.HAS_ICO_COMPLAINT), measures)


def ico_from_complaints(measures: dict[str, m.Measure], area_ids: list[int] | None) -> dict:
    """The same figures as `ico_counts` (tests compare them), read from the complaints table
    alone: a case counts once however many of its complaints match. Starting from the cases
    cost a probe of every case with a complaint per figure (130 ms at a million cases).
    `area_ids`: a directorate's service areas, or None for the whole council."""
    complaints = IcoComplaint.objects.all()
    if area_ids is not None:
        assigned = Assignment.objects.filter(
            case=OuterRef("case_id"),
            state__in=m.ACTIVE_ASSIGNMENT,
            service_area_id__in=sorted(area_ids),
        )
        complaints = complaints.filter(Exists(assigned))
    return complaints.aggregate(
        **{
            key: Count("case_id", distinct=True, filter=measure.complaint)
            for key, measure in measures.items()
        }
    )


def dashboard_counts(
    *,
    period: Period,
    directorate_id: int | None,
    own_areas: list[int],
    case_measures: dict[str, m.Measure],
    ico_measures: dict[str, m.Measure],
    weeks: list[Period],
    today: dt.date | None = None,
    soon: dt.date | None = None,
) -> DashboardCounts:
    cases = scoped_cases(directorate_id, own_areas)
    table_measures = {key: case_measures[key] for key in TABLE_MEASURES}
    by_period = m.period_measures(period)

    # 1. Every case measure, by regime, in one pass.
    touching = m.touching(period.start_at)
    totals, groups = count_by_regime(cases.filter(touching), case_measures)

    # 2. Service areas and directorates (the rows of their tables).
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
    trend_measures = {}
    for index, week in enumerate(weeks):
        week_measures = m.period_measures(week)
        for key in m.TREND_MEASURES:
            trend_measures[f"w{index}_{key}"] = week_measures[key]
    trend = count_measures(cases.filter(m.touching(weeks[0].start_at)), trend_measures)

    # 4. Exemptions cited, and where late answers missed their internal date.
    withheld = cases.filter(by_period["withheld"].q).values("pk")
    late = cases.filter(by_period["answered_late"].q)
    missed = [
        (row["service_area_id"], row["n"])
        for row in Assignment.objects.filter(
            state__in=m.ACTIVE_ASSIGNMENT, case__in=late.values("pk")
        )
        .filter(m.missed_internal_date())
        .values("service_area_id")
        .annotate(n=Count("case_id"))
        .order_by()
    ]
    no_area_missed = late.filter(m.NO_AREA_MISSED).count()

    return DashboardCounts(
        totals=totals,
        groups=groups,
        per_area=per_area,
        per_directorate=per_directorate,
        unassigned=unassigned,
        trend=trend,
        missed=missed,
        no_area_missed=no_area_missed,
        exemptions=exemption_rows(withheld),
        ico=ico_counts(cases, ico_measures),
    )


@dataclass
class StatisticsCounts:
    totals: dict[str, int]
    groups: dict[str, dict[str, int]]
    exemptions: list[dict]
    ico: dict[str, int]
    quarters: dict[str, int]  # f"q{index}_{key}"


def statistics_counts(
    *,
    period: Period,
    today: dt.date,
    directorate_id: int | None,
    measures: dict[str, m.Measure],
    quarter_measures: dict[str, m.Measure],
    quarters: list[Period],
) -> StatisticsCounts:
    cases = scoped_cases(directorate_id)
    case_measures = {k: x for k, x in measures.items() if x.kind == "case"}
    totals, groups = count_by_regime(cases.filter(m.received_in(period)), case_measures)
    withheld = cases.filter(measures["st_withheld"].q).values("pk")
    ico_measures = {k: x for k, x in measures.items() if x.kind == "ico"}
    ico = cases.filter(m.HAS_ICO_COMPLAINT).aggregate(
        **{key: Count("pk", filter=x.q) for key, x in ico_measures.items()}
    )
    counts = {}
    if quarters:
        span = Period("year", quarters[0].start, quarters[-1].end, today)
        counts = count_measures(cases.filter(m.received_in(span)), quarter_measures)
    return StatisticsCounts(totals, groups, exemption_rows(withheld), ico, counts)
