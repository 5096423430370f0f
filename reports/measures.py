"""Every figure the reports show, each defined once as a label and a Q over Case.

A measure is a base (requests, internal reviews, ...) and a condition; `measure.q` is both.
Its drill-down lists `Case.objects.filter(scope).filter(measure.q & dimension.q)`, and the
dashboard counts `Count("pk", filter=measure.condition)` over rows already limited to the base
(filtered on it, or grouped by regime and "is a review", which decides it) — the same number as
`Count("pk", filter=measure.q)`, without PostgreSQL re-checking the base in every FILTER. So a
number and the list behind it are the same Q objects and cannot drift apart (tests follow every
link on the pages and compare). Breakdowns (a regime group, a directorate, a service area, an
exemption, the area that missed its internal date) are dimensions: Qs ANDed on both sides.

Definitions (shown on the pages too):

- Requests are FOI, EIR and data-protection-rights cases that are not internal reviews. Cases
  not yet classified, and requests found not to be valid, are not in the compliance figures.
- A request is *in a period* (the dashboard's cohort) when it was being handled in it: answered
  in the period, or still open at its end ("as at" the period's last day, or today while the
  period runs). Requests withdrawn or lapsed are not counted as in time or late.
- Answered in time: the response was sent (its date in Europe/London) on or before the stored
  statutory date, which already includes a lawful extension, the fee pause and a clarification
  restart (deadlines/ computes it). Answered late: after it.
- Open in time: not answered at the as-at date and the statutory date is that day or later.
  A request whose clock is lawfully stopped (awaiting clarification, ID or a fee: no statutory
  date) is open in time. Open late: the statutory date has passed.
- Performance = (answered in time + open in time) / all requests in the period.
- The published statistics (quarterly, annual) use the other usual cohort: requests *received*
  in the period, with where each stands today.
"""

import datetime as dt
from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.functions import TruncDate
from django.db.models.lookups import GreaterThan, LessThanOrEqual

from reports.periods import LONDON, Period
from requests_app.models import (
    AppliedExemption,
    Assignment,
    IcoComplaint,
    Outcome,
    Regime,
    ReviewOutcome,
    Status,
)

ACTIVE_ASSIGNMENT = (Assignment.State.OPEN, Assignment.State.SUBMITTED)

# How regimes are grouped in tables (Leicester 33.9: FOI, subject access, other DP requests).
REGIME_GROUPS: dict[str, tuple[str, frozenset[str]]] = {
    "foi": ("Freedom of Information", frozenset({Regime.FOI})),
    "eir": ("Environmental Information", frozenset({Regime.EIR})),
    "sar": ("Subject access", frozenset({Regime.SAR})),
    "rights": (
        "Other data-protection rights",
        frozenset(Regime.data_protection() - {Regime.SAR}),
    ),
}
GROUP_OF_REGIME = {regime: key for key, (_, regimes) in REGIME_GROUPS.items() for regime in regimes}
REQUEST_REGIMES = sorted(GROUP_OF_REGIME)

REQUESTS = Q(review_of__isnull=True, regime__in=REQUEST_REGIMES)
REVIEWS = Q(review_of__isnull=False)
OPEN_NOW = Q(status__in=sorted(set(Status.values) - Status.finished()))
WITHDRAWN_OR_LAPSED = Q(status__in=[Status.WITHDRAWN, Status.LAPSED])

RESPONDED_ON = TruncDate("responded_at", tzinfo=LONDON)
# A response with no statutory date cannot be late: the clock was lawfully stopped.
IN_TIME = Q(statutory_due__isnull=True) | Q(LessThanOrEqual(RESPONDED_ON, F("statutory_due")))
LATE = Q(statutory_due__isnull=False) & Q(GreaterThan(RESPONDED_ON, F("statutory_due")))

