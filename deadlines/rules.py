"""Every statutory deadline, as functions of dates and a working-day calendar.

The rules are those of SPEC-statutory.md ("Decisions for this project"). Each function returns the
due date with the working behind it. `calendar=None` means the current calendar (see
`deadlines.services.current_calendar`); code that computes many dates in a loop should fetch it
once and pass it in.
"""

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from deadlines.calendar import NATION_NAMES, NATIONS, WorkingDayCalendar
from deadlines.errors import DeadlineError
from deadlines.explain import (
    DUE,
    EVENT,
    NOTE,
    PAUSED,
    ROLLED,
    Step,
    counting_steps,
    day_label,
    rolling_steps,
)

LONDON = ZoneInfo("Europe/London")

WORKING_DAY, MONTH = "working day", "month"  # the units of a period (Deadline.unit)
FOI_WORKING_DAYS = 20  # FOIA s10(1); EIR reg 5(2); FOI internal review (ICO guide)
EXTENDED_WORKING_DAYS = 40  # FOI public-interest (ICO), EIR reg 7(1), exceptional FOI review
EIR_RECONSIDERATION_WORKING_DAYS = 40  # EIR reg 11(4)
AGGREGATION_WORKING_DAYS = 60  # Fees Regulations reg 5(2)
FEE_PAYMENT_MONTHS = 3  # FOIA s9(2)
EIR_PAYMENT_WORKING_DAYS = 60  # EIR reg 8 advance payment (SPEC section 2)
# The Data (Use and Access) Act 2025 s76 stop-the-clock for data-subject requests came into force
# on this day (SI 2026/82); clarification days before it do not stop the clock.
SAR_PAUSE_FROM = date(2026, 2, 5)

_UK_WORKING_DAY = (
    "Working days: not a Saturday, Sunday or bank holiday in any part of the UK (FOIA s10(6)); "
    "the date of receipt never counts, day 1 is the next working day."
)


@dataclass(frozen=True)
class Deadline:
    """A due date and its working. `due` is None while the clock is stopped (see `stopped`)."""

    regime: str
    start: date
    due: date | None
    provisional: bool
    steps: tuple[Step, ...]
    stopped: str = ""
    # The period itself, for "day N of 20" (deadlines/progress.py): its length in `unit`s
    # ("working day" or "month"), the days it does not count, and the day the clock stopped.
    length: int = 0
    unit: str = ""
    paused: tuple[date, date] | None = None
    stopped_on: date | None = None

    @property
    def explanation(self) -> list[str]:
        return [step.line() for step in self.steps]


# --- inputs ---------------------------------------------------------------------------------


def receipt_date(value: date | datetime) -> date:
    """The date of receipt: a date as given, or an aware datetime's date in Europe/London."""
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise DeadlineError(
                f"{value.isoformat()} has no time zone: give an aware datetime or a date."
            )
        return value.astimezone(LONDON).date()
    if isinstance(value, date):
        return value
    raise DeadlineError(f"Expected a date, not {value!r}.")


def _dates(*values: date | datetime | None) -> list[date | None]:
    return [None if value is None else receipt_date(value) for value in values]


def _calendar(calendar: WorkingDayCalendar | None) -> WorkingDayCalendar:
    if calendar is not None:
        return calendar
    # Imported here so the rules stay importable (and testable) without Django's app registry.
    from deadlines.services import current_calendar

    return current_calendar()


def _in_range(calendar: WorkingDayCalendar, *days: date | None) -> None:
    for day in days:
        if day is not None:
            calendar.check_in_range(day)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _provisional(calendar: WorkingDayCalendar, day: date, nation: str | None = None) -> list[Step]:
    if not calendar.is_provisional(day, nation):
        return []
    published = calendar.published_year(nation)
    return [
        Step(
            NOTE,
            f"Provisional: GOV.UK has published bank holidays only up to {published}; later "
            "holidays come from rules (workalendar for England and Wales and Northern Ireland, "
            "own rules for Scotland), so this date may change when GOV.UK publishes "
            f"{published + 1}.",
        )
    ]


# --- working-day regimes: FOI, EIR, reviews -------------------------------------------------


