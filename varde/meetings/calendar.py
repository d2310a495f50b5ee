"""The iCalendar feed of a user's meetings. Events carry the kind of meeting, the time and the place:
no names, no titles (an organiser may write anything in a title), no case content."""

from datetime import datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import translation
from icalendar import Calendar, Event

from .actions import token_hash
from .models import CalendarFeed, Meeting, MeetingStatus

# How far back the feed reaches, so a calendar keeps last month's meetings.
HISTORY = timedelta(days=90)


def feed_for(token: str, *, now: datetime) -> bytes | None:
    """The feed for a token, or None when the token is unknown or revoked."""
    feed = (
        CalendarFeed.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    meetings = Meeting.objects.filter(
        Q(participants__user=feed.user), starts_at__gte=now - HISTORY
    ).distinct()
    with translation.override("nb"):
        return _calendar(meetings.order_by("starts_at"), now)


def _calendar(meetings: QuerySet[Meeting], now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Varde//Møter//NB")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Varde")
    for meeting in meetings:
        event = Event()
        event.add("uid", f"{meeting.pk}@varde")
        event.add("dtstamp", now)
        event.add("dtstart", meeting.starts_at)
        event.add("dtend", meeting.ends_at)
        event.add("summary", str(meeting.get_kind_display()))
        if meeting.location:
            event.add("location", meeting.location)
        event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
        calendar.add_component(event)
    return bytes(calendar.to_ical())
