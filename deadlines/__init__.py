"""The statutory clock: the UK working-day calendar and every deadline rule, with its working.

The rules are SPEC-statutory.md's "Decisions for this project". Other apps use:

    from deadlines import complaints, reviews, rules
    from deadlines.errors import DeadlineError      # ValueError with a message for a person

    rules.foi_due(received, *, clarified=None, fee_notice=None, fee_paid=None, extended=False)
    rules.eir_due(received, *, clarified=None, fee_notice=None, fee_paid=None, extended=False)
    reviews.foi_review_due(received, *, extended=False)
    reviews.eir_review_due(received)
    rules.sar_due(received, *, id_received=None, fee_received=None, clarification_asked=None,
                  clarified=None, extended=False, nation=None)      # any data-subject right
    reviews.aggregation_window(first_request)      # last day of the 60 working days
    rules.fee_lapse(notice_day)                  # last day to pay the FOI fee
        -> Deadline(regime, start, due: date | None, provisional, steps, stopped)
           .explanation -> list[str]; due is None while the clock is stopped (fee or
           clarification awaited), and `stopped` says why.
    complaints.dp_complaint_due(received, *, nation=None)   # DPA 2018 s164A acknowledgement
        -> Deadline(regime="dp-complaint", ...); due is None for a complaint received before
           19 June 2026, with `stopped` saying it has no statutory date.
    breach_clock.breach_due(aware_at: aware datetime)
        -> BreachDeadline(aware_at, due: aware datetime
                                                 in Europe/London, steps, provisional=False)
    rules.fee_lapse_date(notice_day) -> date
    rules.eir_payment_last_day(notice_day) -> date   # 60 working days for an EIR advance payment
    rules.foi_due_date(received, *, extended=False) -> date      # fast path, no working
    rules.add_working_days(day, n, *, nation=None) -> date       # Nth working day after day
    rules.working_days_before(day, n, *, nation=None) -> date    # e.g. internal targets
    rules.working_days_between(start, end, *, nation=None) -> int  # after start .. end
    rules.is_working_day(day, *, nation=None) -> bool

`received` may be a date or an aware datetime (its date in Europe/London is the date of
receipt). `nation=None` means FOI/EIR working days (no bank holiday in any part of the UK);
a nation ("england-and-wales", "scotland", "northern-ireland") means that nation's own. Every
function also takes `calendar=`: by default the current one (`services.current_calendar()`,
which costs one small query); fetch it once and pass it in when computing many dates.

Dates before 2012 (where GOV.UK's data starts) raise DeadlineError; a Deadline that relies on
rule-based holidays beyond GOV.UK's published years has `provisional=True`.

The calendar combines GOV.UK's list with the `holidays` package's (second_source.py): a day
either lists is a holiday unless an administrator rejected that disagreement in the admin
(`services.holiday_disagreement_decide`).

When the holiday list changes (daily GOV.UK sync, administrator's addition or decision),
`deadlines.signals.calendar_changed` is sent with `changes`; see that module for the receiver
contract and `describe_move()` for the sentence to record on each moved case.
"""
