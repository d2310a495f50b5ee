"""Every change to accounts, memberships and units goes through one function here.

Each re-checks permission, runs in a transaction and writes one audit event.
"""

import secrets
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken

from varde.accounts.actors import Actor
from varde.accounts.audit_actions import AccountAudit
from varde.core.audit import record_event
from varde.core.versioning import claim

from . import permissions
from .models import (
    Agency,
    AuthenticatorApp,
    Membership,
    RecoveryCode,
    RecoveryCodes,
    Unit,
    User,
    recovery_code_digest,
)
from .roles import may_hold, role_info

RECOVERY_CODE_COUNT = 10


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied


def _check_membership_fits(*, agency: Agency, role: str, unit: Unit | None) -> None:
    if not may_hold(role, agency.kind):
        raise ValidationError(_("This role cannot be held in this agency."))
    if role_info(role).needs_unit and unit is None:
        raise ValidationError(_("Choose the unit this person represents."))
    if unit is not None and unit.agency_id != agency.pk:
        raise ValidationError(_("The unit must belong to the chosen agency."))


def generate_password() -> str:
    return secrets.token_urlsafe(12)


def create_user(
    actor: Actor,
    *,
    username: str,
    first_name: str,
    last_name: str,
    email: str,
    agency: Agency,
    role: str,
    unit: Unit | None = None,
) -> tuple[User, str]:
    """Create an account with its first membership; returns the user and a one-time password."""
    _require(agency.pk in permissions.agency_ids_administered_by(actor))
    return _create_user(actor, NewUser(username, first_name, last_name, email), agency, role, unit)


@dataclass(frozen=True)
class NewUser:
    username: str
    first_name: str
    last_name: str
    email: str


def create_user_as_operator(
    person: NewUser, *, agency: Agency, role: str, unit: Unit | None = None
) -> tuple[User, str]:
    """`varde createuser`: the operator on the server starts an installation with its first users."""
    if not person.username.strip() or User.objects.filter(username=person.username).exists():
        raise ValidationError(_("Choose a user name that is not taken."))
    validate_email(person.email)
    return _create_user(None, person, agency, role, unit)


def _create_user(
    actor: Actor | None, person: NewUser, agency: Agency, role: str, unit: Unit | None
) -> tuple[User, str]:
    _check_membership_fits(agency=agency, role=role, unit=unit)
    password = generate_password()
    with transaction.atomic():
        user = User.objects.create_user(
            username=person.username,
            first_name=person.first_name,
            last_name=person.last_name,
            email=person.email,
            password=password,
            must_change_password=True,
        )
        Membership.objects.create(user=user, agency=agency, role=role, unit=unit)
        record_event(
            AccountAudit.USER_CREATED,
            actor=actor,
            obj=user,
            agency=agency,
            partnership=agency.partnership,
            detail={"role": role},
        )
    return user, password


def add_membership(
    actor: Actor, user: User, *, agency: Agency, role: str, unit: Unit | None = None
) -> Membership:
    _require(agency.pk in permissions.agency_ids_administered_by(actor))
    _check_membership_fits(agency=agency, role=role, unit=unit)
    if Membership.objects.filter(user=user, agency=agency, role=role).exists():
        raise ValidationError(_("The user already has this role in this agency."))
    with transaction.atomic():
        membership = Membership.objects.create(user=user, agency=agency, role=role, unit=unit)
        record_event(
            AccountAudit.MEMBERSHIP_ADDED,
            actor=actor,
            obj=user,
            agency=agency,
            partnership=agency.partnership,
            detail={"role": role},
        )
    return membership


def remove_membership(actor: Actor, membership: Membership) -> None:
    _require(permissions.can_manage_membership(actor, membership))
    user = membership.user
    if user.memberships.count() == 1:
        raise ValidationError(_("This is the user's last membership. Deactivate the user instead."))
    with transaction.atomic():
        record_event(
            AccountAudit.MEMBERSHIP_REMOVED,
            actor=actor,
            obj=user,
            agency=membership.agency,
            partnership=membership.agency.partnership,
            detail={"role": membership.role},
        )
        membership.delete()


def set_user_active(actor: Actor, user: User, *, active: bool) -> None:
    _require(permissions.can_manage_user(actor, user))
    if user.pk == actor.pk and not active:
        raise ValidationError(_("You cannot deactivate your own account."))
    with transaction.atomic():
        user.is_active = active
        user.save(update_fields=["is_active"])
        record_event(
            AccountAudit.USER_ACTIVATED if active else AccountAudit.USER_DEACTIVATED, actor=actor, obj=user
        )


