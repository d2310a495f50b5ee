"""What the trail records for assessments, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class AssessmentAudit(AuditAction):
    CORRECTION_STARTED = "assessment.correction_started", _("Started correcting a structured assessment")
    DISCARDED = "assessment.discarded", _("Discarded a draft assessment")
    EXPORTED = "assessment.exported", _("Printed a structured assessment")
    SAVED = "assessment.saved", _("Saved a structured assessment")
    STARTED = "assessment.started", _("Started a structured assessment")
    VIEWED = "assessment.viewed", _("Read a structured assessment")
    INSTRUMENT_IMPORTED = "instrument.imported", _("Imported an assessment instrument")
    INSTRUMENT_REINSTATED = "instrument.reinstated", _("Took an assessment instrument back into use")
    INSTRUMENT_RETIRED = "instrument.retired", _("Retired an assessment instrument")
