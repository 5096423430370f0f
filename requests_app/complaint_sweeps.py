"""Reminders and escalations for data-protection complaints (see workflow.escalations for the
mechanism). Told: the complaint's owner in IG, or every IG officer when it has none (the IG
managers when there is no officer); an overdue one also goes to the IG managers (the DPO).
Only IG may see a complaint, so only IG is ever told (the link object is the complaint).

- acknowledgement, per complaint neither acknowledged nor answered: level 1 when its statutory
  acknowledgement date is within IG_ALERT_WORKING_DAYS_BEFORE_DUE working days, level 2 once
  it has passed. Window: that date (a date moved by the calendar is a new one).
- outcome overdue, per open complaint with no outcome after the council's target
  (COMPLAINT_OUTCOME_TARGET_DAYS after receipt, from deadlines/). Window: the target date.

Only the most urgent level that applies now is sent, and each once per window.
"""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from deadlines import rules
from deadlines.complaints import dp_complaint_outcome_target
from deadlines.services import current_calendar
from organisation import access
from organisation.models import Role, User
from requests_app.complaint_models import Complaint, ComplaintStatus
from requests_app.complaint_workflow import OPEN
from workflow import notifications
from workflow.escalations import Due, Sweep, day_key, register

ACKNOWLEDGEMENT = "complaint_acknowledgement"
OUTCOME_OVERDUE = "complaint_outcome_overdue"
LEVEL_DUE_SOON, LEVEL_OVERDUE = 1, 2


def _day(day: date) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}"


def _staff(role: str):
    return User.objects.filter(is_active=True, role=role).order_by("pk")


def ig_handlers(complaint: Complaint, *, dpo_too: bool = False):
    def recipients():
        owner = complaint.owner
        if owner is not None and owner.is_active and access.is_ig(owner):
            found = [(owner, "You own this complaint in IG.")]
        else:
            found = [
                (u, "You are an IG officer and this complaint has no owner.")
                for u in _staff(Role.IG_OFFICER)
            ]
        if dpo_too or not found:
            found += [
                (u, "You are the Data Protection Officer (IG manager).")
                for u in _staff(Role.IG_MANAGER)
            ]
        return found

    return recipients


def _due(complaint: Complaint, *, kind, level, window, reason, subject, headline, action, dpo):
    url = reverse("requests:complaint", args=[complaint.pk])
    facts = [
        ("Complaint", complaint.reference),
        ("Received", _day(timezone.localdate(complaint.received_at))),
        ("Status", complaint.get_status_display()),
        (
            "Acknowledge by",
            _day(complaint.acknowledge_by) if complaint.acknowledge_by else "no statutory date",
        ),
    ]
    return Due(
        target=complaint,
        kind=kind,
        level=level,
        window_key=window,
        reason=reason,
        # The complainant's name stays in the case system: emails travel further.
        subject=subject,
        template="record",
        context={
            "headline": headline,
            "facts": facts,
            "action": action,
            "record_url": notifications.absolute_url(url),
            "reference": complaint.reference,
        },
        recipients=ig_handlers(complaint, dpo_too=dpo),
        link_url=url,
        link_object=complaint,
    )


# --- acknowledgement due soon / overdue --------------------------------------------------------


def acknowledgement_query(today: date):
    # Working days of the council's own nation, as the acknowledgement date itself is counted.
    horizon = rules.add_working_days(
        today,
        settings.IG_ALERT_WORKING_DAYS_BEFORE_DUE,
        nation=settings.COUNCIL_NATION,
        calendar=current_calendar(),
    )
    return (
        Complaint.objects.filter(
            status=ComplaintStatus.RECEIVED,
            acknowledged_at__isnull=True,
            outcome_sent_at__isnull=True,
            acknowledge_by__isnull=False,
            acknowledge_by__lte=horizon,
        )
        .select_related("owner")
        .order_by("acknowledge_by", "pk")
    )


def acknowledgement_rule(complaint: Complaint, today: date) -> Due:
    by = _day(complaint.acknowledge_by)
    if complaint.acknowledge_by < today:
        return _due(
            complaint,
            kind=ACKNOWLEDGEMENT,
            level=LEVEL_OVERDUE,
            window=day_key(complaint.acknowledge_by),
            reason=f"{complaint.reference} was not acknowledged by {by} (DPA 2018 s164A).",
            subject=f"Complaint {complaint.reference} not acknowledged in time",
            headline=f"This complaint should have been acknowledged by {by} (30 days after it "
            "arrived) and has not been.",
            action="Send the acknowledgement now, or the outcome if the investigation is done.",
            dpo=True,
        )
    return _due(
        complaint,
        kind=ACKNOWLEDGEMENT,
        level=LEVEL_DUE_SOON,
        window=day_key(complaint.acknowledge_by),
        reason=f"{complaint.reference} must be acknowledged by {by}.",
        subject=f"Complaint {complaint.reference}: acknowledge by {by}",
        headline=f"This complaint must be acknowledged by {by} (DPA 2018 s164A).",
        action="Send the acknowledgement (not needed if the outcome goes out by then).",
        dpo=False,
    )


ACKNOWLEDGEMENT_ALERTS = register(
    Sweep("requests.complaint_acknowledgement_alerts", acknowledgement_query, acknowledgement_rule)
)


# --- outcome overdue ---------------------------------------------------------------------------


def outcome_target(complaint: Complaint) -> date:
    return dp_complaint_outcome_target(
        complaint.received_at,
        days=settings.COMPLAINT_OUTCOME_TARGET_DAYS,
        nation=settings.COUNCIL_NATION,
    ).due


def outcome_query(today: date):
    # The target is never earlier than receipt + the days (it only moves later, to a working
    # day): older complaints are the candidates, and the rule dates each one exactly.
    latest = today - timedelta(days=settings.COMPLAINT_OUTCOME_TARGET_DAYS)
    return (
        Complaint.objects.filter(
            status__in=OPEN, outcome_sent_at__isnull=True, received_at__date__lt=latest
        )
        .select_related("owner")
        .order_by("received_at", "pk")
    )


def outcome_rule(complaint: Complaint, today: date) -> Due | None:
    target = outcome_target(complaint)
    if today <= target:
        return None
    days = settings.COMPLAINT_OUTCOME_TARGET_DAYS
    return _due(
        complaint,
        kind=OUTCOME_OVERDUE,
        level=1,
        window=day_key(target),
        reason=f"{complaint.reference} has had no outcome by {_day(target)}, the council's "
        f"{days}-day target.",
        subject=f"Complaint {complaint.reference}: outcome overdue",
        headline=f"The outcome of this complaint was due by {_day(target)} (the council's "
        f"target of {days} days) and has not been sent.",
        action="Send the outcome, or a progress update saying when it will come.",
        dpo=True,
    )


OUTCOME_ALERTS = register(Sweep("requests.complaint_outcome_alerts", outcome_query, outcome_rule))
