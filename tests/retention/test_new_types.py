"""DPIAs on the schedule, complaints counted from `closed_at`, answered cases that were never
closed, "delete" where nothing counts the record, and legal holds linked to their records.

Default schedule: DPIA closure + 6 years, review; DP complaint closure + 6 years, anonymise;
SAR closure + 1 year, anonymise. "Today" is Wednesday 1 July 2026.
"""

import datetime as dt
import importlib

import pytest
import time_machine
from django.apps import apps
from django.urls import reverse

from requests_app import complaints
from requests_app.complaint_models import Complaint, ComplaintEvent, ComplaintStatus
from requests_app.models import Case, Channel, Status
from retention import disposal, services
from retention.access import hold_record_links
from retention.due import record_retention
from retention.forms import RuleForm
from retention.models import DisposalItem, LegalHold, RetentionRule
from sharing.models import Dpia, DpiaEvent, DpiaRisk, DpiaStatus
from sharing.models import Status as AgreementStatus
from tests.retention.helpers import LONDON, at, make_case
from tests.sharing.builders import agreement_in, dpia

TODAY = dt.date(2026, 7, 1)


def finished_dpia(cast, completed_at, *, status=DpiaStatus.COMPLETED, agreements=()):
    made = dpia(cast.ig_officer, agreements=agreements)
    DpiaRisk.objects.create(
        dpia=made,
        description="Private Person's records seen by the school",
        likelihood=2,
        severity=2,
        mitigation="Only Private Person's caseworker",
        residual="low",
    )
    Dpia.objects.filter(pk=made.pk).update(
        status=status, dpo_assessment="Private Person complained", screening_notes="notes"
    )
    DpiaEvent.objects.filter(dpia=made).update(at=completed_at)
    return Dpia.objects.get(pk=made.pk)


