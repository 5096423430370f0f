"""Pages for the public (no sign-in): the online request form and the disclosure log."""

import hashlib
import json
import logging
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Page
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from django_ratelimit.core import get_usage

from deadlines.errors import DeadlineError
from organisation.netaddr import ratelimit_key
from requests_app import disclosure
from requests_app.models import Regime
from requests_app.public_forms import (
    REQUEST_TEXT_MAX,
    REQUEST_TYPE_HINTS,
    REQUEST_TYPES,
    DisclosureFilterForm,
    PublicRequestForm,
    refused_message,
)
from requests_app.public_services import public_request_submit
from workflow.pages import BoundedPaginator

logger = logging.getLogger(__name__)

SUBMITTED_SESSION_KEY = "public_request_submitted"
PAGE_SIZE = 25


# --- spam resistance that needs the request: the rate limit ------------------------------------


def _hourly_rate(group, request) -> str:
    return f"{settings.PUBLIC_FORM_MAX_PER_HOUR}/h"


def _over_hourly_limit(request) -> bool:
    """Counts this submission against the visitor's address and says whether it is over the
    hourly limit. django-ratelimit keeps the count in the shared cache with an atomic add and
    increment, so two submissions at the same moment cannot both take the last place."""
    try:
        usage = get_usage(
            request,
            group="public-request-form",
            key=ratelimit_key,
            rate=_hourly_rate,
            method=get_usage.ALL,
            increment=True,
        )
    except Exception:  # noqa: BLE001 - any cache backend failure
        logger.warning("public form: cache unavailable for the rate limit; not limiting")
        return False
    return bool(usage and usage["should_limit"])


# --- the request form -----------------------------------------------------------------------


