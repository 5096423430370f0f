"""The request cases' reminders, alerts, escalations and weekly emails (see
workflow.escalations for the mechanism).

Every query selects by state and by the dates stored on the case, so a sweep that missed runs
catches up with whatever is still true, and every window key says when a second escalation of
the same kind is a new one:

- internal-due reminder, per open assignment, when its internal date is within
  REMINDER_WORKING_DAYS_BEFORE_INTERNAL_DUE working days (or passed); window: that date.
- statutory alert (level 1), per case not yet sent for authorisation, when the statutory date is
  within IG_ALERT_WORKING_DAYS_BEFORE_DUE; window: the statutory date (an extension is a new one).
- director escalation (level 2), per case not yet authorised, when the statutory date is within
  DIRECTOR_ESCALATION_WORKING_DAYS_BEFORE_DUE; window: the statutory date.
- overdue escalation (level 3), per open case past its statutory date; window: the day.
- acknowledgement overdue, per open case not acknowledged by its acknowledge-by date; window:
  that date.
- authorisation waiting, per case with the director more than AUTHORISATION_WAIT_WORKING_DAYS;
  window: the sending for authorisation (returned and sent again is a new wait).
- SIRO overdue summary, director's sensitive digest, manager's compliance email: per person;
  window: the ISO week.
"""

import logging
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from deadlines import rules
from deadlines.services import current_calendar
from organisation import access
from organisation.models import Role, ServiceArea, User
from requests_app.access import cases_visible_to
from requests_app.clock import CLOCK_STOPPED
from requests_app.models import Assignment, Case, Event, Regime, Status
from requests_app.transitions import OPEN
from workflow import notifications
from workflow.escalations import Due, Sweep, day_key, register, week_key, week_start

logger = logging.getLogger(__name__)

WITH_SERVICE_AREAS = frozenset({Status.ASSIGNED, Status.IN_PROGRESS})
# Until it goes to the director, the IG officer can still get the answer out.
BEFORE_AUTHORISATION = frozenset(
    {Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.DRAFT_READY}
)
# Once the director has authorised, only IG can still act, so the director is not told.
UNTIL_AUTHORISED = BEFORE_AUTHORISATION | {Status.AWAITING_AUTHORISATION}
CLOCK_RUNNING = OPEN - CLOCK_STOPPED

STATUTORY = "statutory_due"
LEVEL_IG, LEVEL_DIRECTOR, LEVEL_OVERDUE = 1, 2, 3


# --- words ------------------------------------------------------------------------------------


def case_label(case: Case) -> str:
    """How a case is named in notifications. Data-protection requests are named by reference
    and regime only: their titles often name the person, and emails travel further than the
    case system."""
    if case.regime in Regime.data_protection():
        return f"{case.reference} ({case.get_regime_display()} request)"
    return f"{case.reference}: {case.title}"


def day_label(day: date | None) -> str:
    return f"{day:%A} {day.day} {day:%B %Y}" if day else "not set"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def when(due: date, today: date) -> str:
    """A short phrase for subjects and list rows: 'due today', 'due in 3 working days',
    'overdue by 2 working days'."""
    if due == today:
        return "due today"
    calendar = current_calendar()
    if due > today:
        ahead = rules.working_days_between(today, due, calendar=calendar)
        return f"due in {_plural(ahead, 'working day')}"
    late = rules.working_days_between(due, today, calendar=calendar)
    return f"overdue by {_plural(late, 'working day')}" if late > 0 else "overdue"


def due_sentence(what: str, due: date, today: date) -> str:
    """One sentence about `what` and its date, naming the date once: 'The answer … is due in 3
    working days, on Monday 2 March 2026.' / '… was due on Monday 2 March 2026 and is 1 working
    day overdue.'"""
    if due == today:
        return f"{what} is due today, {day_label(due)}."
    if due > today:
        return f"{what} is {when(due, today)}, on {day_label(due)}."
    late = rules.working_days_between(due, today, calendar=current_calendar())
    overdue = f"{_plural(late, 'working day')} overdue" if late > 0 else "overdue"
    return f"{what} was due on {day_label(due)} and is {overdue}."


