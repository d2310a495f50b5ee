"""What the trail records for statistics, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class StatisticsAudit(AuditAction):
    ASSESSMENT_SAVED = "statistics.assessment_saved", _("Saved a statistics assessment")
    EXPORTED = "statistics.exported", _("Exported statistics")
    INCIDENT_REGISTERED = "statistics.incident_registered", _("Registered an incident")
    OBSERVATION_REGISTERED = "statistics.observation_registered", _("Registered an observation")
    REPORT_EXPORTED = "statistics.report_exported", _("Printed the situation report")
