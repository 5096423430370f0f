"""The current calendar (database over bundled data), the GOV.UK sync, administrators' changes.

Every change to the holiday list (the sync, an administrator's holiday, a decision on a
disagreement between the two holiday sources) goes through `_change_holidays`, which compares
the working-day calendar before and after, stores what changed (BankHolidayChange) and, once
committed, sends `calendar_changed` so apps that store due dates recompute them.
"""

import http.client
import json
import logging
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial

from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from deadlines import holidays as sources
from deadlines import second_source
from deadlines.calendar import (
    NATIONS,
    SOURCE_ADMIN,
    SOURCE_GOVUK,
    Holiday,
    WorkingDayCalendar,
)
from deadlines.errors import DeadlineError
from deadlines.models import BankHoliday, BankHolidayChange, HolidayDisagreement
from deadlines.signals import ADDED, REMOVED, HolidayChange, calendar_changed

logger = logging.getLogger(__name__)

GOVUK_URL = "https://www.gov.uk/bank-holidays.json"
_FIELDS = ("date", "nation", "title", "source")

# (database version, calendar): rebuilt when the holiday table changes, from any process.
_cache: dict[str, tuple[tuple, WorkingDayCalendar]] = {}


# --- the current calendar ---------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarLoad:
    calendar: WorkingDayCalendar
    problem: str = ""  # why the database's holidays are not included, when they are not


def calendar_load() -> CalendarLoad:
    """The calendar from the database's holidays layered over the bundled copy.

    With no database (a fresh clone, the server down, tables not migrated) it is the bundled
    copy plus rules, and `problem` says so: a deadline is still computed, not refused.
    """
    try:
        version = _database_version()
        cached = _cache.get("calendar")
        if cached and cached[0] == version:
            return CalendarLoad(cached[1])
        calendar = _build(*_load())
    except DatabaseError as error:
        logger.debug("Working-day calendar without the database: %s", error)
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        return CalendarLoad(
            sources.bundled_calendar(),
            f"The database could not be read ({reason}), so this uses the bundled GOV.UK list "
            "and rules only: holidays added by an administrator or synced since are not included.",
        )
    _cache["calendar"] = (version, calendar)
    return CalendarLoad(calendar)


def current_calendar() -> WorkingDayCalendar:
    return calendar_load().calendar


def calendar_cache_clear() -> None:
    _cache.clear()


def _database_version() -> tuple:
    """Changes whenever a holiday row is added, changed or deleted, or a disagreement's
    decision changes: one small query over both tables."""
    holidays = BankHoliday._meta.db_table
    disagreements = HolidayDisagreement._meta.db_table
    with connection.cursor() as cursor:
        # Table names come from the models, the one value is a parameter.
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {holidays}), (SELECT max(updated_at) FROM {holidays}), "  # noqa: S608
            f"(SELECT count(*) FROM {disagreements} WHERE decision = %s), "
            f"(SELECT max(updated_at) FROM {disagreements})",
            [HolidayDisagreement.Decision.REJECTED],
        )
        return tuple(cursor.fetchone())


def _load(*, lock: bool = False) -> tuple[list[tuple], frozenset[tuple[date, str]]]:
    """The stored holiday rows and the (date, nation) of the rejected disagreements."""
    holidays = BankHoliday.objects.all()
    rejected = HolidayDisagreement.objects.filter(decision=HolidayDisagreement.Decision.REJECTED)
    if lock:
        holidays, rejected = holidays.select_for_update(), rejected.select_for_update()
    return (
        list(holidays.values_list(*_FIELDS)),
        frozenset(rejected.values_list("date", "nation")),
    )


def _govuk_layer(stored: list[Holiday]) -> list[Holiday]:
    return sources.overlay_govuk(
        list(sources.bundled_govuk()), [h for h in stored if h.source == SOURCE_GOVUK]
    )


def _build(rows: list[tuple], rejected: frozenset = frozenset()) -> WorkingDayCalendar:
    stored = [Holiday(*row) for row in rows]
    if not stored and not rejected:
        return sources.bundled_calendar()
    origin = f"govuk-bank-holidays {sources.BUNDLED_VERSION} and the last sync from gov.uk"
    admin = [h for h in stored if h.source == SOURCE_ADMIN]
    return sources.build_calendar(
        _govuk_layer(stored), admin, rejected=rejected, govuk_origin=origin
    )


# --- changing the list ------------------------------------------------------------------------


