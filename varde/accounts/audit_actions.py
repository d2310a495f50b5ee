"""What the trail records for accounts, in the privacy officer's words."""

from django.utils.translation import gettext_lazy as _

from varde.core.audit import AuditAction


class AccountAudit(AuditAction):
    DEMO_LOADED = "demo.loaded", _("Loaded the demo")
    LOGIN_ADDRESS_REFUSED = "login.address_refused", _("Login refused for the address")
    LOGIN_FAILED = "login.failed", _("Failed login")
    LOGIN_LOCKED_OUT = "login.locked_out", _("Login locked after repeated failures")
    LOGIN_SECOND_FACTOR = "login.second_factor", _("Passed the second factor")
    LOGIN_SECOND_FACTOR_FAILED = "login.second_factor_failed", _("Wrong second-factor code")
    LOGIN_SUCCEEDED = "login.succeeded", _("Logged in")
    LOGOUT = "logout", _("Logged out")
    MEMBERSHIP_ADDED = "membership.added", _("Gave a role")
    MEMBERSHIP_REMOVED = "membership.removed", _("Removed a role")
    UNIT_CREATED = "unit.created", _("Created a unit")
    UNIT_UPDATED = "unit.updated", _("Changed a unit")
    USER_ACTIVATED = "user.activated", _("Activated a user")
    USER_CREATED = "user.created", _("Created a user")
    USER_DEACTIVATED = "user.deactivated", _("Deactivated a user")
    USER_PASSWORD_CHANGED = "user.password_changed", _("Changed own password")
    USER_PASSWORD_RESET = "user.password_reset", _("Gave a one-time password")
    USER_RECOVERY_CODES_REGENERATED = "user.recovery_codes_regenerated", _("Made new recovery codes")
    USER_SECOND_FACTOR_ENROLLED = "user.second_factor_enrolled", _("Set up an authenticator")
    USER_SECOND_FACTOR_RESET = "user.second_factor_reset", _("Removed a user's authenticator")
    USER_VIEWED = "user.viewed", _("Opened a user account")
