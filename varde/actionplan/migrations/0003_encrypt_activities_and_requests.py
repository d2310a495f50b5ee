"""Encrypts free text that can hold personal or police information, in place (issue 42.5)."""

from django.db import migrations

from varde.core.crypto import EncryptedCharField, EncryptedTextField, encrypting_operations


class Migration(migrations.Migration):
    dependencies = [("actionplan", "0002_planmeasure_version")]

    operations = [
        *encrypting_operations(
            "actionplan.Activity",
            {
                "text": EncryptedTextField(verbose_name="what happened"),
                "evidence": EncryptedCharField(blank=True, max_length=500, verbose_name="evidence"),
            },
        ),
        *encrypting_operations(
            "actionplan.SessionRequest",
            {
                "wish": EncryptedTextField(blank=True, verbose_name="what they ask for"),
            },
        ),
    ]
