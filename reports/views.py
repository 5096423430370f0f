"""Thin views over reports.dashboard, reports.statistics and the drill-down lists."""

import datetime as dt
from urllib.parse import urlencode

from django.db.models import BooleanField, Exists, OuterRef, Prefetch, Value
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from organisation import access, csv_export
from organisation.access import DASHBOARD_ROLES, IG_ROLES, role_required
from organisation.models import Directorate, ServiceArea
from reports import complaints as complaint_reports
from reports import dashboard, drilldown, other_records, snapshot, statistics
from reports import measures as m
from reports.access import Scope, scope_for
from reports.forms import PeriodDayForm
from reports.periods import (
    KINDS,
    Period,
    parse_day,
    quarter_choices,
    year_choices,
    year_start_month,
)
from requests_app.access import cases_visible_to
from requests_app.models import Assignment, Exemption, Regime
from workflow.pages import BoundedPaginator

PAGE_SIZE = 50
SORTS = {
    "statutory_due": ("statutory_due", "id"),
    "-statutory_due": ("-statutory_due", "-id"),
    "received_at": ("received_at", "id"),
    "-received_at": ("-received_at", "-id"),
    "responded_at": ("responded_at", "id"),
    "-responded_at": ("-responded_at", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
}


def _sent_a_day(params) -> bool:
    return any(params.get(name) for name in ("week", "week_0", "week_1", "week_2"))


def _query(params: dict) -> str:
    return urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _scope_params(scope: Scope) -> dict:
    return (
        {"directorate": scope.directorate_id} if scope.directorate_id and not scope.locked else {}
    )


# --- the dashboard ---------------------------------------------------------------------------


@role_required(DASHBOARD_ROLES)
def dashboard_view(request):
    scope = scope_for(request.user, request.GET)
    params = request.GET.copy()
    day_form = PeriodDayForm(params) if _sent_a_day(params) else None
    if day_form is not None:
        # The day boxes (or an older link's week=YYYY-MM-DD); one not a real date is reported
        # on the form and the last complete week shown meanwhile.
        params["week"] = day_form.day_param()
    period = Period.from_params(params)
    if day_form is None:
        day_form = PeriodDayForm(initial={"week": period.start})
    data = dashboard.build(period=period, directorate_id=scope.directorate_id)
    other_records.links_for(request.user, data.other_records)
    base = {**period.params(), **_scope_params(scope)}
    previous, following = period.previous(), period.next()
    return render(
        request,
        "reports/dashboard.html",
        {
            "d": data,
            "scope": scope,
            "period": period,
            "kinds": KINDS.items(),
            "day_form": day_form,
            "year_start": dt.date(2000, year_start_month(), 1).strftime("%B"),
            "query": _query(base),
            "previous_query": _query({**previous.params(), **_scope_params(scope)}),
            "next_query": _query({**following.params(), **_scope_params(scope)})
            if following
            else "",
            "chart": dashboard.chart_geometry(),
            "tables": data.tables,
            # Complaints are IG's and the DPO's only (requests_app.complaint_workflow).
            "complaint_tiles": complaint_reports.tiles(period)
            if access.is_ig(request.user)
            else None,
            # The dashboard's contents list, in the page's order (the dashboard is long).
            "contents_tables": [
                data.tables.get(key)
                for key in (
                    *("regime", "directorate", "area", "language", "trend", "outcomes"),
                    *("exemptions", "late", "reviews", "ico"),
                )
            ],
        },
    )


@role_required(DASHBOARD_ROLES)
def dashboard_csv(request, table):
    scope = scope_for(request.user, request.GET)
    period = Period.from_params(request.GET)
    data = dashboard.build(period=period, directorate_id=scope.directorate_id, links=False)
    if table == "summary":
        rows = snapshot.summary_rows(data)
    elif table in (tables := {**data.tables, **{t.key: t for t in data.other_records}}):
        rows = tables[table].csv_rows()
    else:
        raise Http404("No such table.")
    scope_part = f"-{scope.directorate_id}" if scope.directorate_id else ""
    filename = f"compliance-{table}-{period.kind}-{period.start}{scope_part}.csv"
    return csv_export.csv_response(filename, _preamble(data.period, scope) + rows)


@role_required(DASHBOARD_ROLES)
def dashboard_pdf(request):
    scope = scope_for(request.user, request.GET)
    period = Period.from_params(request.GET)
    pdf = snapshot.pdf_for(period=period, directorate_id=scope.directorate_id)
    response = HttpResponse(pdf, content_type="application/pdf")
    scope_part = f"-{scope.directorate_id}" if scope.directorate_id else ""
    response["Content-Disposition"] = (
        f'attachment; filename="compliance-{period.kind}-{period.start}{scope_part}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _preamble(period: Period, scope: Scope) -> list[list]:
    return [
        ["Compliance report", scope.label],
        ["Period", period.label],
        ["Figures", period.as_at_label],
        [],
    ]


# --- drill-down: the cases behind a number ---------------------------------------------------


def _dimension(param: str):
    if not param:
        return None
    kind, _, value = param.partition(":")
    names, areas_of = {}, {}
    if value.isdigit():
        pk = int(value)
        found = {
            "directorate": lambda: Directorate.objects.filter(pk=pk).first(),
            "area": lambda: ServiceArea.objects.filter(pk=pk).first(),
            "missed": lambda: ServiceArea.objects.filter(pk=pk).first(),
            "exemption": lambda: Exemption.objects.filter(pk=pk).first(),
        }.get(kind, lambda: None)()
        if found is None:
            raise Http404("No such breakdown.")
        names[(kind, pk)] = found.name if hasattr(found, "name") else str(found)
        if kind == "directorate":
            areas_of[pk] = dashboard.directorate_areas(pk)
    dim = m.dimension(param, names, areas_of)
    if dim is None:
        raise Http404("No such breakdown.")
    return dim


def drill_down(user, params, key: str):
    """The scope, period, measure, dimension and queryset of one drill-down."""
    scope = scope_for(user, params)
    period = Period.from_params(params)
    today = timezone.localdate()
    measure = m.all_measures(period, today, dashboard.due_soon_until(today)).get(key)
    if measure is None:
        raise Http404("No such figure.")
    dim = _dimension(params.get("dim", ""))
    condition = measure.q & dim.q if dim else measure.q
    cases = dashboard.scoped_cases(scope.directorate_id).filter(condition)
    return scope, period, measure, dim, cases


def _visible(user):
    """Counts include every case; details only for cases the user may open anyway — and never
    for one not yet classified, which may turn out to be a subject access request."""
    return cases_visible_to(user).exclude(regime=Regime.UNCLASSIFIED)


def _with_can_open(user, cases):
    """Every case of the list annotated with `can_open` (the CSV: all of them are read)."""
    if access.is_ig(user):
        return cases.annotate(can_open=Value(True, output_field=BooleanField()))
    return cases.annotate(can_open=Exists(_visible(user).filter(pk=OuterRef("pk"))))


def _mark_can_open(user, cases: list) -> None:
    """`can_open` on the page's fifty cases, from one query about them alone. (As a column of
    the list's query, PostgreSQL hashed every case the user may see before it read a page.)"""
    if access.is_ig(user):
        visible = {case.pk for case in cases}
    else:
        visible = set(
            _visible(user).filter(pk__in=[c.pk for c in cases]).values_list("pk", flat=True)
        )
    for case in cases:
        case.can_open = case.pk in visible


# What a list shows of each case (the page and its CSV): not the request's and the answer's text.
LIST_FIELDS = (
    *("reference", "regime", "title", "status", "outcome", "review_of_id", "extended"),
    *("received_at", "statutory_due", "responded_at"),
)


def _with_areas(cases):
    return cases.only(*LIST_FIELDS).prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.filter(state__in=m.ACTIVE_ASSIGNMENT)
            .select_related("service_area")
            .order_by("service_area__name"),
        )
    )


