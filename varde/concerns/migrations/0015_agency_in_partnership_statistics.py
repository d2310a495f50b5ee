"""PostgreSQL learns that a case's owning agency decides its partnership.

Every case list filters on both (the user's partnerships and, for a category, their own agencies).
Taken as independent, the two made the planner expect one case where a coordinator has a hundred, and
it joined the agencies by scanning them once per case. SQLite has no such statistics and needs none.
"""

from django.db import migrations

NAME = "concerns_concern_agency_in_partnership"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {NAME} (dependencies) "
            "ON partnership_id, owning_agency_id, status FROM concerns_concern"
        )
        schema_editor.execute("ANALYZE concerns_concern")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {NAME}")


class Migration(migrations.Migration):
    dependencies = [("concerns", "0014_open_acute_index")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