def _restart(received: date, clarified: date | None, section: str) -> tuple[date, list[Step]]:
    """A clarification restarts the clock: its date becomes the date of receipt."""
    if clarified is None:
        return received, []
    if clarified < received:
        raise DeadlineError(
            f"The clarification ({clarified.isoformat()}) is dated before the request was "
            f"received ({received.isoformat()})."
        )
    return clarified, [
        Step(EVENT, "request received; clarification was needed", received),
        Step(EVENT, f"clarification received: the clock restarts from here ({section})", clarified),
    ]


def _working_days(
    regime: str,
    calendar: WorkingDayCalendar,
    start: date,
    n: int,
    intro: list[Step],
    *,
    disregard: tuple[date, date] | None = None,
    disregard_reason: str = "",
) -> Deadline:
    """The Nth working day following `start`, not counting the working days in `disregard`."""
    disregarded = 0
    if disregard:
        disregarded = calendar.working_days_between(
            max(disregard[0] - timedelta(days=1), start), disregard[1]
        )
    due = calendar.add_working_days(start, n + disregarded)
    counted = f"the {_ordinal(n)} working day"
    if disregarded:
        counted += f", not counting the {disregarded} disregarded"
    steps = [
        *intro,
        Step(NOTE, _UK_WORKING_DAY),
        Step(EVENT, "date of receipt — not counted", start),
        *counting_steps(
            calendar,
            start,
            due,
            disregard=disregard,
            disregard_reason=disregard_reason,
        ),
        *_provisional(calendar, due),
        Step(DUE, f"due: {counted}", due),
    ]
    return Deadline(
        regime,
        start,
        due,
        calendar.is_provisional(due),
        tuple(steps),
        length=n,
        unit=WORKING_DAY,
        paused=disregard,
    )


def foi_due(
    received: date | datetime,
    *,
    clarified: date | datetime | None = None,
    fee_notice: date | datetime | None = None,
    fee_paid: date | datetime | None = None,
    extended: bool = False,
    calendar: WorkingDayCalendar | None = None,
) -> Deadline:
    """FOIA s10: the 20th working day following the date of receipt (40th with the
    public-interest extension). A clarification restarts the clock (s1(3)); the working days
    from the fees notice to the fee's arrival, both inclusive, are disregarded (s10(2)).
    With a fees notice and no fee yet, the clock is stopped and `due` is None."""
    calendar = _calendar(calendar)
    received, clarified, fee_notice, fee_paid = _dates(received, clarified, fee_notice, fee_paid)
    _in_range(calendar, received, clarified, fee_notice, fee_paid)
    start, intro = _restart(received, clarified, "FOIA s1(3)")
    n = EXTENDED_WORKING_DAYS if extended else FOI_WORKING_DAYS
    rule = f"FOI request: the {_ordinal(n)} working day following the date of receipt (FOIA s10(1))"
    if extended:
        rule += ", extended by 20 working days to consider the public interest (s10(3), ICO)"
    intro = [Step(NOTE, rule + "."), *intro]
    return _with_fee(calendar, start, n, intro, fee_notice, fee_paid, _FOI_FEE)


@dataclass(frozen=True)
class _FeeTerms:
    """What differs between the FOI fees notice and the EIR advance-payment notice."""

    regime: str
    period: str  # where the notice must fall, cited
    pause: str  # the disregard, cited
    lapse: str  # the time to pay, cited

    def last_day(self, calendar: WorkingDayCalendar, notice: date) -> date:
        if self.regime == "eir":
            return eir_payment_last_day(notice, calendar=calendar)
        return fee_lapse_date(notice)


_FOI_FEE = _FeeTerms("foi", "FOIA s9(1)", "FOIA s10(2)", "three months, FOIA s9(2)")
_EIR_FEE = _FeeTerms(
    "eir", "EIR reg 5(2)", "EIR reg 8(5)-(6)", f"{EIR_PAYMENT_WORKING_DAYS} working days, reg 8"
)


