"""The conditions of the breach transitions table: each sees the breach and the acting user and
returns None when met, or the reason the action cannot happen yet."""

from breaches.models import Breach, IcoDecision, IndividualsDecision, RiskLevel
from organisation.models import Role

DPO = frozenset({Role.IG_MANAGER})
SIRO = frozenset({Role.SIRO})
ANY_STAFF = frozenset(Role.values)


def risk_assessed(breach: Breach, user) -> str | None:
    return None if breach.risk_level else "Assess the risk first."


def to_report_not_reported(breach: Breach, user) -> str | None:
    if breach.ico_decision != IcoDecision.REPORT:
        return "Only a breach the DPO decided to report can be recorded as reported."
    if breach.ico_reported_at:
        return "The report to the ICO is already recorded: add a follow-up instead."
    return None


def reported_to_ico(breach: Breach, user) -> str | None:
    return None if breach.ico_reported_at else "Record the initial report to the ICO first."


def ready_to_close(breach: Breach, user) -> str | None:
    """What closure needs: both decisions on record and carried out, actions done, lessons."""
    if breach.ico_decision == IcoDecision.NONE:
        return "Record the decision whether to report the breach to the ICO."
    if breach.ico_decision == IcoDecision.REPORT and not breach.ico_reported_at:
        return "Record the report to the ICO (its reference and when it was made)."
    if (
        breach.risk_level == RiskLevel.HIGH
        and breach.individuals_decision == IndividualsDecision.NONE
    ):
        return (
            "The breach is high risk: record the decision on telling the people affected "
            "(Art 34) before it can close."
        )
    if any(action.done_at is None for action in breach.actions.all()):
        return "Every action must be done before the breach can close."
    if not breach.lessons_learned:
        return "Record the lessons learned."
    return None
