"""Two indexes of the audit trail that no search used, and that every append had to update: the
object's type and id (the id's own index answers every search by object), and the action (searched
for by a part of its name). ADR 0047."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0003_audit_statistics_kept_fresh"),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="auditevent",
            name="core_audite_object__bbabc4_idx",
        ),
        migrations.RemoveIndex(
            model_name="auditevent",
            name="audit_action",
        ),
    ]
