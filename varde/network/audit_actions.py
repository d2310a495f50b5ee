"""What the trail records for network, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class NetworkAudit(AuditAction):
    CONTACT_ADDED = "network.contact_added", _("Added a contact person")
    CONTACT_LOGGED = "network.contact_logged", _("Logged a contact")
    ORGANISATION_ADDED = "network.organisation_added", _("Added an organisation")
    ORGANISATION_VIEWED = "network.organisation_viewed", _("Read an organisation's contact persons")