def approve_and_dispose(cast, run, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        services.run_approve(user=cast.ig_manager, run_id=run.pk)
    return disposal.run_dispose(run_id=run.pk)


def items(run, record_type):
    return {i.object_id: i for i in run.items.filter(record_type=record_type)}


# --- DPIAs -----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_dpia_past_its_period_is_reviewed_once(cast, org, django_capture_on_commit_callbacks):
    # Completed Friday 10 March 2020: due Tuesday 10 March 2026. 2 July 2020: due tomorrow.
    due = finished_dpia(cast, at(2020, 3, 10))
    screened_out = finished_dpia(cast, at(2019, 5, 1), status=DpiaStatus.NOT_REQUIRED)
    tomorrow = finished_dpia(cast, at(2020, 7, 2))
    finished_dpia(cast, at(2018, 1, 1), status=DpiaStatus.ASSESSMENT)  # not finished
    # Finished long ago, but the processing goes on: its agreement is live.
    live = agreement_in(AgreementStatus.ACTIVE, cast, [org.area_a])
    finished_dpia(cast, at(2018, 1, 1), agreements=[live])

    run = services.run_prepare(today=TODAY)

    found = items(run, "dpia")
    assert set(found) == {due.pk, screened_out.pk}
    item = found[due.pk]
    assert (item.reference, item.trigger_on, item.due_on, item.action) == (
        due.reference, dt.date(2020, 3, 10), dt.date(2026, 3, 10), "review"
    )  # fmt: skip
    approve_and_dispose(cast, run, django_capture_on_commit_callbacks)
    due.refresh_from_db()
    assert due.dpo_assessment == "Private Person complained"  # reviewed: nothing changed
    assert DisposalItem.objects.get(pk=item.pk).state == DisposalItem.State.DONE
    # Reviewed once, not every month: next month's run has only the one due since.
    again = services.run_prepare(today=dt.date(2026, 8, 1))
    assert set(items(again, "dpia")) == {tomorrow.pk}


@pytest.mark.django_db
def test_a_dpia_is_anonymised_under_an_anonymise_rule(cast, django_capture_on_commit_callbacks):
    RetentionRule.objects.filter(record_type="dpia").update(action="anonymise")
    due = finished_dpia(cast, at(2020, 3, 10))
    run = services.run_prepare(today=TODAY)
    approve_and_dispose(cast, run, django_capture_on_commit_callbacks)
    due.refresh_from_db()
    assert (due.title, due.status) == ("Early help case-matching", "completed")
    assert due.description.startswith("Removed") and due.dpo_assessment == ""
    assert due.screening_notes == ""
    risk = DpiaRisk.objects.get(dpia=due)
    assert "Private Person" not in risk.description + risk.mitigation
    assert all(m.startswith("Removed") for m in due.events.values_list("message", flat=True))
    assert not Dpia.history.filter(id=due.pk).exists()


@pytest.mark.django_db
def test_a_dpia_is_deleted_under_a_delete_rule_and_its_agreement_stays(
    cast, org, django_capture_on_commit_callbacks
):
    ended = agreement_in(AgreementStatus.EXPIRED, cast, [org.area_a])
    RetentionRule.objects.filter(record_type="dpia").update(
        action="delete", trigger="agreement_end"
    )
    # Agreement ended Tuesday 30 June 2020: due Tuesday 30 June 2026.
    type(ended).objects.filter(pk=ended.pk).update(end_date=dt.date(2020, 6, 30))
    due = finished_dpia(cast, at(2026, 1, 1), agreements=[ended])
    unlinked = finished_dpia(cast, at(2010, 1, 1))  # no agreement: no agreement end
    run = services.run_prepare(today=TODAY)
    assert set(items(run, "dpia")) == {due.pk}
    approve_and_dispose(cast, run, django_capture_on_commit_callbacks)
    assert not Dpia.objects.filter(pk=due.pk).exists()
    assert not DpiaRisk.objects.filter(dpia_id=due.pk).exists()
    assert not Dpia.history.filter(id=due.pk).exists()
    assert not DpiaRisk.history.filter(dpia_id=due.pk).exists()
    assert type(ended).objects.filter(pk=ended.pk).exists()
    assert Dpia.objects.filter(pk=unlinked.pk).exists()
    log = DisposalItem.objects.get(object_id=due.pk, record_type="dpia")
    assert (log.state, log.reference) == (DisposalItem.State.DONE, due.reference)


# --- Delete: only where nothing counts the record --------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "record_type, trigger, action, accepted",
    [
        ("foi_eir", "closure", "delete", False),
        ("dp_complaint", "closure", "delete", False),
        ("dpia", "closure", "delete", True),
        ("sign_in", "recorded", "delete", True),
        ("sign_in", "recorded", "anonymise", False),
        ("sign_in", "closure", "delete", False),
        ("notification", "recorded", "delete", True),
        ("notification", "recorded", "review", False),
        ("outbox_email", "sent", "anonymise", True),
        ("outbox_email", "sent", "delete", True),
    ],
)
def test_delete_is_offered_only_for_records_nothing_counts(record_type, trigger, action, accepted):
    RetentionRule.objects.filter(record_type=record_type).delete()
    form = RuleForm(
        {
            "record_type": record_type,
            "outcome": "",
            "trigger": trigger,
            "months": 12,
            "action": action,
            "source": "x",
        }  # fmt: skip
    )
    assert form.is_valid() is accepted, form.errors


# --- Complaints: closed_at -------------------------------------------------------------------


def logged(cast):
    return complaints.complaint_log(
        user=cast.ig_officer,
        name="Private Person",
        email="",
        address="1 Secret Lane",
        channel=Channel.EMAIL,
        received_at=dt.datetime(2026, 6, 20, 9, tzinfo=LONDON),
        what_happened="Private Person's data went astray",
    )