def _back(key: str, period: Period, scope: Scope) -> tuple[str, str]:
    params = {**period.params(), **_scope_params(scope)}
    if key.startswith("st_"):
        if period.kind == "year":
            return "Back to the annual report", f"{reverse('reports:annual')}?{_query(params)}"
        return (
            "Back to the quarterly statistics",
            f"{reverse('reports:quarterly')}?{_query(params)}",
        )
    return "Back to the dashboard", f"{reverse('reports:dashboard')}?{_query(params)}"


@role_required(DASHBOARD_ROLES)
def case_list(request, key):
    scope, period, measure, dim, cases = drill_down(request.user, request.GET, key)
    # By default a list is in the order of the date that bounds it to its period (received,
    # answered), read from that date's index; open cases by their statutory date.
    sort = request.GET.get("sort", measure.order)
    if sort not in SORTS:
        sort = measure.order
    total = drilldown.figure(
        key=key, period=period, directorate_id=scope.directorate_id, dim=dim.param if dim else ""
    )
    paginator = BoundedPaginator(_with_areas(cases).order_by(*SORTS[sort]), PAGE_SIZE, count=total)
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    _mark_can_open(request.user, page.object_list)
    keep = {k: v for k, v in request.GET.items() if k not in ("page", "sort")}
    back_label, back_url = _back(key, period, scope)
    now_measure = key in m.NOW_KEYS
    return render(
        request,
        "reports/case_list.html",
        {
            "measure": measure,
            "dim": dim,
            "scope": scope,
            "period": period,
            "now_measure": now_measure,
            "cases": page,
            # Known from the summaries even past the pages offered; else "more than".
            "total": paginator.full_count if total is not None or not paginator.more else None,
            "more": paginator.more,
            "sort": sort,
            "base_query": _query({**keep, "sort": sort}) + "&",
            "base_query_without_sort": _query(keep) + "&",
            "csv_query": _query(dict(request.GET.items())),
            "back_label": back_label,
            "back_url": back_url,
            "today": period.today,
        },
    )


