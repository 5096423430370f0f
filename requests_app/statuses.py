"""Groups of case states, named once: the table, the clock, the lists and the sweeps use these."""

from requests_app.models import Status

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
FINISHED = Status.finished()
# Where the decision can still be made or changed.
BEFORE_DECISION = frozenset(
    {Status.RECEIVED, Status.ASSIGNED, Status.IN_PROGRESS, Status.DRAFT_READY}
)
# While the council waits for the requester the clock is stopped: there is no due date until
# the answer arrives, and then the rule for that regime says where the clock restarts.
CLOCK_STOPPED = frozenset({Status.AWAITING_CLARIFICATION, Status.AWAITING_ID, Status.AWAITING_FEE})
# Answered: an internal review or an ICO complaint may follow.
ANSWERED = frozenset({Status.RESPONDED, Status.CLOSED})
