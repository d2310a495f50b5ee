"""varde keys generate | rotate: encryption keys for personal data at rest."""

from typing import Any

from cryptography.fernet import Fernet
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from varde.concerns.models import Concern
from varde.core import crypto


class Command(BaseCommand):
    help = "Make a new encryption key, or re-encrypt all personal data with the first key in use."

    def add_arguments(self, parser: CommandParser) -> None:
        verbs = parser.add_subparsers(dest="verb", required=True)
        verbs.add_parser("generate", help="print a new key to put first in VARDE_ENCRYPTION_KEYS")
        verbs.add_parser("rotate", help="re-encrypt everything with the first key; then drop the old keys")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["verb"] == "generate":
            self.stdout.write(Fernet.generate_key().decode())
            return
        with transaction.atomic():
            count = crypto.rotate_all()
            for concern in Concern.objects.exclude(subject_name="").iterator():
                # The index is rebuilt too, in case VARDE_BLIND_INDEX_KEY changed.
                concern.save(update_fields=["subject_name"])
        self.stdout.write(f"Re-encrypted {count} values with the first key.")