HIDDEN = "Details visible to Information Governance only"


@role_required(DASHBOARD_ROLES)
def case_list_csv(request, key):
    scope, period, measure, dim, cases = drill_down(request.user, request.GET, key)
    heading = [
        "Reference",
        "Regime",
        "Title",
        "Received",
        "Statutory date",
        "Answered",
        "Status",
        "Outcome",
        "Service areas",
    ]

    def rows():
        yield [measure.label + (f" – {dim.label}" if dim else ""), scope.label, period.label]
        yield heading
        ordered = _with_areas(_with_can_open(request.user, cases)).order_by("statutory_due", "id")
        for case in ordered.iterator(chunk_size=2000):
            visible = case.can_open
            yield [
                case.reference,
                case.get_regime_display(),
                case.title if visible else HIDDEN,
                timezone.localtime(case.received_at).strftime("%Y-%m-%d %H:%M"),
                case.statutory_due.isoformat() if case.statutory_due else "clock stopped",
                timezone.localdate(case.responded_at).isoformat() if case.responded_at else "",
                case.get_status_display(),
                case.get_outcome_display() if case.outcome and visible else "",
                "; ".join(a.service_area.name for a in case.assignments.all()) if visible else "",
            ]

    scope_part = f"-{scope.directorate_id}" if scope.directorate_id else ""
    return csv_export.csv_stream(f"cases-{key}-{period.start}{scope_part}.csv", rows())


# --- published statistics --------------------------------------------------------------------


def _statistics_period(params, kind: str, today: dt.date) -> Period:
    """The quarter or year asked for (`start`), else the last complete one."""
    day = parse_day(params.get("start", ""), today)
    if day is None:
        return Period.containing(kind, today, today).previous()
    return Period.containing(kind, day, today)


def _statistics_page(request, kind: str, template: str, choices):
    scope = scope_for(request.user, request.GET)
    today = timezone.localdate()
    options = choices(today)
    period = _statistics_period(request.GET, kind, today)
    stats = statistics.build(period=period, directorate_id=scope.directorate_id, today=today)
    other_records.links_for(request.user, stats.other_records)
    return render(
        request,
        template,
        {
            "s": stats,
            "scope": scope,
            "period": period,
            "options": options,
            "query": _query({**period.params(), **_scope_params(scope)}),
            "directorates": Directorate.objects.all() if not scope.locked else [],
            "complaint_table": complaint_reports.table(period)
            if access.is_ig(request.user)
            else None,
        },
    )


