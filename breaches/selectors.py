"""Reads for the breach register: one query for the page and one for the count, whatever the
number of breaches. Every list starts from access.breaches_visible_to(user)."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Case, Count, DateTimeField, F, Q, QuerySet, When
from django.http import QueryDict

from breaches.access import breaches_visible_to
from breaches.models import Cause, IcoDecision, RiskLevel, Status
from organisation.query_params import iso_day

PAGE_SIZE = 25
# "time_left": the 72-hour clock, soonest first; breaches no longer waiting on the ICO
# (decided and reported, or closed) and untriaged ones (no clock yet) come after.
SORTS = {
    "time_left": (F("clock_due").asc(nulls_last=True), "-reported_at", "-id"),
    "-time_left": (F("clock_due").desc(nulls_last=True), "-reported_at", "-id"),
    "reported_at": ("reported_at", "id"),
    "-reported_at": ("-reported_at", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "risk": ("risk_level", "-reported_at"),
    "-risk": ("-risk_level", "-reported_at"),
}
DEFAULT_SORT = "time_left"
VIEWS = {
    "open": ("Open", ~Q(status=Status.CLOSED)),
    "undecided": ("Awaiting the ICO decision", Q(status__in=[Status.REPORTED, Status.ASSESSING])),
    "sign_off": ("Awaiting sign-off", Q(status=Status.AWAITING_SIGN_OFF)),
    "closed": ("Closed", Q(status=Status.CLOSED)),
    "all": ("All", Q()),
}
ICO = {
    "undecided": ("Not decided", Q(ico_decision=IcoDecision.NONE)),
    "report": ("To report / reported", Q(ico_decision=IcoDecision.REPORT)),
    "not_report": ("Not reported (reason on record)", Q(ico_decision=IcoDecision.NOT_REPORT)),
    "in_time": (
        "Reported within 72 hours",
        Q(ico_reported_at__isnull=False, ico_reported_at__lte=F("ico_due")),
    ),
    "late": (
        "Reported after 72 hours",
        Q(ico_reported_at__isnull=False, ico_reported_at__gt=F("ico_due")),
    ),
}


# The 72-hour clock still matters (Breach.ico_pending, as a query): no decision yet, or a
# decision to report not yet carried out.
CLOCK_PENDING = (
    Q(aware_at__isnull=False)
    & ~Q(status=Status.CLOSED)
    & (
        Q(ico_decision=IcoDecision.NONE)
        | Q(ico_decision=IcoDecision.REPORT, ico_reported_at__isnull=True)
    )
)


def with_clock(queryset: QuerySet) -> QuerySet:
    return queryset.annotate(
        clock_due=Case(When(CLOCK_PENDING, then=F("ico_due")), output_field=DateTimeField())
    )


@dataclass
class BreachList:
    page_obj: object
    sort: str
    view: str
    filters: dict
    base_query: str
    base_query_without_sort: str
    total: int


def _query_string(params: QueryDict, *drop: str) -> str:
    kept = params.copy()
    for name in drop:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return f"{encoded}&" if encoded else ""


# Date ranges (Europe/London days), for the dashboard's breach figures: each links to the register
# filtered by the period and counts the very breaches that list shows (reports.other_records).
DATE_RANGES = {
    "reported_from": "reported_at__date__gte",
    "reported_to": "reported_at__date__lte",
    "ico_from": "ico_reported_at__date__gte",
    "ico_to": "ico_reported_at__date__lte",
}


def filter_breaches(queryset: QuerySet, params: QueryDict) -> tuple[QuerySet, dict]:
    filters = {
        "q": params.get("q", "").strip()[:200],
        "status": params.get("status", ""),
        "risk": params.get("risk", ""),
        "cause": params.get("cause", ""),
        "ico": params.get("ico", ""),
        "cyber": params.get("cyber", ""),
    }
    if filters["q"]:
        q = filters["q"]
        queryset = queryset.filter(
            Q(reference__icontains=q) | Q(title__icontains=q) | Q(ico_reference__icontains=q)
        )
    if filters["status"] in Status.values:
        queryset = queryset.filter(status=filters["status"])
    if filters["risk"] in RiskLevel.values and filters["risk"]:
        queryset = queryset.filter(risk_level=filters["risk"])
    if filters["cause"] in Cause.values:
        queryset = queryset.filter(cause=filters["cause"])
    if filters["ico"] in ICO:
        queryset = queryset.filter(ICO[filters["ico"]][1])
    if filters["cyber"] in ("yes", "no"):
        queryset = queryset.filter(is_cyber=filters["cyber"] == "yes")
    for name, lookup in DATE_RANGES.items():
        day = iso_day(params.get(name, ""))
        if day is not None:
            queryset, filters[name] = queryset.filter(**{lookup: day}), day.isoformat()
    return queryset, filters


def _listed(user, params: QueryDict) -> tuple[QuerySet, str, str, dict]:
    view = params.get("view", "open")
    if view not in VIEWS:
        view = "open"
    queryset = breaches_visible_to(user).filter(VIEWS[view][1])
    queryset, filters = filter_breaches(queryset, params)
    sort = params.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        sort = DEFAULT_SORT
    queryset = with_clock(queryset).select_related("service_area").order_by(*SORTS[sort])
    return queryset, view, sort, filters


def breach_rows(user, params: QueryDict) -> QuerySet:
    """Every breach the register would list with these parameters, unpaginated (the export)."""
    return _listed(user, params)[0].select_related("reporter")


def breach_page(user, params: QueryDict) -> BreachList:
    queryset, view, sort, filters = _listed(user, params)
    paginator = Paginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(params.get("page"))
    return BreachList(
        page_obj=page_obj,
        sort=sort,
        view=view,
        filters=filters,
        base_query=_query_string(params, "page"),
        base_query_without_sort=_query_string(params, "page", "sort"),
        total=paginator.count,
    )


def figures(user) -> dict:
    """The register's tiles, over every breach the user may see (two queries). Each figure's
    drill-down is the register with the filter that selects exactly the breaches it counts."""
    visible = breaches_visible_to(user)
    totals = visible.aggregate(
        reported=Count("id"),
        **{key: Count("id", filter=ICO[key][1]) for key in ("report", "in_time", "late")},
        not_report=Count("id", filter=ICO["not_report"][1]),
    )
    labels = dict(Cause.choices)
    by_cause = [
        (cause, labels[cause], n)
        for cause, n in visible.exclude(cause="")
        .values_list("cause")
        .annotate(n=Count("id"))
        .order_by("-n", "cause")
    ]
    return {"totals": totals, "by_cause": by_cause}
