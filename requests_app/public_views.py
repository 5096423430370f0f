"""Pages for the public (no sign-in): the online request form and the disclosure log."""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from deadlines.errors import DeadlineError
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

logger = logging.getLogger(__name__)

SUBMITTED_SESSION_KEY = "public_request_submitted"
RATE_WINDOW_SECONDS = 60 * 60
PAGE_SIZE = 25


# --- spam resistance that needs the request: rate limit and single-use tokens --------------


def _client_ip(request) -> str:
    """The visitor's address. Behind N trusted reverse proxies (PUBLIC_FORM_TRUSTED_PROXIES) it
    is the Nth address from the right of X-Forwarded-For; anything further left could have
    been written by the visitor, so it is never trusted."""
    proxies = settings.PUBLIC_FORM_TRUSTED_PROXIES
    if proxies:
        forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [a for a in forwarded if a]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _rate_key(request) -> str:
    # Hashed: the cache may be shared (Redis), and it has no need of the address itself.
    digest = hashlib.sha256(_client_ip(request).encode()).hexdigest()
    return f"public-form:submissions:{digest}"


def _cache_call(default, method, *args):
    """The cache only guards against spam: if it is unavailable, the public's right to make a
    request wins and the submission is let through (and logged)."""
    try:
        return getattr(cache, method)(*args)
    except Exception:  # noqa: BLE001 - any cache backend failure
        logger.warning("public form: cache unavailable for %s; not limiting", method)
        return default


def _recent_submissions(key: str) -> list[float]:
    now = time.time()
    return [t for t in _cache_call([], "get", key, []) if now - t < RATE_WINDOW_SECONDS]


def _rate_limited(request) -> bool:
    limit = settings.PUBLIC_FORM_MAX_PER_HOUR
    return len(_recent_submissions(_rate_key(request))) >= limit


def _count_submission(request) -> None:
    key = _rate_key(request)
    _cache_call(None, "set", key, [*_recent_submissions(key), time.time()], RATE_WINDOW_SECONDS)


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
    if _rate_limited(request):
        logger.info("public request form: refused by the rate limit")
        form.add_error(None, refused_message())
        return _render_form(request, form)

    data = form.cleaned_data
    try:
        # The form's nonce is claimed in the database with the case: a form sent twice (a
        # double click, a resend from the history) makes one case, with or without the cache.
        case, created = public_request_submit(
            nonce=data["token"]["n"],
            name=data["name"],
            email=data["email"],
            address=data["address"],
            regime=data["request_type"],
            title=data["title"],
            request_text=data["request_text"],
        )
    except DeadlineError:
        # Only if the working-day calendar had run out: the request cannot be dated, so the
        # person is asked to email it rather than shown an error page.
        logger.exception("public request form: the statutory clock could not be started")
        form.add_error(None, refused_message())
        return _render_form(request, form)
    if created:
        _count_submission(request)
    else:
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


@require_GET
def disclosure_log(request):
    filter_form = DisclosureFilterForm(request.GET, years=disclosure.response_years())
    filters = filter_form.filters()
    page_obj = Paginator(disclosure.disclosure_list(**filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )

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
