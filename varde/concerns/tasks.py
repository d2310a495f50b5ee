"""Background work for concerns, run by `manage.py db_worker`."""

from datetime import datetime, time, timedelta

from django.tasks import task
from django.utils import timezone

from .actions.retention import purge

# Purging runs at night, when nobody is working in the cases it may remove.
PURGE_AT = time(2, 0)


def next_purge_time(now: datetime) -> datetime:
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, PURGE_AT))


@task()
def purge_due_personal_data() -> int:
    """Queue tomorrow's run, then apply the retention rules for today: a daily task without cron, whose
    chain a failing step today does not break."""
    purge_due_personal_data.using(run_after=next_purge_time(timezone.now())).enqueue()
    return len(purge(timezone.localdate()))
