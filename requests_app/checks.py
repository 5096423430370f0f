"""The conditions of the case transitions table. Each check sees the case and the acting user
and returns None when met, or the reason the action cannot happen yet."""

from organisation import access
from organisation.models import Role
from requests_app import delivery
from requests_app.models import Assignment, Case, Outcome, Regime, Status

IG = frozenset({Role.IG_OFFICER, Role.IG_MANAGER})
IG_MANAGER = frozenset({Role.IG_MANAGER})
SERVICE = frozenset({Role.SERVICE_OFFICER})
DIRECTOR = frozenset({Role.DIRECTOR})

# Outcomes the IG manager may release without a director (Leicester policy: "not held" and
# "accessible by other means", s21 / EIR reg 6(1)(b)).
RELEASE_WITHOUT_DIRECTOR = frozenset({Outcome.NOT_HELD, Outcome.ACCESSIBLE})
REFUSALS = frozenset({Outcome.REFUSED, Outcome.PART, Outcome.COST_LIMIT, Outcome.VEXATIOUS})
# Withholding anything is the IG manager's decision (every seed policy).
MAY_REFUSE = IG_MANAGER
DECIDABLE = [c for c in Outcome.choices if c[0] not in ("", Outcome.WITHDRAWN, Outcome.LAPSED)]


def outcomes_for(user) -> list[tuple[str, str]]:
    """The outcomes this user may record: only the IG manager may withhold information."""
    if access.has_role(user, *MAY_REFUSE):
        return DECIDABLE
    return [choice for choice in DECIDABLE if choice[0] not in REFUSALS]


def classified(case: Case, user) -> str | None:
    if case.regime in (Regime.UNCLASSIFIED, Regime.NOT_VALID):
        return "Classify the request as FOI, EIR or a data-protection right first."
    return None


def data_protection(case: Case, user) -> str | None:
    if case.regime not in Regime.data_protection():
        return "Only data-protection requests need proof of identity."
    return None


def not_acknowledged(case: Case, user) -> str | None:
    return "The request has already been acknowledged." if case.acknowledged_at else None


def extendable(case: Case, user) -> str | None:
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


def decision_recorded(case: Case, user) -> str | None:
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


def needs_director(case: Case, user) -> str | None:
    if case.outcome in RELEASE_WITHOUT_DIRECTOR:
        return "This outcome may be released by the IG manager without a director."
    # The authorising director is the director of an assigned service area's directorate.
    if not any(a.is_active for a in case.assignments.all()):
        return "Assign the case to a service area first: its director authorises the release."
    return None


def releasable_without_director(case: Case, user) -> str | None:
    if case.outcome not in RELEASE_WITHOUT_DIRECTOR:
        return "Only 'not held' and 'accessible by other means' skip the director."
    return None


def original_decision(case: Case, user) -> str | None:
    if case.is_review:
        return "A review cannot itself be reviewed here: record an ICO complaint instead."
    return None


def about_councillor(case: Case, user) -> str | None:
    if not case.about_councillor:
        return "Only requests flagged as about a councillor need the councillor told."
    if case.councillor_told_on:
        return "The councillor has already been told."
    return None


def is_review(case: Case, user) -> str | None:
    return None if case.is_review else "Only an internal review has a review outcome."


def not_original_decider(case: Case, user) -> str | None:
    """An internal review is conducted by someone who took no part in the original decision
    (ICO guidance; every seed policy)."""
    original = case.review_of
    if original is None:
        return None
    if user.pk in {original.decided_by_id, original.authorised_by_id} - {None}:
        return (
            "An internal review must be conducted by someone who did not take the original "
            "decision."
        )
    return None


def submit_draft_target(case: Case) -> str:
    """Draft ready once the last assigned area has submitted; in progress until then."""
    still_open = case.assignments.filter(state=Assignment.State.OPEN).exists()
    return Status.IN_PROGRESS if still_open else Status.DRAFT_READY


