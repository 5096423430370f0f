"""A small council's fortnight, built through the real services at the moments things happened.

The week reported on is Monday 6 July to Sunday 12 July 2026 and "now" is Wednesday 15 July
2026, 12:00 BST. Every statutory date below is worked out by hand from SPEC-statutory.md's
decisions (FOI: the 20th working day after the date of receipt, skipping weekends and every UK
bank holiday — here Spring bank holiday Mon 25 May, the Northern Ireland holiday Mon 13 July
and Scotland's summer holiday Mon 3 August; SAR: one calendar month, rolled to an England and
Wales working day) and checked against the stored date by `check_dates`.

These dates were worked out on GOV.UK's list alone, before Monday 15 June 2026 (a Scottish bank
holiday, so not an FOI working day anywhere) was known. `build` keeps them by rejecting that day
in the calendar, as an administrator can (see tests/requests_app/test_holiday_reassessment.py
for what the day does to such cases).

Service areas (tests/conftest.py `org`): A Planning and C Environmental Health are in Place,
B Housing is in People.

case  regime  received (London)        statutory date      what happened                area
C1    FOI     Tue 9 Jun 10:00          Tue 7 Jul            answered Tue 7 Jul (on the day)  A
C2    FOI     Tue 9 Jun 11:00          Tue 7 Jul            answered Wed 8 Jul (day after)   B
C3    FOI     Sat 13 Jun 11:00         Fri 10 Jul (day 1    answered Fri 10 Jul              A
                                       is Mon 15 Jun)
C4    FOI     Tue 19 May 10:00         Wed 17 Jun, extended answered Thu 9 Jul (in time     C
                                       (s10(3)) to Thu 16 Jul  because extended); s43
C5    FOI     Mon 1 Jun 10:00          Mon 29 Jun, but the  answered Wed 8 Jul (in time     A
                                       fees notice Wed 3 Jun  because of the fee pause)
                                       .. fee Fri 12 Jun (8
                                       working days) moves it
                                       to Thu 9 Jul
C6    FOI     Tue 9 Jun 12:00          Tue 7 Jul            open, area A never submitted     A
C7    FOI     Mon 6 Jul 09:00          Wed 5 Aug            open                             B
C8    FOI     Wed 8 Jul 10:00          none: clarification  open, clock stopped              -
                                       asked Thu 9 Jul
C9    SAR     Sat 6 Jun 12:00          Mon 6 Jul            answered Mon 6 Jul               B
C10   FOI     Mon 1 Jun 09:00          Mon 29 Jun           answered Fri 3 Jul (late, the    A
                                                            week before); review asked
C11   FOI     Mon 15 Jun 10:00         Tue 14 Jul           withdrawn Tue 7 Jul              -
C13   FOI     Sun 5 Jul 23:30 BST      Tue 4 Aug            open (the week before's)         -
C14   FOI     Mon 6 Jul 00:30 BST      Wed 5 Aug            open (this week: 23:30 UTC Sun)  -
C15   FOI     Wed 17 Jun 10:00         Thu 16 Jul           open, due in 5 working days      C
C16   -       Tue 14 Jul 10:00         none (unclassified)  open, not yet classified         -
R1    review of C10, received Thu 9 Jul 10:00; open
ICO complaint about C2 received Fri 10 Jul 2026.
"""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import time_machine

from deadlines import services as deadline_services
from deadlines.models import HolidayDisagreement
from organisation.models import Role
from requests_app import clock, sar, services
from requests_app.models import Case, Channel, Exemption, Outcome, Regime
from tests.factories import UserFactory

LONDON = ZoneInfo("Europe/London")
SEARCHED = [{"searched": True, "place": "Housing system", "reason": "Holds the tenancy file."}]
NOW = dt.datetime(2026, 7, 15, 12, 0, tzinfo=LONDON)
WEEK = dt.date(2026, 7, 6)


def at(month, day, hour=10, minute=0):
    return dt.datetime(2026, month, day, hour, minute, tzinfo=LONDON)


def d(month, day):
    return dt.date(2026, month, day)