def _check_fee_notice(
    calendar: WorkingDayCalendar, start: date, notice: date, paid: date | None, terms: _FeeTerms
) -> None:
    if notice < start:
        raise DeadlineError(
            f"The fees notice ({notice.isoformat()}) is dated before the date of receipt "
            f"({start.isoformat()})."
        )
    period_end = calendar.add_working_days(start, FOI_WORKING_DAYS)
    if notice > period_end:
        raise DeadlineError(
            f"A fees notice must be given within the 20 working days ({terms.period}); "
            f"{notice.isoformat()} is after the 20th working day, {period_end.isoformat()}."
        )
    if paid is None:
        return
    if paid < notice:
        raise DeadlineError(
            f"The fee was received ({paid.isoformat()}) before the fees notice was given "
            f"({notice.isoformat()})."
        )
    last_day = terms.last_day(calendar, notice)
    if paid > last_day:
        raise DeadlineError(
            f"The fee arrived on {paid.isoformat()}, after the last day to pay "
            f"({last_day.isoformat()}, {terms.lapse}): the request had lapsed."
        )


def _stopped_for_fee(
    calendar: WorkingDayCalendar,
    start: date,
    n: int,
    notice: date,
    intro: list[Step],
    terms: _FeeTerms,
) -> Deadline:
    used = calendar.working_days_between(start, notice - timedelta(days=1)) if notice > start else 0
    last_day = terms.last_day(calendar, notice)
    stopped = (
        f"clock stopped since {notice.isoformat()} awaiting the fee; the request lapses if it is "
        f"unpaid by {last_day.isoformat()}"
    )
    steps = [
        *intro,
        Step(NOTE, _UK_WORKING_DAY),
        Step(EVENT, "date of receipt — not counted", start),
        *counting_steps(calendar, start, notice - timedelta(days=1)),
        Step(
            PAUSED,
            f"fees notice given: the clock is stopped until the fee arrives ({terms.pause}); "
            f"{_days(used, 'working day')} used, {n - used} remain",
            notice,
        ),
        Step(NOTE, f"Last day to pay: {day_label(last_day)} ({terms.lapse})."),
    ]
    return Deadline(
        terms.regime, start, None, False, tuple(steps), stopped, n, WORKING_DAY, stopped_on=notice
    )


def _with_fee(
    calendar: WorkingDayCalendar,
    start: date,
    n: int,
    intro: list[Step],
    fee_notice: date | None,
    fee_paid: date | None,
    terms: _FeeTerms,
) -> Deadline:
    """The working-day deadline with the wait for a fee disregarded (or stopped while unpaid)."""
    if fee_paid is not None and fee_notice is None:
        raise DeadlineError("A fee-paid date needs the date the fees notice was given too.")
    if fee_notice is None:
        return _working_days(terms.regime, calendar, start, n, intro)
    _check_fee_notice(calendar, start, fee_notice, fee_paid, terms)
    if fee_paid is None:
        return _stopped_for_fee(calendar, start, n, fee_notice, intro, terms)
    reason = f"fees notice given to fee received, both inclusive ({terms.pause})"
    return _working_days(
        terms.regime,
        calendar,
        start,
        n,
        intro,
        disregard=(fee_notice, fee_paid),
        disregard_reason=reason,
    )


def foi_due_date(
    received: date | datetime,
    *,
    extended: bool = False,
    calendar: WorkingDayCalendar | None = None,
) -> date:
    """The FOI due date alone, without the working: the fast path for bulk recomputation."""
    calendar = calendar or _calendar(None)
    if type(received) is not date:
        received = receipt_date(received)
    return calendar.add_working_days(
        received, EXTENDED_WORKING_DAYS if extended else FOI_WORKING_DAYS
    )


def eir_due(
    received: date | datetime,
    *,
    clarified: date | datetime | None = None,
    fee_notice: date | datetime | None = None,
    fee_paid: date | datetime | None = None,
    extended: bool = False,
    calendar: WorkingDayCalendar | None = None,
) -> Deadline:
    """EIR reg 5(2): 20 working days after the date of receipt; 40 where the information is
    complex and voluminous (reg 7(1)). Particulars asked for under reg 9 restart the clock. The
    working days from an advance-payment notice to the payment, both inclusive, are disregarded
    (reg 8(5)-(6), as FOIA s10(2)); unpaid, the clock is stopped and `due` is None."""
    calendar = _calendar(calendar)
    received, clarified, fee_notice, fee_paid = _dates(received, clarified, fee_notice, fee_paid)
    _in_range(calendar, received, clarified, fee_notice, fee_paid)
    start, intro = _restart(received, clarified, "EIR reg 9(4)")
    n = EXTENDED_WORKING_DAYS if extended else FOI_WORKING_DAYS
    rule = f"EIR request: {n} working days after the date of receipt (EIR reg 5(2))"
    if extended:
        rule += ", extended because the information is complex and voluminous (reg 7(1))"
    intro = [Step(NOTE, rule + "."), *intro]
    return _with_fee(calendar, start, n, intro, fee_notice, fee_paid, _EIR_FEE)


