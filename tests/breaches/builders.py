"""Breaches in each state, made through the services (so each is a state the app can reach)."""

from datetime import timedelta

from django.utils import timezone

from breaches import services
from breaches.models import Breach, Status

ORDER = [
    Status.REPORTED,
    Status.ASSESSING,
    Status.DECIDED,
    Status.AWAITING_SIGN_OFF,
    Status.CLOSED,
]
DETAILS = {
    "report_type": "initial",
    "is_cyber": False,
    "how_found": "staff",
    "data_categories": ["special", "children"],
    "people_affected": 1,
    "records_affected": 3,
    "cause": "wrong_email",
    "consequences": "Distress; the family's address is known to the recipient.",
    "containment": "Recipient confirmed deletion by phone.",
    "staff_involved": "Social worker",
    "staff_trained": "yes",
    "caldicott": True,
}


def report(reporter, *, title="Child protection plan emailed to the wrong parent", area=None):
    now = timezone.now()
    return services.breach_report(
        user=reporter,
        title=title,
        what_happened="The plan went to the father's old address book entry.",
        discovered_at=now - timedelta(hours=2),
        occurred_at=now - timedelta(hours=3),
        service_area=area,
        data_involved="Names, address, health details of a child.",
        people_involved="One child and her mother.",
        containment_reported="Asked the recipient to delete it.",
    )


def breach_in(status, cast, *, reporter=None, high=True, **report_kwargs) -> Breach:
    """A breach reported by `reporter` (the outsider by default), moved on by the DPO and the
    SIRO to `status`. High risk by default, reported to the ICO, people told."""
    breach = report(reporter or cast.outsider, **report_kwargs)
    dpo, siro = cast.ig_manager, cast.siro
    steps = ORDER.index(status)
    if steps >= 1:
        services.breach_triage(
            breach_id=breach.pk, user=dpo, aware_at=timezone.now() - timedelta(hours=1), **DETAILS
        )
    if steps >= 2:
        services.breach_assess_risk(
            breach_id=breach.pk,
            user=dpo,
            likelihood=4 if high else 2,
            severity=4 if high else 3,
            reasoning="Health data about a child reached someone who knows the family.",
        )
        services.breach_decide_ico(
            breach_id=breach.pk, user=dpo, decision="report", reason="A risk to the child."
        )
        services.breach_record_ico_report(
            breach_id=breach.pk,
            user=dpo,
            ico_reference="IC-000001-A1B2",
            reported_at=timezone.now() - timedelta(minutes=5),
        )
    if steps >= 3:
        services.breach_decide_individuals(
            breach_id=breach.pk,
            user=dpo,
            decision="tell",
            reason="High risk: the mother must know.",
            told_on=timezone.localdate(),
            method="Letter by post",
            letter="Dear Sir or Madam, ...",
        )
        services.breach_record_lessons(
            breach_id=breach.pk, user=dpo, lessons_learned="Check the address book entry."
        )
        services.breach_submit_for_sign_off(breach_id=breach.pk, user=dpo)
    if steps >= 4:
        services.breach_sign_off(breach_id=breach.pk, user=siro)
    breach.refresh_from_db()
    assert breach.status == status
    return breach
