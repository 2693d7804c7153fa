"""`manage.py user set-password --email EMAIL`: the password is read from standard input (CONTRACT §4)."""

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.workspaces.models import User
from apps.workspaces.services import user_set_password


class Command(BaseCommand):
    help = "Operate on people who sign in. `user set-password --email EMAIL` (password on stdin)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        set_password = sub.add_parser(
            "set-password", help="Set a user's password from standard input; prints the usr_ id."
        )
        set_password.add_argument("--email", required=True)

    def handle(self, *args, **options):
        if options["action"] == "set-password":
            # One line (a trailing newline is not part of the password), as `echo "$PW" | manage.py …` sends.
            password = sys.stdin.readline().rstrip("\r\n")
            if not password:
                raise CommandError("Send the new password on standard input.")
            try:
                user = user_set_password(email=options["email"], password=password)
            except User.DoesNotExist:
                raise CommandError(f"No user with the e-mail {options['email']!r}.") from None
            except ValidationError as exc:
                raise CommandError(" ".join(exc.messages)) from None
            self.stdout.write(user.pk)