def case_url(case: Case) -> str:
    return reverse("requests:case", args=[case.pk])


def case_facts(case: Case) -> list[tuple[str, str]]:
    areas = [a.service_area.name for a in _active_assignments(case)]
    return [
        ("Case", case_label(case)),
        ("Regime", case.get_regime_display()),
        ("Status", case.get_status_display()),
        ("Statutory date", day_label(case.statutory_due)),
        ("Internal target", day_label(case.internal_due)),
        ("Service areas", ", ".join(areas) or "none yet"),
    ]


def _case_context(case: Case, headline: str, action: str) -> dict:
    return {
        "headline": headline,
        "action": action,
        "case": case,
        "case_label": case_label(case),
        "case_url": notifications.absolute_url(case_url(case)),
        "facts": case_facts(case),
    }


def _case_due(case: Case, *, headline: str, action: str, **due) -> Due:
    """A Due about a case, linking to it (so only people who may see the case are told)."""
    return Due(
        target=case,
        template="case",
        context=_case_context(case, headline, action),
        link_url=case_url(case),
        link_object=case,
        **due,
    )


# --- who is told ------------------------------------------------------------------------------


def _active_assignments(case: Case) -> list[Assignment]:
    return [a for a in case.assignments.all() if a.is_active]


def _staff(role: str):
    return User.objects.filter(is_active=True, role=role).order_by("pk")


def ig_managers(why: str):
    return lambda: [(user, why) for user in _staff(Role.IG_MANAGER)]


def ig_officers(case: Case):
    """Who in IG is alerted about a case (ESCALATION_IG_RECIPIENTS): its IG owner ("owner",
    the default), else the IG officer who logged it ("creator", and the owner's fallback),
    else every IG officer ("all", or when neither is a current IG officer); the IG managers
    when there is no IG officer at all."""

    def current_ig(user) -> bool:
        return user is not None and user.is_active and access.is_ig(user)

    def recipients():
        choice = settings.ESCALATION_IG_RECIPIENTS
        if choice == "owner" and current_ig(case.owner):
            return [(case.owner, "You own this request in IG.")]
        if choice in ("owner", "creator") and current_ig(case.created_by):
            return [(case.created_by, "You logged this request.")]
        why = (
            "You are an IG officer: these alerts go to every IG officer."
            if choice == "all"
            else "You are an IG officer, and no current IG officer owns or logged this request."
        )
        officers = [(u, why) for u in _staff(Role.IG_OFFICER)]
        return officers or ig_managers("You are an IG manager and there is no IG officer.")()

    return recipients


def area_officers(area: ServiceArea):
    why = f"You are an officer of {area.name}, which owes IG its part of the answer."
    return lambda: [(u, why) for u in _staff(Role.SERVICE_OFFICER).filter(service_areas=area)]


def directors(case: Case):
    """The directors of the directorates whose service areas work on the case; the IG managers
    when there is none (the case has not gone to a service area, or the post is empty)."""

    def recipients():
        found = []
        for assignment in _active_assignments(case):
            directorate = assignment.service_area.directorate
            for user in _staff(Role.DIRECTOR).filter(directorate=directorate):
                found.append(
                    (
                        user,
                        f"You are the director for {directorate.name}; "
                        f"{assignment.service_area.name} works on this request.",
                    )
                )
        why = "You are an IG manager and there is no director to tell about this request."
        return found or ig_managers(why)()

    return recipients


def _cases():
    # Every per-case rule reads the owner, the creator and the assignments with their
    # directorates.
    return Case.objects.select_related("created_by", "owner").prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related("service_area__directorate").order_by(
                "service_area__name"
            ),
        )
    )


# --- 1. assignees before their internal date ---------------------------------------------------


