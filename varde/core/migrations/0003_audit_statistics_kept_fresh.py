"""PostgreSQL analyses a table after a tenth of its rows have changed, which for an audit trail of
millions of events is weeks of events. Events without a partnership (case lists, logins) arrive in
bursts, and with statistics that predate them the privacy officer's search by object took a plan six
times slower (docs/performance.md, run P). The trail is analysed after every 50,000 new events
instead, whatever its size."""

from django.db import migrations

FRESH_SQL = (
    "ALTER TABLE core_auditevent SET "
    "(autovacuum_analyze_scale_factor = 0, autovacuum_analyze_threshold = 50000)"
)
DEFAULT_SQL = "ALTER TABLE core_auditevent RESET (autovacuum_analyze_scale_factor, autovacuum_analyze_threshold)"


def on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0002_audit_indexes_without_like")]

    operations = [migrations.RunPython(on_postgresql(FRESH_SQL), on_postgresql(DEFAULT_SQL))]
