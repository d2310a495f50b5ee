"""Encrypts free text that can hold personal or police information, in place (issue 42.5)."""

from django.db import migrations

from varde.core.crypto import EncryptedCharField, EncryptedTextField, encrypting_operations


class Migration(migrations.Migration):
    dependencies = [("information", "0002_infopage_version")]

    operations = [
        *encrypting_operations(
            "information.EventTask",
            {
                "description": EncryptedCharField(max_length=300, verbose_name="task"),
            },
        ),
        *encrypting_operations(
            "information.RiskNote",
            {
                "text": EncryptedTextField(verbose_name="risk note"),
            },
        ),
    ]
