from time import perf_counter

from django.core.management.base import BaseCommand, CommandError

from reports import volume


class Command(BaseCommand):
    help = (
        "Create N realistic request cases over the last two years, quickly (bulk inserts, dates "
        "from deadlines/), for measuring the reports. References start 'VOL-'. Benchmark and "
        "demonstration data only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, required=True, help="How many cases to create.")
        parser.add_argument("--days", type=int, default=730, help="Spread over this many days.")
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument(
            "--clear", action="store_true", help="Remove existing volume cases first."
        )

    def handle(self, *args, cases, days, seed, batch, clear, **options):
        if cases < 1 or days < 30 or batch < 1:
            raise CommandError("--cases and --batch must be positive and --days at least 30.")
        started = perf_counter()
        if clear:
            removed = volume.clear()
            self.stdout.write(f"Removed {removed:,} volume cases.")

        def progress(made):
            elapsed = perf_counter() - started
            self.stdout.write(f"  {made:,} cases ({elapsed:.1f} s)")

        made = volume.seed(cases, seed=seed, days=days, batch=batch, progress=progress)
        elapsed = perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {made:,} volume cases in {elapsed:.1f} s ({made / elapsed:,.0f} cases/s)."
            )
        )
