import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from deadlines import services


class Command(BaseCommand):
    help = (
        "Refresh the bank-holiday list from GOV.UK (or from a downloaded copy of its JSON); "
        "store what changed and recompute open cases' deadlines. Without a connection the "
        "bundled copy is kept."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--file",
            type=Path,
            help="a copy of https://www.gov.uk/bank-holidays.json, for servers with no internet",
        )

    def handle(self, *args, file=None, **options):
        if file is None:
            result = services.bank_holidays_sync()
        else:
            if not file.is_file():
                raise CommandError(f"{file} is not a file.")
            result = services.bank_holidays_sync(
                fetcher=lambda: json.loads(file.read_text(encoding="utf-8")), origin=str(file)
            )
            if not result.reached_govuk:
                raise CommandError(result.message)
        for change in result.changes:
            self.stdout.write(f"  {change.describe()}")
        self.stdout.write(result.message)