EXPECTED_DUE = {
    "C1": d(7, 7),
    "C2": d(7, 7),
    "C3": d(7, 10),
    "C4": d(7, 16),
    "C5": d(7, 9),
    "C6": d(7, 7),
    "C7": d(8, 5),
    "C8": None,
    "C9": d(7, 6),
    "C10": d(6, 29),
    "C11": d(7, 14),
    "C13": d(8, 4),
    "C14": d(8, 5),
    "C15": d(7, 16),
    "C16": None,
}


class Council:
    """Runs each step of a case at the moment it happened."""

    def __init__(self, cast, org):
        self.cast, self.org = cast, org
        self.officer_c = UserFactory(
            username="officer_c", role=Role.SERVICE_OFFICER, areas=[org.area_c]
        )
        self.officers = {
            org.area_a.pk: cast.officer_a,
            org.area_b.pk: cast.officer_b,
            org.area_c.pk: self.officer_c,
        }
        self.directors = {org.place.pk: cast.director, org.people.pk: cast.director_other}

    def log(self, when, *, regime=Regime.FOI, title="Pothole claims"):
        with time_machine.travel(when, tick=False):
            return services.case_log(
                user=self.cast.ig_officer,
                requester={"name": "Jo Bloggs", "email": "jo@example.org"},
                channel=Channel.EMAIL,
                received_at=when,
                title=title,
                request_text=f"Please send me {title.lower()}.",
                regime=regime,
            )

    def assign(self, case, area, when):
        with time_machine.travel(when, tick=False):
            services.case_assign(
                case_id=case.pk, user=self.cast.ig_officer, service_area_ids=[area.pk]
            )

    def submit(self, case, area, when):
        with time_machine.travel(when, tick=False):
            services.case_submit_draft(
                case_id=case.pk,
                user=self.officers[area.pk],
                service_area_id=area.pk,
                draft="Our part of the answer.",
            )

    def answer(self, case, area, when, outcome=Outcome.GRANTED):
        """Decide, authorise (when the outcome needs a director) and send at `when`."""
        ig, manager = self.cast.ig_officer, self.cast.ig_manager
        with time_machine.travel(when - dt.timedelta(hours=2), tick=False):
            services.case_decide(
                case_id=case.pk,
                user=manager,
                outcome=outcome,
                reasons="Commercially sensitive." if outcome == Outcome.PART else "",
                response_text="Here is the information.",
            )
            if case.regime == Regime.SAR:  # no SAR is released without its search record
                sar.case_search_record(case_id=case.pk, user=ig, rows=SEARCHED)
        with time_machine.travel(when, tick=False):
            if outcome in (Outcome.NOT_HELD, Outcome.ACCESSIBLE):
                services.case_release_without_director(case_id=case.pk, user=manager)
            else:
                services.case_send_for_authorisation(case_id=case.pk, user=ig)
                director = self.directors[area.directorate_id]
                services.case_authorise(case_id=case.pk, user=director)
                services.case_send_response(case_id=case.pk, user=ig)
        return Case.objects.get(pk=case.pk)

    def answered(self, received, area, submitted, responded, **kwargs):
        case = kwargs.pop("case", None) or self.log(received, **kwargs)
        self.assign(case, area, received + dt.timedelta(hours=1))
        self.submit(case, area, submitted)
        return self.answer(case, area, responded)


def govuk_list_only() -> None:
    """The calendar these dates were worked on: the holidays package's 15 June 2026 rejected."""
    deadline_services.bank_holidays_sync(fetcher=_offline)
    row = HolidayDisagreement.objects.get(date=dt.date(2026, 6, 15), nation="scotland")
    deadline_services.holiday_disagreement_decide(
        disagreement_id=row.pk, decision="rejected", by="the test data set"
    )


def _offline():
    raise OSError("no network in tests")