# Outcomes shown (withdrawn and lapsed are not answers).
ANSWER_OUTCOMES = [
    Outcome.GRANTED,
    Outcome.PART,
    Outcome.REFUSED,
    Outcome.NOT_HELD,
    Outcome.ACCESSIBLE,
    Outcome.COST_LIMIT,
    Outcome.VEXATIOUS,
]
# Exemptions "cited": those on answers that withheld information.
WITHHOLDING_OUTCOMES = [Outcome.PART, Outcome.REFUSED]
REVIEW_OUTCOMES = [ReviewOutcome.UPHELD, ReviewOutcome.PARTLY, ReviewOutcome.OVERTURNED]


# The kinds of case a measure counts. Aggregates filter on the base in WHERE (or GROUP BY it)
# and count the condition; lists filter on both. `in_base` says the same in Python for a group
# of cases with one regime that are, or are not, internal reviews.
BASES: dict[str, Q] = {
    "requests": REQUESTS,
    "reviews": REVIEWS,
    "unclassified": Q(review_of__isnull=True, regime=Regime.UNCLASSIFIED),
    "any": Q(),
}


def in_base(base: str, regime: str, is_review: bool) -> bool:
    if base == "requests":
        return not is_review and regime in GROUP_OF_REGIME
    if base == "reviews":
        return is_review
    if base == "unclassified":
        return not is_review and regime == Regime.UNCLASSIFIED
    return base == "any"


BY_RECEIPT, BY_ANSWER = "received_at", "responded_at"  # Measure.order


@dataclass(frozen=True)
class Measure:
    key: str
    label: str
    base: str  # a key of BASES
    condition: Q
    kind: str = "case"  # "case": counted in the main pass; "ico": needs the complaints table
    help: str = ""
    # An "ico" measure's complaints: the case counts when one of its complaints is among them
    # (the condition says so about the case; reports.counting.ico_from_complaints counts them).
    complaint: Q | None = None
    # The date that bounds the measure to its period, by which its list is sorted unless asked
    # otherwise: PostgreSQL then reads the page from that date's index in order, not every
    # case of the period sorted (reports.views).
    order: str = "statutory_due"

    @property
    def q(self) -> Q:
        """Exactly the cases this measure counts (what its drill-down lists)."""
        return BASES[self.base] & self.condition


@dataclass(frozen=True)
class Dimension:
    kind: str
    value: str
    label: str
    q: Q

    @property
    def param(self) -> str:
        return f"{self.kind}:{self.value}"


# --- building blocks -------------------------------------------------------------------------


def between(field: str, start_at: dt.datetime, until: dt.datetime) -> Q:
    return Q(**{f"{field}__gte": start_at, f"{field}__lt": until})


def answered_between(start_at: dt.datetime, until: dt.datetime) -> Q:
    return between("responded_at", start_at, until)


def open_at(until: dt.datetime) -> Q:
    """Received before `until` and neither answered nor otherwise finished before it."""
    return (
        Q(received_at__lt=until)
        & (Q(responded_at__isnull=True) | Q(responded_at__gte=until))
        & (Q(closed_at__isnull=True) | Q(closed_at__gte=until))
    )


def open_in_time_at(day: dt.date) -> Q:
    return Q(statutory_due__isnull=True) | Q(statutory_due__gte=day)


def _active_assignments():
    return Assignment.objects.filter(case=OuterRef("pk"), state__in=ACTIVE_ASSIGNMENT)


def in_areas(area_ids) -> Q:
    """An active assignment to one of these service areas. A directorate's cases are those of
    its areas (the rule of requests_app.access). The ids are given as a list, not joined through
    the service areas, so that PostgreSQL estimates the rows from the assignments' own
    statistics: with a join it guessed one row for a third of the council and chose a plan
    three times slower."""
    return Q(Exists(_active_assignments().filter(service_area_id__in=sorted(area_ids))))


def in_area(area_id: int) -> Q:
    return Q(Exists(_active_assignments().filter(service_area_id=area_id)))


UNASSIGNED = ~Q(Exists(_active_assignments()))


def missed_internal_date() -> Q:
    """On Assignment: the area submitted after its internal date, or has not submitted.
    Applied to answers that were late, where the internal date (never after the statutory
    date) has necessarily passed for an area that never submitted."""
    submitted_on = TruncDate("submitted_at", tzinfo=LONDON)
    return Q(submitted_at__isnull=True) | Q(GreaterThan(submitted_on, F("internal_due")))


