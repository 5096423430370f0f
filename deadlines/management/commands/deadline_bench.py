import random
from datetime import date
from time import perf_counter

from django.core.management.base import BaseCommand, CommandError
from workalendar.europe import UnitedKingdom

from deadlines import rules, services

FIRST, LAST = date(2016, 1, 1), date(2027, 12, 31)
TARGET_RATE = 1_000_000
TARGET_RATIO = 30


class FoiWorkalendar(UnitedKingdom):
    """workalendar's UK calendar given exactly our FOI holidays (every nation's, s10(6)), so
    both sides compute the same dates and only the method differs: workalendar steps through
    the days one by one."""

    def __init__(self, calendar):
        super().__init__()
        self._ours = calendar

    def get_calendar_holidays(self, year):
        return [(h.date, h.title) for h in self._ours.holidays(year=year)]


class Command(BaseCommand):
    help = (
        "Time FOI due dates for random receipt dates 2016-2027: ours on all of them, "
        "workalendar's add_working_days on a sample of the same inputs; check they agree."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, default=1_000_000)
        parser.add_argument("--sample", type=int, default=20_000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, *args, count, sample, seed, **options):
        if count < 1 or sample < 1:
            raise CommandError("--count and --sample must be positive.")
        sample = min(sample, count)
        rng = random.Random(seed)
        first, last = FIRST.toordinal(), LAST.toordinal()
        receipts = [date.fromordinal(rng.randint(first, last)) for _ in range(count)]
        calendar = services.current_calendar()
        workalendar = FoiWorkalendar(calendar)
        due_date, foi_due = rules.foi_due_date, rules.foi_due
        # Warm both up (workalendar fills its per-year holiday cache on first use).
        for day in receipts[:100]:
            due_date(day, calendar=calendar), workalendar.add_working_days(day, 20)

        started = perf_counter()
        ours = [due_date(day, calendar=calendar) for day in receipts]
        ours_seconds = perf_counter() - started

        started = perf_counter()
        for day in receipts[:sample]:
            foi_due(day, calendar=calendar)
        explained_seconds = perf_counter() - started

        started = perf_counter()
        theirs = [workalendar.add_working_days(day, 20) for day in receipts[:sample]]
        theirs_seconds = perf_counter() - started

        differ = sum(a != b for a, b in zip(ours, theirs, strict=False))
        ours_rate = count / ours_seconds
        theirs_rate = sample / theirs_seconds
        ratio = ours_rate / theirs_rate
        write = self.stdout.write
        write(
            f"FOI due dates (20th working day, UK-wide working days) for {count:,} random "
            f"receipt dates {FIRST}..{LAST}, seed {seed}"
        )
        rows = [
            ("ours, rules.foi_due_date", count, ours_seconds),
            ("ours, rules.foi_due (with the working)", sample, explained_seconds),
            ("workalendar add_working_days, same inputs", sample, theirs_seconds),
        ]
        for label, n, seconds in rows:
            write(
                f"  {label:<42} {n:>9,} dates in {seconds:7.3f} s = {n / seconds:>12,.0f} dates/s"
            )
        write(f"  ratio, ours / workalendar: {ratio:,.1f}x")
        write(f"  results compared on {sample:,} dates: {differ} differ")
        rate_met = "met" if ours_rate >= TARGET_RATE else "MISSED"
        ratio_met = "met" if ratio >= TARGET_RATIO else "MISSED"
        write(
            f"  targets: >= {TARGET_RATE:,} dates/s {rate_met}; "
            f">= {TARGET_RATIO}x workalendar {ratio_met}"
        )
        if differ:
            raise CommandError(f"Ours and workalendar's disagree on {differ} dates.")