@role_required(DASHBOARD_ROLES)
def quarterly(request):
    return _statistics_page(request, "quarter", "reports/quarterly.html", quarter_choices)


@role_required(DASHBOARD_ROLES)
def annual(request):
    return _statistics_page(request, "year", "reports/annual.html", year_choices)


@role_required(DASHBOARD_ROLES)
def statistics_csv(request, kind, table):
    if kind not in ("quarter", "year"):
        raise Http404("No such report.")
    scope = scope_for(request.user, request.GET)
    today = timezone.localdate()
    period = _statistics_period(request.GET, kind, today)
    stats = statistics.build(
        period=period, directorate_id=scope.directorate_id, today=today, links=False
    )
    if table not in stats.tables:
        raise Http404("No such table.")
    scope_part = f"-{scope.directorate_id}" if scope.directorate_id else ""
    filename = f"statistics-{table}-{kind}-{period.start}{scope_part}.csv"
    return csv_export.csv_response(
        filename, _preamble(period, scope) + stats.tables[table].csv_rows()
    )


@role_required(IG_ROLES)
def selection_csv(request):
    """The cases ticked in the queue (bulk "export"), as far as the user may see them."""
    ids = [int(v) for v in request.GET.getlist("case")[:500] if v.isdigit() and len(v) < 12]
    cases = (
        cases_visible_to(request.user)
        .filter(pk__in=ids)
        .select_related("requester", "owner")
        .order_by("reference")
    )

    def rows():
        yield [
            "Reference",
            "Regime",
            "Title",
            "Requester",
            "Received",
            "Statutory date",
            "Status",
            "Owner",
        ]
        for case in cases:
            yield [
                case.reference,
                case.get_regime_display(),
                case.title,
                case.requester.name,
                timezone.localtime(case.received_at).strftime("%Y-%m-%d %H:%M"),
                case.statutory_due.isoformat() if case.statutory_due else "clock stopped",
                case.get_status_display(),
                case.owner.get_full_name() if case.owner else "",
            ]

    return csv_export.csv_response("selected-cases.csv", rows())


@role_required(IG_ROLES)
def complaint_list(request, key):
    """The complaints behind one complaint figure: its count is the length of this list."""
    if key not in complaint_reports.MEASURES:
        raise Http404("No such figure.")
    period = Period.from_params(request.GET)
    complaints = complaint_reports.complaints_for(key, period).order_by("received_at", "pk")
    paginator = BoundedPaginator(complaints, PAGE_SIZE)
    return render(
        request,
        "reports/complaint_list.html",
        {
            "measure": complaint_reports.MEASURES[key],
            "period": period,
            "complaints": paginator.get_page(request.GET.get("page")),
            "total": paginator.full_count if not paginator.more else None,
            "more": paginator.more,
            "query": _query(period.params()),
            "base_query": _query(period.params()) + "&",
        },
    )


@role_required(IG_ROLES)
def complaint_list_csv(request, key):
    if key not in complaint_reports.MEASURES:
        raise Http404("No such figure.")
    period = Period.from_params(request.GET)
    measure = complaint_reports.MEASURES[key]

    def rows():
        yield [measure.label, period.label]
        yield ["Reference", "Received", "Acknowledge by", "Acknowledged", "Status", "Outcome"]
        complaints = complaint_reports.complaints_for(key, period).order_by("received_at", "pk")
        for complaint in complaints.iterator(chunk_size=2000):
            yield [
                complaint.reference,
                timezone.localtime(complaint.received_at).strftime("%Y-%m-%d %H:%M"),
                complaint.acknowledge_by.isoformat() if complaint.acknowledge_by else "",
                timezone.localdate(complaint.acknowledged_at).isoformat()
                if complaint.acknowledged_at
                else "",
                complaint.get_status_display(),
                complaint.get_outcome_display(),
            ]

    return csv_export.csv_stream(f"complaints-{key}-{period.start}.csv", rows())