def missed_by_area(area_id: int) -> Q:
    return Q(Exists(_active_assignments().filter(missed_internal_date(), service_area_id=area_id)))


NO_AREA_MISSED = ~Q(Exists(_active_assignments().filter(missed_internal_date())))


def cites_exemption(exemption_id: int) -> Q:
    return Q(
        Exists(AppliedExemption.objects.filter(case=OuterRef("pk"), exemption_id=exemption_id))
    )


def _ico(complaint: Q) -> Q:
    return Q(Exists(IcoComplaint.objects.filter(complaint, case=OuterRef("pk"))))


HAS_ICO_COMPLAINT = _ico(Q())


def ico_measure(key: str, label: str, help_text: str, complaint: Q) -> Measure:
    """The cases with an ICO complaint that meets `complaint`."""
    return Measure(
        key, label, "any", _ico(complaint), kind="ico", help=help_text, complaint=complaint
    )


# --- the dashboard: requests being handled in a period ---------------------------------------


def touching(start_at: dt.datetime) -> Q:
    """Every case a period measure or a "now" measure can count, for periods starting at
    `start_at` or later: open now, never answered, or received or answered since.

    Counting inside it changes no count (each measure implies one of its terms; tests check it
    for every measure) but lets PostgreSQL pick the few thousand cases involved out of years of
    finished ones through its indexes (status, responded_at, and (regime, received_at) — hence
    the regime condition, which every case meets) before it evaluates dozens of FILTER
    clauses per row."""
    return (
        OPEN_NOW
        | Q(responded_at__isnull=True)
        | Q(responded_at__gte=start_at)
        | Q(regime__in=Regime.values, received_at__gte=start_at)
    )


def period_measures(period: Period) -> dict[str, Measure]:
    answered = answered_between(period.start_at, period.until)
    still_open = open_at(period.until)
    received = between("received_at", period.start_at, period.until)
    closed_unanswered = Q(responded_at__isnull=True) & between(
        "closed_at", period.start_at, period.until
    )
    day = period.as_at
    measures = [
        Measure("received", "Received", "requests", received, order=BY_RECEIPT),
        Measure(
            "closed",
            "Closed",
            "requests",
            answered | closed_unanswered,
            help="Answered, withdrawn or lapsed in the period.",
        ),
        Measure("answered", "Answered", "requests", answered, order=BY_ANSWER),
        Measure(
            "answered_in_time", "Answered in time", "requests", answered & IN_TIME, order=BY_ANSWER
        ),
        Measure("answered_late", "Answered late", "requests", answered & LATE, order=BY_ANSWER),
        Measure(
            "open_in_time",
            "Open in time",
            "requests",
            still_open & open_in_time_at(day),
            help="Not answered yet and within the statutory time (or the clock is stopped).",
        ),
        Measure(
            "open_late",
            "Open late",
            "requests",
            still_open & Q(statutory_due__lt=day),
            help="Not answered and past the statutory date.",
        ),
        Measure(
            "in_time_total",
            "In time (answered or still open)",
            "requests",
            (answered & IN_TIME) | (still_open & open_in_time_at(day)),
            help="Answered in time plus open in time: the performance figure's numerator.",
        ),
        Measure(
            "in_period",
            "Requests in the period",
            "requests",
            answered | still_open,
            help="Answered in the period or open at its end: the performance figure's base.",
        ),
        Measure(
            "withdrawn",
            "Withdrawn or lapsed",
            "requests",
            closed_unanswered & WITHDRAWN_OR_LAPSED,
        ),
        Measure(
            "withheld",
            "Answers withholding information",
            "requests",
            answered & Q(outcome__in=WITHHOLDING_OUTCOMES),
            order=BY_ANSWER,
        ),
        Measure(
            "review_received", "Internal reviews received", "reviews", received, order=BY_RECEIPT
        ),
        Measure(
            "review_answered", "Internal reviews answered", "reviews", answered, order=BY_ANSWER
        ),
        Measure(
            "review_answered_in_time",
            "Internal reviews answered in time",
            "reviews",
            answered & IN_TIME,
            order=BY_ANSWER,
        ),
        Measure(
            "review_answered_late",
            "Internal reviews answered late",
            "reviews",
            answered & LATE,
            order=BY_ANSWER,
        ),
    ]
    measures += outcome_measures(
        "", answered, lambda label: f"Review: {label.lower()}", order=BY_ANSWER
    )
    measures += [
        ico_measure(
            "ico_received",
            "ICO complaints received",
            "Cases with an ICO complaint received in the period.",
            Q(received_on__gte=period.start, received_on__lte=day),
        ),
        ico_measure(
            "ico_decided",
            "ICO decision notices",
            "Cases with an ICO decision in the period.",
            Q(decision_on__gte=period.start, decision_on__lte=day),
        ),
    ]
    return {m.key: m for m in measures}


