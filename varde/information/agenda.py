"""Events in the six weeks after a contact meeting are proposed for its agenda."""

from datetime import timedelta

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from varde.meetings.agenda import Suggestion
from varde.meetings.models import Meeting

from .models import Event

LOOK_AHEAD = timedelta(weeks=6)


def coming_events(meeting: Meeting) -> list[Suggestion]:
    events = Event.objects.filter(partnership=meeting.partnership).coming(
        meeting.starts_at, meeting.starts_at + LOOK_AHEAD
    )
    return [
        Suggestion(
            _("Event: %(title)s, %(day)s")
            % {
                "title": event.title,
                "day": formats.date_format(timezone.localtime(event.starts_at), "SHORT_DATE_FORMAT"),
            },
            ", ".join(part for part in (event.place, event.organiser) if part),
            timezone.localdate(event.starts_at),
        )
        for event in events
    ]
