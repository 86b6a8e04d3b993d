"""`python manage.py demo_accounts`: reset and print the demo logins (editor, journalist, admin).

`make run` calls it on every start, so the logins are on screen each time. It resets the
passwords, so it refuses to run with DEBUG off unless told `--force`: a public server must not
get an `admin` account whose password went to a terminal.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from claims.services.demo import demo_accounts_reset


class Command(BaseCommand):
    help = "Create the demo accounts if missing, give them new passwords and print the logins."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (not on a public server).")

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off: demo_accounts would reset the passwords of an 'admin' staff account. "
                "Use --force only on a private demo machine."
            )
        logins = demo_accounts_reset()
        width = max(len(login.username) for login in logins)
        self.stdout.write(self.style.WARNING("Demo logins (passwords reset just now; demo only):"))
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.password}  ({login.role})")
