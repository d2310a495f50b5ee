"""The privacy officer searches the trail by user name, whatever its case. Without an index on it,
the search for someone with few events read the time's index back to the trail's start: 350-545 ms
on the national set, and more each year. ADR 0047."""

from django.db import migrations, models
from django.db.models.functions import Upper


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_audit_indexes_that_searches_use"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="auditevent",
            index=models.Index(Upper("actor_label"), name="audit_actor_label"),
        ),
    ]
