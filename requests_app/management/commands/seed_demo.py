from django.core.management.base import BaseCommand

from organisation.demo import DEMO_PASSWORD, seed_structure
from organisation.models import User
from requests_app.management.commands._demo_cases import seed_cases


class Command(BaseCommand):
    help = (
        "Load (or refresh) the demo council: directorates, service areas, a user per role and "
        "about 200 request cases in every state. Demonstration data only."
    )

    def handle(self, *args, **options):
        seed_structure()
        created = seed_cases()
        users = User.objects.filter(email__endswith="@council.example").order_by("role", "username")
        self.stdout.write(
            self.style.SUCCESS(f"Demo council ready ({created} new cases). Sign in as:")
        )
        for user in users:
            self.stdout.write(f"  {user.username:<18} {user.get_role_display()}")
        self.stdout.write(f"Every demo user's password is: {DEMO_PASSWORD}")
