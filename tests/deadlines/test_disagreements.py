"""Two holiday sources (GOV.UK and the holidays package): a day either lists is a holiday; each
disagreement is shown in the admin with both sources named and is accepted or rejected there."""

from datetime import date

import pytest
from django.urls import reverse

from deadlines import rules, services
from deadlines.calendar import SOURCE_GOVUK, Holiday
from deadlines.holidays import build_calendar, bundled_govuk
from deadlines.models import BankHolidayChange, HolidayDisagreement
from deadlines.second_source import disagreements, package_layer
from organisation.models import Role
from tests.deadlines.test_sync import govuk_payload
from tests.factories import UserFactory

E_W, SCO, NI = "england-and-wales", "scotland", "northern-ireland"
WORLD_CUP = date(2026, 6, 15)  # Royal Proclamation of 4 Feb 2026, Scotland only
LIST = reverse("admin:deadlines_holidaydisagreement_changelist")
GOVUK_NAME = "GOV.UK (gov.uk/bank-holidays.json, bundled and synced)"
PACKAGE_NAME = "the holidays package 0.108 (UK subdivisions)"


def offline():
    raise OSError("no network in tests")


# --- the calendar, without a database -----------------------------------------------------------


def test_15_june_2026_is_a_scottish_bank_holiday_in_the_bundled_calendar(calendar):
    assert not calendar.is_working_day(WORLD_CUP, SCO)
    assert calendar.is_working_day(WORLD_CUP, E_W)
    assert calendar.is_working_day(WORLD_CUP, NI)
    (holiday,) = calendar.holidays_on(WORLD_CUP)
    assert (holiday.nation, holiday.source) == (SCO, "holidays")


def test_15_june_moves_an_foi_deadline_counted_across_it(calendar):
    # Mon 1 June 2026: 2-5 June = 1-4, 8-12 = 5-9, Mon 15 June skipped (a bank holiday in
    # Scotland, so not an FOI working day anywhere in the UK, FOIA s10(6)), 16-19 = 10-13,
    # 22-26 = 14-18, 29-30 = 19-20 -> Tue 30 June (Mon 29 June without it).
    assert rules.foi_due(date(2026, 6, 1), calendar=calendar).due == date(2026, 6, 30)
    # Received Mon 15 June itself: day 1 is Tue 16 June; 16-19 = 1-4, 22-26 = 5-9,
    # 29 June-3 July = 10-14, 6-10 July = 15-19, Mon 13 July is Northern Ireland's Boyne
    # substitute day, so day 20 is Tue 14 July.
    assert rules.foi_due(date(2026, 6, 15), calendar=calendar).due == date(2026, 7, 14)
    text = "\n".join(rules.foi_due(date(2026, 6, 1), calendar=calendar).explanation)
    assert (
        "Mon 2026-06-15  Scotland's participation in the FIFA World Cup final (Scotland; listed "
        "by the holidays package, not by GOV.UK) — not a working day for FOI/EIR"
    ) in text


def test_15_june_moves_a_scottish_councils_sar_but_not_an_english_one(calendar):
    # Fri 15 May 2026: one calendar month on is Mon 15 June.
    received = date(2026, 5, 15)
    assert rules.sar_due(received, nation=SCO, calendar=calendar).due == date(2026, 6, 16)
    assert rules.sar_due(received, nation=E_W, calendar=calendar).due == date(2026, 6, 15)
    assert rules.sar_due(received, nation=NI, calendar=calendar).due == date(2026, 6, 15)


def test_the_only_disagreement_in_the_bundled_years_is_15_june_2026():
    govuk = list(bundled_govuk())
    found = disagreements(govuk, package_layer(govuk))
    assert [(d.holiday.date, d.holiday.nation, d.listed_by, d.not_listed_by) for d in found] == [
        (WORLD_CUP, SCO, "holidays", "govuk")
    ]


def test_a_rejected_day_is_not_a_holiday_but_only_while_the_sources_disagree():
    govuk = list(bundled_govuk())
    rejected = build_calendar(govuk, rejected=frozenset({(WORLD_CUP, SCO)}))
    assert rejected.is_working_day(WORLD_CUP, SCO)
    # Once GOV.UK lists it too, there is no disagreement left, and the rejection is moot.
    published = [*govuk, Holiday(WORLD_CUP, SCO, "Bank holiday", SOURCE_GOVUK)]
    agreed = build_calendar(published, rejected=frozenset({(WORLD_CUP, SCO)}))
    assert not agreed.is_working_day(WORLD_CUP, SCO)
    # A rejection never removes a day both sources list.
    christmas = build_calendar(govuk, rejected=frozenset({(date(2026, 12, 25), SCO)}))
    assert not christmas.is_working_day(date(2026, 12, 25), SCO)


def test_a_day_only_govuk_lists_is_a_holiday_too():
    extra = Holiday(date(2026, 6, 22), NI, "Proclaimed", SOURCE_GOVUK)
    calendar = build_calendar([*bundled_govuk(), extra])
    assert not calendar.is_working_day(date(2026, 6, 22), NI)


# --- stored, and decided in the admin ---------------------------------------------------------


@pytest.fixture
def synced(db):
    services.bank_holidays_sync(fetcher=offline)
    return HolidayDisagreement.objects.get()