def _change_holidays(reason: str, change: Callable[[], None]) -> list[HolidayChange]:
    with transaction.atomic():
        # Locking the rows makes a second sync running at the same time wait, then find
        # nothing left to change: the task is safe to run twice.
        before = _build(*_load(lock=True))
        change()
        after = _build(*_load())
        changes = _differences(before, after)
        BankHolidayChange.objects.bulk_create(
            BankHolidayChange(
                action=c.action,
                date=c.holiday.date,
                nation=c.holiday.nation,
                title=c.holiday.title,
                source=c.holiday.source,
                reason=reason[:500],
            )
            for c in changes
        )
        if changes or before.published_until != after.published_until:
            transaction.on_commit(partial(_announce, changes))
    return changes


def _differences(before: WorkingDayCalendar, after: WorkingDayCalendar) -> list[HolidayChange]:
    """Holidays added or removed, by day and nation, over the years both calendars cover."""
    last_year = min(before.last_year, after.last_year)
    old = {(h.date, h.nation): h for h in before.holidays() if h.date.year <= last_year}
    new = {(h.date, h.nation): h for h in after.holidays() if h.date.year <= last_year}
    changes = [HolidayChange(ADDED, new[key]) for key in new.keys() - old.keys()]
    changes += [HolidayChange(REMOVED, old[key]) for key in old.keys() - new.keys()]
    return sorted(changes, key=lambda c: (c.holiday.date, NATIONS.index(c.holiday.nation)))


def _announce(changes: list[HolidayChange]) -> None:
    calendar_cache_clear()
    for change in changes:
        logger.info("Bank holidays: %s.", change.describe())
    calendar_changed.send(sender=BankHoliday, changes=changes)


# --- the sync from GOV.UK ---------------------------------------------------------------------


@dataclass(frozen=True)
class SyncResult:
    reached_govuk: bool
    changes: list[HolidayChange]
    message: str


def fetch_govuk(timeout: float = 10) -> object:
    # A fixed https URL, so no file:// or other scheme can be smuggled in.
    with urllib.request.urlopen(GOVUK_URL, timeout=timeout) as response:  # noqa: S310
        return json.load(response)


def bank_holidays_sync(
    *, fetcher: Callable[[], object] | None = None, origin: str = GOVUK_URL
) -> SyncResult:
    """Refresh the stored list from GOV.UK's JSON (`fetcher` returns it, already decoded).

    Nation-years GOV.UK lists replace the stored ones; years it no longer lists are kept; years
    the database lacks are filled from the bundled copy. When GOV.UK cannot be reached (or sends
    something unreadable) only that gap-filling happens, and the log says so.
    """
    try:
        fetched = sources.parse_govuk((fetcher or fetch_govuk)())
    except (OSError, ValueError, http.client.HTTPException) as error:
        message = (
            f"GOV.UK bank holidays could not be fetched from {origin} ({error}); keeping the "
            f"stored list and the copy bundled with govuk-bank-holidays {sources.BUNDLED_VERSION}."
        )
        logger.warning(message)
        _change_holidays("filled from the bundled copy", partial(_store_sources, []))
        return SyncResult(False, [], message)
    changes = _change_holidays(f"sync from {origin}", partial(_store_sources, fetched))
    summary = "; ".join(c.describe() for c in changes) or "no changes"
    message = f"GOV.UK bank holidays fetched from {origin}: {summary}."
    logger.info(message)
    return SyncResult(True, changes, message)


def _store_sources(fetched: list[Holiday]) -> None:
    _store_govuk(fetched)
    _store_disagreements()


def _store_govuk(fetched: list[Holiday]) -> None:
    """Make the stored GOV.UK rows equal bundled ⊕ stored ⊕ fetched (see overlay_govuk)."""
    rows = {(row.date, row.nation): row for row in BankHoliday.objects.all()}
    stored = [Holiday(r.date, r.nation, r.title, r.source) for r in rows.values()]
    govuk = sources.overlay_govuk(
        sources.overlay_govuk(
            list(sources.bundled_govuk()), [h for h in stored if h.source == SOURCE_GOVUK]
        ),
        fetched,
    )
    wanted = {(h.date, h.nation): h for h in govuk}
    BankHoliday.objects.filter(
        pk__in=[r.pk for key, r in rows.items() if r.source == SOURCE_GOVUK and key not in wanted]
    ).delete()
    BankHoliday.objects.bulk_create(
        BankHoliday(date=h.date, nation=h.nation, title=h.title, source=SOURCE_GOVUK)
        for key, h in wanted.items()
        if key not in rows
    )
    for key, holiday in wanted.items():
        row = rows.get(key)
        if row is not None and (row.title, row.source) != (holiday.title, SOURCE_GOVUK):
            # GOV.UK is the source of truth: an administrator's early entry becomes GOV.UK's.
            row.title, row.source = holiday.title, SOURCE_GOVUK
            row.save(update_fields=["title", "source", "updated_at"])


