"""Encrypts the shared summaries, minutes, internal notes and addenda already stored."""

from django.db import migrations

from varde.core.crypto import encrypting

FIELDS = {
    "meetings.AgendaItem": ["shared_summary"],
    "meetings.ItemMinutes": ["discussion", "decisions"],
    "meetings.AgencyNote": ["text"],
    "meetings.Addendum": ["text"],
}


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(*encrypting(label, fields)) for label, fields in FIELDS.items()]
