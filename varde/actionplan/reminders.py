"""Reminders about the plan's promises: on the plan managers' home pages and in a weekly e-mail.

The e-mail names obligations and dates, and links to Varde; it carries no personal data.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from varde.accounts.actors import Actor
from varde.accounts.dashboard import DueItem
from varde.accounts.models import Partnership, User
from varde.accounts.permissions import partnerships_where_any
from varde.accounts.roles import Role

from .obligations import State, current_plan, statuses_for

# What the reminders name: a promise not yet due, with or without evidence, is nobody's task yet.
NEEDS_ATTENTION = (State.DUE_SOON, State.OVERDUE)
# Mondays at seven, before the working week starts.
REMIND_AT = time(7, 0)


def due_items_for(user: Actor, today: date) -> list[DueItem]:
    items = []
    for partnership in partnerships_where_any(user, (Role.PLAN_MANAGER,)):
        plan = current_plan(partnership)
        if plan is None:
            continue
        items += [
            DueItem(
                gettext_lazy("Obligation in the action plan"),
                status.obligation.title,
                reverse("actionplan:obligation", args=[status.obligation.pk]),
                status.due,
            )
            for status in statuses_for(plan, today)
            if status.state in NEEDS_ATTENTION
        ]
    return items


def _message(partnership: Partnership, today: date) -> str | None:
    plan = current_plan(partnership)
    if plan is None:
        return None
    pending = [status for status in statuses_for(plan, today) if status.state in NEEDS_ATTENTION]
    if not pending:
        return None
    lines = [_("These promises in the action plan are due soon or overdue:"), ""]
    lines += [
        f"- {s.obligation.title}: {s.state_label} ({s.due:%d.%m.%Y})" if s.due else f"- {s.obligation.title}"
        for s in pending
    ]
    lines += [
        "",
        _("See them in Varde: %(url)s")
        % {"url": settings.VARDE_BASE_URL.rstrip("/") + reverse("actionplan:dashboard")},
    ]
    return "\n".join(lines)


def send_reminders(today: date) -> int:
    """One e-mail per plan manager with an address, per partnership with something due."""
    sent = 0
    with translation.override(settings.LANGUAGE_CODE):
        for partnership in Partnership.objects.all():
            body = _message(partnership, today)
            if body is None:
                continue
            recipients = (
                User.objects.filter(
                    is_active=True,
                    memberships__role=Role.PLAN_MANAGER,
                    memberships__agency__partnership=partnership,
                )
                .exclude(email="")
                .values_list("email", flat=True)
                .distinct()
            )
            for address in recipients:
                send_mail(_("Varde: the action plan's promises"), body, None, [address])
                sent += 1
    return sent


def next_reminder_time(now: datetime) -> datetime:
    today = timezone.localtime(now).date()
    monday = today + timedelta(days=(7 - today.weekday()) or 7)
    return timezone.make_aware(datetime.combine(monday, REMIND_AT))


@task()
def remind_plan_managers() -> int:
    """Send this week's reminders, then queue next week's: a weekly task without cron."""
    sent = send_reminders(timezone.localdate())
    remind_plan_managers.using(run_after=next_reminder_time(timezone.now())).enqueue()
    return sent


@task()
def send_reminders_once() -> int:
    """One run outside the weekly chain, queued by an operator to check the worker and e-mail."""
    return send_reminders(timezone.localdate())
