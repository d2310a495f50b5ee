"""What the trail records for concerns, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction

_CASE = "concern."


class ConcernAudit(AuditAction):
    # Each line in a case's timeline is also an event in the trail, under the same words.
    RECEIVED = "concern.received", _("Concern received")
    MARKED_ACUTE = "concern.marked_acute", _("Marked acute; police alerted")
    RESPONSIBLE_CHANGED = "concern.responsible_changed", _("Responsible person changed")
    ASSESSMENT_UPDATED = "concern.assessment_updated", _("Assessment updated")
    STATUS_CHANGED = "concern.status_changed", _("Status changed")
    CLOSED = "concern.closed", _("Closed")
    REOPENED = "concern.reopened", _("Reopened")
    REVIEWED = "concern.reviewed", _("Review after closure done")
    MEASURE_ADDED = "concern.measure_added", _("Measure added")
    MEASURE_UPDATED = "concern.measure_updated", _("Measure updated")
    CONSENT_RECORDED = "concern.consent_recorded", _("Consent recorded")
    CONSENT_WITHDRAWN = "concern.consent_withdrawn", _("Consent withdrawn")
    CONSENT_EXPIRED = (
        "concern.consent_expired",
        _("Consent ran out; sharing and measures resting on it ended"),
    )
    DISCLOSED = "concern.disclosed", _("Information shared with the other agency")
    DISCLOSURE_REVOKED = "concern.disclosure_revoked", _("Disclosure revoked")
    RETENTION_EXTENDED = "concern.retention_extended", _("Personal data kept longer")
    STRUCTURED_ASSESSMENT_FINALISED = (
        "concern.structured_assessment_finalised",
        _("Structured assessment finalised"),
    )
    STRUCTURED_ASSESSMENT_CORRECTED = (
        "concern.structured_assessment_corrected",
        _("Structured assessment corrected"),
    )
    AGENDA_ITEM_PREPARED = (
        "concern.agenda_item_prepared",
        _("Put on a contact meeting's agenda with a shared summary"),
    )
    AGENDA_ITEM_REMOVED = "concern.agenda_item_removed", _("Taken off a contact meeting's agenda")
    MEETING_LEVEL_AGREED = "concern.meeting_level_agreed", _("Concern level agreed in a contact meeting")
    # What the trail alone records.
    ADVICE_SESSION_LIST_VIEWED = "advice_session.list_viewed", _("Read the list of advice sessions")
    ADVICE_SESSION_LOGGED = "advice_session.logged", _("Logged an advice session")
    ADVICE_SESSION_VIEWED = "advice_session.viewed", _("Read an advice session")
    CASEWORK_SETTINGS_SAVED = "casework_settings.saved", _("Changed the case work settings")
    ACCESS_REFUSED = "concern.access_refused", _("Refused: tried to open a case without access")
    ERASED = "concern.erased", _("Erased by the retention rule")
    LIST_VIEWED = "concern.list_viewed", _("Read the case list")
    RECEIPTS_VIEWED = "concern.receipts_viewed", _("Read own reports' receipts")
    RESTRICTED = "concern.restricted", _("Restricted by the retention rule")
    VIEWED = "concern.viewed", _("Read the case")
    CONCERN_LEVEL_SAVED = "concern_level.saved", _("Changed a concern level")
    LEGAL_BASIS_ADDED = "legal_basis.added", _("Added a legal basis")
    LEGAL_BASIS_EDITED = "legal_basis.edited", _("Changed a legal basis")
    LEGAL_BASIS_RETIRED = "legal_basis.retired", _("Retired a legal basis")
    LEGAL_BASIS_SUPERSEDED = "legal_basis.superseded", _("Made a new version of a legal basis")
    LEGAL_BASIS_VERIFIED = "legal_basis.verified", _("Marked a legal basis as verified")
    MEASURE_TYPE_SAVED = "measure_type.saved", _("Changed a kind of measure")
    PARTNERSHIP_CREATED = "partnership.created", _("Created a partnership")
    PUBLIC_FORM_RATE_LIMITED = "public_form.rate_limited", _("Public form: too many reports from one address")
    PUBLIC_FORM_TRAP_CAUGHT = "public_form.trap_caught", _("Public form: automated submission stopped")

    @property
    def timeline_kind(self) -> str:
        """How a case's timeline (ConcernEvent.action) names this action."""
        return self.value.removeprefix(_CASE)

    @classmethod
    def from_timeline(cls, kind: str) -> "ConcernAudit | None":
        try:
            return cls(_CASE + kind)
        except ValueError:
            return None
