"""The GOV.UK sync, administrators' holidays, the change log and the calendar_changed signal."""

import json
import logging
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from deadlines import rules, services, tasks
from deadlines.errors import DeadlineError
from deadlines.holidays import BUNDLED_FILE, bundled_govuk
from deadlines.models import BankHoliday, BankHolidayChange, HolidayDisagreement
from deadlines.signals import calendar_changed, describe_move

pytestmark = pytest.mark.django_db

E_W, SCO, NI = "england-and-wales", "scotland", "northern-ireland"


def govuk_payload(add=(), remove=()):
    """The bundled GOV.UK JSON with events added (nation, date, title) or removed (nation, date)."""
    payload = json.loads(BUNDLED_FILE.read_text(encoding="utf-8"))
    for nation, day in remove:
        events = payload[nation]["events"]
        payload[nation]["events"] = [e for e in events if e["date"] != day.isoformat()]
    for nation, day, title in add:
        payload[nation]["events"].append({"title": title, "date": day.isoformat(), "notes": ""})
    return payload


@pytest.fixture
def received_signals():
    received = []

    def receiver(sender, changes, **kwargs):
        received.append(changes)

    calendar_changed.connect(receiver)
    yield received
    calendar_changed.disconnect(receiver)


def unreachable():
    raise OSError("[Errno -3] Temporary failure in name resolution")


def test_unreachable_govuk_keeps_the_bundled_copy_and_says_so(caplog, received_signals):
    with caplog.at_level(logging.WARNING, logger="deadlines.services"):
        result = services.bank_holidays_sync(fetcher=unreachable)
    assert not result.reached_govuk
    assert result.changes == []
    assert "could not be fetched from https://www.gov.uk/bank-holidays.json" in caplog.text
    assert (
        "keeping the stored list and the copy bundled with govuk-bank-holidays 0.19" in caplog.text
    )
    # The bundled copy is stored, so the admin lists it; nothing changed, nothing was sent.
    assert BankHoliday.objects.filter(source="govuk").count() == len(bundled_govuk())
    assert not BankHolidayChange.objects.exists()
    assert received_signals == []


@pytest.mark.parametrize("payload", [{"england-and-wales": {}}, "<html>", None])
def test_an_unreadable_payload_is_treated_as_unreachable(payload):
    result = services.bank_holidays_sync(fetcher=lambda: payload)
    assert not result.reached_govuk


def test_sync_stores_what_changed_and_sends_the_signal(
    django_capture_on_commit_callbacks, received_signals
):
    payload = govuk_payload(
        add=[(n, date(2026, 6, 22), "Extra bank holiday") for n in (E_W, SCO, NI)],
        remove=[(SCO, date(2026, 8, 3))],
    )
    with django_capture_on_commit_callbacks(execute=True):
        result = services.bank_holidays_sync(fetcher=lambda: payload)
    assert result.reached_govuk
    described = [c.describe() for c in result.changes]
    # GOV.UK dropping Scotland's summer holiday changes nothing while the holidays package
    # still lists it: a day either source lists is a holiday, and the disagreement is stored.
    assert described == [
        "Extra bank holiday on Mon 2026-06-22 (England and Wales) was added",
        "Extra bank holiday on Mon 2026-06-22 (Scotland) was added",
        "Extra bank holiday on Mon 2026-06-22 (Northern Ireland) was added",
    ]
    assert [(c.action, c.date, c.nation) for c in BankHolidayChange.objects.order_by("id")] == [
        ("added", date(2026, 6, 22), E_W),
        ("added", date(2026, 6, 22), SCO),
        ("added", date(2026, 6, 22), NI),
    ]
    assert [
        (d.date, d.nation, d.listed_by, d.decision)
        for d in HolidayDisagreement.objects.filter(date__gte=date(2026, 6, 16))
    ] == [
        (date(2026, 6, 22), E_W, "govuk", "pending"),
        (date(2026, 6, 22), NI, "govuk", "pending"),
        (date(2026, 6, 22), SCO, "govuk", "pending"),
        (date(2026, 8, 3), SCO, "holidays", "pending"),
    ]
    assert (
        BankHolidayChange.objects.first().reason
        == "sync from https://www.gov.uk/bank-holidays.json"
    )
    assert len(received_signals) == 1 and received_signals[0] == result.changes
    # The calendar everyone uses has changed.
    assert not rules.is_working_day(date(2026, 6, 22))
    assert not rules.is_working_day(date(2026, 8, 3), nation=SCO)