# --- calendar months: fees, SAR -------------------------------------------------------------


def _add_months(day: date, months: int) -> tuple[date, bool]:
    """The same date `months` later, or the last day of that month if it has no such date
    (the second value says so)."""
    year, month = divmod(day.month - 1 + months, 12)
    year += day.year
    last = monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last)), day.day > last


def fee_lapse(notice_day: date) -> Deadline:
    """FOIA s9(2): the fee must be paid within the three months beginning with the day the
    fees notice is given. The period ends the day before the corresponding date three months
    on, or, if that month has no such date, on its last day."""
    corresponding, missing = _add_months(notice_day, FEE_PAYMENT_MONTHS)
    last_day = corresponding if missing else corresponding - timedelta(days=1)
    reason = (
        f"that month has no {notice_day.day}th, so its last day"
        if missing
        else f"the day before {day_label(corresponding)}"
    )
    steps = (
        Step(
            NOTE,
            "Fee payment: the fee must be paid within three months beginning with the day the "
            "fees notice is given, or the request lapses (FOIA s9(2)). Calendar days: weekends "
            "and holidays count.",
        ),
        Step(EVENT, "fees notice given: day 1 of the three months", notice_day),
        Step(DUE, f"last day to pay ({reason})", last_day),
    )
    return Deadline("fee-lapse", notice_day, last_day, False, steps)


def fee_lapse_date(notice_day: date) -> date:
    """The last day on which the fee can be paid (see fee_lapse)."""
    return fee_lapse(notice_day).due


def eir_payment_last_day(notice_day: date, *, calendar: WorkingDayCalendar | None = None) -> date:
    """EIR advance payment (reg 8): the requester has 60 working days from the notice to pay."""
    return _calendar(calendar).add_working_days(notice_day, EIR_PAYMENT_WORKING_DAYS)


