from django.core.management.base import BaseCommand

from organisation.demo import DEMO_PASSWORD, seed_structure


class Command(BaseCommand):
    help = "Load (or refresh) the demo council: directorates, service areas, a user per role."

    def handle(self, *args, **options):
        users = seed_structure()
        self.stdout.write(self.style.SUCCESS("Demo council ready. Sign in as:"))
        for user in users:
            self.stdout.write(f"  {user.username:<18} {user.get_role_display()}")
        self.stdout.write(f"Every demo user's password is: {DEMO_PASSWORD}")