def test_running_the_sync_twice_changes_nothing_the_second_time(
    django_capture_on_commit_callbacks, received_signals
):
    payload = govuk_payload(add=[(E_W, date(2026, 6, 22), "Extra")])
    with django_capture_on_commit_callbacks(execute=True):
        first = services.bank_holidays_sync(fetcher=lambda: payload)
    with django_capture_on_commit_callbacks(execute=True):
        second = services.bank_holidays_sync(fetcher=lambda: payload)
    assert len(first.changes) == 1
    assert second.changes == []
    assert BankHolidayChange.objects.count() == 1
    assert len(received_signals) == 1


def test_a_newly_published_year_ends_its_provisional_status(
    django_capture_on_commit_callbacks, received_signals
):
    assert rules.foi_due(date(2029, 3, 1)).provisional
    # GOV.UK publishes 2029 as the rules expect, plus a one-off.
    from deadlines.holidays import rule_holidays

    add = [(h.nation, h.date, h.title) for n in (E_W, SCO, NI) for h in rule_holidays(n, 2029)]
    add.append((E_W, date(2029, 3, 12), "One-off"))
    with django_capture_on_commit_callbacks(execute=True):
        result = services.bank_holidays_sync(fetcher=lambda: govuk_payload(add=add))
    assert [c.describe() for c in result.changes] == [
        "One-off on Mon 2029-03-12 (England and Wales) was added"
    ]
    deadline = rules.foi_due(date(2029, 3, 1))
    assert not deadline.provisional
    assert len(received_signals) == 1


def test_govuk_takes_over_an_administrators_early_entry(django_capture_on_commit_callbacks):
    services.bank_holiday_add(
        day=date(2026, 6, 22), nations=[E_W], title="Proclaimed", source_detail="Gazette", by="ig"
    )
    payload = govuk_payload(add=[(E_W, date(2026, 6, 22), "Extra bank holiday")])
    with django_capture_on_commit_callbacks(execute=True):
        result = services.bank_holidays_sync(fetcher=lambda: payload)
    assert result.changes == []  # it was already a holiday
    row = BankHoliday.objects.get(date=date(2026, 6, 22), nation=E_W)
    assert (row.source, row.title, row.source_detail) == ("govuk", "Extra bank holiday", "Gazette")


def test_the_celery_task_calls_the_sync(monkeypatch):
    monkeypatch.setattr(services, "fetch_govuk", unreachable)
    assert tasks.sync_bank_holidays().startswith("GOV.UK bank holidays could not be fetched")
    assert tasks.sync_bank_holidays.name == "deadlines.tasks.sync_bank_holidays"


def test_sync_command_reads_a_downloaded_copy(tmp_path, django_capture_on_commit_callbacks):
    copy = tmp_path / "bank-holidays.json"
    copy.write_text(json.dumps(govuk_payload(add=[(NI, date(2026, 6, 22), "Extra")])))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sync_bank_holidays", file=copy)
    assert not rules.is_working_day(date(2026, 6, 22))
    copy.write_text("not json")
    with pytest.raises(CommandError, match="could not be fetched"):
        call_command("sync_bank_holidays", file=copy)
    with pytest.raises(CommandError, match="is not a file"):
        call_command("sync_bank_holidays", file=tmp_path / "missing.json")


def test_sync_command_without_internet(monkeypatch, capsys):
    monkeypatch.setattr(services, "fetch_govuk", unreachable)
    call_command("sync_bank_holidays")
    assert "keeping the stored list" in capsys.readouterr().out


# --- administrators' holidays and the receiver contract -------------------------------------


