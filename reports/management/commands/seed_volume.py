from time import perf_counter

from django.core.management.base import BaseCommand, CommandError

from reports import volume


class Command(BaseCommand):
    help = (
        "Create N realistic request cases, quickly (PostgreSQL COPY, dates from deadlines/, the "
        "report summaries counted in one pass), for measuring the reports. References start "
        "'VOL-'. Benchmark and demonstration data only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True, help="How many cases to create.")
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=(
                f"Spread over this many days before today. Default: {volume.MIN_DAYS} up to "
                f"{2 * volume.CASES_A_YEAR:,} cases, then growing at "
                f"{volume.CASES_A_YEAR:,} cases a year (a million: ten years), never before "
                "the working-day calendar begins (2012)."
            ),
        )
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument(
            "--clear", action="store_true", help="Remove existing volume cases first."
        )

    def handle(self, *args, cases, days, seed, batch, clear, **options):
        if cases < 1 or batch < 1:
            raise CommandError("--cases and --batch must be positive.")
        days = days or volume.default_days(cases)
        if not 30 <= days <= volume.max_days():
            raise CommandError(
                f"--days must be between 30 and {volume.max_days():,} (the working-day calendar "
                "begins on 1 January 2012)."
            )
        started = perf_counter()
        if clear:
            removed = volume.clear()
            self.stdout.write(f"Removed {removed:,} volume cases.")
        self.stdout.write(f"Creating {cases:,} cases over {days:,} days.")

        def progress(done, what="written"):
            elapsed = perf_counter() - started
            self.stdout.write(f"  {done:,} cases {what} ({elapsed:.1f} s)")

        made = volume.seed(cases, seed=seed, days=days, batch=batch, progress=progress)
        elapsed = perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {made:,} volume cases in {elapsed:.1f} s ({made / elapsed:,.0f} cases/s)."
            )
        )