def hand_back_target(case: Case) -> str | None:
    """Back to IG once no service area is still working on it: draft ready if another area
    has submitted, otherwise received (IG decides what next). No change while others work."""
    states = set(case.assignments.values_list("state", flat=True))
    if Assignment.State.OPEN in states:
        return None
    return Status.DRAFT_READY if Assignment.State.SUBMITTED in states else Status.RECEIVED


def no_hidden_data(case: Case, user) -> str | None:
    """Nothing leaves the building while a released or published document carries hidden
    data that has been neither fixed nor accepted by the IG manager."""
    blocked = [d.original_name for d in case.documents.all() if d.blocks_release]
    if blocked:
        return (
            f"Hidden data was found in {', '.join(blocked)}: upload a clean version or have the "
            "IG manager accept the findings with a reason."
        )
    return None


def enclosures_released(case: Case, user) -> str | None:
    """A response that says documents are attached or enclosed goes only with a document
    marked "released" (the letter's own wording follows what is sent: requests_app.delivery)."""
    return delivery.refusal(case, case.response_text)


def hidden_data_to_accept(case: Case, user) -> str | None:
    if not any(d.blocks_release for d in case.documents.all()):
        return "No document on this case has hidden-data findings waiting for a decision."
    return None


def publishable(case: Case, user) -> str | None:
    if case.regime not in (Regime.FOI, Regime.EIR) or case.is_review:
        return "Only FOI and EIR answers are published on the disclosure log."
    if case.responded_at is None:
        return "An answer is published only after it has been sent."
    if case.published_at and not case.unpublished_at:
        return "The answer is already on the disclosure log."
    return None


def is_published(case: Case, user) -> str | None:
    if not case.published_at or case.unpublished_at:
        return "The answer is not on the disclosure log."
    return None


def authorising_directorates(case: Case) -> list:
    """The directorates whose director must approve the release: those of the active
    assignments, in name order."""
    directorates = {
        a.service_area.directorate_id: a.service_area.directorate
        for a in case.assignments.all()
        if a.is_active
    }
    return sorted(directorates.values(), key=lambda d: d.name)


def approval_status(case: Case) -> list[tuple]:
    """(directorate, id of the approving director or None) for each authorising directorate;
    with one director for all, the first approval covers every directorate."""
    by_directorate = {a["directorate"]: a["user"] for a in case.approvals}
    first = case.approvals[0]["user"] if case.approvals else None
    return [
        (d, first if case.one_director_for_all else by_directorate.get(d.pk))
        for d in authorising_directorates(case)
    ]


def authorise_target(case: Case) -> str | None:
    """Authorised once every authorising directorate has approved."""
    if all(approver is not None for _, approver in approval_status(case)):
        return Status.AUTHORISED
    return None


def not_yet_approved_by_my_directorate(case: Case, user) -> str | None:
    if case.one_director_for_all and case.approvals:
        return "A director has already approved this release for every directorate."
    if any(a["directorate"] == user.directorate_id for a in case.approvals):
        return "Your directorate has already approved this release."
    return None


def several_directorates(case: Case, user) -> str | None:
    if case.one_director_for_all:
        return "One director's approval is already enough for this case."
    if len(authorising_directorates(case)) < 2:
        return "Only a case with several directorates needs this."
    return None


def authorise_target_if_waiting(case: Case) -> str | None:
    """After "one director for all": a release already approved by one director is authorised."""
    if case.status == Status.AWAITING_AUTHORISATION and case.approvals:
        return authorise_target(case)
    return None


def subject_access(case: Case, user) -> str | None:
    if case.regime != Regime.SAR or case.is_review:
        return "Only a subject access request has a search record."
    return None


def sar_search_recorded(case: Case, user) -> str | None:
    """A subject access response goes out only with the record of the reasonable and
    proportionate search (DUAA): what was searched and what was not, with reasons."""
    if case.regime != Regime.SAR or case.is_review:
        return None
    if not any(row.searched for row in case.sar_searches.all()):
        return (
            "Record the search first: the systems and records searched and not searched, each "
            "with its reason. A subject access response cannot be released without it."
        )
    return None
