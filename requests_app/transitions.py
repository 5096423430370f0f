"""The one table of what can happen to a case: state × action → next state, who, and what it needs.

Services consult it before changing anything and views consult it to decide which buttons to
show, so the interface never offers an action the service would refuse.
"""

from collections.abc import Callable
from dataclasses import dataclass

from organisation.models import Role
from requests_app.models import Case, Outcome, Regime, Status

IG = frozenset({Role.IG_OFFICER, Role.IG_MANAGER})
IG_MANAGER = frozenset({Role.IG_MANAGER})
SERVICE = frozenset({Role.SERVICE_OFFICER})
DIRECTOR = frozenset({Role.DIRECTOR})

OPEN = frozenset(
    {
        Status.RECEIVED,
        Status.AWAITING_CLARIFICATION,
        Status.AWAITING_ID,
        Status.AWAITING_FEE,
        Status.ASSIGNED,
        Status.IN_PROGRESS,
        Status.DRAFT_READY,
        Status.AWAITING_AUTHORISATION,
        Status.AUTHORISED,
    }
)
BEFORE_DECISION = frozenset(
    {Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.DRAFT_READY}
)

# Outcomes the IG manager may release without a director (Leicester policy: "not held" and
# "accessible by other means", s21 / EIR reg 6(1)(b)).
RELEASE_WITHOUT_DIRECTOR = frozenset({Outcome.NOT_HELD, Outcome.ACCESSIBLE})
REFUSALS = frozenset({Outcome.REFUSED, Outcome.PART, Outcome.COST_LIMIT, Outcome.VEXATIOUS})

# A precondition returns None when met, or the reason the action cannot happen yet.
Check = Callable[[Case], str | None]


def classified(case: Case) -> str | None:
    if case.regime in (Regime.UNCLASSIFIED, Regime.NOT_VALID):
        return "Classify the request as FOI, EIR or a data-protection right first."
    return None


def data_protection(case: Case) -> str | None:
    if case.regime not in Regime.data_protection():
        return "Only data-protection requests need proof of identity."
    return None


def not_acknowledged(case: Case) -> str | None:
    return "The request has already been acknowledged." if case.acknowledged_at else None


def extendable(case: Case) -> str | None:
    if case.extended:
        return "The deadline has already been extended."
    if case.statutory_due is None:
        return "The clock is not running, so there is no deadline to extend yet."
    # FOI s10(3): extra time is only for weighing the public interest in a qualified exemption.
    if case.regime == Regime.FOI and not case.is_review:
        if not any(a.exemption.qualified for a in case.exemptions.all()):
            return (
                "An FOI extension is only for considering the public interest in a qualified "
                "exemption: propose one first."
            )
    return None


def qualified_without_public_interest_test(case: Case) -> list[str]:
    """Codes of the qualified exemptions on the case whose public-interest test is missing."""
    return [
        applied.exemption.code
        for applied in case.exemptions.all()
        if applied.exemption.qualified and not applied.public_interest_test.strip()
    ]


def decision_recorded(case: Case) -> str | None:
    """The decision is complete enough to go to a director or to the requester."""
    if not case.outcome:
        return "Record the outcome before the response goes out."
    if case.outcome in REFUSALS and not case.decided_by_id:
        return "A refusal is the IG manager's decision: record it first."
    if case.outcome == Outcome.VEXATIOUS and not case.monitoring_officer_consulted.strip():
        return "Record the Monitoring Officer's consultation before refusing as vexatious."
    missing = qualified_without_public_interest_test(case)
    if missing:
        return f"Record the public-interest test for {', '.join(missing)}."
    if not case.response_text.strip():
        return "Write the response before it goes out."
    return None


def needs_director(case: Case) -> str | None:
    if case.outcome in RELEASE_WITHOUT_DIRECTOR:
        return "This outcome may be released by the IG manager without a director."
    # The authorising director is the director of an assigned service area's directorate.
    if not any(a.state != "withdrawn" for a in case.assignments.all()):
        return "Assign the case to a service area first: its director authorises the release."
    return None


def releasable_without_director(case: Case) -> str | None:
    if case.outcome not in RELEASE_WITHOUT_DIRECTOR:
        return "Only 'not held' and 'accessible by other means' skip the director."
    return None


def original_decision(case: Case) -> str | None:
    if case.is_review:
        return "A review cannot itself be reviewed here: record an ICO complaint instead."
    return None


def about_councillor(case: Case) -> str | None:
    if not case.about_councillor:
        return "Only requests flagged as about a councillor need the councillor told."
    if case.councillor_told_on:
        return "The councillor has already been told."
    return None


def is_review(case: Case) -> str | None:
    return None if case.is_review else "Only an internal review has a review outcome."


@dataclass(frozen=True)
class Transition:
    action: str
    label: str
    sources: frozenset[str]
    target: str | None  # None: the status does not change
    roles: frozenset[str]
    # "ig": IG sees every case; "area": an officer of an assigned service area;
    # "directorate": the director of an assigned area's directorate.
    scope: str = "ig"
    checks: tuple[Check, ...] = ()
    secondary: bool = False  # shown as a secondary button


