"""Writes for saved filters: a person saves, replaces and deletes only their own."""

from django.db import transaction
from django.http import QueryDict

from search.models import SavedFilter
from workflow.engine import ActionRefused

# The queue's own parameters (requests_app.selectors.filter_cases, tabs and sort); anything
# else in a saved query is dropped, and so is the page number.
QUEUE_PARAMETERS = (
    "tab",
    "q",
    "regime",
    "status",
    "area",
    "flag",
    "due_from",
    "due_to",
    *(f"{name}_{part}" for name in ("due_from", "due_to") for part in ("day", "month", "year")),
    "sort",
)


def clean_query(query: str) -> str:
    params = QueryDict(query[:2000])
    kept = QueryDict(mutable=True)
    for name in QUEUE_PARAMETERS:
        value = params.get(name, "").strip()
        if value and "\x00" not in value:  # PostgreSQL cannot store a NUL character
            kept[name] = value[:200]
    return kept.urlencode()


def saved_filter_save(*, user, name: str, query: str) -> SavedFilter:
    name = " ".join((name or "").split())
    if not name:
        raise ActionRefused("Enter a name for the filter, like “Overdue SARs”.")
    if "\x00" in name:  # no person types one, and PostgreSQL cannot store it
        raise ActionRefused("The filter's name can contain only letters, numbers and punctuation.")
    if len(name) > 80:
        raise ActionRefused("The filter's name must be 80 characters or fewer.")
    query = clean_query(query or "")
    if not query:
        raise ActionRefused("Choose at least one filter, search or tab before saving.")
    with transaction.atomic():
        saved, _ = SavedFilter.objects.update_or_create(
            user=user, page=SavedFilter.Page.QUEUE, name=name, defaults={"query": query}
        )
    return saved


def saved_filter_delete(*, user, filter_id: int) -> str:
    """Deletes the user's own filter; another person's is 'not found' (never revealed)."""
    deleted = SavedFilter.objects.filter(pk=filter_id, user=user).first()
    if deleted is None:
        raise SavedFilter.DoesNotExist
    deleted.delete()
    return deleted.name


def saved_filters_for(user) -> list[SavedFilter]:
    return list(SavedFilter.objects.filter(user=user, page=SavedFilter.Page.QUEUE))
