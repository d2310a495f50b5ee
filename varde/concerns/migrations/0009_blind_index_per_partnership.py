"""Indexes every name again with its partnership's own blind-index key (derived from the one key)."""

from typing import Any

from django.db import migrations

from varde.core.crypto import name_index


def index_names_per_partnership(apps: Any, schema_editor: Any) -> None:
    concerns = apps.get_model("concerns.Concern")
    rows = concerns.objects.exclude(subject_name="").values_list("pk", "subject_name", "partnership_id")
    for pk, name, partnership_id in rows.iterator():
        concerns.objects.filter(pk=pk).update(subject_name_index=name_index(name, partnership_id))


class Migration(migrations.Migration):
    dependencies = [("concerns", "0008_disclosure_end_consent_expired")]

    operations = [migrations.RunPython(index_names_per_partnership, migrations.RunPython.noop)]