def internal_due_query(today: date):
    horizon = rules.add_working_days(today, settings.REMINDER_WORKING_DAYS_BEFORE_INTERNAL_DUE)
    return (
        Assignment.objects.filter(
            state=Assignment.State.OPEN,
            case__status__in=WITH_SERVICE_AREAS,
            internal_due__lte=horizon,
        )
        .select_related("service_area__directorate")
        .prefetch_related(
            Prefetch("case", queryset=_cases()),
        )
        .order_by("internal_due", "pk")
    )


def internal_due_rule(assignment: Assignment, today: date) -> Due:
    case, area = assignment.case, assignment.service_area
    passed = assignment.internal_due < today
    return Due(
        target=assignment,
        kind="internal_due_reminder",
        level=1,
        window_key=day_key(assignment.internal_due),
        reason=due_sentence(
            f"The answer from {area.name} to IG on {case.reference}", assignment.internal_due, today
        ),
        subject=f"Overdue: {case_label(case)} – the answer from {area.name} was due to IG on "
        f"{day_label(assignment.internal_due)}"
        if passed
        else f"Reminder: {case_label(case)} – the answer from {area.name} is due to IG by "
        f"{day_label(assignment.internal_due)}",
        template="case",
        context=_case_context(
            case,
            headline=due_sentence(
                f"The answer from {area.name} to IG on this request", assignment.internal_due, today
            ),
            action="Submit your draft to IG in the case system, or hand the case back to IG if "
            "it is not for your service area.",
        ),
        recipients=area_officers(area),
        link_url=case_url(case),
        link_object=case,
    )


INTERNAL_DUE_REMINDERS = register(
    Sweep("requests.internal_due_reminders", internal_due_query, internal_due_rule)
)


# --- 2. the IG officer when the statutory date nears -------------------------------------------


def ig_alert_query(today: date):
    horizon = rules.add_working_days(today, settings.IG_ALERT_WORKING_DAYS_BEFORE_DUE)
    return (
        _cases()
        .filter(status__in=BEFORE_AUTHORISATION, statutory_due__lte=horizon)
        .order_by("statutory_due", "pk")
    )


def ig_alert_rule(case: Case, today: date) -> Due:
    timing = when(case.statutory_due, today)
    return _case_due(
        case,
        kind=STATUTORY,
        level=LEVEL_IG,
        window_key=day_key(case.statutory_due),
        reason=due_sentence(f"The response to {case.reference}", case.statutory_due, today)
        + " It has not yet gone for authorisation.",
        subject=f"{capfirst(timing)}: {case_label(case)}",
        headline=due_sentence("The response to this request", case.statutory_due, today)
        + " It has not yet gone for authorisation.",
        action="Check where the answer has got to and chase the service areas if needed.",
        recipients=ig_officers(case),
    )


IG_ALERTS = register(Sweep("requests.statutory_due_ig_alerts", ig_alert_query, ig_alert_rule))


# --- 3. the director when the date is about to be missed ----------------------------------------


def director_query(today: date):
    horizon = rules.add_working_days(today, settings.DIRECTOR_ESCALATION_WORKING_DAYS_BEFORE_DUE)
    return (
        _cases()
        .filter(status__in=UNTIL_AUTHORISED, statutory_due__lte=horizon)
        .order_by("statutory_due", "pk")
    )


def director_rule(case: Case, today: date) -> Due:
    timing = when(case.statutory_due, today)
    waiting = case.status == Status.AWAITING_AUTHORISATION
    return _case_due(
        case,
        kind=STATUTORY,
        level=LEVEL_DIRECTOR,
        window_key=day_key(case.statutory_due),
        reason=due_sentence(f"The response to {case.reference}", case.statutory_due, today),
        subject=f"Escalation – {timing}: {case_label(case)}",
        headline=due_sentence("The response to this request", case.statutory_due, today),
        action="It is waiting for your authorisation: approve it or return it with comments."
        if waiting
        else "Please make sure your service area gets its answer to IG now.",
        recipients=directors(case),
    )