def test_the_sync_stores_the_disagreement_once(synced, django_capture_on_commit_callbacks):
    assert (synced.date, synced.nation, synced.listed_by, synced.not_listed_by) == (
        WORLD_CUP,
        SCO,
        "holidays",
        "govuk",
    )
    assert synced.decision == "pending"
    with django_capture_on_commit_callbacks(execute=True):
        services.bank_holidays_sync(fetcher=offline)
    assert HolidayDisagreement.objects.count() == 1


def test_administrator_sees_the_disagreement_with_both_sources_named(
    client, cast, synced, django_assert_max_num_queries
):
    client.force_login(cast.administrator)
    with django_assert_max_num_queries(12):
        page = client.get(LIST)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Scotland&#x27;s participation in the FIFA World Cup final" in html
    assert GOVUK_NAME in html and PACKAGE_NAME in html
    assert "Not yet reviewed (counted as a holiday)" in html
    detail = client.get(reverse("admin:deadlines_holidaydisagreement_change", args=[synced.pk]))
    assert detail.status_code == 200
    assert GOVUK_NAME in detail.content.decode() and PACKAGE_NAME in detail.content.decode()


@pytest.mark.parametrize("who", ["outsider", "ig_manager"])
def test_people_who_are_not_administrators_are_sent_to_log_in(client, cast, synced, who):
    client.force_login(getattr(cast, who))
    assert client.get(LIST).status_code == 302
    response = client.post(LIST, {"action": "reject", "_selected_action": [synced.pk]})
    assert response.status_code == 302 and "/login/" in response["Location"]
    synced.refresh_from_db()
    assert synced.decision == "pending"
    assert not services.current_calendar().is_working_day(WORLD_CUP, SCO)


def test_staff_without_the_permission_are_refused(client, synced):
    clerk = UserFactory(username="clerk", role=Role.STAFF, is_staff=True)
    client.force_login(clerk)
    assert client.get(LIST).status_code == 403
    response = client.post(LIST, {"action": "reject", "_selected_action": [synced.pk]})
    assert response.status_code == 403
    synced.refresh_from_db()
    assert synced.decision == "pending"


def test_reject_then_accept_changes_the_calendar(
    client, cast, synced, django_capture_on_commit_callbacks
):
    client.force_login(cast.administrator)
    assert rules.foi_due(date(2026, 6, 1)).due == date(2026, 6, 30)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, {"action": "reject", "_selected_action": [synced.pk]})
    assert response.status_code == 302
    synced.refresh_from_db()
    assert (synced.decision, synced.decided_by) == ("rejected", "administrator")
    assert rules.is_working_day(WORLD_CUP, nation=SCO)
    assert rules.foi_due(date(2026, 6, 1)).due == date(2026, 6, 29)
    change = BankHolidayChange.objects.get()
    assert (change.action, change.date, change.nation, change.source) == (
        "removed",
        WORLD_CUP,
        SCO,
        "holidays",
    )
    assert change.reason == f"rejected by administrator: listed by {PACKAGE_NAME}, not by " + (
        GOVUK_NAME
    )
    # The list shows the decision; the day is still listed, so it can be accepted later.
    assert "Rejected: not a holiday" in client.get(LIST).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST, {"action": "accept", "_selected_action": [synced.pk]})
    synced.refresh_from_db()
    assert synced.decision == "accepted"
    assert not rules.is_working_day(WORLD_CUP, nation=SCO)
    assert rules.foi_due(date(2026, 6, 1)).due == date(2026, 6, 30)
    assert list(BankHolidayChange.objects.order_by("id").values_list("action", flat=True)) == [
        "removed",
        "added",
    ]


def test_accepting_a_pending_day_changes_nothing_in_the_calendar(synced):
    services.holiday_disagreement_decide(
        disagreement_id=synced.pk, decision="accepted", by="administrator"
    )
    assert not BankHolidayChange.objects.exists()
    assert not rules.is_working_day(WORLD_CUP, nation=SCO)


@pytest.mark.parametrize(
    ("decision", "error"), [("maybe", "accepted or rejected"), ("pending", "accepted or rejected")]
)
def test_a_decision_must_be_accept_or_reject(synced, decision, error):
    with pytest.raises(ValueError, match=error):
        services.holiday_disagreement_decide(
            disagreement_id=synced.pk, decision=decision, by="administrator"
        )
    synced.refresh_from_db()
    assert synced.decision == "pending"


def test_a_disagreement_the_sources_settled_is_deleted(synced, django_capture_on_commit_callbacks):
    services.holiday_disagreement_decide(
        disagreement_id=synced.pk, decision="rejected", by="administrator"
    )
    # GOV.UK publishes the day: the sources agree, the rejection goes, the day is a holiday.
    payload = govuk_payload(add=[(SCO, WORLD_CUP, "Bank holiday")])
    with django_capture_on_commit_callbacks(execute=True):
        services.bank_holidays_sync(fetcher=lambda: payload)
    assert not HolidayDisagreement.objects.exists()
    assert not rules.is_working_day(WORLD_CUP, nation=SCO)
    with pytest.raises(ValueError, match="no longer exists"):
        services.holiday_disagreement_decide(
            disagreement_id=synced.pk, decision="accepted", by="administrator"
        )
