"""What the trail records for meetings, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class MeetingAudit(AuditAction):
    CALENDAR_FEED_CREATED = "calendar_feed.created", _("Created a calendar feed")
    CALENDAR_FEED_REVOKED = "calendar_feed.revoked", _("Revoked a calendar feed")
    AGENDA_REORDERED = "meeting.agenda_reordered", _("Reordered the agenda")
    AGENDA_VIEWED = "meeting.agenda_viewed", _("Read a meeting's agenda")
    CANCELLED = "meeting.cancelled", _("Cancelled a meeting")
    HELD = "meeting.held", _("Recorded a meeting as held")
    INVITED = "meeting.invited", _("Invited to a meeting")
    ITEM_ADDED = "meeting.item_added", _("Added an agenda point")
    ITEM_REMOVED = "meeting.item_removed", _("Removed an agenda point")
    MINUTES_EXPORTED = "meeting.minutes_exported", _("Printed the minutes")
    MINUTES_VIEWED = "meeting.minutes_viewed", _("Read the minutes")
    PARTICIPANT_REMOVED = "meeting.participant_removed", _("Removed a participant")
    POINT_MINUTES_VIEWED = "meeting.point_minutes_viewed", _("Read the minutes of a point")
    SCHEDULED = "meeting.scheduled", _("Scheduled a meeting")
    MEETING_SETTINGS_SAVED = "meeting_settings.saved", _("Changed the meeting settings")
    MINUTES_ADDENDUM_ADDED = "minutes.addendum_added", _("Added an addendum to the minutes")
    MINUTES_AGENCY_NOTE_SAVED = "minutes.agency_note_saved", _("Saved an agency's own note")
    MINUTES_APPROVED_BY = "minutes.approved_by", _("Approved the minutes")
    MINUTES_ITEM_WRITTEN = "minutes.item_written", _("Wrote the minutes of a point")
    MINUTES_LOCKED = "minutes.locked", _("Minutes approved and locked")
    MINUTES_NEXT_STEP_ADDED = "minutes.next_step_added", _("Added a next step")
    MINUTES_TASK_DONE = "minutes.task_done", _("Completed a task from the minutes")