def sar_due(
    received: date | datetime,
    *,
    id_received: date | datetime | None = None,
    fee_received: date | datetime | None = None,
    clarification_asked: date | datetime | None = None,
    clarified: date | datetime | None = None,
    extended: bool = False,
    nation: str | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> Deadline:
    """Subject access and every other data-subject right (UK GDPR Art 12(3), 12A).

    One calendar month (three with the extension for complex or numerous requests) from the
    latest of receipt, ID (or authority) and fee; the same date next month, or that month's last
    day. Days from asking for clarification to receiving it, both inclusive, from 5 February 2026,
    are added as calendar days. A date that is not a working day in the council's own nation
    (`nation`, default settings.COUNCIL_NATION) rolls forward to the next one that is.
    While a clarification is awaited the clock is stopped and `due` is None.
    """
    calendar = _calendar(calendar)
    nation = nation or _council_nation()
    if nation not in NATIONS:
        raise DeadlineError(f"Unknown nation {nation!r}: choose from {', '.join(NATIONS)}.")
    received, id_received, fee_received, clarification_asked, clarified = _dates(
        received, id_received, fee_received, clarification_asked, clarified
    )
    _in_range(calendar, received, id_received, fee_received, clarification_asked, clarified)
    events = [(received, "request received")]
    events += [(id_received, "ID (or authority) received")] if id_received else []
    events += [(fee_received, "fee received")] if fee_received else []
    start = max(day for day, _ in events)
    months = 3 if extended else 1
    rule = (
        "Data-subject request: one calendar month from the relevant time — the latest of receipt "
        "of the request, of ID (or authority) and of any fee (UK GDPR Art 12(3), 12A)"
    )
    if extended:
        rule += "; extended for a complex or numerous request: three months from the same start"
    steps = [Step(NOTE, rule + ".")]
    ordered = sorted(events, key=lambda event: event[0])  # stable: the request first on a tie
    relevant = max(i for i, (day, _) in enumerate(ordered) if day == start)
    for i, (day, what) in enumerate(ordered):
        steps.append(Step(EVENT, what + (" — the relevant time" if i == relevant else ""), day))
    month_end, missing = _add_months(start, months)
    period = "one calendar month on" if months == 1 else "three calendar months on"
    if missing:
        period += f": there is no {start.day} {month_end:%B}, so the last day of {month_end:%B}"
    steps.append(Step(EVENT, period, month_end))
    paused_steps, added, stopped = _sar_pause(
        received, start, month_end, clarification_asked, clarified
    )
    steps += paused_steps
    shape = {"length": months, "unit": MONTH}
    if stopped:
        return Deadline(
            "sar",
            start,
            None,
            False,
            tuple(steps),
            stopped,
            **shape,
            stopped_on=clarification_asked,
        )
    if added:
        shape["paused"] = (clarified - timedelta(days=added - 1), clarified)
    unrolled = month_end + timedelta(days=added)
    if added:
        steps.append(Step(EVENT, f"after adding the {_days(added)} paused", unrolled))
    due = calendar.next_working_day(unrolled, nation)
    if due != unrolled:
        steps += rolling_steps(calendar, unrolled, nation)
        steps.append(
            Step(ROLLED, f"rolled forward to the next working day in {NATION_NAMES[nation]}", due)
        )
    steps += _provisional(calendar, due, nation)
    steps.append(Step(DUE, "due", due))
    return Deadline("sar", start, due, calendar.is_provisional(due, nation), tuple(steps), **shape)


def _sar_pause(
    received: date, start: date, month_end: date, asked: date | None, answered: date | None
) -> tuple[list[Step], int, str]:
    """The clarification pause: its steps, the calendar days it adds, and, while the answer is
    awaited, why the clock is stopped."""
    if asked is None:
        if answered is not None:
            raise DeadlineError(
                "A clarification-received date needs the date clarification was asked for "
                "(--clarification-asked) too."
            )
        return [], 0, ""
    if answered is not None and answered < asked:
        raise DeadlineError(
            f"The pause ends ({answered.isoformat()}) before it starts ({asked.isoformat()})."
        )
    if asked < received:
        raise DeadlineError(
            f"Clarification was asked on {asked.isoformat()}, before the request was received "
            f"({received.isoformat()})."
        )
    if asked > month_end:
        raise DeadlineError(
            f"Clarification was asked on {asked.isoformat()}, after the period had ended "
            f"({month_end.isoformat()})."
        )
    if answered is None:
        text = "clarification asked: the clock is stopped until the answer arrives"
        stopped = f"clock stopped since {asked.isoformat()} awaiting clarification"
        return [Step(PAUSED, text, asked)], 0, stopped
    # Only days on or after both the relevant time and the stop-the-clock's commencement count.
    first = max(asked, start, SAR_PAUSE_FROM)
    added = max((answered - first).days + 1, 0)
    text = f"clarification asked to answer received, both days inclusive: {_days(added)} added"
    if first > asked:
        text += f" (counting from {day_label(first)}"
        if first == SAR_PAUSE_FROM:
            text += ", when the Data (Use and Access) Act 2025 s76 stop-the-clock came into force"
        text += ")"
    return [Step(PAUSED, text, asked, answered)], added, ""


def _days(n: int, unit: str = "day") -> str:
    return f"{n} {unit}{'' if n == 1 else 's'}"


def _council_nation() -> str:
    from django.conf import settings

    return settings.COUNCIL_NATION


# --- working-day arithmetic for other apps ---------------------------------------------------


def add_working_days(
    day: date, n: int, *, nation: str | None = None, calendar: WorkingDayCalendar | None = None
) -> date:
    """The Nth working day following `day` (FOI/EIR working days unless `nation` is given)."""
    return _calendar(calendar).add_working_days(day, n, nation)


def working_days_before(
    day: date, n: int, *, nation: str | None = None, calendar: WorkingDayCalendar | None = None
) -> date:
    """The Nth working day before `day`, e.g. an internal target 10 working days before the
    statutory date."""
    return _calendar(calendar).working_days_before(day, n, nation)


def working_days_between(
    start: date,
    end: date,
    *,
    nation: str | None = None,
    calendar: WorkingDayCalendar | None = None,
) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    return _calendar(calendar).working_days_between(start, end, nation)


def is_working_day(
    day: date, *, nation: str | None = None, calendar: WorkingDayCalendar | None = None
) -> bool:
    return _calendar(calendar).is_working_day(day, nation)
