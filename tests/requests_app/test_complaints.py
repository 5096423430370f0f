"""Data-protection complaints (DPA 2018 s164A): logged by the public or by IG, acknowledged by a
date from deadlines/, investigated, answered with the ICO route; seen by IG only."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from deadlines import services as deadline_services
from requests_app import complaints
from requests_app.complaint_models import Complaint, ComplaintStatus
from requests_app.models import Channel
from workflow.engine import ActionRefused
from workflow.models import OutgoingEmail

LONDON = ZoneInfo("Europe/London")
NOW = dt.datetime(2026, 11, 4, 10, 0, tzinfo=LONDON)  # Wednesday 4 November 2026


@pytest.fixture(autouse=True)
def frozen(settings):
    settings.COUNCIL_NATION = "england-and-wales"
    with time_machine.travel(NOW, tick=False):
        yield


def log(cast, received=NOW, **extra):
    return complaints.complaint_log(
        user=cast.ig_officer,
        name="Jo Bloggs",
        email="jo@example.org",
        address="",
        channel=Channel.EMAIL,
        received_at=received,
        what_happened="My SAR response included my neighbour's details.",
        **extra,
    )


def test_acknowledgement_is_due_30_days_after_receipt_moved_off_a_weekend(cast):
    # Received Wed 4 Nov 2026: day 30 is Fri 4 Dec 2026, a working day.
    assert log(cast).acknowledge_by == dt.date(2026, 12, 4)
    # Received Thu 5 Nov would end on Sat 5 Dec -> Mon 7 Dec 2026.
    received = dt.datetime(2026, 11, 5, 9, 0, tzinfo=LONDON)
    with time_machine.travel(received + dt.timedelta(hours=1), tick=False):
        assert log(cast, received=received).acknowledge_by == dt.date(2026, 12, 7)


def test_a_complaint_before_19_june_2026_has_no_statutory_date(cast):
    complaint = log(cast, received=dt.datetime(2026, 6, 18, 12, 0, tzinfo=LONDON))
    assert complaint.acknowledge_by is None
    assert "no statutory acknowledgement date" in complaint.events.first().message


def test_the_journey_acknowledge_update_outcome_close(cast):
    complaint = log(cast)
    complaints.complaint_acknowledge(complaint_id=complaint.pk, user=cast.ig_officer)
    complaints.complaint_send_update(
        complaint_id=complaint.pk, user=cast.ig_officer, update="We are checking the bundle."
    )
    complaints.complaint_send_outcome(
        complaint_id=complaint.pk,
        user=cast.ig_manager,
        outcome="upheld",
        outcome_text="The page should have been redacted; we have retrained the team.",
    )
    complaints.complaint_close(complaint_id=complaint.pk, user=cast.ig_officer)
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.CLOSED
    letters = OutgoingEmail.objects.filter(about_id=complaint.pk).order_by("id")
    assert [e.subject for e in letters] == [
        f"Your complaint {complaint.reference}",
        f"Your complaint {complaint.reference}: progress",
        f"Your complaint {complaint.reference}: our findings",
    ]
    assert "Information Commissioner" in letters[2].body_text
    assert all(e.to == "jo@example.org" for e in letters)
    kinds = list(complaint.events.order_by("at", "id").values_list("kind", flat=True))
    assert kinds == ["logged", "acknowledge", "send_update", "send_outcome", "close"]


def test_an_outcome_within_the_30_days_needs_no_separate_acknowledgement(cast):
    complaint = log(cast)
    complaints.complaint_send_outcome(
        complaint_id=complaint.pk, user=cast.ig_officer, outcome="not_upheld", outcome_text="x"
    )
    complaint.refresh_from_db()
    assert complaint.status == ComplaintStatus.OUTCOME_SENT
    assert complaint.acknowledged_at is None
    with pytest.raises(ActionRefused):
        complaints.complaint_acknowledge(complaint_id=complaint.pk, user=cast.ig_officer)


@pytest.mark.parametrize(
    "who", ["officer_a", "director", "manager", "siro", "administrator", "outsider"]
)
def test_only_ig_sees_complaints(client, cast, who):
    complaint = log(cast)
    client.force_login(getattr(cast, who))
    assert client.get(reverse("requests:complaints")).status_code == 403
    assert client.get(reverse("requests:complaint", args=[complaint.pk])).status_code == 404
    url = reverse("requests:complaint_action", args=[complaint.pk, "acknowledge"])
    assert client.post(url, {"version": complaint.version}).status_code == 404
    assert Complaint.objects.get(pk=complaint.pk).status == ComplaintStatus.RECEIVED


def test_ig_works_the_complaint_through_the_pages(client, cast):
    complaint = log(cast)
    client.force_login(cast.ig_officer)
    listed = client.get(reverse("requests:complaints"))
    assert complaint.reference in listed.content.decode()
    page = client.get(reverse("requests:complaint", args=[complaint.pk])).content.decode()
    assert "4 December 2026" in page and "day 30" in page
    url = reverse("requests:complaint_action", args=[complaint.pk, "acknowledge"])
    assert client.post(url, {"version": complaint.version}).status_code == 302
    assert client.post(url, {"version": complaint.version + 1}).status_code == 409


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        (("", "", ""), "Enter date received"),
        (("5", "", "2026"), "Date received must include a month"),
        (("31", "2", "2026"), "Date received must be a real date"),
        (("5", "11", "26"), "Enter the year of date received in full"),
    ],
)
def test_ig_enters_the_date_a_complaint_arrived_as_day_month_and_year(client, cast, parts, message):
    client.force_login(cast.outsider)
    url = reverse("requests:complaint_new")
    assert client.get(url).status_code == 403
    client.force_login(cast.ig_officer)
    page = client.get(url).content.decode()
    assert 'name="received_on_0"' in page and 'type="date"' not in page
    data = {"name": "Jo", "email": "jo@example.org", "what_happened": "x", "channel": "email"}
    day, month, year = parts
    bad = client.post(
        url, {**data, "received_on_0": day, "received_on_1": month, "received_on_2": year}
    )
    assert bad.status_code == 200
    assert message in bad.content.decode()
    assert not Complaint.objects.exists()
    good = client.post(
        url, {**data, "received_on_0": "2", "received_on_1": "11", "received_on_2": "2026"}
    )
    assert good.status_code == 302
    assert Complaint.objects.get().received_at.date() == dt.date(2026, 11, 2)


def test_the_public_can_complain_without_signing_in(client, db):
    url = reverse("public:complaint")
    assert client.get(url).status_code == 200
    bad = client.post(url, {"name": "Jo", "what_happened": "x"})
    assert "Give an email address or a postal address" in bad.content.decode()
    assert not Complaint.objects.exists()
    response = client.post(
        url, {"name": "Jo Bloggs", "email": "jo@example.org", "what_happened": "You lost my form."}
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert complaint.channel == Channel.WEB and complaint.acknowledge_by == dt.date(2026, 12, 4)


def test_a_staff_member_cannot_log_a_complaint_dated_in_the_future(client, cast):
    client.force_login(cast.ig_officer)
    response = client.post(
        reverse("requests:complaint_new"),
        {
            "name": "Jo",
            "email": "jo@example.org",
            "what_happened": "x",
            "channel": "email",
            "received_on": "2026-11-05",
        },
    )
    assert "cannot be in the future" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_new_bank_holiday_moves_a_waiting_acknowledgement_date(
    cast, django_capture_on_commit_callbacks
):
    waiting, answered = log(cast), log(cast)
    complaints.complaint_send_outcome(
        complaint_id=answered.pk, user=cast.ig_officer, outcome="upheld", outcome_text="Sorry."
    )
    assert waiting.acknowledge_by == dt.date(2026, 12, 4)
    # Friday 4 December 2026 becomes a bank holiday in England and Wales.
    with django_capture_on_commit_callbacks(execute=True):
        deadline_services.bank_holiday_add(
            day=dt.date(2026, 12, 4),
            nations=["england-and-wales"],
            title="Proclaimed holiday",
            source_detail="Proclamation",
            by=cast.administrator.username,
        )
    waiting.refresh_from_db()
    answered.refresh_from_db()
    assert waiting.acknowledge_by == dt.date(2026, 12, 7)
    assert answered.acknowledge_by == dt.date(2026, 12, 4)  # answered: nothing to move
    assert waiting.events.filter(kind="deadline_moved").exists()


def test_the_public_complaint_form_is_rate_limited(client, db, settings):
    settings.PUBLIC_FORM_MAX_PER_HOUR = 2
    url = reverse("public:complaint")
    data = {"name": "Jo Bloggs", "email": "jo@example.org", "what_happened": "Lost my form."}
    statuses = [client.post(url, data).status_code for _ in range(3)]
    assert statuses == [302, 302, 200]
    assert Complaint.objects.count() == 2
