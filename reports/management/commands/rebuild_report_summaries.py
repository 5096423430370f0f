"""Recount the report summaries from the cases (after a bulk load, a restore, or a service
area moved to another directorate), or check them against a fresh count."""

from time import perf_counter

from django.core.management.base import BaseCommand, CommandError

from reports import summaries, summaries_bulk


class Command(BaseCommand):
    help = "Rebuild the report summaries from the cases (--check: only compare)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check",
            action="store_true",
            help="Compare the summaries with a fresh count and fail if they differ.",
        )

    def handle(self, *args, check, **options):
        started = perf_counter()
        if check:
            differences = summaries.differences()
            for key, stored, expected in differences[:20]:
                self.stdout.write(f"{key}: stored {stored}, counted {expected}")
            if differences:
                raise CommandError(f"{len(differences)} summary rows differ from the cases.")
            self.stdout.write("The summaries agree with the cases.")
            return

        def progress(done):
            self.stdout.write(f"  {done:,} cases ({perf_counter() - started:.1f} s)")

        # The same rows as summaries.rebuild, written with COPY (minutes, not hours, by the
        # million); summaries.rebuild itself on SQLite.
        counted = summaries_bulk.rebuild(progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"Counted {counted:,} cases into the summaries in {perf_counter() - started:.1f} s."
            )
        )
