"""Encrypts the personal data already stored, and indexes the names for search before create."""

from typing import Any

from django.db import migrations

from varde.core.crypto import encrypting, name_index

FIELDS = {
    "concerns.Concern": [
        "reporter_contact",
        "description",
        "assessment_summary",
        "subject_name",
        "subject_birth_date",
        "subject_municipality",
        "subject_guardians",
        "retention_hold_reason",
    ],
    "concerns.ConcernEvent": ["reason"],
    "concerns.Review": ["notes"],
    "concerns.Consent": ["given_by_names", "purposes"],
    "concerns.Measure": ["evaluation"],
    "concerns.Disclosure": ["justification", "not_informed_reason"],
}


def index_names(apps: Any, schema_editor: Any) -> None:
    concerns = apps.get_model("concerns.Concern")
    rows = concerns.objects.exclude(subject_name="").values_list("pk", "subject_name", "partnership_id")
    for pk, name, partnership_id in rows.iterator():
        concerns.objects.filter(pk=pk).update(subject_name_index=name_index(name, partnership_id))


class Migration(migrations.Migration):
    dependencies = [("concerns", "0002_plain_text_before_encryption")]

    operations = [
        migrations.RunPython(index_names, migrations.RunPython.noop),
        *(migrations.RunPython(*encrypting(label, fields)) for label, fields in FIELDS.items()),
    ]
