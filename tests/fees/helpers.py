"""Cases for the fees tests, built through the real services at frozen dates."""

import datetime as dt
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import time_machine

from fees import charges
from fees import services as fees
from fees.models import FeeNotice
from requests_app import services
from requests_app.models import Case, Channel, Regime

LONDON = ZoneInfo("Europe/London")


@contextmanager
def on(day: dt.date, hour: int = 10):
    with time_machine.travel(dt.datetime.combine(day, dt.time(hour), LONDON), tick=False):
        yield


def logged(
    cast,
    received: dt.date,
    *,
    regime=Regime.FOI,
    name="Jo Bloggs",
    email="jo@example.org",
    title="Pothole claims 2025",
    **requester,
) -> Case:
    with on(received):
        return services.case_log(
            user=cast.ig_officer,
            requester={"name": name, "email": email, **requester},
            channel=Channel.EMAIL,
            received_at=dt.datetime.combine(received, dt.time(9), LONDON),
            title=title,
            request_text="Please send the number of pothole compensation claims in 2025.",
            regime=regime,
        )


def estimate(cast, case, **kwargs) -> Case:
    args = {"hours": {}, "adjustment_reason": "", "sheets": 100} | kwargs
    if not args["hours"]:  # as the form prefills them: the time the areas recorded
        minutes = fees.recorded_minutes(fees.group_cases(case))
        args["hours"] = {a: charges.hours_from_minutes(m) for a, m in minutes.items()}
    if args["hours"] and not args["adjustment_reason"]:
        args["adjustment_reason"] = "Estimated from a sample search."
    return fees.fee_estimate_record(case_id=case.pk, user=cast.ig_officer, **args)


def with_notice(cast, received: dt.date, notice_day: dt.date, **kwargs) -> Case:
    """A FOI case with a fees notice for 100 sheets (£10.00) given on `notice_day`."""
    case = logged(cast, received, **kwargs)
    with on(notice_day):
        estimate(cast, case)
        fees.fee_notice_issue(case_id=case.pk, user=cast.ig_officer)
    return Case.objects.get(pk=case.pk)


def notice_of(case) -> FeeNotice:
    return FeeNotice.objects.filter(case=case).latest("id")
