"""Work by the service areas: assignments, time, drafts, exemptions, handing back."""

import datetime as dt
from collections.abc import Iterable

from django.utils import timezone

from organisation import access
from organisation.models import ServiceArea
from requests_app.models import (
    AppliedExemption,
    Assignment,
    Case,
    Exemption,
    TimeEntry,
)
from requests_app.services.common import _apply, _not_future, _require_text
from workflow.engine import ActionRefused

# --- service areas --------------------------------------------------------------------------


def case_assign(
    *, case_id: int, user, service_area_ids: Iterable[int], expected_version: int | None = None
) -> Case:
    wanted = set(service_area_ids)
    if not wanted:
        raise ActionRefused("Choose at least one service area.")
    areas = {a.id: a for a in ServiceArea.objects.filter(id__in=wanted)}
    if set(areas) != wanted:
        raise ActionRefused("Choose service areas from the list.")

    def change(case):
        existing = {a.service_area_id: a for a in case.assignments.all()}
        for area_id in wanted:
            assignment = existing.get(area_id)
            if assignment is None:
                assignment = Assignment(
                    case=case,
                    service_area=areas[area_id],
                    assigned_by=user,
                    internal_due=case.internal_due or timezone.localdate(),
                )
            assignment.state = Assignment.State.OPEN
            assignment.save()
        for area_id, assignment in existing.items():
            if area_id not in wanted and assignment.state != Assignment.State.WITHDRAWN:
                assignment.state = Assignment.State.WITHDRAWN
                assignment.save()
        names = ", ".join(sorted(a.name for a in areas.values()))
        due = f"{case.internal_due:%d %B %Y}" if case.internal_due else "no internal date"
        return f"Assigned to {names} (internal target {due})."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="assign",
        change=change,
    )


def _assignment_for(case: Case, user, service_area_id: int) -> Assignment:
    if service_area_id not in access.service_area_ids(user):
        raise ActionRefused("You can only work on cases for your own service areas.")
    assignment = case.assignments.filter(
        service_area_id=service_area_id, state=Assignment.State.OPEN
    ).first()
    if assignment is None:
        raise ActionRefused("That service area has no open assignment on this case.")
    return assignment


def case_record_time(
    *,
    case_id: int,
    user,
    service_area_id: int,
    activity: str,
    minutes: int,
    searches: str,
    expected_version: int | None = None,
) -> Case:
    if minutes <= 0 or minutes > 60 * 200:
        raise ActionRefused("Enter the time spent in minutes, more than 0.")

    def change(case):
        assignment = _assignment_for(case, user, service_area_id)
        TimeEntry.objects.create(
            case=case,
            service_area_id=service_area_id,
            activity=activity,
            minutes=minutes,
            note=searches[:300],
            recorded_by=user,
        )
        if searches:
            assignment.searches_made = "\n".join(filter(None, [assignment.searches_made, searches]))
            assignment.save()
        return f"{assignment.service_area}: {minutes} minutes recorded ({activity})."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_time",
        change=change,
    )


def case_submit_draft(
    *, case_id: int, user, service_area_id: int, draft: str, expected_version: int | None = None
) -> Case:
    _require_text(draft, "Write the draft answer before submitting it.")

    def change(case):
        assignment = _assignment_for(case, user, service_area_id)
        assignment.draft, assignment.state = draft, Assignment.State.SUBMITTED
        assignment.submitted_at = timezone.now()
        assignment.save()
        still_open = case.assignments.filter(state=Assignment.State.OPEN).exists()
        waiting = " Waiting for the other service areas." if still_open else ""
        return f"{assignment.service_area} submitted its draft to IG.{waiting}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="submit_draft",
        change=change,
    )


def case_propose_exemption(
    *,
    case_id: int,
    user,
    exemption_id: int,
    public_interest_test: str = "",
    expected_version: int | None = None,
) -> Case:
    def change(case):
        exemption = Exemption.objects.filter(pk=exemption_id).first()
        if exemption is None:
            raise ActionRefused("Choose an exemption from the library.")
        if case.exemptions.filter(exemption=exemption).exists():
            raise ActionRefused(f"{exemption.code} is already on this case.")
        AppliedExemption.objects.create(
            case=case,
            exemption=exemption,
            public_interest_test=public_interest_test,
            proposed_by=user,
            confirmed_by=user if access.is_ig_manager(user) else None,
        )
        return f"Exemption proposed: {exemption}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="propose_exemption",
        change=change,
    )


def case_hand_back(
    *, case_id: int, user, service_area_id: int, reason: str, expected_version: int | None = None
) -> Case:
    """A service area returns its part to IG: wrong area, or IG must seek clarification."""
    _require_text(reason, "Say why you are handing the case back to IG.")

    def change(case):
        assignment = _assignment_for(case, user, service_area_id)
        assignment.state = Assignment.State.WITHDRAWN
        assignment.save()
        return f"{assignment.service_area} handed the case back to IG: {reason}"

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="hand_back",
        change=change,
    )


def case_record_councillor_told(
    *, case_id: int, user, told_on: dt.date, expected_version: int | None = None
) -> Case:
    def change(case):
        _not_future(told_on)
        case.councillor_told_on = told_on
        return f"The councillor was told of this request on {told_on:%d %B %Y}."

    return _apply(
        expected_version=expected_version,
        case_id=case_id,
        user=user,
        action="record_councillor_told",
        change=change,
    )
