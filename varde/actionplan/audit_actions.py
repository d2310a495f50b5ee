"""What the trail records for actionplan, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class PlanAudit(AuditAction):
    ACTIVITY_LOGGED = "plan.activity_logged", _("Logged a plan activity")
    EXPORTED = "plan.exported", _("Exported the action plan")
    IMPORTED = "plan.imported", _("Imported the action plan")
    MEASURE_STATUS = "plan.measure_status", _("Changed a plan measure's status")
    REPORT_EXPORTED = "plan.report_exported", _("Printed the plan's status report")
    REQUEST_DECLINED = "plan.request_declined", _("Declined a training request")
    REQUEST_REGISTERED = "plan.request_registered", _("Registered a training request")
    REQUEST_SCHEDULED = "plan.request_scheduled", _("Scheduled a training")
    TRAINING_RECORDED = "plan.training_recorded", _("Recorded a training")