@pytest.mark.django_db
def test_closing_withdrawing_and_answering_a_complaint_set_closed_at(cast):
    with time_machine.travel(dt.datetime(2026, 6, 22, 10, tzinfo=LONDON), tick=False):
        answered = logged(cast)
        withdrawn = logged(cast)
        assert answered.closed_at is None
        complaints.complaint_send_outcome(
            complaint_id=answered.pk, user=cast.ig_officer, outcome="upheld", outcome_text="Sorry"
        )
        complaints.complaint_withdraw(complaint_id=withdrawn.pk, user=cast.ig_officer)
    answered.refresh_from_db()
    withdrawn.refresh_from_db()
    assert answered.closed_at == dt.datetime(2026, 6, 22, 10, tzinfo=LONDON)
    assert withdrawn.closed_at == dt.datetime(2026, 6, 22, 10, tzinfo=LONDON)
    with time_machine.travel(dt.datetime(2026, 6, 29, 15, tzinfo=LONDON), tick=False):
        complaints.complaint_close(complaint_id=answered.pk, user=cast.ig_officer)
    answered.refresh_from_db()
    assert answered.status == ComplaintStatus.CLOSED
    assert answered.closed_at == dt.datetime(2026, 6, 29, 15, tzinfo=LONDON)


@pytest.mark.django_db
def test_a_complaint_counts_from_closed_at_not_from_a_later_timeline_event(cast):
    complaint = logged(cast)
    Complaint.objects.filter(pk=complaint.pk).update(
        status=ComplaintStatus.CLOSED, closed_at=at(2020, 3, 10)
    )
    # A link to a case added years after closing is the last timeline event.
    ComplaintEvent.objects.create(complaint=complaint, kind="link", message="Linked")
    ComplaintEvent.objects.filter(complaint=complaint, kind="link").update(at=at(2025, 1, 1))
    # Closed Tuesday 10 March 2020: due Tuesday 10 March 2026.
    run = services.run_prepare(today=TODAY)
    item = items(run, "dp_complaint")[complaint.pk]
    assert (item.trigger_on, item.due_on) == (dt.date(2020, 3, 10), dt.date(2026, 3, 10))


@pytest.mark.django_db
def test_an_answered_complaint_never_closed_falls_due_from_its_outcome(cast):
    complaint = logged(cast)
    Complaint.objects.filter(pk=complaint.pk).update(
        status=ComplaintStatus.OUTCOME_SENT,
        outcome_sent_at=at(2020, 6, 30),
        closed_at=at(2020, 6, 30),
    )
    run = services.run_prepare(today=TODAY)
    assert items(run, "dp_complaint")[complaint.pk].due_on == dt.date(2026, 6, 30)


@pytest.mark.django_db
def test_the_migration_fills_closed_at_from_the_timeline(cast):
    closed, withdrawn, answered, still_open = (logged(cast) for _ in range(4))
    for complaint, status in (
        (closed, "closed"),
        (withdrawn, "withdrawn"),
        (answered, "outcome_sent"),
    ):
        Complaint.objects.filter(pk=complaint.pk).update(status=status)
    ComplaintEvent.objects.create(complaint=closed, kind="close", message="Closed")
    ComplaintEvent.objects.filter(complaint=closed, kind="close").update(at=at(2021, 4, 1))
    ComplaintEvent.objects.create(complaint=closed, kind="link", message="Linked later")
    ComplaintEvent.objects.filter(complaint=closed, kind="link").update(at=at(2024, 1, 1))
    ComplaintEvent.objects.filter(complaint=withdrawn).update(at=at(2022, 2, 2))
    Complaint.objects.filter(pk=answered.pk).update(outcome_sent_at=at(2023, 3, 3))

    importlib.import_module("requests_app.migrations.0022_complaint_closed_at").fill(apps, None)

    found = dict(Complaint.objects.values_list("pk", "closed_at"))
    assert found == {
        closed.pk: at(2021, 4, 1),  # the close event, not the later link
        withdrawn.pk: at(2022, 2, 2),  # no withdraw event: its last event
        answered.pk: at(2023, 3, 3),
        still_open.pk: None,
    }