# --- administrators' holidays -------------------------------------------------------------------


def bank_holiday_add(
    *, day: date, nations: list[str], title: str, source_detail: str, by: str
) -> list[BankHoliday]:
    """Add a one-off holiday (a proclamation GOV.UK has not published yet) in each nation."""
    calendar = current_calendar()
    calendar.check_in_range(day)
    taken = [n for n in nations if calendar.holidays_on(day, n)]
    if taken:
        raise DeadlineError(
            f"{day.isoformat()} is already a bank holiday in {', '.join(taken)}: "
            f"{'; '.join(h.title for h in calendar.holidays_on(day) if h.nation in taken)}."
        )
    created: list[BankHoliday] = []

    def add():
        created.extend(
            BankHoliday.objects.create(
                date=day,
                nation=nation,
                title=title,
                source=SOURCE_ADMIN,
                source_detail=source_detail,
            )
            for nation in nations
        )

    _change_holidays(f"added by {by}: {source_detail}", add)
    return created


def bank_holiday_remove(*, holiday: BankHoliday, by: str) -> list[HolidayChange]:
    """Remove a holiday an administrator added (GOV.UK's come and go with the sync)."""
    if holiday.source != SOURCE_ADMIN:
        raise DeadlineError("Only holidays added by an administrator can be removed.")
    return _change_holidays(f"removed by {by}", holiday.delete)


# --- disagreements between GOV.UK and the holidays package ----------------------------------------


def _store_disagreements() -> None:
    """Make the stored disagreements those between the stored GOV.UK list and the package.

    A new one starts pending (counted as a holiday); one already stored keeps its decision; one
    the sources no longer disagree about is deleted.
    """
    stored = [Holiday(*row) for row in BankHoliday.objects.values_list(*_FIELDS)]
    govuk = _govuk_layer(stored)
    current = {
        d.key: d for d in second_source.disagreements(govuk, second_source.package_layer(govuk))
    }
    rows = {(r.date, r.nation): r for r in HolidayDisagreement.objects.select_for_update()}
    HolidayDisagreement.objects.filter(
        pk__in=[
            r.pk
            for key, r in rows.items()
            if key not in current or r.listed_by != current[key].listed_by
        ]
    ).delete()
    detail = (
        f"GOV.UK: bundled with govuk-bank-holidays {sources.BUNDLED_VERSION} and synced; "
        f"holidays package {second_source.PACKAGE_VERSION}"
    )
    HolidayDisagreement.objects.bulk_create(
        HolidayDisagreement(
            date=d.holiday.date,
            nation=d.holiday.nation,
            title=d.holiday.title[:200],
            listed_by=d.listed_by,
            not_listed_by=d.not_listed_by,
            sources_detail=detail,
        )
        for key, d in current.items()
        if key not in rows or rows[key].listed_by != d.listed_by
    )


def holiday_disagreement_decide(
    *, disagreement_id: int, decision: str, by: str
) -> HolidayDisagreement:
    """Accept (a holiday) or reject (not a holiday) a day only one source lists. A decision that
    changes the calendar is logged and recomputes cases like any other holiday change."""
    decisions = HolidayDisagreement.Decision
    if decision not in (decisions.ACCEPTED, decisions.REJECTED):
        raise DeadlineError(f"A disagreement can be accepted or rejected, not {decision!r}.")
    row = HolidayDisagreement.objects.filter(pk=disagreement_id).first()
    if row is None:
        raise DeadlineError("That disagreement no longer exists: the sources now agree.")
    names = second_source.SOURCE_NAMES
    reason = (
        f"{decision} by {by}: listed by {names[row.listed_by]}, not by {names[row.not_listed_by]}"
    )

    def decide():
        locked = HolidayDisagreement.objects.select_for_update().get(pk=row.pk)
        locked.decision, locked.decided_by, locked.decided_at = decision, by, timezone.now()
        locked.save()
        row.refresh_from_db()

    _change_holidays(reason, decide)
    return row