NOW_KEYS = frozenset(
    {
        "open_now",
        "overdue_now",
        "due_soon",
        "clock_stopped",
        "unclassified",
        "review_open_now",
        "review_overdue_now",
        "ico_open",
    }
)


def now_measures(today: dt.date, due_soon_until: dt.date) -> dict[str, Measure]:
    measures = [
        Measure("open_now", "Open now", "requests", OPEN_NOW),
        Measure(
            "overdue_now",
            "Overdue now",
            "requests",
            OPEN_NOW & Q(statutory_due__lt=today),
            help="Open and past the statutory date.",
        ),
        Measure(
            "due_soon",
            f"Due in the next {settings.DUE_SOON_WORKING_DAYS} working days",
            "requests",
            OPEN_NOW & Q(statutory_due__gte=today, statutory_due__lte=due_soon_until),
        ),
        Measure(
            "clock_stopped",
            "Clock stopped",
            "requests",
            OPEN_NOW & Q(statutory_due__isnull=True),
            help="Waiting for the requester: clarification, proof of identity or a fee.",
        ),
        Measure(
            "unclassified",
            "Not yet classified",
            "unclassified",
            OPEN_NOW,
            help="Logged but not yet classified as FOI, EIR or a data-protection right; not in "
            "the other figures until it is.",
        ),
        Measure("review_open_now", "Internal reviews open now", "reviews", OPEN_NOW),
        Measure(
            "review_overdue_now",
            "Internal reviews overdue now",
            "reviews",
            OPEN_NOW & Q(statutory_due__lt=today),
        ),
        ico_measure(
            "ico_open",
            "Awaiting an ICO decision",
            "Cases with an ICO complaint that has no decision recorded yet.",
            Q(decision_on__isnull=True),
        ),
    ]
    return {m.key: m for m in measures}


TREND_MEASURES = ["received", "answered_in_time", "answered_late", "open_in_time", "open_late"]


# --- published statistics: requests received in a period, where each stands today -----------


def statistics_measures(period: Period, today: dt.date) -> dict[str, Measure]:
    received = between("received_at", period.start_at, period.until)
    responded = received & Q(responded_at__isnull=False)
    measures = [
        Measure("st_received", "Requests received", "requests", received),
        Measure("st_answered_in_time", "Answered in time", "requests", responded & IN_TIME),
        Measure("st_answered_late", "Answered late", "requests", responded & LATE),
        Measure(
            "st_open_in_time",
            "Still open, in time",
            "requests",
            received & OPEN_NOW & open_in_time_at(today),
        ),
        Measure(
            "st_open_late",
            "Still open, overdue",
            "requests",
            received & OPEN_NOW & Q(statutory_due__lt=today),
        ),
        Measure("st_withdrawn", "Withdrawn or lapsed", "requests", received & WITHDRAWN_OR_LAPSED),
        Measure(
            "st_withheld",
            "Answers withholding information",
            "requests",
            responded & Q(outcome__in=WITHHOLDING_OUTCOMES),
        ),
        Measure("st_review_received", "Internal reviews received", "reviews", received),
        Measure(
            "st_review_answered_in_time",
            "Internal reviews answered in time",
            "reviews",
            responded & IN_TIME,
        ),
        Measure(
            "st_review_answered_late",
            "Internal reviews answered late",
            "reviews",
            responded & LATE,
        ),
        Measure("st_review_open", "Internal reviews still open", "reviews", received & OPEN_NOW),
        ico_measure(
            "st_ico_received",
            "ICO complaints received",
            "",
            Q(received_on__gte=period.start, received_on__lte=period.as_at),
        ),
        ico_measure(
            "st_ico_decided",
            "ICO decision notices",
            "",
            Q(decision_on__gte=period.start, decision_on__lte=period.as_at),
        ),
    ]
    measures += outcome_measures("st_", responded, lambda label: label, order=BY_RECEIPT)
    # Every statistics measure counts cases received in the period.
    return {m.key: replace(m, order=BY_RECEIPT) for m in measures}


