"""What the trail records for information, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class InformationAudit(AuditAction):
    EVENT_REGISTERED = "event.registered", _("Registered an event")
    EVENT_RISK_NOTE_ADDED = "event.risk_note_added", _("Wrote a risk note")
    EVENT_STATUS_CHANGED = "event.status_changed", _("Changed an event's status")
    EVENT_TASK_ADDED = "event.task_added", _("Gave an event task")
    EVENT_TASK_DONE = "event.task_done", _("Completed an event task")
    EVENT_VIEWED = "event.viewed", _("Read an event")
    DRAFT_SAVED = "information.draft_saved", _("Saved an information page draft")
    PUBLISHED = "information.published", _("Published an information page")
    REVIEWED = "information.reviewed", _("Marked an information page as reviewed")