def build(cast, org) -> SimpleNamespace:
    govuk_list_only()
    council = Council(cast, org)
    a, b, c = org.area_a, org.area_b, org.area_c
    cases = SimpleNamespace(council=council)

    cases.C1 = council.answered(at(6, 9), a, at(6, 22), at(7, 7, 16))
    # Housing sent its part on 6 July, after its internal date (23 June): the late answer is
    # Housing's.
    cases.C2 = council.log(at(6, 9, 11))
    council.assign(cases.C2, b, at(6, 9, 12))
    council.submit(cases.C2, b, at(7, 6, 9))
    cases.C2 = council.answer(cases.C2, b, at(7, 8), Outcome.NOT_HELD)
    cases.C3 = council.answered(at(6, 13, 11), a, at(6, 24), at(7, 10, 15))

    cases.C4 = council.log(at(5, 19))
    council.assign(cases.C4, c, at(5, 19, 11))
    s43 = Exemption.objects.get(law="foi", code="s43")
    with time_machine.travel(at(6, 10), tick=False):
        services.case_propose_exemption(
            case_id=cases.C4.pk,
            user=cast.ig_manager,
            exemption_id=s43.pk,
            public_interest_test="Disclosure would prejudice the tender; the balance favours "
            "withholding the prices.",
        )
        services.case_extend(
            case_id=cases.C4.pk,
            user=cast.ig_manager,
            reason="Public interest test (s10(3)).",
            notified_on=d(6, 10),
        )
    council.submit(cases.C4, c, at(7, 1))
    cases.C4 = council.answer(cases.C4, c, at(7, 9, 12), Outcome.PART)

    # Fees notices arrive with the fees work (fees/); until then the dates are set directly and
    # the clock recomputed by requests_app.clock, as the fees service will.
    cases.C5 = council.log(at(6, 1))
    case = Case.objects.get(pk=cases.C5.pk)
    case.fee_notice_on, case.fee_paid_on = d(6, 3), d(6, 12)
    clock.refresh_dates(case)
    case.save()
    cases.C5 = council.answered(at(6, 1), a, at(6, 30), at(7, 8, 14), case=case)

    cases.C6 = council.log(at(6, 9, 12))
    council.assign(cases.C6, a, at(6, 9, 13))
    cases.C7 = council.log(at(7, 6, 9))
    council.assign(cases.C7, b, at(7, 6, 10))
    cases.C8 = council.log(at(7, 8))
    with time_machine.travel(at(7, 9), tick=False):
        services.case_ask_clarification(
            case_id=cases.C8.pk, user=cast.ig_officer, question="Which roads?", asked_on=d(7, 9)
        )
    cases.C9 = council.answered(
        at(6, 6, 12), b, at(6, 25), at(7, 6, 15), regime=Regime.SAR, title="My housing file"
    )
    cases.C10 = council.answered(at(6, 1, 9), a, at(6, 12), at(7, 3))
    cases.C11 = council.log(at(6, 15))
    with time_machine.travel(at(7, 7), tick=False):
        services.case_withdraw(case_id=cases.C11.pk, user=cast.ig_officer, reason="Not needed.")
    cases.C13 = council.log(at(7, 5, 23, 30))
    cases.C14 = council.log(at(7, 6, 0, 30))
    cases.C15 = council.log(at(6, 17))
    council.assign(cases.C15, c, at(6, 17, 11))
    cases.C16 = council.log(at(7, 14), regime=Regime.UNCLASSIFIED)
    with time_machine.travel(at(7, 9), tick=False):
        cases.R1 = services.case_open_review(
            case_id=cases.C10.pk,
            user=cast.ig_officer,
            received_at=at(7, 9),
            grounds="You did not search the archive.",
        )
    with time_machine.travel(at(7, 10), tick=False):
        services.ico_complaint_record(
            case_id=cases.C2.pk,
            user=cast.ig_officer,
            ico_reference="IC-2026-0001",
            received_on=d(7, 10),
        )
    for name in [n for n in vars(cases) if n.startswith(("C", "R"))]:
        setattr(cases, name, Case.objects.get(pk=getattr(cases, name).pk))
    return cases


def check_dates(cases) -> None:
    """The stored statutory dates are the hand-worked ones above."""
    for name, due in EXPECTED_DUE.items():
        assert getattr(cases, name).statutory_due == due, (name, getattr(cases, name))
