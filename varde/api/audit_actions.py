"""What the trail records for api, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class ApiAudit(AuditAction):
    TOKEN_CREATED = "api.token_created", _("Created an API token")
    TOKEN_REVOKED = "api.token_revoked", _("Revoked an API token")
