"""Encrypts free text that can hold personal or police information, in place (issue 42.5)."""

from django.db import migrations

from varde.core.crypto import EncryptedCharField, EncryptedTextField, encrypting_operations


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_agencynote_version_itemminutes_version")]

    operations = [
        *encrypting_operations(
            "meetings.AgendaItem",
            {
                "title": EncryptedCharField(blank=True, max_length=200, verbose_name="title"),
            },
        ),
        *encrypting_operations(
            "meetings.Meeting",
            {
                "location": EncryptedCharField(blank=True, max_length=200, verbose_name="place"),
                "no_quorum_reason": EncryptedTextField(blank=True, verbose_name="why the meeting was held without quorum"),
                "cancel_reason": EncryptedTextField(blank=True, verbose_name="why the meeting was cancelled"),
            },
        ),
        *encrypting_operations(
            "meetings.Participant",
            {
                "guest_name": EncryptedCharField(blank=True, max_length=200, verbose_name="name"),
                "guest_organisation": EncryptedCharField(blank=True, max_length=200, verbose_name="organisation"),
            },
        ),
        *encrypting_operations(
            "meetings.Task",
            {
                "description": EncryptedCharField(max_length=300, verbose_name="what is to be done"),
            },
        ),
    ]
