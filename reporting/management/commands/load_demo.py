"""Load the demo data of every app from fixtures/demo/, through the apps' own services."""

import tomllib
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from funding import demo as funding_demo
from initiatives import demo as initiatives_demo
from members import demo as members_demo
from participants import demo as participants_demo
from reporting import demo as reporting_demo

DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"


class Command(BaseCommand):
    help = "Load the demo associations, members, boards and users (idempotent)."

    def read(self, name: str) -> dict:
        with open(DEMO_DIR / name, "rb") as file:
            return tomllib.load(file)

    def handle(self, *args, **options):
        # The demo users' password is published in this repository: never on a real installation.
        if not settings.DEBUG:
            raise CommandError(
                _(
                    "load_demo creates accounts with the published demo password and runs only with "
                    "DEBUG on (DJANGO_DEBUG=true, as `make run` sets). Nothing was loaded."
                )
            )
        members = members_demo.load(self.read("members.toml"))
        funding_demo.load(self.read("funding.toml"), issued_by=members["users"]["kansli"])
        # Initiatives (with the board's grants) before the budgets, whose initiative lines they decide.
        initiatives_demo.load(self.read("initiatives.toml"))
        funding_demo.load_budgets(self.read("budgets.toml"))
        initiatives_demo.load_later(self.read("initiatives.toml"))
        funding_demo.load_ledgers(sorted(DEMO_DIR.glob("sofint-*.se")), association_slug="sofint")
        funding_demo.load_ledgers(sorted(DEMO_DIR.glob("solleftea-*.se")), association_slug="solleftea")
        participants_demo.load(self.read("initiatives.toml"), DEMO_DIR / "samcoach-deltagare.csv")
        # Last: an adopted report freezes the figures of everything above.
        reporting_demo.load(self.read("reports.toml"))
        self.stdout.write(self.style.SUCCESS("Demo data loaded."))
        self.stdout.write("Demo logins (password: %s):" % members["password"])
        for username, user in members["users"].items():
            roles = ", ".join(str(role) for role in user.roles.all())
            self.stdout.write(f"  {username:<10} {roles}")