DIRECTOR_ESCALATIONS = register(
    Sweep("requests.statutory_due_director_escalations", director_query, director_rule)
)


# --- 4. the IG manager, every day a case is overdue ----------------------------------------------


def overdue_query(today: date):
    return (
        _cases()
        .filter(status__in=CLOCK_RUNNING, statutory_due__lt=today)
        .order_by("statutory_due", "pk")
    )


def overdue_rule(case: Case, today: date) -> Due:
    timing = when(case.statutory_due, today)
    return _case_due(
        case,
        kind=STATUTORY,
        level=LEVEL_OVERDUE,
        # Daily: today's escalation is what matters, so a day the worker missed is not made up
        # for with a second email, but nothing still overdue is skipped.
        window_key=day_key(today),
        reason=due_sentence(f"The response to {case.reference}", case.statutory_due, today),
        subject=f"{capfirst(timing)}: {case_label(case)}",
        headline=due_sentence("The response to this request", case.statutory_due, today)
        + " It has not been sent.",
        action="Decide what will get the response out, and record any reason for the delay.",
        recipients=ig_managers("You are an IG manager: overdue requests are escalated to you."),
    )


OVERDUE_ESCALATIONS = register(Sweep("requests.overdue_escalations", overdue_query, overdue_rule))


# --- 5. acknowledgements not sent in time -------------------------------------------------------


def acknowledgement_query(today: date):
    return (
        _cases()
        .filter(status__in=OPEN, acknowledged_at__isnull=True, acknowledge_by__lt=today)
        .exclude(regime=Regime.NOT_VALID)
        .order_by("acknowledge_by", "pk")
    )


def acknowledgement_rule(case: Case, today: date) -> Due:
    days = settings.ACKNOWLEDGEMENT_WORKING_DAYS
    return _case_due(
        case,
        kind="acknowledgement_overdue",
        level=1,
        window_key=day_key(case.acknowledge_by),
        reason=f"{case.reference} was not acknowledged within {_plural(days, 'working day')} "
        f"(by {day_label(case.acknowledge_by)}).",
        subject=f"Not acknowledged in time: {case_label(case)}",
        headline=f"This request should have been acknowledged by {day_label(case.acknowledge_by)} "
        f"({_plural(days, 'working day')} after it arrived) and has not been.",
        action="Classify the request if needed and send the acknowledgement.",
        recipients=ig_officers(case),
    )


ACKNOWLEDGEMENT_ALERTS = register(
    Sweep("requests.acknowledgement_alerts", acknowledgement_query, acknowledgement_rule)
)


# --- 6. authorisations waiting too long -----------------------------------------------------------


def authorisation_query(today: date):
    sent = Event.objects.filter(case=OuterRef("pk"), kind="send_for_authorisation").order_by(
        "-at", "-pk"
    )
    return (
        _cases()
        .filter(status=Status.AWAITING_AUTHORISATION)
        .annotate(
            sent_event_id=Subquery(sent.values("pk")[:1]),
            sent_at=Subquery(sent.values("at")[:1]),
        )
        .filter(sent_at__isnull=False)
        .order_by("sent_at", "pk")
    )


def authorisation_rule(case: Case, today: date) -> Due | None:
    sent_on = timezone.localdate(case.sent_at)
    limit = settings.AUTHORISATION_WAIT_WORKING_DAYS
    waited = rules.working_days_between(sent_on, today, calendar=current_calendar())
    if waited <= limit:
        return None
    return _case_due(
        case,
        kind="authorisation_waiting",
        level=1,
        # Each sending for authorisation is a new wait: returned and sent again, it counts anew.
        window_key=f"sent-{case.sent_event_id}",
        reason=f"{case.reference} has waited {_plural(waited, 'working day')} for authorisation "
        f"(more than {limit}).",
        subject=f"Waiting for authorisation for {_plural(waited, 'working day')}: "
        f"{case_label(case)}",
        headline=f"This response was sent for authorisation on {day_label(sent_on)} and has waited "
        f"{_plural(waited, 'working day')}. The statutory date is {day_label(case.statutory_due)}.",
        action="Approve the release, or return it to IG with your comments.",
        recipients=directors(case),
    )


