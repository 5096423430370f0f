from django.core.management.base import BaseCommand

from breaches.demo import seed_breaches
from organisation.demo import DEMO_PASSWORD, seed_structure, seed_two_factor
from organisation.models import User
from requests_app.management.commands._demo_cases import seed_cases
from sharing.demo import seed_agreements


class Command(BaseCommand):
    help = (
        "Load (or refresh) the demo council: directorates, service areas, a user per role and "
        "about 200 request cases in every state. Demonstration data only."
    )

    def handle(self, *args, **options):
        seed_structure()
        created = seed_cases()
        breaches = seed_breaches()
        agreements = seed_agreements()
        users = User.objects.filter(email__endswith="@council.example").order_by("role", "username")
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo council ready ({created} new cases). "
                f"{agreements} new sharing agreements. Sign in as:"
            )
        )
        secrets = seed_two_factor(users)
        for user in users:
            self.stdout.write(
                f"  {user.username:<18} {user.get_role_display():<32} "
                f"TOTP secret {secrets[user.username]}"
            )
        self.stdout.write(f"Every demo user's password is: {DEMO_PASSWORD}")
        self.stdout.write(
            "Signing in asks for a code from an authenticator app: add the user's TOTP secret "
            "to one (or run `oathtool --totp -b SECRET`)."
        )
        self.stdout.write(f"Demo breaches: {breaches} new.")
