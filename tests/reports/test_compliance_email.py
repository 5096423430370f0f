"""The weekly compliance email carries the dashboard's own summary and PDF, scoped per manager."""

import datetime as dt

import pytest
from django.core import mail

from reports import snapshot, sweeps
from tests.requests_app.test_sweeps import assigned, run_on
from workflow import outbox

MONDAY = dt.date(2026, 3, 23)
LAST_WEEK = dt.date(2026, 3, 16)


@pytest.fixture
def clock():
    import time_machine

    from tests.requests_app.test_sweeps import RECEIVED, at

    with time_machine.travel(at(RECEIVED, 10), tick=False) as traveller:
        yield traveller


def test_each_manager_gets_the_week_for_their_scope(cast, org, clock):
    assigned(cast, org)  # Place
    assigned(cast, org, areas=("area_b",))  # People
    run_on(clock, MONDAY, sweeps.MANAGER_COMPLIANCE)
    council = cast.manager.notifications.get()
    place = cast.manager_place.notifications.get()
    assert council.subject == "Weekly compliance: the council, week of Monday 16 March 2026"
    assert place.subject == "Weekly compliance: Place, week of Monday 16 March 2026"
    assert place.data == {
        "attachment": sweeps.WEEKLY_PDF,
        "directorate_id": org.place.pk,
        "week_start": "2026-03-16",
    }
    summary = snapshot.weekly_summary_text(directorate_id=org.place.pk, week_start=LAST_WEEK)
    assert summary.strip() in place.body_text


def test_the_email_is_sent_once_with_the_weeks_pdf(cast, org, clock):
    assigned(cast, org)
    run_on(clock, MONDAY, sweeps.MANAGER_COMPLIANCE)
    run_on(clock, MONDAY, sweeps.MANAGER_COMPLIANCE)  # a second run in the week adds nothing
    note = cast.manager_place.notifications.get()
    email_id = outbox.delivery_of(note).pk
    assert outbox.email_send(email_id=email_id), outbox.delivery_of(note).last_error
    assert not outbox.email_send(email_id=email_id)
    (email,) = [m for m in mail.outbox if m.to == [cast.manager_place.email]]
    name, content, mimetype = email.attachments[0]
    assert (name, mimetype) == ("compliance-week-of-2026-03-16.pdf", "application/pdf")
    assert content.startswith(b"%PDF")
