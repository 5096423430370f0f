"""The breach services: what they record, what they refuse (and that a refusal changes nothing)."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from breaches import services
from breaches.models import Breach, BreachAction, EventKind, Status
from organisation.models import Notification
from tests.breaches.builders import DETAILS, breach_in, report
from workflow.engine import ActionRefused, StaleRecord

pytestmark = pytest.mark.django_db(transaction=False)


def unchanged(breach):
    """Assert nothing about the breach changed (version and timeline)."""
    before = (breach.version, breach.events.count())
    stored = Breach.objects.get(pk=breach.pk)
    assert (stored.version, stored.events.count()) == before


def test_a_report_tells_the_dpo_and_the_siro_at_once_and_names_no_personal_data(cast, org):
    breach = report(cast.outsider, area=org.area_b)
    assert breach.reference.startswith(f"BR-{timezone.localdate().year}-")
    assert breach.status == Status.REPORTED
    told = Notification.objects.filter(kind="breach_reported")
    assert sorted(n.recipient.username for n in told) == ["ig_manager", "siro"]
    assert {n.reason for n in told} == {
        "You are the Data Protection Officer.",
        "You are the Senior Information Risk Owner.",
    }
    assert sorted(n.email_to for n in told) == [
        "ig_manager@council.example",
        "siro@council.example",
    ]
    for notification in told:
        assert breach.reference in notification.subject
        text = notification.subject + notification.body_text + notification.body_html
        assert "Child protection" not in text
        assert "Housing" in notification.body_text
        assert notification.link_object == breach
    assert [e.kind for e in breach.events.all()] == [EventKind.REPORTED]


def test_report_refuses_a_discovery_before_it_happened(cast):
    now = timezone.now()
    with pytest.raises(ActionRefused, match="discovered before it happened"):
        services.breach_report(
            user=cast.outsider,
            title="t",
            what_happened="w",
            occurred_at=now - timedelta(hours=1),
            discovered_at=now - timedelta(hours=2),
        )
    assert not Breach.objects.exists()


def test_triage_starts_the_72_hour_clock_from_awareness(cast):
    breach = report(cast.outsider)
    aware = datetime.fromisoformat("2026-03-27T10:00:00+00:00")
    with time_machine.travel(datetime.fromisoformat("2026-03-27T12:00:00+00:00"), tick=False):
        services.breach_triage(breach_id=breach.pk, user=cast.ig_manager, aware_at=aware, **DETAILS)
    breach.refresh_from_db()
    assert breach.status == Status.ASSESSING
    assert breach.aware_at == aware
    # Across the spring change: 72 real hours later is 11:00 BST, not 10:00.
    assert breach.ico_due.isoformat() == "2026-03-30T10:00:00+00:00"
    assert breach.data_categories == ["special", "children"]
    assert breach.events.get(kind=EventKind.TRIAGE).message == (
        "Triaged. The council became aware at 10:00 on Friday 27 March 2026; the report to the "
        "ICO is due by 11:00 on Monday 30 March 2026."
    )


def test_changing_the_moment_of_awareness_needs_a_reason_and_goes_on_the_timeline(cast):
    breach = breach_in(Status.ASSESSING, cast)
    earlier = breach.aware_at - timedelta(hours=20)
    with pytest.raises(ActionRefused, match="reason"):
        services.breach_change_awareness(
            breach_id=breach.pk, user=cast.ig_manager, aware_at=earlier, reason="  "
        )
    unchanged(breach)
    services.breach_change_awareness(
        breach_id=breach.pk,
        user=cast.ig_manager,
        aware_at=earlier,
        reason="The team leader knew the evening before.",
    )
    breach.refresh_from_db()
    assert breach.aware_at == earlier
    assert breach.ico_due == earlier + timedelta(hours=72)
    event = breach.events.first()
    assert event.kind == EventKind.CHANGE_AWARENESS
    assert "The team leader knew the evening before." in event.message
    assert event.actor == cast.ig_manager


def test_a_decision_not_to_report_cannot_be_saved_without_a_reason(cast):
    breach = breach_in(Status.ASSESSING, cast)
    services.breach_assess_risk(
        breach_id=breach.pk, user=cast.ig_manager, likelihood=1, severity=2, reasoning="Encrypted."
    )
    breach.refresh_from_db()
    for reason in ("", "   "):
        with pytest.raises(ActionRefused, match="reason for not reporting"):
            services.breach_decide_ico(
                breach_id=breach.pk, user=cast.ig_manager, decision="not_report", reason=reason
            )
        unchanged(breach)
    services.breach_decide_ico(
        breach_id=breach.pk,
        user=cast.ig_manager,
        decision="not_report",
        reason="The laptop was encrypted and recovered the same day.",
    )
    breach.refresh_from_db()
    assert (breach.status, breach.ico_decision) == (Status.DECIDED, "not_report")
    assert breach.ico_decided_by == cast.ig_manager
    assert breach.ico_decision_reason == "The laptop was encrypted and recovered the same day."


def test_a_breach_assessed_as_a_risk_cannot_be_left_unreported(cast):
    breach = breach_in(Status.ASSESSING, cast)
    services.breach_assess_risk(
        breach_id=breach.pk, user=cast.ig_manager, likelihood=3, severity=2, reasoning="Some."
    )
    breach.refresh_from_db()
    with pytest.raises(ActionRefused, match="must be reported"):
        services.breach_decide_ico(
            breach_id=breach.pk, user=cast.ig_manager, decision="not_report", reason="Small."
        )
    unchanged(breach)


def test_the_ico_decision_waits_for_the_risk_assessment(cast):
    breach = breach_in(Status.ASSESSING, cast)
    with pytest.raises(ActionRefused, match="Assess the risk first"):
        services.breach_decide_ico(
            breach_id=breach.pk, user=cast.ig_manager, decision="report", reason="Risky."
        )
    unchanged(breach)


def test_a_late_report_needs_the_reasons_for_the_delay(cast):
    breach = breach_in(Status.ASSESSING, cast)
    services.breach_change_awareness(
        breach_id=breach.pk,
        user=cast.ig_manager,
        aware_at=timezone.now() - timedelta(hours=80),
        reason="Found out the manager knew earlier.",
    )
    services.breach_assess_risk(
        breach_id=breach.pk, user=cast.ig_manager, likelihood=3, severity=3, reasoning="Risk."
    )
    services.breach_decide_ico(
        breach_id=breach.pk, user=cast.ig_manager, decision="report", reason="Risk to people."
    )
    breach.refresh_from_db()
    with pytest.raises(ActionRefused, match="reasons for the delay"):
        services.breach_record_ico_report(
            breach_id=breach.pk,
            user=cast.ig_manager,
            ico_reference="IC-1",
            reported_at=timezone.now(),
        )
    unchanged(breach)
    services.breach_record_ico_report(
        breach_id=breach.pk,
        user=cast.ig_manager,
        ico_reference="IC-1",
        reported_at=timezone.now(),
        delay_reason="The service area reported it late.",
    )
    breach.refresh_from_db()
    assert breach.ico_reference == "IC-1"
    assert "after the 72 hours ran out" in breach.events.first().message


def test_a_high_risk_breach_cannot_close_without_a_decision_on_telling_the_people(cast):
    breach = breach_in(Status.DECIDED, cast)  # high risk, reported to the ICO
    services.breach_record_lessons(
        breach_id=breach.pk, user=cast.ig_manager, lessons_learned="Check addresses."
    )
    breach.refresh_from_db()
    with pytest.raises(ActionRefused, match="high risk: record the decision on telling"):
        services.breach_submit_for_sign_off(breach_id=breach.pk, user=cast.ig_manager)
    unchanged(breach)
    with pytest.raises(ActionRefused, match="Art 34\\(3\\) exception"):
        services.breach_decide_individuals(
            breach_id=breach.pk,
            user=cast.ig_manager,
            decision="not_required",
            reason="Only one person.",
        )
    unchanged(breach)
    services.breach_decide_individuals(
        breach_id=breach.pk,
        user=cast.ig_manager,
        decision="exception",
        exception="measures",
        reason="The recipient is a social worker bound by confidentiality; copy destroyed.",
    )
    services.breach_submit_for_sign_off(breach_id=breach.pk, user=cast.ig_manager)
    breach.refresh_from_db()
    assert breach.status == Status.AWAITING_SIGN_OFF
    assert breach.individuals_decided_by == cast.ig_manager


def test_telling_the_people_needs_when_and_how(cast):
    breach = breach_in(Status.DECIDED, cast)
    with pytest.raises(ActionRefused, match="when and how"):
        services.breach_decide_individuals(
            breach_id=breach.pk, user=cast.ig_manager, decision="tell", reason="High risk."
        )
    unchanged(breach)
    with pytest.raises(ActionRefused, match="letter or notice"):
        services.breach_decide_individuals(
            breach_id=breach.pk,
            user=cast.ig_manager,
            decision="tell",
            reason="High risk.",
            told_on=timezone.localdate(),
            method="Letter",
            letter="  ",
        )
    unchanged(breach)


def test_closure_needs_the_siros_sign_off(cast):
    breach = breach_in(Status.AWAITING_SIGN_OFF, cast)
    for who in (cast.ig_manager, cast.ig_officer, cast.outsider):
        with pytest.raises(ActionRefused, match="permission"):
            services.breach_sign_off(breach_id=breach.pk, user=who)
        unchanged(breach)
    services.breach_return_to_dpo(
        breach_id=breach.pk, user=cast.siro, comments="Add the training action."
    )
    breach.refresh_from_db()
    assert breach.status == Status.DECIDED
    services.breach_submit_for_sign_off(breach_id=breach.pk, user=cast.ig_manager)
    services.breach_sign_off(breach_id=breach.pk, user=cast.siro, comments="Content.")
    breach.refresh_from_db()
    assert breach.status == Status.CLOSED
    assert breach.signed_off_by == cast.siro
    assert breach.events.first().kind == EventKind.SIGN_OFF


def test_open_actions_hold_up_closure_and_only_the_owner_or_dpo_completes_them(
    cast, django_capture_on_commit_callbacks
):
    breach = breach_in(Status.DECIDED, cast)
    with django_capture_on_commit_callbacks(execute=True):
        services.breach_add_action(
            breach_id=breach.pk,
            user=cast.ig_manager,
            description="Refresher training for the team.",
            owner=cast.officer_b,
            due_on=timezone.localdate() + timedelta(days=7),
        )
    action = BreachAction.objects.get()
    assert Notification.objects.get(kind="breach_action").recipient == cast.officer_b
    services.breach_decide_individuals(
        breach_id=breach.pk,
        user=cast.ig_manager,
        decision="tell",
        reason="High risk.",
        told_on=timezone.localdate(),
        method="Phone call and letter",
        letter="Dear Sir or Madam, ...",
    )
    services.breach_record_lessons(breach_id=breach.pk, user=cast.ig_manager, lessons_learned="x")
    breach.refresh_from_db()
    with pytest.raises(ActionRefused, match="Every action must be done"):
        services.breach_submit_for_sign_off(breach_id=breach.pk, user=cast.ig_manager)
    for who in (cast.officer_a, cast.siro, cast.outsider):
        with pytest.raises(ActionRefused, match="owner or the DPO"):
            services.breach_action_complete(action_id=action.pk, user=who)
    action.refresh_from_db()
    assert action.done_at is None
    services.breach_action_complete(action_id=action.pk, user=cast.officer_b, note="Done on 3rd.")
    with pytest.raises(ActionRefused, match="already done"):
        services.breach_action_complete(action_id=action.pk, user=cast.officer_b)
    assert breach.events.first().kind == EventKind.ACTION_DONE
    services.breach_submit_for_sign_off(breach_id=breach.pk, user=cast.ig_manager)


def test_the_reporter_may_correct_the_report_only_until_triage(cast):
    breach = report(cast.outsider)
    fields = {
        "title": "Corrected title",
        "what_happened": "More detail.",
        "discovered_at": breach.discovered_at,
    }
    with pytest.raises(ActionRefused, match="permission"):
        services.breach_edit_report(breach_id=breach.pk, user=cast.officer_a, **fields)
    unchanged(breach)
    services.breach_edit_report(breach_id=breach.pk, user=cast.outsider, **fields)
    breach.refresh_from_db()
    assert breach.title == "Corrected title"
    services.breach_triage(
        breach_id=breach.pk, user=cast.ig_manager, aware_at=breach.discovered_at, **DETAILS
    )
    breach.refresh_from_db()
    with pytest.raises(ActionRefused, match="cannot be changed that way"):
        services.breach_edit_report(breach_id=breach.pk, user=cast.outsider, **fields)
    unchanged(breach)


def test_a_form_opened_before_someone_elses_change_is_refused(cast):
    breach = breach_in(Status.ASSESSING, cast)
    opened_at = breach.version
    services.breach_record_lessons(breach_id=breach.pk, user=cast.ig_manager, lessons_learned="a")
    with pytest.raises(StaleRecord):
        services.breach_assess_risk(
            breach_id=breach.pk,
            user=cast.ig_manager,
            likelihood=1,
            severity=1,
            reasoning="r",
            expected_version=opened_at,
        )
    assert Breach.objects.get(pk=breach.pk).risk_level == ""


def test_every_change_is_in_the_history_with_who_made_it(cast):
    breach = breach_in(Status.CLOSED, cast)
    users = [h.history_user for h in breach.history.order_by("history_date")]
    assert users[0] == cast.outsider
    assert cast.ig_manager in users
    assert users[-1] == cast.siro


def test_awareness_cannot_move_after_the_report_to_the_ico(cast):
    breach = breach_in(Status.DECIDED, cast)  # reported five minutes ago
    with pytest.raises(ActionRefused, match="after it reported the breach"):
        services.breach_change_awareness(
            breach_id=breach.pk,
            user=cast.ig_manager,
            aware_at=timezone.now() - timedelta(minutes=1),
            reason="Typo.",
        )
    unchanged(breach)
