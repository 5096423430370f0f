"""Breach alerts (see workflow.escalations for the mechanism). They run around the clock:
the 72 hours count nights, weekends and bank holidays.

- ICO clock alert, per breach whose 72-hour clock still matters (no decision yet, or decided
  to report and not yet reported): level 1, 2, 3... as fewer hours than each of
  BREACH_ALERT_HOURS_LEFT are left, and one level more once the 72 hours have run out. Told: the
  DPO (IG managers) and the SIRO. Window: the due time, so a changed moment of awareness starts
  a new set of alerts.
- Overdue action, per action not done after its due date, on a breach not closed. Told: its
  owner. Window: the due date (a new date would be a new window).

Every query selects by the stored due time and state, so a sweep that missed runs catches up
with whatever is still true, and an alert that is no longer relevant (the report was made)
simply no longer matches. Only the most urgent level that applies now is sent: after a day's
downtime, the DPO is told "6 hours left", not "48 hours left" too.
"""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from breaches.models import Breach, BreachAction, Status
from breaches.notices import breach_facts, team
from breaches.selectors import CLOCK_PENDING
from deadlines import breach_clock
from organisation.models import Role
from workflow import notifications
from workflow.escalations import Due, Sweep, register

ICO_CLOCK = "breach_ico_clock"
ACTION_OVERDUE = "breach_action_overdue"


def _dpo_and_siro():
    return [
        *[(u, "You are the Data Protection Officer.") for u in team(Role.IG_MANAGER)],
        *[(u, "You are the Senior Information Risk Owner.") for u in team(Role.SIRO)],
    ]


def ico_clock_query(today: date):
    first = max(settings.BREACH_ALERT_HOURS_LEFT)
    horizon = timezone.now() + timedelta(hours=first)
    return (
        Breach.objects.filter(CLOCK_PENDING, ico_due__lte=horizon)
        .select_related("service_area")
        .order_by("ico_due", "pk")
    )


def ico_clock_rule(breach: Breach, today: date) -> Due | None:
    now = timezone.now()
    level = breach_clock.alert_level(breach.ico_due, now, settings.BREACH_ALERT_HOURS_LEFT)
    if level is None:
        return None
    left = breach_clock.countdown(breach.ico_due, now)
    overdue = breach_clock.time_left(breach.ico_due, now).total_seconds() <= 0
    if overdue:
        subject = f"Breach {breach.reference}: the 72 hours to report it to the ICO have run out"
        action = (
            "Report it now if it must be reported, with the reasons for the delay, or record "
            "the decision not to report it and why."
        )
    else:
        subject = f"Breach {breach.reference}: {left} to report it to the ICO"
        action = (
            "Decide whether it must be reported to the ICO and, if so, report it before the "
            "72 hours run out."
        )
    url = reverse("breaches:detail", args=[breach.pk])
    return Due(
        target=breach,
        kind=ICO_CLOCK,
        level=level,
        window_key=breach.ico_due.isoformat(),
        reason=f"ICO clock: {left}.",
        subject=subject,
        template="record",
        context={
            "headline": subject + ".",
            "facts": breach_facts(breach),
            "action": action,
            "record_url": notifications.absolute_url(url),
            "reference": breach.reference,
        },
        recipients=_dpo_and_siro,
        link_url=url,
        link_object=breach,
    )


ICO_CLOCK_ALERTS = register(Sweep("breaches.ico_clock_alerts", ico_clock_query, ico_clock_rule))


def action_overdue_query(today: date):
    return (
        BreachAction.objects.filter(done_at__isnull=True, due_on__lt=today)
        .exclude(breach__status=Status.CLOSED)
        .select_related("breach", "owner")
        .order_by("due_on", "pk")
    )


def action_overdue_rule(action: BreachAction, today: date) -> Due | None:
    url = reverse("breaches:action", args=[action.pk])
    due_label = f"{action.due_on:%A} {action.due_on.day} {action.due_on:%B %Y}"
    return Due(
        target=action,
        kind=ACTION_OVERDUE,
        level=1,
        window_key=action.due_on.isoformat(),
        reason=f"Breach action overdue since {due_label}.",
        subject=f"Your action on breach {action.breach.reference} is overdue",
        template="record",
        context={
            "headline": f"Your action on breach {action.breach.reference} was due on {due_label}.",
            "facts": [("Breach", action.breach.reference), ("Due", due_label)],
            "action": "Do it, or tell the Data Protection Officer why it cannot be done, and "
            "record it done when it is.",
            "record_url": notifications.absolute_url(url),
            "reference": action.breach.reference,
        },
        recipients=lambda: [(action.owner, "You own this action.")],
        link_url=url,
        link_object=action,
    )


ACTIONS_OVERDUE = register(
    Sweep("breaches.overdue_actions", action_overdue_query, action_overdue_rule)
)
