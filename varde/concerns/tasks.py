"""Background work for concerns, run by `manage.py db_worker`."""

from datetime import datetime, time, timedelta

from django.tasks import task
from django.utils import timezone

from .actions.retention import purge
from .actions.sharing import end_lapsed_consents

# Purging runs at night, when nobody is working in the cases it may remove.
PURGE_AT = time(2, 0)


def next_purge_time(now: datetime) -> datetime:
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, PURGE_AT))


@task()
def purge_due_personal_data() -> int:
    """Queue tomorrow's run, end what rests on consents that ran out yesterday, then apply the
    retention rules for today: a daily task without cron, whose chain a failing step today does not
    break. (The name stays: queued runs in existing installations refer to it.)"""
    purge_due_personal_data.using(run_after=next_purge_time(timezone.now())).enqueue()
    today = timezone.localdate()
    end_lapsed_consents(today)
    return len(purge(today))
