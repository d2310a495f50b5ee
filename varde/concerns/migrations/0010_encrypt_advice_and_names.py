"""Encrypts free text that can hold personal or police information, in place (issue 42.5)."""

from django.db import migrations

from varde.core.crypto import EncryptedCharField, EncryptedTextField, encrypting_operations


class Migration(migrations.Migration):
    dependencies = [("concerns", "0009_blind_index_per_partnership")]

    operations = [
        *encrypting_operations(
            "concerns.AdviceSession",
            {
                "advice_given": EncryptedTextField(verbose_name="advice given"),
            },
        ),
        *encrypting_operations(
            "concerns.Concern",
            {
                "other_body_name": EncryptedCharField(blank=True, max_length=200, verbose_name="other public body"),
                "police_alerted_by": EncryptedCharField(blank=True, max_length=200, verbose_name="police alerted by"),
            },
        ),
    ]
