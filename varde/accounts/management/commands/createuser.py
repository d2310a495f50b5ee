"""varde createuser: the operator's way to the first users of an installation, without the demo."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.accounts.actions import NewUser, create_user_as_operator
from varde.accounts.models import Agency, Unit
from varde.accounts.roles import AgencyKind, Role


class Command(BaseCommand):
    help = (
        "Create a user with one role in one agency. The one-time password is printed once and works "
        "for one login: the user chooses their own then, and sets up the second factor when the role "
        "needs one."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--partnership", required=True, help="the partnership's short name (slug)")
        parser.add_argument(
            "--agency", required=True, choices=AgencyKind.values, help="which of its two agencies"
        )
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--unit", help="the unit's name, for roles that represent a unit")

    def handle(self, *args: Any, **options: Any) -> None:
        agency = Agency.objects.filter(
            partnership__slug=options["partnership"], kind=options["agency"]
        ).first()
        if agency is None:
            raise CommandError(
                f"The partnership {options['partnership']!r} has no {options['agency']} agency."
            )
        unit = None
        if options["unit"]:
            unit = Unit.objects.filter(agency=agency, name=options["unit"]).first()
            if unit is None:
                raise CommandError(f"{agency.name} has no unit called {options['unit']!r}.")
        person = NewUser(options["username"], options["first_name"], options["last_name"], options["email"])
        try:
            user, password = create_user_as_operator(person, agency=agency, role=options["role"], unit=unit)
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from None
        self.stdout.write(f"Created {user.username}. One-time password (shown once): {password}")
