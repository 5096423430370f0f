"""Every change to a breach. Reporting creates the record; every other change goes through
`workflow.engine.apply` and the table in breaches/transitions.py, so the services accept exactly
what the page offers. Keyword-only, named <thing>_<verb>."""

import datetime as dt
from collections.abc import Iterable

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from breaches import notices
from breaches.models import (
    Art34Exception,
    Breach,
    BreachAction,
    DataCategory,
    EventKind,
    IcoDecision,
    IcoUpdate,
    IndividualsDecision,
    ReferenceCounter,
    RiskLevel,
    Status,
)
from breaches.risk import risk_level
from deadlines import breach_clock
from deadlines.errors import DeadlineError
from organisation.history import acting_user
from workflow.engine import ActionRefused, Change, apply, record_event


def _text(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ActionRefused(message)
    return value


def _not_future(moment: dt.datetime | None, what: str) -> None:
    if moment and moment > timezone.now():
        raise ActionRefused(f"The {what} cannot be in the future.")


def _moment(moment: dt.datetime) -> str:
    local = timezone.localtime(moment)
    return f"{local:%H:%M} on {local:%A} {local.day} {local:%B %Y}"


def _next_reference(year: int) -> str:
    counter, _ = ReferenceCounter.objects.select_for_update().get_or_create(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"BR-{year}-{counter.last:04d}"


def _change(breach_id, user, action, change, expected_version):
    return apply(
        model=Breach,
        pk=breach_id,
        user=user,
        action=action,
        change=change,
        expected_version=expected_version,
    )


# --- reporting: any member of staff ------------------------------------------------------------


def breach_report(
    *,
    user,
    title: str,
    what_happened: str,
    discovered_at: dt.datetime,
    occurred_at: dt.datetime | None = None,
    service_area=None,
    data_involved: str = "",
    people_involved: str = "",
    containment_reported: str = "",
) -> Breach:
    """Record a suspected breach as reported, and tell the DPO and the SIRO at once."""
    title = _text(title, "Give the breach a short title.")
    what_happened = _text(what_happened, "Say what happened.")
    _not_future(discovered_at, "time it was discovered")
    _not_future(occurred_at, "time it happened")
    if occurred_at and occurred_at > discovered_at:
        raise ActionRefused("It cannot have been discovered before it happened.")
    now = timezone.now()
    with transaction.atomic(), acting_user(user):
        breach = Breach.objects.create(
            reference=_next_reference(timezone.localdate(now).year),
            reporter=user,
            reported_at=now,
            title=title,
            what_happened=what_happened,
            occurred_at=occurred_at,
            discovered_at=discovered_at,
            service_area=service_area,
            data_involved=data_involved.strip(),
            people_involved=people_involved.strip(),
            containment_reported=containment_reported.strip(),
        )
        record_event(breach, user, EventKind.REPORTED, f"Reported by {user}.")
        notices.reported(breach)
    return breach


def breach_edit_report(
    *,
    breach_id: int,
    user,
    title: str,
    what_happened: str,
    discovered_at: dt.datetime,
    occurred_at: dt.datetime | None = None,
    service_area=None,
    data_involved: str = "",
    people_involved: str = "",
    containment_reported: str = "",
    expected_version: int | None = None,
) -> Breach:
    title = _text(title, "Give the breach a short title.")
    what_happened = _text(what_happened, "Say what happened.")
    _not_future(discovered_at, "time it was discovered")
    _not_future(occurred_at, "time it happened")
    if occurred_at and occurred_at > discovered_at:
        raise ActionRefused("It cannot have been discovered before it happened.")

    def change(breach):
        breach.title, breach.what_happened = title, what_happened
        breach.discovered_at, breach.occurred_at = discovered_at, occurred_at
        breach.service_area = service_area
        breach.data_involved = data_involved.strip()
        breach.people_involved = people_involved.strip()
        breach.containment_reported = containment_reported.strip()
        return "The reporter corrected the report."

    return _change(breach_id, user, "edit_report", change, expected_version)


# --- the DPO's triage --------------------------------------------------------------------------

DETAIL_FIELDS = (
    "report_type",
    "is_cyber",
    "how_found",
    "data_categories",
    "people_affected",
    "records_affected",
    "cause",
    "consequences",
    "containment",
    "staff_involved",
    "staff_trained",
    "caldicott",
)


def _set_aware(breach: Breach, aware_at: dt.datetime) -> None:
    _not_future(aware_at, "moment of awareness")
    try:
        breach.ico_due = breach_clock.breach_due(aware_at).due
    except DeadlineError as error:
        raise ActionRefused(str(error)) from None
    breach.aware_at = aware_at


def _set_details(breach: Breach, details: dict) -> None:
    unknown = set(details) - set(DETAIL_FIELDS)
    if unknown:
        raise TypeError(f"not breach details: {sorted(unknown)}")
    categories = list(details.get("data_categories", breach.data_categories))
    if set(categories) - set(DataCategory.values):
        raise ActionRefused("Choose the categories of data from the list.")
    for name, value in details.items():
        setattr(breach, name, value.strip() if isinstance(value, str) else value)
    breach.data_categories = categories


def breach_triage(
    *,
    breach_id: int,
    user,
    aware_at: dt.datetime,
    expected_version: int | None = None,
    **details,
) -> Breach:
    """The DPO accepts the report: the moment the council became aware starts the 72 hours."""

    def change(breach):
        _set_aware(breach, aware_at)
        _set_details(breach, details)
        return (
            f"Triaged. The council became aware at {_moment(aware_at)}; the report to the ICO "
            f"is due by {_moment(breach.ico_due)}."
        )

    return _change(breach_id, user, "triage", change, expected_version)


def breach_update_details(
    *, breach_id: int, user, expected_version: int | None = None, **details
) -> Breach:
    def change(breach):
        _set_details(breach, details)
        return "Breach details updated."

    return _change(breach_id, user, "update_details", change, expected_version)


def breach_change_awareness(
    *,
    breach_id: int,
    user,
    aware_at: dt.datetime,
    reason: str,
    expected_version: int | None = None,
) -> Breach:
    reason = _text(reason, "Give the reason for changing the moment of awareness.")

    def change(breach):
        before = breach.aware_at
        if before == aware_at:
            raise ActionRefused("That is already the moment of awareness.")
        if breach.ico_reported_at and aware_at > breach.ico_reported_at:
            raise ActionRefused(
                "The council cannot have become aware after it reported the breach to the ICO."
            )
        _set_aware(breach, aware_at)
        return (
            f"Moment of awareness changed from {_moment(before)} to {_moment(aware_at)}: "
            f"{reason} The report to the ICO is now due by {_moment(breach.ico_due)}."
        )

    return _change(breach_id, user, "change_awareness", change, expected_version)


def breach_assess_risk(
    *,
    breach_id: int,
    user,
    likelihood: int,
    severity: int,
    reasoning: str,
    expected_version: int | None = None,
) -> Breach:
    reasoning = _text(reasoning, "Explain the risk assessment.")
    try:
        level = risk_level(likelihood, severity)
    except ValueError as error:
        raise ActionRefused(str(error)) from None

    def change(breach):
        breach.likelihood, breach.severity, breach.risk_level = likelihood, severity, level
        breach.risk_reasoning = reasoning
        breach.risk_assessed_by, breach.risk_assessed_at = user, timezone.now()
        label = RiskLevel(level).label.lower()
        return (
            f"Risk assessed: likelihood {likelihood} × severity {severity} = "
            f"{likelihood * severity}, {label}. {reasoning}"
        )

    return _change(breach_id, user, "assess_risk", change, expected_version)


# --- decisions on record ----------------------------------------------------------------------


def breach_decide_ico(
    *,
    breach_id: int,
    user,
    decision: str,
    reason: str,
    expected_version: int | None = None,
) -> Breach:
    """Report to the ICO or not, with the reason either way (Art 33(5))."""
    if decision not in (IcoDecision.REPORT, IcoDecision.NOT_REPORT):
        raise ActionRefused("Choose whether to report the breach to the ICO.")
    not_ = "not " if decision == IcoDecision.NOT_REPORT else ""
    reason = _text(reason, f"Give the reason for {not_}reporting the breach to the ICO.")

    def change(breach):
        if breach.ico_reported_at and decision == IcoDecision.NOT_REPORT:
            raise ActionRefused("The breach has already been reported to the ICO.")
        if decision == IcoDecision.NOT_REPORT and breach.risk_level != RiskLevel.NO_RISK:
            # Art 33(1): only a breach unlikely to result in a risk may go unreported. The DPO
            # reassesses the risk first if they disagree with the assessment on record.
            raise ActionRefused(
                "The risk assessment says the breach is likely to result in a risk, so it must "
                "be reported. Reassess the risk first if that is wrong."
            )
        breach.ico_decision, breach.ico_decision_reason = decision, reason
        breach.ico_decided_by, breach.ico_decided_at = user, timezone.now()
        return f"{IcoDecision(decision).label}: {reason}"

    return _change(breach_id, user, "decide_ico", change, expected_version)


def breach_record_ico_report(
    *,
    breach_id: int,
    user,
    ico_reference: str,
    reported_at: dt.datetime,
    delay_reason: str = "",
    expected_version: int | None = None,
) -> Breach:
    ico_reference = _text(ico_reference, "Enter the ICO's reference.")
    _not_future(reported_at, "time reported")

    def change(breach):
        try:
            timing = breach_clock.report_timing(breach.aware_at, reported_at)
        except DeadlineError as error:
            raise ActionRefused(str(error)) from None
        if not timing.in_time and not delay_reason.strip():
            raise ActionRefused(
                "The report was made after the 72 hours: give the reasons for the delay, as the "
                "report to the ICO must (Art 33(1))."
            )
        breach.ico_reference, breach.ico_reported_at = ico_reference, reported_at
        breach.ico_delay_reason = delay_reason.strip()
        return (
            f"Reported to the ICO at {_moment(reported_at)}, reference {ico_reference}: "
            f"{timing.lines[-2].lower().rstrip('.')}. {timing.lines[-1]}"
        )

    return _change(breach_id, user, "record_ico_report", change, expected_version)


def breach_record_ico_update(
    *,
    breach_id: int,
    user,
    sent_at: dt.datetime,
    summary: str,
    expected_version: int | None = None,
) -> Breach:
    summary = _text(summary, "Say what the follow-up told the ICO.")
    _not_future(sent_at, "time sent")

    def change(breach):
        if sent_at < breach.ico_reported_at:
            raise ActionRefused("A follow-up cannot be sent before the initial report.")
        IcoUpdate.objects.create(breach=breach, sent_at=sent_at, summary=summary, recorded_by=user)
        return f"Follow-up sent to the ICO at {_moment(sent_at)}: {summary}"

    return _change(breach_id, user, "record_ico_update", change, expected_version)


def breach_decide_individuals(
    *,
    breach_id: int,
    user,
    decision: str,
    reason: str,
    told_on: dt.date | None = None,
    method: str = "",
    exception: str = "",
    letter: str = "",
    expected_version: int | None = None,
) -> Breach:
    """Tell the people affected (Art 34) or not, with the reason and, when telling them, when
    and how; when the risk is high, not telling them needs an Art 34(3) exception."""
    if decision not in IndividualsDecision.values or decision == IndividualsDecision.NONE:
        raise ActionRefused("Choose whether to tell the people affected.")
    reason = _text(reason, "Give the reason for the decision.")
    method = (method or "").strip()
    if decision == IndividualsDecision.TELL and not (told_on and method):
        raise ActionRefused("Say when and how the people affected were told.")
    if decision == IndividualsDecision.TELL and not letter.strip():
        raise ActionRefused("Record the letter or notice the people affected were sent.")
    if told_on and told_on > timezone.localdate():
        raise ActionRefused("The date they were told cannot be in the future.")
    if decision == IndividualsDecision.EXCEPTION and exception not in (
        Art34Exception.UNINTELLIGIBLE,
        Art34Exception.MEASURES,
        Art34Exception.DISPROPORTIONATE,
    ):
        raise ActionRefused("Choose which Art 34(3) exception applies.")

    def change(breach):
        if decision == IndividualsDecision.NOT_REQUIRED and breach.risk_level == RiskLevel.HIGH:
            raise ActionRefused(
                "The breach is assessed as high risk: tell the people affected, or record the "
                "Art 34(3) exception that applies."
            )
        breach.individuals_decision, breach.individuals_reason = decision, reason
        telling = decision == IndividualsDecision.TELL
        breach.individuals_told_on = told_on if telling else None
        breach.individuals_method = method if telling else ""
        breach.individuals_letter = letter.strip() if telling else ""
        breach.individuals_exception = (
            exception if decision == IndividualsDecision.EXCEPTION else ""
        )
        breach.individuals_decided_by, breach.individuals_decided_at = user, timezone.now()
        message = f"{IndividualsDecision(decision).label}: {reason}"
        if telling:
            message += f" Told on {told_on:%d %B %Y} by {method}."
        if breach.individuals_exception:
            message += f" Exception: {Art34Exception(exception).label}."
        return message

    return _change(breach_id, user, "decide_individuals", change, expected_version)


# --- actions, lessons, sign-off ---------------------------------------------------------------


def breach_add_action(
    *,
    breach_id: int,
    user,
    description: str,
    owner,
    due_on: dt.date,
    expected_version: int | None = None,
) -> Breach:
    description = _text(description, "Describe the action.")
    if not (owner and owner.is_active):
        raise ActionRefused("Choose an active member of staff to own the action.")

    def change(breach):
        action = BreachAction.objects.create(
            breach=breach, description=description, owner=owner, due_on=due_on, created_by=user
        )
        return Change(
            f"Action for {owner}, due {due_on:%d %B %Y}: {description}",
            after_commit=[lambda: notices.action_assigned(action.pk)],
        )

    return _change(breach_id, user, "add_action", change, expected_version)


def breach_action_complete(*, action_id: int, user, note: str = "") -> BreachAction:
    """The owner (or the DPO) records an action done; the breach's timeline says so."""
    from organisation import access

    with transaction.atomic(), acting_user(user):
        action = (
            BreachAction.objects.select_for_update(of=("self",))
            .select_related("breach")
            .filter(pk=action_id)
            .first()
        )
        if action is None:
            raise ActionRefused("That action no longer exists.")
        if not access.can(user, "complete", action):
            raise ActionRefused("Only the action's owner or the DPO can record it done.")
        if action.is_done:
            raise ActionRefused("The action is already done.")
        if action.breach.status == Status.CLOSED:
            raise ActionRefused("The breach is closed.")
        action.done_at, action.done_note = timezone.now(), note.strip()
        action.save(update_fields=["done_at", "done_note"])
        record_event(
            action.breach,
            user,
            EventKind.ACTION_DONE,
            f"Action done by {user}: {action.description}"
            + (f" ({action.done_note})" if action.done_note else ""),
        )
    return action


def breach_record_lessons(
    *, breach_id: int, user, lessons_learned: str, expected_version: int | None = None
) -> Breach:
    lessons_learned = _text(lessons_learned, "Write down the lessons learned.")

    def change(breach):
        breach.lessons_learned = lessons_learned
        return f"Lessons learned: {lessons_learned}"

    return _change(breach_id, user, "record_lessons", change, expected_version)


def breach_submit_for_sign_off(
    *, breach_id: int, user, expected_version: int | None = None
) -> Breach:
    def change(breach):
        return Change(
            "Sent to the SIRO for sign-off.",
            after_commit=[lambda: notices.sign_off_requested(breach.pk)],
        )

    return _change(breach_id, user, "submit_for_sign_off", change, expected_version)


def breach_return_to_dpo(
    *, breach_id: int, user, comments: str, expected_version: int | None = None
) -> Breach:
    comments = _text(comments, "Say what the DPO needs to do before you can sign off.")

    def change(breach):
        return f"Returned to the DPO: {comments}"

    return _change(breach_id, user, "return_to_dpo", change, expected_version)


def breach_sign_off(
    *, breach_id: int, user, comments: str = "", expected_version: int | None = None
) -> Breach:
    def change(breach):
        breach.signed_off_by, breach.signed_off_at = user, timezone.now()
        breach.sign_off_comments = comments.strip()
        return "Signed off by the SIRO and closed." + (f" {comments.strip()}" if comments else "")

    return _change(breach_id, user, "sign_off", change, expected_version)


def detail_url(breach: Breach) -> str:
    return reverse("breaches:detail", args=[breach.pk])


def categories_label(values: Iterable[str]) -> str:
    labels = dict(DataCategory.choices)
    return ", ".join(labels.get(v, v) for v in values) or "none recorded"
