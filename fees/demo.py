"""Demo fees for `seed_demo_fees`: a few requests in every fee state, played through the real
services at their moments in the past (so dates, clocks, letters and history are real).
Demonstration data only."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from deadlines import rules
from fees import services as fees
from fees import sweeps
from organisation.models import ServiceArea, User
from requests_app import services
from requests_app.models import Case, Channel, Correspondence, Regime
from workflow.models import OutgoingEmail

LONDON = ZoneInfo("Europe/London")
EMAIL_DOMAIN = "fees-demo.example"


def already_seeded() -> bool:
    return Case.objects.filter(requester__email__endswith="@" + EMAIL_DOMAIN).exists()


class _Demo:
    def __init__(self):
        self.ig = User.objects.get(username="ig.officer")
        self.manager = User.objects.get(username="ig.manager")
        self.area = ServiceArea.objects.filter(officers__is_active=True).order_by("name").first()
        self.today = timezone.localdate()
        self.created = 0

    def day(self, working_days_ago: int) -> dt.date:
        return rules.working_days_before(self.today, working_days_ago)

    def at(self, day: dt.date, step: Callable[[], object], hour: int = 11):
        import time_machine  # a test dependency, as for the request demo

        with time_machine.travel(dt.datetime.combine(day, dt.time(hour), LONDON), tick=False):
            return step()

    def case(self, received: dt.date, title: str, who: str, *, regime=Regime.FOI) -> Case:
        name = who.title()
        email = f"{who.replace(' ', '.')}@{EMAIL_DOMAIN}"
        self.created += 1
        return self.at(
            received,
            lambda: services.case_log(
                user=self.ig,
                requester={"name": name, "email": email},
                channel=Channel.EMAIL,
                received_at=dt.datetime.combine(received, dt.time(9, 30), LONDON),
                title=title,
                request_text=f"Please provide: {title.lower()}.",
                regime=regime,
            ),
            hour=10,
        )

    def estimate(self, case: Case, day: dt.date, minutes: dict[str, int] | None = None, **kw):
        def step():
            if minutes:
                services.case_assign(case_id=case.pk, user=self.ig, service_area_ids=[self.area.pk])
                for activity, value in minutes.items():
                    services.case_record_time(
                        case_id=case.pk,
                        user=self._area_officer(),
                        service_area_id=self.area.pk,
                        activity=activity,
                        minutes=value,
                        searches="Searched the records system.",
                    )
            recorded = fees.recorded_minutes(fees.group_cases(Case.objects.get(pk=case.pk)))
            hours = kw.pop("hours", None) or {a: Decimal(m) / 60 for a, m in recorded.items()}
            hours = {a: Decimal(h).quantize(Decimal("0.01")) for a, h in hours.items()}
            fees.fee_estimate_record(
                case_id=case.pk,
                user=self.ig,
                hours=hours,
                adjustment_reason=kw.pop("reason", "Estimated from a sample search."),
                **kw,
            )

        self.at(day, step)

    def _area_officer(self) -> User:
        return User.objects.filter(service_areas=self.area, is_active=True).first()

    def notice(self, case: Case, day: dt.date):
        self.at(day, lambda: fees.fee_notice_issue(case_id=case.pk, user=self.ig))
        fees.fee_notice_render(notice_id=case.fee_notices.latest("id").pk)

    def run(self) -> int:
        ig = self.ig
        # Estimated, within the limit: disbursements only, notice not yet issued.
        c = self.case(self.day(3), "Copies of the 2025 play area inspection reports", "ruth hale")
        self.estimate(c, self.day(1), {"locating": 90, "extracting": 60}, sheets=140)
        # Awaiting the fee: photocopying and postage.
        c = self.case(self.day(6), "Paper copies of the 2024 licensing register", "omar fitch")
        self.estimate(c, self.day(4), sheets=220, postage=Decimal("3.40"))
        self.notice(c, self.day(4))
        # Paid by card on the notice day.
        c = self.case(self.day(30), "Printed minutes of the 2023 planning committee", "lena dorsey")
        self.estimate(c, self.day(27), sheets=310, postage=Decimal("4.10"))
        self.notice(c, self.day(27))
        self.at(
            self.day(27),
            lambda c=c: fees.fee_payment_record(
                case_id=c.pk, user=ig, method="card", received_on=self.day(27)
            ),
            hour=15,
        )
        # Paid by cheque: counts from clearance four working days later.
        c = self.case(self.day(40), "Copies of highway adoption agreements 2010-2015", "ben ashby")
        self.estimate(c, self.day(36), sheets=180, postage=Decimal("2.85"))
        self.notice(c, self.day(36))
        self.at(
            self.day(30),
            lambda c=c: fees.fee_payment_record(
                case_id=c.pk, user=ig, method="cheque", received_on=self.day(30)
            ),
        )
        # Waived by the IG manager.
        c = self.case(self.day(12), "Printed tree survey maps for Elm Park", "ada pryce")
        self.estimate(c, self.day(10), sheets=90)
        self.notice(c, self.day(10))
        self.at(
            self.day(8),
            lambda c=c: fees.fee_waive(
                case_id=c.pk,
                user=self.manager,
                reason="The requester has no internet access; the maps are also published.",
            ),
        )
        # Cancelled: issued in error.
        c = self.case(self.day(15), "Copies of bus shelter contracts", "will corran")
        self.estimate(c, self.day(14), sheets=75)
        self.notice(c, self.day(14))
        self.at(
            self.day(13),
            lambda c=c: fees.fee_notice_cancel(
                case_id=c.pk,
                user=ig,
                reason="The requester asked for email copies, which are free.",
            ),
        )
        # Lapsed: unpaid three months after the notice.
        c = self.case(self.day(90), "Paper copies of the 2022 parking enforcement logs", "ian mote")
        self.estimate(c, self.day(88), sheets=400)
        self.notice(c, self.day(88))
        sweeps.lapse_due(today=self.today)
        # Over the limit: refused under s12 with advice and assistance.
        c = self.case(
            self.day(8), "Every email mentioning the leisure centre since 2015", "kay stride"
        )
        self.estimate(
            c,
            self.day(6),
            hours={"locating": Decimal("16"), "extracting": Decimal("9.5")},
            sheets=0,
        )
        self.at(
            self.day(5),
            lambda c=c: fees.fee_cost_limit_refuse(
                case_id=c.pk,
                user=self.manager,
                advice="Searching 10 years of email would take about 25.5 hours. If you limit the "
                "request to 2025 we estimate about 3 hours, within the limit.",
            ),
        )
        # Three related requests aggregated and charged under s13, each the average.
        group = [
            self.case(self.day(20 - i * 3), f"Grounds maintenance costs, {area}", "nell garrow")
            for i, area in enumerate(("north ward", "east ward", "south ward"))
        ]
        self.at(
            self.day(13),
            lambda: fees.fee_aggregate(
                case_id=group[0].pk,
                user=ig,
                others=group[1:],
                basis="same_requester",
                reason="All three ask for grounds maintenance costs by ward for the same years.",
            ),
        )
        self.estimate(
            group[0],
            self.day(12),
            hours={"locating": Decimal("12"), "extracting": Decimal("8")},
            sheets=150,
            charge_over_limit=True,
        )
        for member in group:
            self.notice(member, self.day(12))
        # A manifestly excessive subject access request with a fee, paid.
        c = self.case(
            self.day(25),
            "All my records since 1990 (fourth request this year)",
            "roy vance",
            regime=Regime.SAR,
        )
        self.estimate(
            c, self.day(24), hours={"locating": Decimal("2")}, sheets=0, sar_basis="repeat"
        )
        self.notice(c, self.day(24))
        self.at(
            self.day(20),
            lambda c=c: fees.fee_payment_record(
                case_id=c.pk, user=ig, method="bank_transfer", received_on=self.day(20)
            ),
        )
        return self.created


def seed_fees() -> int:
    """Create the demo fee cases and return how many; 0 if they are already there."""
    if already_seeded():
        return 0
    with transaction.atomic():
        created = _Demo().run()
        # The demo's letters went out long ago: record their emails as sent so the worker does
        # not send them.
        letters = Correspondence.objects.filter(case__requester__email__endswith="@" + EMAIL_DOMAIN)
        OutgoingEmail.objects.filter(
            about_type=ContentType.objects.get_for_model(Correspondence),
            about_id__in=letters.values("pk"),
        ).exclude(state=OutgoingEmail.State.SENT).update(
            state=OutgoingEmail.State.SENT, sent_at=F("created_at"), preparer=""
        )
    return created
