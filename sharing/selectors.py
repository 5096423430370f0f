"""Reads for the agreement and DPIA lists: a fixed number of queries whatever the number of
rows (the page, the count, the prefetches). Every staff list starts from sharing.access."""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import QueryDict
from django.utils import timezone

from deadlines import agreement_reviews
from organisation.models import ServiceArea
from sharing.access import agreements_visible_to, dpias_visible_to
from sharing.models import Agreement, DpiaStatus, Kind, Partner, Status

PAGE_SIZE = 25
SORTS = {
    "reference": ("reference",),
    "-reference": ("-reference",),
    "title": ("title", "reference"),
    "-title": ("-title", "reference"),
    "review_due": ("review_due", "reference"),
    "-review_due": ("-review_due", "reference"),
    "status": ("status", "reference"),
    "-status": ("-status", "reference"),
}
DEFAULT_SORT = "reference"


def review_tabs(today=None) -> dict[str, tuple[str, Q]]:
    """The register's views, which are also its tiles: counts of each link to the list."""
    today = today or timezone.localdate()
    horizon = agreement_reviews.reminder_horizon(today, settings.SHARING_REVIEW_REMINDER_DAYS)
    in_force = Q(status__in=Status.in_force())
    return {
        "all": ("All", Q()),
        "active": ("In force", in_force),
        "due_soon": (
            f"Review due within {settings.SHARING_REVIEW_REMINDER_DAYS} days",
            in_force & Q(review_due__gte=today, review_due__lte=horizon),
        ),
        "overdue": ("Review overdue", in_force & Q(review_due__lt=today)),
        "approval": (
            "Awaiting approval",
            Q(status__in=[Status.DRAFT, Status.DPO_REVIEW, Status.AWAITING_SIGNATURE]),
        ),
        "ended": ("Ended", Q(status__in=Status.ended())),
    }


@dataclass
class Listing:
    page_obj: object
    sort: str
    filters: dict
    base_query: str
    base_query_without_sort: str
    total: int = 0
    tabs: list = field(default_factory=list)
    tab: str = ""


def query_string(params: QueryDict, *drop: str) -> str:
    kept = params.copy()
    for name in drop:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return f"{encoded}&" if encoded else ""


def _clean_int(value: str) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def tab_counts(user) -> list[tuple[str, str, int]]:
    """(key, label, count) for every view, in one query."""
    tabs = review_tabs()
    counts = agreements_visible_to(user).aggregate(
        **{key: Count("pk", filter=condition) for key, (_, condition) in tabs.items()}
    )
    return [(key, label, counts[key]) for key, (label, _) in tabs.items()]


def agreement_page(user, params: QueryDict) -> Listing:
    queryset = agreements_visible_to(user)
    tabs = review_tabs()
    tab = params.get("tab", "all")
    if tab not in tabs:
        tab = "all"
    queryset = queryset.filter(tabs[tab][1])
    filters = {
        "q": params.get("q", "").strip()[:200],
        "status": params.get("status", ""),
        "kind": params.get("kind", ""),
        "area": _clean_int(params.get("area", "")),
        "special": params.get("special", ""),
    }
    if filters["q"]:
        q = filters["q"]
        queryset = queryset.filter(
            Q(reference__icontains=q)
            | Q(title__icontains=q)
            | Q(purpose__icontains=q)
            | Q(partners__name__icontains=q)
        ).distinct()
    if filters["status"] in Status.values:
        queryset = queryset.filter(status=filters["status"])
    if filters["kind"] in Kind.values:
        queryset = queryset.filter(kind=filters["kind"])
    if filters["area"]:
        queryset = queryset.filter(lead_areas__id=filters["area"]).distinct()
    if filters["special"] == "yes":
        queryset = queryset.filter(Q(special_category=True) | Q(criminal_offence=True))
    sort = params.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        sort = DEFAULT_SORT
    queryset = queryset.prefetch_related(
        Prefetch("lead_areas", queryset=ServiceArea.objects.order_by("name")),
        Prefetch("partners", queryset=Partner.objects.order_by("name")),
    ).order_by(*SORTS[sort])
    paginator = Paginator(queryset, PAGE_SIZE)
    return Listing(
        page_obj=paginator.get_page(params.get("page")),
        sort=sort,
        filters=filters,
        base_query=query_string(params, "page"),
        base_query_without_sort=query_string(params, "page", "sort"),
        total=paginator.count,
        tab=tab,
    )


DPIA_SORTS = {
    "reference": ("reference",),
    "-reference": ("-reference",),
    "status": ("status", "reference"),
    "-status": ("-status", "reference"),
}


def dpia_page(user, params: QueryDict) -> Listing:
    queryset = dpias_visible_to(user)
    filters = {"q": params.get("q", "").strip()[:200], "status": params.get("status", "")}
    if filters["q"]:
        q = filters["q"]
        queryset = queryset.filter(
            Q(reference__icontains=q) | Q(title__icontains=q) | Q(project__icontains=q)
        )
    if filters["status"] in DpiaStatus.values:
        queryset = queryset.filter(status=filters["status"])
    sort = params.get("sort", "reference")
    if sort not in DPIA_SORTS:
        sort = "reference"
    queryset = (
        queryset.select_related("lead_area")
        .prefetch_related(Prefetch("agreements", queryset=Agreement.objects.order_by("reference")))
        .annotate(risk_count=Count("risks", distinct=True))
        .order_by(*DPIA_SORTS[sort])
    )
    paginator = Paginator(queryset, PAGE_SIZE)
    return Listing(
        page_obj=paginator.get_page(params.get("page")),
        sort=sort,
        filters=filters,
        base_query=query_string(params, "page"),
        base_query_without_sort=query_string(params, "page", "sort"),
        total=paginator.count,
    )