def _render_form(request, form: PublicRequestForm):
    # GOV.UK's ids for radios: the first takes the field's own id (the error summary links to
    # it), the others "<id>-2", "<id>-3"...
    field_id = form["request_type"].auto_id
    request_types = [
        {
            "id": field_id if number == 1 else f"{field_id}-{number}",
            "value": value,
            "label": label,
            "hint": REQUEST_TYPE_HINTS[value],
        }
        for number, (value, label) in enumerate(REQUEST_TYPES, start=1)
    ]
    return render(
        request,
        "requests_app/public/request_form.html",
        {
            "form": form,
            "token": form.valid_token(),
            "request_types": request_types,
            "request_text_max": REQUEST_TEXT_MAX,
            "council_email": settings.DEFAULT_FROM_EMAIL,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def request_form(request):
    if request.method == "GET":
        return _render_form(request, PublicRequestForm())
    form = PublicRequestForm(request.POST)
    if not form.is_valid():
        if form.refused:
            logger.info("public request form: refused by the honeypot or the form token")
        return _render_form(request, form)
    if _over_hourly_limit(request):
        logger.info("public request form: refused by the rate limit")
        form.add_error(None, refused_message())
        return _render_form(request, form)

    data = form.cleaned_data
    try:
        # The form's nonce is claimed in the database with the case: a form sent twice (a
        # double click, a resend from the history) makes one case, with or without the cache.
        # The case's records (timeline, labels in stored messages) are written in English,
        # whatever language the visitor reads the form in.
        with translation.override(settings.LANGUAGE_CODE):
            case, created = public_request_submit(
                nonce=data["token"]["n"],
                name=data["name"],
                email=data["email"],
                address=data["address"],
                regime=data["request_type"],
                title=data["title"],
                request_text=data["request_text"],
                language=data.get("language", "en"),
            )
    except DeadlineError:
        # Only if the working-day calendar had run out: the request cannot be dated, so the
        # person is asked to email it rather than shown an error page.
        logger.exception("public request form: the statutory clock could not be started")
        form.add_error(None, refused_message())
        return _render_form(request, form)
    if not created:
        logger.info("public request form: sent again; showing the first submission's reference")
    # The confirmation page reads the reference from this visitor's session: the URL carries
    # nothing, so no one can see another person's reference by changing it.
    request.session[SUBMITTED_SESSION_KEY] = {
        "reference": case.reference,
        "email": case.requester.email,
        "regime": case.regime,
    }
    return redirect("public:request_done")


@never_cache
@require_GET
def request_done(request):
    submitted = request.session.get(SUBMITTED_SESSION_KEY)
    if not submitted:
        return redirect("public:request_form")
    return render(
        request,
        "requests_app/public/request_done.html",
        {
            "reference": submitted["reference"],
            "email": submitted["email"],
            "is_sar": submitted["regime"] in Regime.data_protection(),
            "acknowledge_days": settings.ACKNOWLEDGEMENT_WORKING_DAYS,
        },
    )


# --- the disclosure log ---------------------------------------------------------------------


def _disclosure_rate_limited(request) -> bool:
    """More than DISCLOSURE_LOG_RATE_PER_MINUTE pages from one address this minute. The log is
    public and unauthenticated: nobody may make the database search it without pause. Counted
    atomically in the shared cache by django-ratelimit, like the request form."""
    try:
        usage = get_usage(
            request,
            group="disclosure-log",
            key=ratelimit_key,
            rate=f"{settings.DISCLOSURE_LOG_RATE_PER_MINUTE}/m",
            method=get_usage.ALL,
            increment=True,
        )
    except Exception:  # noqa: BLE001 - no cache: serve the page rather than refuse the public
        logger.warning("disclosure log: rate limit unavailable", exc_info=True)
        return False
    return bool(usage and usage["should_limit"])


def _disclosure_page(filters: dict, number) -> Page:
    def compute():
        paginator = BoundedPaginator(disclosure.disclosure_list(**filters), PAGE_SIZE)
        page = paginator.get_page(number)
        return {
            "rows": list(page.object_list),
            "count": paginator.full_count,
            "number": page.number,
        }

    digest = hashlib.sha256(json.dumps([filters, str(number)], sort_keys=True).encode())
    found = disclosure.cached(f"page:{digest.hexdigest()}", compute)
    return Page(
        found["rows"], found["number"], BoundedPaginator([], PAGE_SIZE, count=found["count"])
    )


@require_GET
def disclosure_log(request):
    if _disclosure_rate_limited(request):
        response = render(request, "requests_app/public/slow_down.html", status=429)
        response["Retry-After"] = "60"
        return response
    years = disclosure.cached("years", disclosure.response_years)
    filter_form = DisclosureFilterForm(request.GET, years=years)
    filters = filter_form.filters()
    page_obj = _disclosure_page(filters, request.GET.get("page"))

    # Query strings for the links: the page links keep the filters and the sort; the column
    # headings keep the filters and start again at page 1.
    kept = {
        "q": filters["query"],
        "regime": filters["regime"],
        "outcome": filters["outcome"],
        "year": filters["year"] or "",
    }
    kept = {key: value for key, value in kept.items() if value}
    filtered = bool(kept)
    base_query_without_sort = urlencode(kept) + "&" if kept else ""
    base_query = urlencode({**kept, "sort": filters["sort"]}) + "&"
    return render(
        request,
        "requests_app/public/disclosure_log.html",
        {
            "filter_form": filter_form,
            "page_obj": page_obj,
            "cases": page_obj.object_list,
            "sort": filters["sort"],
            "filtered": filtered,
            "base_query": base_query,
            "base_query_without_sort": base_query_without_sort,
        },
    )


@require_GET
def disclosure_detail(request, reference: str):
    case = disclosure.published_case(reference)
    if case is None:
        raise Http404("No published response has that reference.")
    return render(request, "requests_app/public/disclosure_detail.html", {"case": case})


@require_GET
def disclosure_document(request, reference: str, document_id: int):
    document = disclosure.published_document(reference, document_id)
    if document is None:
        raise Http404("No published document here.")
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, ValueError) as error:
        # The record is there but the file is not: nothing to send, and nothing to explain.
        raise Http404("The document is not available.") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type or "application/octet-stream",
    )
    # The type was given by whoever uploaded the file: never let a browser guess another one
    # or run what it contains.
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
