"""Encrypts free text that can hold personal or police information, in place (issue 42.5)."""

from django.db import migrations

from varde.core.crypto import EncryptedCharField, EncryptedTextField, encrypting_operations


class Migration(migrations.Migration):
    dependencies = [("statistics", "0001_initial")]

    operations = [
        *encrypting_operations(
            "statistics.OnlineObservation",
            {
                "note": EncryptedCharField(blank=True, max_length=500, verbose_name="note"),
            },
        ),
    ]
