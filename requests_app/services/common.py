"""What every case service shares: the one call into the workflow engine, and small guards."""

import datetime as dt

from django.utils import timezone

from requests_app.models import (
    Assignment,
    Case,
)
from workflow.engine import ActionRefused, apply, record_event


def _apply(*, case_id: int, user, action: str, change, expected_version: int | None) -> Case:
    return apply(
        model=Case,
        pk=case_id,
        user=user,
        action=action,
        change=change,
        expected_version=expected_version,
    )


def assignments_follow(case: Case) -> None:
    """Open assignments carry the case's internal target, which moves with the statutory date
    (a clarification restarting the clock, an extension), as recompute does for holidays."""
    if case.internal_due is None:  # the clock is stopped: keep the last target until it runs
        return
    stale = case.assignments.filter(state=Assignment.State.OPEN).exclude(
        internal_due=case.internal_due
    )
    for assignment in stale:
        assignment.internal_due = case.internal_due
        assignment.save()


def _event(case: Case, user, kind: str, message: str) -> None:
    record_event(case, user, kind, message)


# --- small guards ---------------------------------------------------------------------------


def _require_text(value: str, message: str) -> None:
    if not (value or "").strip():
        raise ActionRefused(message)


def _not_future(day: dt.date) -> None:
    if day > timezone.localdate():
        raise ActionRefused("That date is in the future.")