def reset_password(actor: Actor, user: User) -> str:
    """Give the user a new one-time password, shown once to the administrator."""
    _require(permissions.can_manage_user(actor, user))
    password = generate_password()
    with transaction.atomic():
        user.set_password(password)
        user.must_change_password = True
        user.save(update_fields=["password", "must_change_password"])
        record_event(AccountAudit.USER_PASSWORD_RESET, actor=actor, obj=user)
    return password


def reset_second_factor(actor: Actor, user: User) -> None:
    """Remove a user's authenticator and recovery codes, e.g. after a lost phone."""
    _require(permissions.can_manage_user(actor, user))
    with transaction.atomic():
        AuthenticatorApp.objects.filter(user=user).delete()
        RecoveryCodes.objects.filter(user=user).delete()
        record_event(AccountAudit.USER_SECOND_FACTOR_RESET, actor=actor, obj=user)


def save_unit(actor: Actor, unit: Unit, *, version: int | None = None) -> Unit:
    """Create or update a unit that the form has already validated."""
    _require(unit.agency_id in permissions.agency_ids_administered_by(actor))
    creating = unit._state.adding
    with transaction.atomic():
        if not creating:
            claim(unit, version)
        unit.save()
        record_event(
            AccountAudit.UNIT_CREATED if creating else AccountAudit.UNIT_UPDATED,
            actor=actor,
            obj=unit,
            agency=unit.agency,
            partnership=unit.agency.partnership,
        )
    return unit


# Second factor -----------------------------------------------------------------------------


def start_totp_enrolment(user: User) -> AuthenticatorApp:
    """Return the user's unconfirmed authenticator, creating one if needed."""
    device: AuthenticatorApp | None = AuthenticatorApp.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = AuthenticatorApp.objects.create(user=user, name="Varde", confirmed=False)
    return device


def confirm_totp_device(
    user: User, device: AuthenticatorApp, token: str, *, replacement_allowed: bool
) -> list[str] | None:
    """Confirm an authenticator with a code from it; returns fresh recovery codes, or None.

    It replaces a confirmed authenticator only when the caller proved that one in this session
    (`replacement_allowed`); the password alone never replaces the second factor.
    """
    replacing = AuthenticatorApp.objects.filter(user=user, confirmed=True).exists()
    _require(replacement_allowed or not replacing)
    if device.user_id != user.pk or device.confirmed or not device.verify_token(token):
        return None
    with transaction.atomic():
        AuthenticatorApp.objects.filter(user=user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _replace_recovery_codes(user)
        record_event(AccountAudit.USER_SECOND_FACTOR_ENROLLED, actor=user, obj=user)
    return codes


def regenerate_recovery_codes(user: User) -> list[str]:
    with transaction.atomic():
        codes = _replace_recovery_codes(user)
        record_event(AccountAudit.USER_RECOVERY_CODES_REGENERATED, actor=user, obj=user)
    return codes


def _replace_recovery_codes(user: User) -> list[str]:
    RecoveryCodes.objects.filter(user=user).delete()
    device = RecoveryCodes.objects.create(user=user, name="Recovery codes", confirmed=True)
    # Shown once; only their keyed digests are kept.
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, digest=recovery_code_digest(c)) for c in codes
    )
    return codes


def verify_second_factor(user: User, token: str) -> AuthenticatorApp | RecoveryCodes | None:
    """Check a code from the authenticator, or a one-time recovery code; record the outcome."""
    token = token.replace(" ", "")
    devices: list[AuthenticatorApp | RecoveryCodes] = [
        *AuthenticatorApp.objects.filter(user=user, confirmed=True),
        *RecoveryCodes.objects.filter(user=user),
    ]
    for device in devices:
        if device.verify_token(token):
            used = "recovery_code" if isinstance(device, RecoveryCodes) else "authenticator"
            record_event(AccountAudit.LOGIN_SECOND_FACTOR, actor=user, obj=user, detail={"method": used})
            return device
    record_event(AccountAudit.LOGIN_SECOND_FACTOR_FAILED, obj=user)
    return None


def change_own_password(user: User, new_password: str) -> None:
    with transaction.atomic():
        user.set_password(new_password)
        user.must_change_password = False
        user.save(update_fields=["password", "must_change_password"])
        record_event(AccountAudit.USER_PASSWORD_CHANGED, actor=user, obj=user)