TRANSITIONS: dict[str, Transition] = {
    t.action: t
    for t in [
        Transition("classify", "Classify", frozenset({Status.RECEIVED}), None, IG),
        Transition(
            "mark_not_valid",
            "Not a valid request",
            frozenset({Status.RECEIVED}),
            Status.CLOSED,
            IG,
            secondary=True,
        ),
        Transition(
            "acknowledge", "Acknowledge", OPEN, None, IG, checks=(classified, not_acknowledged)
        ),
        Transition(
            "ask_clarification",
            "Ask for clarification",
            BEFORE_DECISION,
            Status.AWAITING_CLARIFICATION,
            IG,
            checks=(classified,),
            secondary=True,
        ),
        Transition(
            "record_clarification",
            "Record clarification received",
            frozenset({Status.AWAITING_CLARIFICATION}),
            Status.RECEIVED,
            IG,
        ),
        Transition(
            "ask_id",
            "Ask for proof of identity",
            frozenset({Status.RECEIVED}),
            Status.AWAITING_ID,
            IG,
            checks=(data_protection,),
            secondary=True,
        ),
        Transition(
            "record_id", "Record ID received", frozenset({Status.AWAITING_ID}), Status.RECEIVED, IG
        ),
        Transition(
            "assign",
            "Assign to service areas",
            frozenset({Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.DRAFT_READY}),
            Status.ASSIGNED,
            IG,
            checks=(classified,),
        ),
        Transition(
            "submit_draft",
            "Submit draft to IG",
            frozenset({Status.ASSIGNED, Status.IN_PROGRESS}),
            None,  # becomes draft ready when the last assigned area has submitted
            SERVICE,
            scope="area",
        ),
        Transition(
            "hand_back",
            "Hand back to IG",
            frozenset({Status.ASSIGNED, Status.IN_PROGRESS}),
            None,  # back to IG's queue once no service area is still working on it
            SERVICE,
            scope="area",
            secondary=True,
        ),
        Transition(
            "record_time",
            "Record searches and time",
            frozenset({Status.ASSIGNED, Status.IN_PROGRESS}),
            Status.IN_PROGRESS,
            SERVICE,
            scope="area",
            secondary=True,
        ),
        Transition(
            "propose_exemption",
            "Propose an exemption",
            BEFORE_DECISION,
            None,
            IG | SERVICE,
            scope="area",
            secondary=True,
        ),
        Transition(
            "decide",
            "Record the decision",
            frozenset({Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.DRAFT_READY}),
            Status.DRAFT_READY,
            IG,
            checks=(classified, original_decision),
        ),
        Transition(
            "extend",
            "Extend the deadline",
            OPEN - {Status.AUTHORISED},
            None,
            IG_MANAGER,
            checks=(classified, extendable),
            secondary=True,
        ),
        Transition(
            "send_for_authorisation",
            "Send to director for authorisation",
            frozenset({Status.DRAFT_READY}),
            Status.AWAITING_AUTHORISATION,
            IG,
            checks=(decision_recorded, needs_director),
        ),
        Transition(
            "authorise",
            "Approve release",
            frozenset({Status.AWAITING_AUTHORISATION}),
            Status.AUTHORISED,
            DIRECTOR,
            scope="directorate",
        ),
        Transition(
            "return_to_ig",
            "Return with comments",
            frozenset({Status.AWAITING_AUTHORISATION}),
            Status.DRAFT_READY,
            DIRECTOR,
            scope="directorate",
            secondary=True,
        ),
        Transition(
            "send_response",
            "Send the response",
            frozenset({Status.AUTHORISED}),
            Status.RESPONDED,
            IG,
            checks=(decision_recorded,),
        ),
        Transition(
            "release_without_director",
            "Send the response (no director needed)",
            frozenset({Status.DRAFT_READY}),
            Status.RESPONDED,
            IG_MANAGER,
            checks=(decision_recorded, releasable_without_director),
        ),
        Transition("close", "Close the case", frozenset({Status.RESPONDED}), Status.CLOSED, IG),
        Transition(
            "reopen",
            "Reopen",
            frozenset({Status.CLOSED}),
            Status.RESPONDED,
            IG_MANAGER,
            secondary=True,
        ),
        Transition("withdraw", "Record withdrawal", OPEN, Status.WITHDRAWN, IG, secondary=True),
        Transition(
            "lapse",
            "Mark as lapsed",
            frozenset({Status.AWAITING_CLARIFICATION, Status.AWAITING_FEE, Status.AWAITING_ID}),
            Status.LAPSED,
            IG,
            secondary=True,
        ),
        Transition(
            "open_review",
            "Open an internal review",
            frozenset({Status.RESPONDED, Status.CLOSED}),
            None,
            IG,
            checks=(original_decision,),
            secondary=True,
        ),
        Transition(
            "record_councillor_told",
            "Record that the councillor was told",
            OPEN | {Status.RESPONDED, Status.CLOSED},
            None,
            IG,
            checks=(about_councillor,),
            secondary=True,
        ),
        Transition(
            "upload_document",
            "Upload a document",
            OPEN,
            None,
            IG | SERVICE,
            scope="area",
            secondary=True,
        ),
        Transition(
            "record_ico_complaint",
            "Record an ICO complaint",
            frozenset({Status.RESPONDED, Status.CLOSED}),
            None,
            IG,
            secondary=True,
        ),
        Transition(
            "record_review_outcome",
            "Record the review outcome",
            frozenset({Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.DRAFT_READY}),
            Status.RESPONDED,
            IG_MANAGER,
            checks=(is_review,),
        ),
    ]
}
