"""Two database roles in production (ADR 0038): the owner runs migrations; the application role, which
serves every request and task, reads and writes the data but may only add to the audit trail.

The application role owns nothing, so it cannot alter or drop a table, or disable the trigger that
refuses changes to the trail; and it is not granted UPDATE, DELETE or TRUNCATE on the trail. The grants
are given after every migration (post_migrate), so tables a migration adds are covered at once.
"""

from typing import Any

from django.conf import settings
from django.db import connection

from .models import AuditEvent

# The application role's privileges: all it needs for pages, the API and the worker.
DATA = "SELECT, INSERT, UPDATE, DELETE"
TRAIL = "SELECT, INSERT"


def grant_application_role(role: str) -> None:
    """Give the application role what it needs and, on the audit trail, nothing more than appending."""
    quote = connection.ops.quote_name
    who, trail = quote(role), quote(AuditEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"GRANT USAGE ON SCHEMA public TO {who}")
        cursor.execute(f"GRANT {DATA} ON ALL TABLES IN SCHEMA public TO {who}")
        cursor.execute(f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {who}")
        cursor.execute(f"REVOKE ALL ON {trail} FROM {who}")
        cursor.execute(f"GRANT {TRAIL} ON {trail} TO {who}")


def grant_after_migrate(sender: Any, **kwargs: Any) -> None:
    role = settings.VARDE_APP_DATABASE_ROLE
    if role and connection.vendor == "postgresql":
        grant_application_role(role)