def test_admin_holiday_moves_a_stored_deadline_and_the_case_records_why(
    django_capture_on_commit_callbacks,
):
    """What a receiver in an app that stores due dates does (the contract in signals.py)."""
    case = {"received": date(2026, 6, 1), "due": rules.foi_due(date(2026, 6, 1)).due, "log": []}
    # 20 working days after Mon 1 June: Mon 15 June (Scotland) is skipped, so Tue 30 June.
    assert case["due"] == date(2026, 6, 30)

    def recompute(sender, changes, **kwargs):
        new = rules.foi_due(case["received"]).due
        if new != case["due"]:
            case["log"].append(describe_move(case["due"], new, changes, start=case["received"]))
            case["due"] = new

    calendar_changed.connect(recompute)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.bank_holiday_add(
                day=date(2026, 6, 22),
                nations=[E_W, SCO, NI],
                title="Bank holiday for the royal wedding",
                source_detail="Proclamation, The Gazette, 2026",
                by="ig_manager",
            )
    finally:
        calendar_changed.disconnect(recompute)
    assert case["due"] == date(2026, 7, 1)
    assert case["log"] == [
        "Deadline moved from Tue 2026-06-30 to Wed 2026-07-01 because Bank holiday for the royal "
        "wedding on Mon 2026-06-22 (all nations) was added."
    ]
    assert BankHolidayChange.objects.filter(reason__startswith="added by ig_manager").count() == 3


def test_removing_an_administrators_holiday(django_capture_on_commit_callbacks, received_signals):
    (row,) = services.bank_holiday_add(
        day=date(2026, 6, 22), nations=[SCO], title="Extra", source_detail="x", by="a"
    )
    with django_capture_on_commit_callbacks(execute=True):
        changes = services.bank_holiday_remove(holiday=row, by="b")
    assert [c.describe() for c in changes] == ["Extra on Mon 2026-06-22 (Scotland) was removed"]
    assert rules.is_working_day(date(2026, 6, 22))
    assert received_signals == [changes]


def test_govuk_holidays_cannot_be_removed_by_hand():
    services.bank_holidays_sync(fetcher=unreachable)
    row = BankHoliday.objects.get(date=date(2026, 12, 25), nation=E_W)
    with pytest.raises(DeadlineError, match="Only holidays added by an administrator"):
        services.bank_holiday_remove(holiday=row, by="b")


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (date(2026, 12, 25), "already a bank holiday"),
        (date(2011, 6, 1), "before 1 January 2012"),
    ],
)
def test_adding_a_holiday_that_cannot_be(day, message):
    with pytest.raises(DeadlineError, match=message):
        services.bank_holiday_add(day=day, nations=[E_W], title="X", source_detail="y", by="a")


def test_describe_move_names_only_changes_in_the_period():
    from deadlines.calendar import Holiday
    from deadlines.signals import HolidayChange

    changes = [
        HolidayChange("added", Holiday(date(2026, 6, 22), SCO, "Extra", "govuk")),
        HolidayChange("added", Holiday(date(2026, 9, 1), SCO, "Later", "govuk")),
    ]
    assert describe_move(date(2026, 6, 29), date(2026, 6, 30), changes, start=date(2026, 6, 1)) == (
        "Deadline moved from Mon 2026-06-29 to Tue 2026-06-30 because Extra on Mon 2026-06-22 "
        "(Scotland) was added."
    )
    assert describe_move(date(2026, 6, 29), None, [], start=date(2026, 6, 1)).endswith(
        "to none (clock stopped) because the bank-holiday list changed."
    )


# --- the current calendar -----------------------------------------------------------------------


def test_current_calendar_is_rebuilt_when_the_table_changes():
    before = services.current_calendar()
    assert services.current_calendar() is before  # cached while nothing changes
    BankHoliday.objects.create(date=date(2026, 6, 22), nation=E_W, title="X", source="admin")
    after = services.current_calendar()
    assert after is not before
    assert not after.is_working_day(date(2026, 6, 22), E_W)
    assert "1 added by an administrator" in after.description


def test_no_database_falls_back_to_the_bundled_copy(monkeypatch):
    from django.db import OperationalError

    def down():
        raise OperationalError('connection to server at "127.0.0.1", port 1 failed')

    monkeypatch.setattr(services, "_database_version", down)
    load = services.calendar_load()
    assert load.calendar.published_year() == 2028
    assert load.problem.startswith(
        'The database could not be read (connection to server at "127.0.0.1", port 1 failed)'
    )
