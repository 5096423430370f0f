"""Subject access under the DUAA: the reason a clarification stops the clock, and the record of
the reasonable and proportionate search (see requests_app/sar_models.py)."""

from django.utils import timezone

from requests_app.models import Case, Regime
from requests_app.sar_models import ClarificationConcerns, SarClarification, SarSearch
from workflow.engine import ActionRefused, apply

CLARIFICATION_REFUSED = (
    "For a data-protection request the clock stops for clarification only when the council "
    "needs it to identify the information or the processing the request is about: choose what "
    "about the information or processing needs clarifying and say why."
)


def needs_clarification_reason(case: Case) -> bool:
    return case.regime in Regime.data_protection()


def clarification_record(*, case: Case, user, asked_on, concerns: str, reason: str) -> str:
    """Inside the ask_clarification change: refuse a pause with no reason about the information
    or processing; otherwise store it. Returns the words for the timeline."""
    if concerns not in ClarificationConcerns.values or not (reason or "").strip():
        raise ActionRefused(CLARIFICATION_REFUSED)
    row = SarClarification.objects.create(
        case=case, asked_on=asked_on, concerns=concerns, reason=reason.strip(), asked_by=user
    )
    return (
        f" Clock stopped because it concerns: {row.get_concerns_display().lower()} ({row.reason})."
    )


def is_sar(case: Case) -> bool:
    return case.regime == Regime.SAR and not case.is_review


def search_recorded(case: Case) -> bool:
    """At least one system or set of records searched, each line with its reason."""
    return any(row.searched for row in case.sar_searches.all())


def case_search_record(
    *, case_id: int, user, rows: list[dict], expected_version: int | None = None
) -> Case:
    """Replace the case's search record with `rows` (dicts of searched, place, reason). The
    whole record is written at once, so a version check protects it like any other change."""
    cleaned = []
    for row in rows:
        place, reason = (row.get("place") or "").strip(), (row.get("reason") or "").strip()
        if not place and not reason:
            continue
        if not place or not reason:
            raise ActionRefused("Each line needs the system or records and the reason.")
        cleaned.append((bool(row.get("searched")), place[:200], reason))
    if not any(searched for searched, _, _ in cleaned):
        raise ActionRefused("Record at least one system or set of records that was searched.")

    def change(case):
        now = timezone.now()
        case.sar_searches.all().delete()
        SarSearch.objects.bulk_create(
            SarSearch(
                case=case,
                searched=searched,
                place=place,
                reason=reason,
                recorded_by=user,
                recorded_at=now,
            )
            for searched, place, reason in cleaned
        )
        lines = [
            f"{'Searched' if searched else 'Not searched'}: {place} ({reason})"
            for searched, place, reason in cleaned
        ]
        return "Search recorded. " + "; ".join(lines)

    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action="record_search",
        change=change,
        expected_version=expected_version,
    )