AUTHORISATION_ALERTS = register(
    Sweep("requests.authorisation_alerts", authorisation_query, authorisation_rule)
)


# --- weekly emails: one per person per ISO week -------------------------------------------------
# Scheduled every working morning: the first run of the week sends, later runs find it sent,
# and a Monday the worker missed is made up on Tuesday.


def _case_rows(cases, today: date, note=None) -> list[dict]:
    return [
        {
            "label": case_label(case),
            "url": notifications.absolute_url(case_url(case)),
            "status": case.get_status_display(),
            "due": day_label(case.statutory_due),
            "when": when(case.statutory_due, today) if case.statutory_due else "clock stopped",
            "note": note(case) if note else "",
        }
        for case in cases
    ]


def weekly_due(user: User, today: date, **due) -> Due:
    return Due(target=user, level=1, window_key=week_key(today), **due)


def staff_query(role: str):
    return lambda today: _staff(role)


def siro_summary_rule(user: User, today: date) -> Due:
    overdue = Q(status__in=CLOCK_RUNNING, statutory_due__lt=today)
    cases = list(cases_visible_to(user, Case.objects.filter(overdue)).order_by("statutory_due"))
    # Data-protection cases are not the SIRO's to see; they are counted, not listed.
    hidden = Case.objects.filter(overdue).count() - len(cases)
    return weekly_due(
        user,
        today,
        kind="overdue_summary",
        reason=f"Weekly summary of overdue requests, week of {day_label(week_start(today))}.",
        subject=f"Overdue requests this week: {len(cases) + hidden}",
        template="case_list",
        context={
            "headline": f"{_plural(len(cases) + hidden, 'request')} "
            f"{'is' if len(cases) + hidden == 1 else 'are'} past the statutory date "
            f"on {day_label(today)}.",
            "rows": _case_rows(cases, today),
            "empty": "No request is overdue.",
            "footnote": f"{_plural(hidden, 'data-protection request')} also overdue; IG holds "
            "the details."
            if hidden
            else "",
        },
        recipients=lambda: [(user, "You are the SIRO: overdue requests are reported to you.")],
        link_url=reverse("reports:dashboard"),
    )


SIRO_SUMMARIES = register(
    Sweep("requests.siro_overdue_summaries", staff_query(Role.SIRO), siro_summary_rule)
)


def director_digest_query(today: date):
    return _staff(Role.DIRECTOR).filter(directorate__isnull=False).select_related("directorate")


def director_digest_rule(user: User, today: date) -> Due:
    start = week_start(today)
    new_since = timezone.make_aware(datetime.combine(start - timedelta(days=7), time.min))
    cases = list(
        cases_visible_to(user, Case.objects.filter(sensitive=True, status__in=OPEN)).order_by(
            "statutory_due", "reference"
        )
    )
    directorate = user.directorate.name
    return weekly_due(
        user,
        today,
        kind="sensitive_digest",
        reason=f"Weekly list of sensitive requests in {directorate}, week of {day_label(start)}.",
        subject=f"Sensitive requests in {directorate}: {len(cases)} open",
        template="case_list",
        context={
            "headline": f"Open requests flagged as sensitive that {directorate}'s service areas "
            f"are working on, on {day_label(today)}.",
            "rows": _case_rows(
                cases, today, lambda case: "new this week" if case.received_at >= new_since else ""
            ),
            "empty": "There are no open sensitive requests in your directorate.",
            "footnote": "",
        },
        recipients=lambda: [
            (
                user,
                f"You are the director for {directorate}: sensitive requests are listed to "
                "you each week.",
            )
        ],
        link_url=reverse("requests:authorisations"),
    )


DIRECTOR_DIGESTS = register(
    Sweep("requests.director_sensitive_digests", director_digest_query, director_digest_rule)
)