def outcome_measures(prefix: str, condition: Q, review_label, order: str) -> list[Measure]:
    """One measure per outcome and per review outcome among the cases `condition` selects."""
    return [
        *(
            Measure(
                f"{prefix}outcome_{o}",
                Outcome(o).label,
                "requests",
                condition & Q(outcome=o),
                order=order,
            )
            for o in ANSWER_OUTCOMES
        ),
        *(
            Measure(
                f"{prefix}review_outcome_{o}",
                review_label(ReviewOutcome(o).label),
                "reviews",
                condition & Q(review_outcome=o),
                order=order,
            )
            for o in REVIEW_OUTCOMES
        ),
    ]


def received_in(period: Period) -> Q:
    """Every statistics measure counts cases received in the period. The regime condition, met
    by every case, lets PostgreSQL use the (regime, received_at) index."""
    return Q(regime__in=Regime.values) & between("received_at", period.start_at, period.until)


def all_measures(period: Period, today: dt.date, due_soon_until: dt.date) -> dict[str, Measure]:
    """Every measure a drill-down may ask for, by key."""
    return {
        **period_measures(period),
        **now_measures(today, due_soon_until),
        **statistics_measures(period, today),
    }


# --- dimensions ------------------------------------------------------------------------------


def regime_dimension(key: str) -> Dimension | None:
    if key not in REGIME_GROUPS:
        return None
    label, regimes = REGIME_GROUPS[key]
    return Dimension("regime", key, label, Q(regime__in=sorted(regimes)))


LANGUAGES = {"en": "English", "cy": "Welsh", "both": "Welsh and English (bilingual)"}


def in_language(code: str) -> Q:
    """Cases whose requester's language of correspondence is `code` (reports.languages)."""
    return Q(requester__language=code)


def dimension(
    param: str, names: dict | None = None, areas_of: dict | None = None
) -> Dimension | None:
    """Parse a drill-down's `dim` parameter ("area:12", "regime:foi", "unassigned:all").
    `names` maps (kind, id) to a label and `areas_of` a directorate's id to its service areas'
    ids, so the caller fetches them."""
    kind, _, value = (param or "").partition(":")
    names, areas_of = names or {}, areas_of or {}
    if kind == "regime":
        return regime_dimension(value)
    if kind == "unassigned" and value == "all":
        return Dimension(kind, value, "Not assigned to a service area", UNASSIGNED)
    if kind == "language" and value in LANGUAGES:
        label = f"Language of correspondence: {LANGUAGES[value]}"
        return Dimension(kind, value, label, in_language(value))
    if kind == "missed" and value == "none":
        return Dimension(kind, value, "No service area missed its internal date", NO_AREA_MISSED)
    if not value.isdigit():
        return None
    pk = int(value)
    label = names.get((kind, pk), "")
    if kind == "directorate":
        return Dimension(kind, value, label, in_areas(areas_of.get(pk, [])))
    if kind == "area":
        return Dimension(kind, value, label, in_area(pk))
    if kind == "missed":
        return Dimension(kind, value, f"Internal date missed by {label}", missed_by_area(pk))
    if kind == "exemption":
        return Dimension(kind, value, f"Citing {label}", cites_exemption(pk))
    return None
