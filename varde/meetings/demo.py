"""Demo meetings: a monthly contact-meeting series with one held meeting, and a resource-person
network meeting with a guest. Made through the actions; loaded once."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from varde.accounts.models import Partnership, User

from . import actions
from .actions import Guest, Repeat, Schedule
from .models import Meeting, MeetingKind


def _at(day_offset: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@transaction.atomic
def load_demo_meetings(partnership: Partnership) -> None:
    if Meeting.objects.filter(partnership=partnership).exists():
        return
    people = {user.username: user for user in User.objects.filter(is_demo=True)}
    secretary = people["sekretaer"]
    handlers = [people[name] for name in ("koordinator", "koordinator2", "politikontakt", "mangfoldskontakt")]
    contact = actions.schedule_meetings(
        secretary,
        partnership,
        schedule=Schedule(
            kind=MeetingKind.CONTACT,
            starts_at=_at(-28, 9),
            ends_at=_at(-28, 11),
            location="Rådhuset, møterom 3",
            repeat=Repeat.MONTHLY,
            occurrences=4,
            invitees=handlers,
        ),
    )
    held = contact[0]
    actions.record_attendance(secretary, held, present=list(held.participants.all()))
    network = actions.schedule_meetings(
        people["planleder"],
        partnership,
        schedule=Schedule(
            kind=MeetingKind.RESOURCE_NETWORK,
            title="Ressurspersonnettverket, høstsamling",
            starts_at=_at(-60, 13),
            ends_at=_at(-60, 15),
            location="Kulturhuset",
            invitees=[people["ressursperson"], people["koordinator"]],
            guests=[Guest("Frida Fiktiv", "Fredrikstad fotballklubb (demo)")],
        ),
    )[0]
    actions.record_attendance(people["planleder"], network, present=list(network.participants.all()))
