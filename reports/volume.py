"""Volume data for measuring the reports: many realistic cases, written directly in batches.

Not the services (they are slow on purpose: history, events, letters, PDFs) but every date is
still computed by deadlines/ — `rules.foi_due_date`, `rules.add_working_days`, `rules.sar_due`
... with the calendar fetched once and passed in, each answer remembered for the run. The rows
are written with COPY (reports.volume_write) and the report summaries of the new cases counted
in one pass (reports.summaries_bulk): a million cases in minutes. Volume cases have references
starting "VOL-" and their requesters' names start "Volume requester", so they can be found and
removed (`seed_volume --clear`). Demonstration and benchmark data only.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from typing import NamedTuple
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from deadlines import reviews, rules
from deadlines.calendar import FIRST_DAY
from deadlines.errors import DeadlineError
from deadlines.services import current_calendar
from organisation.models import Directorate, Role, ServiceArea, User
from reports import summaries_bulk, volume_write
from reports.models import CaseFacts, ReportCount
from reports.volume_shape import (
    DP_TOPICS,
    OPEN_STATUSES,
    OUTCOMES,
    REGIMES,
    STRUCTURE,
    TOPICS,
)
from requests_app.models import (
    AppliedExemption,
    Assignment,
    Case,
    Channel,
    Correspondence,
    Document,
    Event,
    Exemption,
    IcoComplaint,
    Outcome,
    Regime,
    Requester,
    ReviewOutcome,
    Status,
    TimeEntry,
)

PREFIX = "VOL-"
REQUESTER_PREFIX = "Volume requester"
LONDON = ZoneInfo("Europe/London")
# Two years of cases up to 200,000 (a large council's or a shared service's load); beyond that
# the spread grows at 100,000 cases a year (a million: a service for many councils over ten
# years), so a million cases are not a million in two years. Never before the working-day
# calendar's first day, where deadlines are not computed.
CASES_A_YEAR = 100_000
MIN_DAYS = 730


def max_days(today: dt.date | None = None) -> int:
    """The longest spread the working-day calendar covers (it begins on FIRST_DAY)."""
    return ((today or timezone.localdate()) - FIRST_DAY).days


def default_days(cases: int) -> int:
    return min(max(MIN_DAYS, -(-cases * 365 // CASES_A_YEAR)), max_days())


@dataclass
class Plan:
    case: object  # a row of Seeder.Case (plain attributes), not a model instance
    areas: list = field(default_factory=list)  # (area, submitted_at or None)
    exemptions: list = field(default_factory=list)


def _weighted(rng: random.Random, choices):
    values, weights = zip(*choices, strict=True)
    return rng.choices(values, weights)[0]


def _at(day: dt.date, rng: random.Random, start_hour=8, end_hour=18) -> dt.datetime:
    minutes = rng.randrange(start_hour * 60, end_hour * 60)
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60), tzinfo=LONDON)


def ensure_structure() -> list[ServiceArea]:
    areas = list(ServiceArea.objects.select_related("directorate"))
    if areas:
        return areas
    for directorate_name, names in STRUCTURE.items():
        directorate, _ = Directorate.objects.get_or_create(name=directorate_name)
        for name in names:
            ServiceArea.objects.get_or_create(directorate=directorate, name=name)
    return list(ServiceArea.objects.select_related("directorate"))


def seeder_user() -> User:
    user, created = User.objects.get_or_create(
        username="volume.seeder",
        defaults={
            "first_name": "Volume",
            "last_name": "Seeder",
            "role": Role.IG_OFFICER,
            "is_active": False,
        },
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def clear() -> int:
    """Remove every volume case and what hangs off it, without loading them (raw deletes)."""
    cases = Case.objects.filter(reference__startswith=PREFIX)
    count = cases.count()
    ids = list(cases.values_list("pk", flat=True))
    with transaction.atomic():
        for model in (
            IcoComplaint,
            AppliedExemption,
            Assignment,
            TimeEntry,
            Event,
            Correspondence,
            Document,
        ):
            qs = model.objects.filter(case__reference__startswith=PREFIX)
            qs._raw_delete(qs.db)
        reviews = cases.filter(review_of__isnull=False)
        reviews._raw_delete(reviews.db)
        rest = Case.objects.filter(reference__startswith=PREFIX)
        rest._raw_delete(rest.db)
    summaries_bulk.uncount(ids)  # their rows taken away from the summaries
    return count


class Seeder:
    def __init__(self, *, seed: int = 2026, days: int = 730, now: dt.datetime | None = None):
        self.rng = random.Random(seed)
        self.days = days
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.calendar = current_calendar()
        self.nation = settings.COUNCIL_NATION
        self.areas = ensure_structure()
        # Some areas are slower than others, so "where the internal date was missed" has a shape.
        self.area_weights = [self.rng.randint(1, 10) for _ in self.areas]
        self.area_slowness = {a.pk: self.rng.choice([0.03, 0.06, 0.12, 0.25]) for a in self.areas}
        self.user = seeder_user()
        self.exemptions = {
            law: list(Exemption.objects.filter(law=law)) for law in ("foi", "eir", "dpa")
        }
        self.requesters = self._requesters()
        last = (
            Case.objects.filter(reference__startswith=PREFIX)
            .order_by("-reference")
            .values_list("reference", flat=True)
            .first()
        )
        self.counter = int(last[len(PREFIX) :]) if last else 0
        self.Case = volume_write.row_class(Case, now=self.now)
        self._working_days: dict = {}
        self._dues: dict = {}
        self._internals: dict = {}

    def _requesters(self) -> list[Requester]:
        existing = list(Requester.objects.filter(name__startswith=REQUESTER_PREFIX))
        if len(existing) >= 500:
            return existing
        Requester.objects.bulk_create(
            Requester(
                name=f"{REQUESTER_PREFIX} {n:04d}",
                email=f"volume.requester.{n:04d}@example.org",
            )
            for n in range(len(existing), 500)
        )
        return list(Requester.objects.filter(name__startswith=REQUESTER_PREFIX))

    def _reference(self) -> str:
        self.counter += 1
        return f"{PREFIX}{self.counter:07d}"

    # --- dates, all from deadlines/ ------------------------------------------------------------

    # A million cases fall on a few thousand days: each answer is worked out once per
    # combination of its inputs and remembered (the calendar does not change during a run).

    def _wd(self, day: dt.date, n: int) -> dt.date:
        key = (day, n)
        if key not in self._working_days:
            self._working_days[key] = rules.add_working_days(day, n, calendar=self.calendar)
        return self._working_days[key]

    def _due(self, case, received: dt.date) -> dt.date | None:
        key = (
            case.review_of_id is not None,
            case.regime,
            received,
            case.extended,
            case.clarified_on,
            case.fee_notice_on,
            case.fee_paid_on,
            case.id_received_on,
        )
        if key not in self._dues:
            self._dues[key] = self._compute_due(case, received)
        return self._dues[key]

    def _internal(self, due: dt.date) -> tuple[dt.date, bool]:
        """The internal date before `due` and whether `due` rests on provisional holidays."""
        if due not in self._internals:
            self._internals[due] = (
                rules.working_days_before(
                    due, settings.INTERNAL_DUE_WORKING_DAYS_BEFORE, calendar=self.calendar
                ),
                self.calendar.is_provisional(due),
            )
        return self._internals[due]

    def _compute_due(self, case, received: dt.date) -> dt.date | None:
        cal = self.calendar
        if case.review_of_id:
            if case.regime == Regime.EIR:
                return reviews.eir_review_due(received, calendar=cal).due
            return reviews.foi_review_due(received, extended=case.extended, calendar=cal).due
        if case.regime == Regime.FOI:
            if case.fee_notice_on or case.clarified_on:
                return rules.foi_due(
                    received,
                    clarified=case.clarified_on,
                    fee_notice=case.fee_notice_on,
                    fee_paid=case.fee_paid_on,
                    extended=case.extended,
                    calendar=cal,
                ).due
            return rules.foi_due_date(received, extended=case.extended, calendar=cal)
        if case.regime == Regime.EIR:
            start = case.clarified_on or received
            return rules.add_working_days(start, 40 if case.extended else 20, calendar=cal)
        return rules.sar_due(
            received,
            id_received=case.id_received_on,
            extended=case.extended,
            nation=self.nation,
            calendar=cal,
        ).due

    # --- one case ------------------------------------------------------------------------------

    def _received(self) -> dt.datetime:
        rng = self.rng
        while True:
            day = self.today - dt.timedelta(days=rng.randrange(0, self.days))
            if day.weekday() < 5 or rng.random() < 0.12:  # a few arrive at weekends
                at = _at(day, rng, 0, 24) if day.weekday() >= 5 else _at(day, rng, 7, 20)
                if at < self.now - dt.timedelta(minutes=5):
                    return at

    def plan_case(self, *, review_of: "Parent | None" = None) -> Plan:
        rng = self.rng
        if review_of is None:
            regime = _weighted(rng, REGIMES)
            received_at = self._received()
        else:
            regime = review_of.regime
            base = timezone.localdate(review_of.responded_at)
            received_day = base + dt.timedelta(days=rng.randint(3, 35))
            received_at = min(_at(received_day, rng), self.now - dt.timedelta(minutes=5))
        data_protection = regime in Regime.data_protection()
        topic = rng.choice(DP_TOPICS if data_protection else TOPICS)
        case = self.Case(
            reference=self._reference(),
            regime=regime,
            requester_id=rng.choice(self.requesters).pk,
            channel=rng.choice([Channel.EMAIL, Channel.EMAIL, Channel.WEB, Channel.LETTER]),
            received_at=received_at,
            title=f"Internal review: {topic}" if review_of else topic,
            request_text=f"Volume test request about {topic.lower()}.",
            sensitive=rng.random() < 0.05,
            media=rng.random() < 0.03,
            about_councillor=rng.random() < 0.02,
            dataset=not data_protection and rng.random() < 0.03,
            review_of_id=review_of.pk if review_of else None,
            created_by_id=self.user.pk,
            created_at=self.now,
        )
        received = timezone.localdate(received_at)
        age = (self.today - received).days
        case.acknowledge_by = self._wd(received, settings.ACKNOWLEDGEMENT_WORKING_DAYS)
        if age > 2 or rng.random() < 0.5:
            case.acknowledged_at = _at(min(self._wd(received, 1), self.today), rng)
            case.acknowledged_at = min(case.acknowledged_at, self.now)

        # Clock events before the due date is worked out.
        if review_of is None and regime == Regime.FOI and rng.random() < 0.02:
            notice = self._wd(received, rng.randint(2, 8))
            if notice <= self.today:
                case.fee_notice_on = notice
                paid = notice + dt.timedelta(days=rng.randint(1, 20))
                case.fee_paid_on = paid if paid <= self.today else None
        if review_of is None and regime in (Regime.FOI, Regime.EIR) and rng.random() < 0.03:
            asked = self._wd(received, rng.randint(1, 5))
            clarified = asked + dt.timedelta(days=rng.randint(1, 12))
            if clarified <= self.today:
                case.clarification_asked_on, case.clarified_on = asked, clarified
        if review_of is None and data_protection and rng.random() < 0.15:
            id_on = received + dt.timedelta(days=rng.randint(1, 14))
            if id_on <= self.today:
                case.id_received_on = id_on
        case.extended = rng.random() < (0.04 if regime == Regime.FOI else 0.03)
        if case.extended:
            case.extension_reason = "Volume data: extension."
            case.extension_notified_on = min(received + dt.timedelta(days=10), self.today)

        stopped = bool(case.fee_notice_on and not case.fee_paid_on)
        try:
            due = None if stopped else self._due(case, received)
        except DeadlineError:
            case.fee_notice_on = case.fee_paid_on = None
            due = self._due(case, received)
        case.statutory_due = due
        if due:
            internal, case.due_provisional = self._internal(due)
            case.internal_due = max(internal, received)

        plan = Plan(case)
        self._progress(plan, received, age, stopped)
        return plan

    def _progress(self, plan: Plan, received: dt.date, age: int, stopped: bool) -> None:
        rng, case = self.rng, plan.case
        due = case.statutory_due
        if due is None:
            finished_chance = 0.0
        elif due < self.today - dt.timedelta(days=20):
            finished_chance = 0.995
        elif due < self.today:
            finished_chance = 0.9
        else:
            finished_chance = 0.3 * min(age / 20, 1)
        finished = rng.random() < finished_chance
        if stopped and case.fee_notice_on + dt.timedelta(days=100) < self.today:
            case.status, case.outcome = Status.LAPSED, Outcome.LAPSED
            case.closed_at = _at(case.fee_notice_on + dt.timedelta(days=95), rng)
            return
        areas = []
        if case.review_of_id is None:
            count = 1 if rng.random() < 0.75 else 2
            areas = rng.choices(self.areas, self.area_weights, k=count)
            areas = list({a.pk: a for a in areas}.values())

        if finished and rng.random() < 0.04:
            # Withdrawn or lapsed: no answer, finished.
            case.status = Status.LAPSED if stopped else Status.WITHDRAWN
            case.outcome = Outcome.LAPSED if stopped else Outcome.WITHDRAWN
            case.closed_at = min(
                _at(received + dt.timedelta(days=rng.randint(3, 60)), rng), self.now
            )
            plan.areas = [(a, None) for a in areas[:1]]
            return
        if finished:
            slow = max((self.area_slowness[a.pk] for a in areas), default=0.05)
            late = rng.random() < slow
            if late:
                responded = self._wd(due, rng.randint(1, 15))
            else:
                span = max((due - received).days, 1)
                responded = received + dt.timedelta(days=rng.randint(min(2, span), span))
            if responded > self.today:
                finished = False
            else:
                case.responded_at = min(_at(responded, rng, 9, 17), self.now)
                closed = responded + dt.timedelta(days=rng.randint(0, 10))
                if closed <= self.today and rng.random() < 0.85:
                    case.status = Status.CLOSED
                    case.closed_at = min(_at(closed, rng, 9, 17), self.now)
                    if case.closed_at < case.responded_at:
                        case.closed_at = case.responded_at
                else:
                    case.status = Status.RESPONDED
                if case.review_of_id is not None:
                    case.review_outcome = _weighted(
                        rng,
                        [
                            (ReviewOutcome.UPHELD, 60),
                            (ReviewOutcome.PARTLY, 25),
                            (ReviewOutcome.OVERTURNED, 15),
                        ],
                    )
                else:
                    kind = "dp" if case.regime in Regime.data_protection() else "info"
                    case.outcome = _weighted(rng, OUTCOMES[kind])
                    if case.outcome in (Outcome.PART, Outcome.REFUSED):
                        law = {Regime.FOI: "foi", Regime.EIR: "eir"}.get(case.regime, "dpa")
                        pool = self.exemptions[law]
                        if pool:
                            plan.exemptions = rng.sample(pool, k=min(len(pool), rng.randint(1, 2)))
                internal = case.internal_due
                for area in areas:
                    missed = late and rng.random() < 0.7
                    if missed:
                        day = min(self._wd(internal, rng.randint(1, 10)), responded)
                    else:
                        span = max((min(internal, responded) - received).days, 0)
                        day = received + dt.timedelta(days=rng.randint(0, span))
                    plan.areas.append((area, min(_at(day, rng, 9, 17), case.responded_at)))
                return
        # Still open.
        case.status = _weighted(rng, OPEN_STATUSES)
        if case.review_of_id is not None:
            case.status = Status.RECEIVED
        if stopped:
            case.status = Status.AWAITING_FEE
        elif case.status == Status.AWAITING_FEE:
            case.status = Status.ASSIGNED
        if case.status == Status.AWAITING_ID and case.regime not in Regime.data_protection():
            case.status = Status.AWAITING_CLARIFICATION
        if case.status in (Status.AWAITING_CLARIFICATION, Status.AWAITING_ID):
            case.statutory_due = case.internal_due = None
            case.due_provisional = False
            if case.status == Status.AWAITING_CLARIFICATION:
                case.clarification_asked_on = min(self._wd(received, 2), self.today)
                case.clarified_on = None
        if case.status in (Status.RECEIVED, Status.AWAITING_CLARIFICATION, Status.AWAITING_ID):
            return
        submitted_states = {Status.DRAFT_READY, Status.AWAITING_AUTHORISATION, Status.AUTHORISED}
        for area in areas:
            if case.status in submitted_states:
                plan.areas.append((area, self.now - dt.timedelta(hours=rng.randint(1, 96))))
            else:
                plan.areas.append((area, None))

    # --- writing -------------------------------------------------------------------------------

    def write(self, plans: list[Plan]) -> None:
        """The cases by COPY (reports.volume_write), their assignments and exemptions as plain
        rows: no model instance for what hangs off a case."""
        now = self.now
        with transaction.atomic():
            volume_write.write_objects(Case, [plan.case for plan in plans])
            assignments, applied = [], []
            for plan in plans:
                case = plan.case
                for area, submitted_at in plan.areas:
                    assignments.append(
                        {
                            "case_id": case.pk,
                            "service_area_id": area.pk,
                            "internal_due": case.internal_due
                            or timezone.localdate(case.received_at),
                            "state": Assignment.State.SUBMITTED
                            if submitted_at
                            else Assignment.State.OPEN,
                            "draft": "Volume draft." if submitted_at else "",
                            "assigned_by_id": self.user.pk,
                            "submitted_at": submitted_at,
                        }
                    )
                for exemption in plan.exemptions:
                    applied.append(
                        {
                            "case_id": case.pk,
                            "exemption_id": exemption.pk,
                            "public_interest_test": "Volume data: public interest considered."
                            if exemption.qualified
                            else "",
                            "proposed_by_id": self.user.pk,
                            "confirmed_by_id": self.user.pk,
                        }
                    )
            volume_write.write_dicts(Assignment, assignments, now=now)
            volume_write.write_dicts(AppliedExemption, applied, now=now)

    def ico_complaints(self, reviews: list) -> None:
        rng, complaints = self.rng, []
        for review in reviews:
            if review.responded_at is None or rng.random() > 0.2:
                continue
            received = timezone.localdate(review.responded_at) + dt.timedelta(
                days=rng.randint(10, 60)
            )
            if received > self.today:
                continue
            decided = received + dt.timedelta(days=rng.randint(40, 200))
            decided = decided if decided <= self.today and rng.random() < 0.6 else None
            complaints.append(
                {
                    "case_id": review.review_of_id,
                    "ico_reference": f"IC-VOL-{review.pk:07d}",
                    "received_on": received,
                    "decision_notice": f"IC-VOL-{review.pk:07d}-DN" if decided else "",
                    "decision_on": decided,
                    "compliance_due": decided + dt.timedelta(days=35) if decided else None,
                }
            )
        volume_write.write_dicts(IcoComplaint, complaints, now=self.now)


class Parent(NamedTuple):
    """What an internal review needs of the request it reviews (not the whole case: a million
    of those would not fit comfortably in memory)."""

    pk: int
    regime: str
    responded_at: dt.datetime


def seed(
    cases: int, *, seed: int = 2026, days: int | None = None, batch: int = 5000, progress=None
) -> int:
    """Create `cases` volume cases (about 3% of them internal reviews) over `days` days (by
    default `default_days(cases)`). Returns the number made."""
    seeder = Seeder(seed=seed, days=days or default_days(cases))
    reviews_wanted = cases // 33
    made, eligible, ids = 0, [], []

    def written(plans):
        seeder.write(plans)
        ids.extend(plan.case.pk for plan in plans)
        if progress:
            progress(len(ids))

    while made < cases - reviews_wanted:
        size = min(batch, cases - reviews_wanted - made)
        plans = [seeder.plan_case() for _ in range(size)]
        written(plans)
        made += size
        eligible += [
            Parent(p.case.pk, p.case.regime, p.case.responded_at)
            for p in plans
            if p.case.responded_at is not None and p.case.regime in (Regime.FOI, Regime.EIR)
        ]
    parents = seeder.rng.sample(eligible, k=min(reviews_wanted, len(eligible)))
    del eligible
    for start in range(0, len(parents), batch):
        plans = [seeder.plan_case(review_of=parent) for parent in parents[start : start + batch]]
        written(plans)
        seeder.ico_complaints([plan.case for plan in plans])
        made += len(plans)
    while made < cases:  # too few answered requests to review: make up the number
        size = min(batch, cases - made)
        written([seeder.plan_case() for _ in range(size)])
        made += size
    # Written around the services, so the summaries are told here (the new cases only).
    summaries_bulk.count_new(ids, progress=progress and (lambda n: progress(n, "counted")))
    analyse()
    return made


def analyse() -> None:
    volume_write.analyse([Case, Assignment, AppliedExemption, IcoComplaint, CaseFacts, ReportCount])