# --- Cases answered but never closed ---------------------------------------------------------


@pytest.mark.django_db
def test_a_case_answered_and_never_closed_falls_due_from_its_answer(cast):
    # Answered Tuesday 30 June 2025, left "responded": due Tuesday 30 June 2026.
    answered = make_case(regime="sar", status=Status.RESPONDED, closed_at=at(2025, 7, 1))
    # Answered Thursday 2 July 2025: due Thursday 2 July 2026, tomorrow.
    later = make_case(regime="sar", status=Status.RESPONDED, closed_at=at(2025, 7, 3))
    Case.objects.filter(pk__in=[answered.pk, later.pk]).update(closed_at=None)
    answered.refresh_from_db()
    later.refresh_from_db()
    assert answered.closed_at is None and answered.responded_at == at(2025, 6, 30)
    still_open = make_case(regime="sar", status=Status.IN_PROGRESS, closed_at=at(2020, 1, 1))
    run = services.run_prepare(today=TODAY)
    found = items(run, "sar")
    assert set(found) == {answered.pk}
    assert (found[answered.pk].trigger_on, found[answered.pk].due_on) == (
        dt.date(2025, 6, 30), dt.date(2026, 6, 30)
    )  # fmt: skip
    assert record_retention(later).due_on == dt.date(2026, 7, 2)
    assert record_retention(still_open).due_on is None


# --- Legal holds link to their records -------------------------------------------------------


@pytest.mark.django_db
def test_the_holds_list_links_each_hold_to_a_record_the_viewer_may_see(
    client, cast, django_assert_max_num_queries
):
    sar = make_case(regime="sar")
    foi = make_case(regime="foi")
    made = finished_dpia(cast, at(2020, 1, 1))
    for record in (sar, foi, made):
        services.hold_place(
            user=cast.ig_manager, record=record, reason="ICO", review_on=dt.date(2027, 1, 1)
        )
    holds = list(LegalHold.objects.all())
    links = hold_record_links(cast.ig_manager, holds)
    by_reference = {h.reference: links.get(h.pk) for h in holds}
    assert by_reference == {
        sar.reference: reverse("requests:case", args=[sar.pk]),
        foi.reference: reverse("requests:case", args=[foi.pk]),
        made.reference: reverse("sharing:dpia", args=[made.pk]),
    }
    # A service officer whose area has no assignment sees none of these cases: no link.
    officer_links = hold_record_links(cast.officer_a, holds)
    assert sar.reference not in {h.reference for h in holds if h.pk in officer_links}
    assert foi.reference not in {h.reference for h in holds if h.pk in officer_links}

    client.force_login(cast.ig_manager)
    with django_assert_max_num_queries(14) as first:
        page = client.get(reverse("retention:holds")).content.decode()
    assert f'href="{reverse("requests:case", args=[sar.pk])}"' in page
    for _ in range(3):
        services.hold_place(
            user=cast.ig_manager, record=make_case(), reason="x", review_on=dt.date(2027, 1, 1)
        )
    with django_assert_max_num_queries(len(first.captured_queries)):
        client.get(reverse("retention:holds"))


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["ig_officer", "officer_a", "siro", "director", "outsider"])
def test_only_the_ig_manager_places_a_hold_on_a_dpia(client, cast, who):
    made = finished_dpia(cast, at(2020, 1, 1))
    url = reverse("retention:hold_new", args=["dpia", made.pk])
    client.force_login(getattr(cast, who))
    assert client.get(url).status_code == 403
    response = client.post(url, {"reason": "ICO", "review_on": "2027-01-01"})
    assert response.status_code == 403
    assert not LegalHold.objects.exists()
    client.force_login(cast.ig_manager)
    assert client.get(url).status_code == 200
