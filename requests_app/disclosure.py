"""Reads for the public disclosure log: the released FOI/EIR answers anyone may see.

Everything the public pages show comes through `published_cases()` and `published_documents()`,
so the rule "which cases and files are public" lives in one place. The querysets load only the
columns the public may see: the requester is never joined, so a template mistake cannot leak a
name, an email or an address.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from requests_app.models import Case, Document, Outcome, Regime, Status

logger = logging.getLogger(__name__)
GENERATION_KEY = "disclosure-log:generation"

PUBLIC_REGIMES = (Regime.FOI, Regime.EIR)
RELEASED_STATUSES = (Status.RESPONDED, Status.CLOSED)
PUBLIC_CASE_FIELDS = (
    "id",
    "reference",
    "public_title",
    "public_summary",
    "public_answer",
    "dataset",
    "regime",
    "outcome",
    "responded_at",
)
PUBLIC_DOCUMENT_FIELDS = ("id", "case_id", "original_name", "content_type", "size")

# The outcomes a released answer can have (withdrawn and lapsed requests never get one).
PUBLIC_OUTCOMES = tuple(
    (value, label)
    for value, label in Outcome.choices
    if value not in ("", Outcome.WITHDRAWN, Outcome.LAPSED)
)

# Sort keys offered to the public → ORM ordering, with a tie-breaker so pages are stable.
SORTS = {
    "responded": ("responded_at", "id"),
    "-responded": ("-responded_at", "-id"),
    "reference": ("reference",),
    "-reference": ("-reference",),
}
DEFAULT_SORT = "-responded"


def published_cases() -> QuerySet:
    """Released FOI/EIR answers that IG published (requests_app.publication) and has not taken
    down, from their publication date. Internal reviews are left out: their outcome is recorded
    as a review outcome, so the log would list them as undecided, and the original request is
    already in the log. Data-protection cases are never public, whatever their status."""
    return (
        Case.objects.filter(
            regime__in=PUBLIC_REGIMES,
            status__in=RELEASED_STATUSES,
            responded_at__isnull=False,
            review_of__isnull=True,
            published_at__isnull=False,
            unpublished_at__isnull=True,
            publish_from__lte=timezone.localdate(),
        )
        .exclude(regime__in=Regime.data_protection())
        .only(*PUBLIC_CASE_FIELDS)
    )


def published_documents() -> QuerySet:
    """Documents marked for publication (the redacted copies) on published cases."""
    return Document.objects.filter(publish=True, case__in=published_cases().values("pk"))


def disclosure_list(
    *, query: str = "", regime: str = "", outcome: str = "", year: int | None = None, sort: str = ""
) -> QuerySet:
    """The filtered, sorted list; each row carries `document_count` (published files only),
    computed in the same query so a page costs the same whatever it lists."""
    cases = published_cases()
    # Every word must appear somewhere (title, answer or reference): "bin collections 2024"
    # narrows the list instead of needing the exact phrase.
    for word in query.split():
        cases = cases.filter(
            Q(public_title__icontains=word)
            | Q(public_answer__icontains=word)
            | Q(reference__icontains=word)
        )
    if regime:
        cases = cases.filter(regime=regime)
    if outcome:
        cases = cases.filter(outcome=outcome)
    if year:
        cases = cases.filter(responded_at__year=year)
    # Counted for the rows on the page only (a correlated subquery), not by grouping every
    # published case before the page is cut from them.
    documents = (
        Document.objects.filter(case=OuterRef("pk"), publish=True)
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n")
    )
    cases = cases.annotate(
        document_count=Coalesce(Subquery(documents, output_field=IntegerField()), 0)
    )
    return cases.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def response_years() -> list[int]:
    """The years (Europe/London) in which published answers were sent, newest first."""
    return [moment.year for moment in published_cases().datetimes("responded_at", "year", "DESC")]


def published_case(reference: str) -> Case | None:
    """One published case with its published documents, or None."""
    documents = Document.objects.filter(publish=True).only(*PUBLIC_DOCUMENT_FIELDS)
    return (
        published_cases()
        .prefetch_related(
            Prefetch("documents", queryset=documents.order_by("id"), to_attr="public_documents")
        )
        .filter(reference=reference)
        .first()
    )


def published_document(reference: str, document_id: int) -> Document | None:
    return (
        published_documents()
        .filter(case__reference=reference, pk=document_id)
        .only(*PUBLIC_DOCUMENT_FIELDS, "file")
        .first()
    )


# --- the public pages' cache -------------------------------------------------------------------


def cached(key: str, compute):
    """The same answer for everyone for DISCLOSURE_LOG_CACHE_SECONDS, or until a case changes
    (`forget_cached_pages`, on the case workflow's after-commit list): the log is public, and
    nobody may make the database search it again and again. A cache that is down is not an
    error: the answer is worked out."""
    seconds = settings.DISCLOSURE_LOG_CACHE_SECONDS
    if not seconds:
        return compute()
    try:
        generation = cache.get_or_set(GENERATION_KEY, 0, None)
        full_key = f"disclosure-log:{generation}:{key}"
        found = cache.get(full_key)
    except Exception:  # noqa: BLE001 - no cache: work it out
        logger.warning("disclosure log: cache unavailable", exc_info=True)
        return compute()
    if found is None:
        found = compute()
        try:
            cache.set(full_key, found, seconds)
        except Exception:  # noqa: BLE001
            logger.warning("disclosure log: cache unavailable", exc_info=True)
    return found


def forget_cached_pages(case_id: int | None = None) -> None:
    """A case changed (published, taken down, answered): the cached pages are of the past."""
    try:
        cache.add(GENERATION_KEY, 0, None)
        cache.incr(GENERATION_KEY)
    except Exception:  # noqa: BLE001 - pages then last their few minutes
        logger.warning("disclosure log: cache unavailable", exc_info=True)
