"""What the trail records for privacy, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class PrivacyAudit(AuditAction):
    AUDIT_EXPORTED = "audit.exported", _("Exported the audit trail")
    AUDIT_VIEWED = "audit.viewed", _("Read the audit trail")
    PRIVACY_ACCESS_REPORT = "privacy.access_report", _("Produced an access report")
    RETENTION_VIEWED = "retention.viewed", _("Read the retention overview")
    SUBJECT_REQUEST_ANSWERED = "subject_request.answered", _("Answered a request from a person")
    SUBJECT_REQUEST_REGISTERED = "subject_request.registered", _("Registered a request from a person")
    SUBJECT_REQUEST_UPDATED = "subject_request.updated", _("Noted the handling of a request")
    SUBJECT_REQUEST_VIEWED = "subject_request.viewed", _("Read a request from a person")
