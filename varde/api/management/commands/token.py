"""varde token create|list|revoke: personal access tokens from the command line, for operators."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from varde.accounts.models import User
from varde.api import tokens
from varde.api.models import AccessToken, Scope


class Command(BaseCommand):
    help = "Create, list or revoke a user's personal access tokens for the API."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        create = verbs.add_parser("create", help="make a token; its secret is printed once")
        create.add_argument("--user", required=True, help="username")
        create.add_argument(
            "--scope", action="extend", nargs="+", required=True, choices=Scope.values, help="one or more"
        )
        create.add_argument("--expires", type=int, default=tokens.DEFAULT_LIFETIME_DAYS, help="days")
        create.add_argument("--name", default="command line", help="what it is for")
        listing = verbs.add_parser("list", help="a user's tokens, without secrets")
        listing.add_argument("--user", required=True)
        revoke = verbs.add_parser("revoke", help="revoke a token by its id")
        revoke.add_argument("id")

    def handle(self, *args: Any, **options: Any) -> None:
        verb = options["verb"]
        if verb == "create":
            self._create(options)
        elif verb == "list":
            for token in AccessToken.objects.filter(user=self._user(options["user"])):
                state = "revoked" if token.revoked_at else ("usable" if token.is_usable else "expired")
                scopes = ",".join(token.scopes)
                self.stdout.write(
                    f"{token.pk}  {token.prefix}…  {scopes}  {token.expires_at:%Y-%m-%d}  {state}"
                )
        else:
            found = tokens.token_with_id(options["id"])
            if found is None:
                raise CommandError("No token has that id.")
            tokens.revoke_token(None, found)
            self.stdout.write(f"Revoked {found.pk}.")

    def _user(self, username: str) -> User:
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"No active user is called {username!r}.")
        return user

    def _create(self, options: dict[str, Any]) -> None:
        user = self._user(options["user"])
        try:
            token, secret = tokens.create_token(
                None, user=user, name=options["name"], scopes=options["scope"], days=options["expires"]
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from refusal
        self.stderr.write(f"Token {token.pk} for {user.username}, expires {token.expires_at:%Y-%m-%d}. ")
        self.stderr.write("The secret below is shown only now:")
        self.stdout.write(secret)
