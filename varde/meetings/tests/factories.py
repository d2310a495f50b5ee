"""Meetings made through the actions, as users make them."""

from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone

from conftest import World
from varde.accounts.models import User
from varde.accounts.roles import Role
from varde.meetings import actions
from varde.meetings.actions import Schedule
from varde.meetings.models import Meeting, MeetingKind


def at(day_offset: int, hour: int = 9) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def secretary_of(world: World) -> User:
    existing = User.objects.filter(
        memberships__agency=world.municipality, memberships__role=Role.SECRETARY
    ).first()
    return existing or world.make_user(Role.SECRETARY)


def make_meeting(world: World, *, days: int = 7, organiser: User | None = None, **fields: Any) -> Meeting:
    organiser = organiser or secretary_of(world)
    schedule = Schedule(
        kind=fields.pop("kind", MeetingKind.CONTACT),
        starts_at=at(days),
        ends_at=at(days, 11),
        location=fields.pop("location", "Rådhuset"),
        **fields,
    )
    return actions.schedule_meetings(organiser, world.partnership, schedule=schedule)[0]
