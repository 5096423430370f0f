"""Reads for the case lists: one query for the page, one for the count, one prefetch, whatever
the number of cases. Every list starts from access.cases_visible_to(user)."""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from deadlines import rules
from deadlines.services import current_calendar
from requests_app import clock
from requests_app.access import cases_visible_to
from requests_app.models import Assignment, Regime, Requester, Status
from workflow.pages import BoundedPaginator

PAGE_SIZE = 25
# A list row shows none of a case's long texts (a request or an answer can run to pages); the
# case page reads them. Nothing a row shows or works out may be here: tests/requests_app/
# test_list_queries.py counts the queries, so a deferred field read per row would show there.
LIST_DEFERRED = (
    "request_text",
    "response_text",
    "decision_reasons",
    "public_summary",
    "public_answer",
    "unpublish_reason",
    "extension_reason",
)
FLAGS = {
    "sensitive": "Sensitive",
    "about_councillor": "About a councillor",
    "media": "Media",
    "dataset": "Dataset",
}
SORTS = {
    # Overdue first (the earliest dates), stopped clocks (no date) last, in either direction.
    "statutory_due": (F("statutory_due").asc(nulls_last=True), "id"),
    "-statutory_due": (F("statutory_due").desc(nulls_last=True), "-id"),
    "received_at": ("received_at", "id"),
    "-received_at": ("-received_at", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
    "status": ("status", "statutory_due"),
    "-status": ("-status", "statutory_due"),
}
DEFAULT_SORT = "statutory_due"
# Named positively (not "NOT IN finished"), so PostgreSQL can read the (status, due) index.
OPEN = Q(status__in=sorted(set(Status.values) - Status.finished()))


def due_soon_until(today):
    """The last day of the next DUE_SOON_WORKING_DAYS working days (FOI calendar)."""
    return rules.add_working_days(today, settings.DUE_SOON_WORKING_DAYS)


def queue_tabs(user=None) -> dict[str, tuple[str, Q]]:
    today = timezone.localdate()
    return {
        "mine": ("My cases", OPEN & Q(owner_id=getattr(user, "pk", None))),
        "open": ("All open", OPEN),
        "new": ("New", Q(status=Status.RECEIVED, regime=Regime.UNCLASSIFIED)),
        "acknowledge": (
            "To acknowledge",
            OPEN & Q(acknowledged_at__isnull=True) & ~Q(regime=Regime.NOT_VALID),
        ),
        "waiting": (
            "Waiting for requester",
            Q(
                status__in=[
                    Status.AWAITING_CLARIFICATION,
                    Status.AWAITING_ID,
                    Status.AWAITING_FEE,
                ]
            ),
        ),
        "with_areas": ("With service areas", Q(status__in=[Status.ASSIGNED, Status.IN_PROGRESS])),
        "authorisation": (
            "Awaiting authorisation",
            Q(status__in=[Status.AWAITING_AUTHORISATION, Status.AUTHORISED]),
        ),
        "due_soon": (
            f"Due in {settings.DUE_SOON_WORKING_DAYS} working days",
            OPEN & Q(statutory_due__gte=today, statutory_due__lte=due_soon_until(today)),
        ),
        "overdue": ("Overdue", OPEN & Q(statutory_due__lt=today)),
        "finished": ("Finished", Q(status__in=Status.finished())),
    }


@dataclass
class CaseList:
    page_obj: object
    sort: str
    filters: dict
    base_query: str  # GET parameters without page, ending in "&"
    base_query_without_sort: str
    tabs: list = field(default_factory=list)
    tab: str = ""
    total: int = 0
    more: bool = False  # more cases than the pages offered (workflow.pages)


def _query_string(params: QueryDict, *drop: str) -> str:
    kept = params.copy()
    for name in drop:
        kept.pop(name, None)
    encoded = kept.urlencode()
    return f"{encoded}&" if encoded else ""


def _clean_int(value: str) -> int | None:
    # ASCII digits only ("²".isdigit() is true too) and no more than a database key can hold.
    return int(value) if value and value.isascii() and value.isdigit() and len(value) < 19 else None


SEARCH_REQUESTERS_MAX = 2000


def search_q(text: str) -> Q:
    """Cases whose reference, title, request or requester's name or email contain `text`.

    Every condition is on the case table itself (the matching requesters are looked up first,
    by their own index), so PostgreSQL combines its trigram indexes (migration
    0005_search_indexes) instead of joining every case to its requester; SQLite scans."""
    requesters = Requester.objects.filter(Q(name__icontains=text) | Q(email__icontains=text))
    ids = list(requesters.values_list("pk", flat=True)[: SEARCH_REQUESTERS_MAX + 1])
    if len(ids) > SEARCH_REQUESTERS_MAX:  # a very common word: let the database join instead
        by_requester = Q(requester__in=requesters.values("pk"))
    else:
        by_requester = Q(requester_id__in=ids)
    return (
        Q(reference__icontains=text)
        | Q(title__icontains=text)
        | Q(request_text__icontains=text)
        | by_requester
    )


def _filter_date(params: QueryDict, name: str) -> dt.date | None:
    """A filter's date from its day, month and year boxes (the GOV.UK date input), or from one
    YYYY-MM-DD value (older links); a malformed date is ignored rather than failing the page."""
    parts = [params.get(f"{name}_{part}", "").strip() for part in ("day", "month", "year")]
    try:
        if all(parts) and all(p.isascii() and p.isdigit() and len(p) <= 4 for p in parts):
            return dt.date(int(parts[2]), int(parts[1]), int(parts[0]))
        return dt.date.fromisoformat(params.get(name, "")) if params.get(name) else None
    except ValueError:
        return None


def filter_cases(queryset: QuerySet, params: QueryDict) -> tuple[QuerySet, dict]:
    filters = {
        "q": params.get("q", "").strip()[:200],
        "regime": params.get("regime", ""),
        "status": params.get("status", ""),
        "area": _clean_int(params.get("area", "")),
        "flag": params.get("flag", ""),
        "due_from": params.get("due_from", ""),
        "due_to": params.get("due_to", ""),
    }
    if filters["q"]:
        queryset = queryset.filter(search_q(filters["q"]))
    if filters["regime"] in Regime.values:
        queryset = queryset.filter(regime=filters["regime"])
    if filters["status"] in Status.values:
        queryset = queryset.filter(status=filters["status"])
    if filters["area"]:
        queryset = queryset.filter(
            Exists(
                Assignment.objects.active().filter(
                    case=OuterRef("pk"), service_area_id=filters["area"]
                )
            )
        )
    if filters["flag"] in FLAGS:
        queryset = queryset.filter(**{filters["flag"]: True})
    for name, lookup in (("due_from", "statutory_due__gte"), ("due_to", "statutory_due__lte")):
        day = _filter_date(params, name)
        filters[name] = day.isoformat() if day else ""
        filters[f"{name}_parts"] = (day.day, day.month, day.year) if day else ()
        if day:
            queryset = queryset.filter(**{lookup: day})
    return queryset, filters


def _add_progress(page_obj) -> None:
    """'Day 7 of 20' on each case of the page: one calendar (one small query) for all of them."""
    page_obj.object_list = list(page_obj.object_list)
    if not page_obj.object_list:
        return
    today, calendar = timezone.localdate(), current_calendar()
    for case in page_obj.object_list:
        case.progress = clock.case_progress(case, today, calendar)


def case_page(user, params: QueryDict, *, base: QuerySet | None = None, tabs: bool = False):
    queryset = cases_visible_to(user, base)
    tab_list, tab = [], ""
    if tabs:
        all_tabs = queue_tabs(user)
        tab = params.get("tab", "mine")
        if tab not in all_tabs:
            tab = "mine"
        tab_list = [(key, label) for key, (label, _) in all_tabs.items()]
        queryset = queryset.filter(all_tabs[tab][1])
    queryset, filters = filter_cases(queryset, params)
    sort = params.get("sort", DEFAULT_SORT)
    if sort not in SORTS:
        sort = DEFAULT_SORT
    queryset = (
        queryset.select_related("requester")
        .defer(*LIST_DEFERRED)
        .prefetch_related(
            Prefetch(
                "assignments",
                queryset=Assignment.objects.active()
                .select_related("service_area")
                .order_by("service_area__name"),
            )
        )
        .order_by(*SORTS[sort])
    )
    paginator = BoundedPaginator(queryset, PAGE_SIZE)
    page_obj = paginator.get_page(params.get("page"))
    _add_progress(page_obj)
    return CaseList(
        page_obj=page_obj,
        sort=sort,
        filters=filters,
        base_query=_query_string(params, "page"),
        base_query_without_sort=_query_string(params, "page", "sort"),
        tabs=tab_list,
        tab=tab,
        total=paginator.count,
        more=paginator.more,
    )
