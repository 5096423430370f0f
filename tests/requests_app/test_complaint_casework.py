"""Complaints (DPA 2018 s164A) beyond the basics: reminders and escalations sent once, links to
the case or breach a complaint concerns (picked from what the user may see, shown both ways),
and who may see a complaint at all (written out by hand)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from breaches import services as breach_services
from deadlines import services as deadline_services
from organisation.models import Escalation, Notification
from requests_app import complaint_sweeps, complaints, services
from requests_app.complaint_models import Complaint
from requests_app.models import Channel, Regime
from tests.requests_app.builders import logged
from workflow import escalations
from workflow.engine import ActionRefused

LONDON = ZoneInfo("Europe/London")
RECEIVED = dt.datetime(2026, 11, 4, 10, 0, tzinfo=LONDON)  # Wednesday 4 November 2026
# Acknowledge by Friday 4 December 2026 (day 30, a working day). Five working days before it:
# Friday 27 November 2026 (England and Wales working days: St Andrew's Day, Monday 30 November,
# is not one of them). Outcome target (90 days): Tuesday 2 February 2027.


@pytest.fixture(autouse=True)
def settings_for_dates(settings):
    settings.COUNCIL_NATION = "england-and-wales"
    settings.IG_ALERT_WORKING_DAYS_BEFORE_DUE = 5
    settings.COMPLAINT_OUTCOME_TARGET_DAYS = 90
    settings.SITE_URL = "https://ig.council.example"
    deadline_services.calendar_cache_clear()
    yield
    deadline_services.calendar_cache_clear()


def log(cast, user=None):
    with time_machine.travel(RECEIVED, tick=False):
        return complaints.complaint_log(
            user=user or cast.ig_officer,
            name="Jo Bloggs",
            email="jo@example.org",
            address="",
            channel=Channel.EMAIL,
            received_at=RECEIVED,
            what_happened="My SAR response included my neighbour's details.",
        )


def sweep(sweep_, day: dt.date):
    with time_machine.travel(dt.datetime(day.year, day.month, day.day, 9, tzinfo=LONDON)):
        return escalations.run(sweep_, today=day)


def told(kind):
    return sorted(
        (n.recipient.username, n.escalation.level)
        for n in Notification.objects.filter(kind=kind).select_related("recipient", "escalation")
    )


# --- reminders and escalations ---------------------------------------------------------------


def test_acknowledgement_due_soon_then_overdue_each_sent_once(cast):
    complaint = log(cast)
    assert complaint.acknowledge_by == dt.date(2026, 12, 4)
    ack = complaint_sweeps.ACKNOWLEDGEMENT_ALERTS
    assert sweep(ack, dt.date(2026, 11, 26)).created == 0  # 6 working days away
    assert sweep(ack, dt.date(2026, 11, 27)).created == 1  # 5 working days away
    assert sweep(ack, dt.date(2026, 11, 27)).as_dict() | {"sweep": ""} == {
        "sweep": "",
        "created": 0,
        "already": 1,
        "nobody": 0,
        "failed": 0,
    }
    assert sweep(ack, dt.date(2026, 12, 4)).created == 0  # the due day: still level 1
    assert sweep(ack, dt.date(2026, 12, 7)).created == 1  # Monday after: overdue
    assert sweep(ack, dt.date(2026, 12, 8)).created == 0
    # The owner is told it is due; once overdue, the DPO (IG manager) too.
    assert told(complaint_sweeps.ACKNOWLEDGEMENT) == [
        ("ig_manager", 2),
        ("ig_officer", 1),
        ("ig_officer", 2),
    ]
    subjects = set(Notification.objects.values_list("subject", flat=True))
    assert not any("Jo Bloggs" in s for s in subjects)  # the complainant's name stays inside


def test_an_acknowledged_or_answered_complaint_is_not_chased(cast):
    acknowledged, answered = log(cast), log(cast)
    with time_machine.travel(RECEIVED + dt.timedelta(days=1), tick=False):
        complaints.complaint_acknowledge(complaint_id=acknowledged.pk, user=cast.ig_officer)
        complaints.complaint_send_outcome(
            complaint_id=answered.pk, user=cast.ig_officer, outcome="upheld", outcome_text="Sorry."
        )
    assert sweep(complaint_sweeps.ACKNOWLEDGEMENT_ALERTS, dt.date(2026, 12, 7)).created == 0


def test_outcome_overdue_after_the_council_target_sent_once(cast):
    complaint = log(cast)
    with time_machine.travel(RECEIVED + dt.timedelta(days=1), tick=False):
        complaints.complaint_acknowledge(complaint_id=complaint.pk, user=cast.ig_officer)
    outcome = complaint_sweeps.OUTCOME_ALERTS
    assert complaint_sweeps.outcome_target(complaint) == dt.date(2027, 2, 2)
    assert sweep(outcome, dt.date(2027, 2, 2)).created == 0
    assert sweep(outcome, dt.date(2027, 2, 3)).created == 1
    assert sweep(outcome, dt.date(2027, 2, 3)).created == 0
    assert sweep(outcome, dt.date(2027, 2, 10)).created == 0  # one window: the target date
    assert told(complaint_sweeps.OUTCOME_OVERDUE) == [("ig_manager", 1), ("ig_officer", 1)]
    assert Escalation.objects.filter(kind=complaint_sweeps.OUTCOME_OVERDUE).count() == 1


def test_a_complaint_from_the_public_form_tells_every_ig_officer(cast):
    with time_machine.travel(RECEIVED, tick=False):
        complaint = complaints.complaint_log(
            user=None,
            name="Jo Bloggs",
            email="jo@example.org",
            address="",
            channel=Channel.WEB,
            received_at=RECEIVED,
            what_happened="You lost my form.",
        )
    assert complaint.owner is None
    sweep(complaint_sweeps.ACKNOWLEDGEMENT_ALERTS, dt.date(2026, 11, 27))
    assert told(complaint_sweeps.ACKNOWLEDGEMENT) == [("ig_officer", 1)]


# --- links to cases and breaches ---------------------------------------------------------------


def a_breach(cast, org):
    return breach_services.breach_report(
        user=cast.officer_a,
        title="Letter sent to the wrong address",
        what_happened="A SAR bundle went to a neighbour.",
        occurred_at=None,
        discovered_at=RECEIVED,
        service_area=org.area_a,
        data_involved="Housing records",
        people_involved="One tenant",
        containment_reported="Asked the neighbour to return it.",
    )


def test_linking_to_a_case_the_user_may_see_and_shown_both_ways(client, cast, org):
    complaint = log(cast)
    sar_case = logged(cast, regime=Regime.SAR, title="Subject access for Jo Bloggs")
    client.force_login(cast.ig_officer)
    url = reverse("requests:complaint_link", args=[complaint.pk])
    found = client.get(url, {"q": sar_case.reference}).content.decode()
    assert f'value="case-{sar_case.pk}"' in found
    response = client.post(url, {"target": f"case-{sar_case.pk}", "version": complaint.version})
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.related_case == sar_case
    assert complaint.events.filter(kind="link").exists()
    page = client.get(reverse("requests:complaint", args=[complaint.pk])).content.decode()
    assert reverse("requests:case", args=[sar_case.pk]) in page
    case_page = client.get(reverse("requests:case", args=[sar_case.pk])).content.decode()
    assert complaint.reference in case_page
    # Someone else who may see the case is not shown the complaint.
    services.case_assign(
        case_id=sar_case.pk, user=cast.ig_officer, service_area_ids=[org.area_a.pk]
    )
    client.force_login(cast.officer_a)
    case_page = client.get(reverse("requests:case", args=[sar_case.pk])).content.decode()
    assert complaint.reference not in case_page


def test_a_breach_is_linked_only_by_someone_who_may_see_it(client, cast, org):
    complaint = log(cast)
    breach = a_breach(cast, org)
    # The IG officer is not on the breach team: the breach is not offered, nor accepted.
    with pytest.raises(ActionRefused, match="does not exist or you may not see it"):
        complaints.complaint_link(
            complaint_id=complaint.pk, user=cast.ig_officer, kind="breach", target_id=breach.pk
        )
    client.force_login(cast.ig_officer)
    url = reverse("requests:complaint_link", args=[complaint.pk])
    assert f"breach-{breach.pk}" not in client.get(url, {"q": breach.reference}).content.decode()
    # The DPO (IG manager) sees breaches and links it; the breach page shows the complaint.
    client.force_login(cast.ig_manager)
    assert f"breach-{breach.pk}" in client.get(url, {"q": breach.reference}).content.decode()
    response = client.post(url, {"target": f"breach-{breach.pk}", "version": complaint.version})
    assert response.status_code == 302
    assert Complaint.objects.get(pk=complaint.pk).related_breach == breach
    breach_page = client.get(reverse("breaches:detail", args=[breach.pk])).content.decode()
    assert complaint.reference in breach_page
    # The SIRO sees the breach but not complaints.
    client.force_login(cast.siro)
    breach_page = client.get(reverse("breaches:detail", args=[breach.pk])).content.decode()
    assert complaint.reference not in breach_page


@pytest.mark.parametrize(
    "data",
    [{}, {"target": "case-"}, {"target": "case-99999999"}, {"target": "x-1"}, {"target": "case-²"}],
)
def test_bad_link_choices_change_nothing(client, cast, data):
    complaint = log(cast)
    version = complaint.version
    client.force_login(cast.ig_officer)
    url = reverse("requests:complaint_link", args=[complaint.pk])
    response = client.post(url, data | {"version": version})
    assert response.status_code == 400
    complaint.refresh_from_db()
    assert complaint.related_case is None and complaint.version == version
    assert not complaint.events.filter(kind="link").exists()


# --- visibility: IG and the DPO only ----------------------------------------------------------

# Written out by hand: (list page, detail page, link page) status codes per role.
VISIBILITY = {
    "ig_officer": (200, 200, 200),
    "ig_manager": (200, 200, 200),  # the DPO
    "officer_a": (403, 404, 404),
    "officer_b": (403, 404, 404),
    "director": (403, 404, 404),
    "siro": (403, 404, 404),
    "manager": (403, 404, 404),
    "administrator": (403, 404, 404),
    "outsider": (403, 404, 404),
}


@pytest.mark.parametrize("who", sorted(VISIBILITY))
def test_only_ig_and_the_dpo_see_complaints(client, cast, who):
    complaint = log(cast)
    client.force_login(getattr(cast, who))
    got = (
        client.get(reverse("requests:complaints")).status_code,
        client.get(reverse("requests:complaint", args=[complaint.pk])).status_code,
        client.get(reverse("requests:complaint_link", args=[complaint.pk])).status_code,
    )
    assert got == VISIBILITY[who]


def test_an_anonymous_visitor_is_sent_to_sign_in(client, cast):
    complaint = log(cast)
    response = client.get(reverse("requests:complaint", args=[complaint.pk]))
    assert response.status_code == 302 and "login" in response.url


def test_a_search_with_a_nul_character_is_not_a_server_error(client, cast):
    complaint = log(cast)
    client.force_login(cast.ig_officer)
    url = reverse("requests:complaint_link", args=[complaint.pk])
    # In the address the middleware answers 400; in a form the page searches without it.
    assert client.get(url, {"q": "IG\x00-2026"}).status_code == 400
    response = client.post(url, {"q": "IG\x00-2026", "version": complaint.version})
    assert response.status_code == 400
    assert "Choose the case or breach the complaint concerns." in response.content.decode()
