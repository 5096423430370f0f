from django.core.management.base import BaseCommand

from fees.demo import seed_fees


class Command(BaseCommand):
    help = (
        "Add demo fees to the demo council (run after seed_demo): requests estimated, awaiting "
        "the fee, paid, waived, cancelled, lapsed, refused over the cost limit and aggregated. "
        "Demonstration data only."
    )

    def handle(self, *args, **options):
        created = seed_fees()
        self.stdout.write(self.style.SUCCESS(f"Demo fees ready ({created} new cases)."))
