import uuid
from collections.abc import Collection, Iterable
from functools import cached_property
from typing import NamedTuple

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin, TimestampMixin
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from varde.core.audit import EventFields
from varde.core.crypto import EncryptedTextField, keyed_digest
from varde.core.models import ChoiceLabels

from .roles import AgencyKind, LegalRegime, Role, role_info


class UnitKind(models.TextChoices):
    NAV = "nav", _("NAV")
    CHILD_WELFARE = "child_welfare", _("Child welfare")
    MIGRATION = "migration", _("Migration and settlement")
    KINDERGARTEN = "kindergarten", _("Kindergarten")
    SCHOOL = "school", _("School")
    YOUTH_CLUB = "youth_club", _("Youth club")
    ADULT_EDUCATION = "adult_education", _("Adult education")
    HEALTH = "health", _("Health service")
    OTHER = "other", _("Other")


class Partnership(models.Model):
    """One municipality and one police station district working together."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Agency(models.Model):
    """A data controller inside a partnership: the municipality or the police."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("partnership")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=AgencyKind.choices)
    legal_regime = models.CharField(_("legal regime"), max_length=30, choices=LegalRegime.choices)

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["partnership__name", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="agency_unique_name_in_partnership"),
            models.CheckConstraint(
                condition=Q(kind=AgencyKind.POLICE, legal_regime=LegalRegime.POLICE_REGISTER_ACT)
                | (~Q(kind=AgencyKind.POLICE) & ~Q(legal_regime=LegalRegime.POLICE_REGISTER_ACT)),
                name="agency_police_use_police_register_act",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class UnitQuerySet(models.QuerySet["Unit"]):
    def active(self) -> "UnitQuerySet":
        return self.filter(is_active=True)

    def first_line(self) -> "UnitQuerySet":
        return self.filter(first_line=True)


class Unit(models.Model):
    """A municipal service or workplace, such as a school or a NAV office."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="units", verbose_name=_("agency")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=30, choices=UnitKind.choices)
    first_line = models.BooleanField(
        _("first line"), default=False, help_text=_("First-line units must receive training every two years.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    version = models.PositiveIntegerField(default=1)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name_in_agency"),
        ]

    def __str__(self) -> str:
        return self.name


class HeldRole(NamedTuple):
    role: str
    agency_id: uuid.UUID
    partnership_id: uuid.UUID


# django-otp is untyped, so the stubs cannot see the devices' reverse managers on the user.
class User(AbstractUser):  # type: ignore[django-manager-missing]
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Demo users may skip the second factor, and only while settings.VARDE_DEMO_MODE is on.
    is_demo = models.BooleanField(_("demo user"), default=False)
    # Set while the password is one an administrator or the operator was shown; cleared by the
    # user's own change, which every page asks for first.
    must_change_password = models.BooleanField(_("must change password"), default=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def audit_fields(self) -> EventFields:
        # A person may work in both agencies of several partnerships: their events belong to none.
        return {}

    @cached_property
    def held_roles(self) -> tuple[HeldRole, ...]:
        """Every role the user holds, with its agency and partnership: read once per request (the
        user is loaded per request), because every permission check on a page starts from it."""
        rows = self.memberships.order_by().values_list("role", "agency_id", "agency__partnership_id")
        return tuple(HeldRole(*row) for row in rows)

    @cached_property
    def role_codes(self) -> frozenset[str]:
        return frozenset(held.role for held in self.held_roles)

    def _held_among(self, roles: Iterable[str]) -> list[HeldRole]:
        wanted = set(roles)
        return [held for held in self.held_roles if held.role in wanted]

    def agency_ids_where(self, roles: Iterable[str]) -> frozenset[uuid.UUID]:
        """The agencies in which the user holds one of the roles."""
        return frozenset(held.agency_id for held in self._held_among(roles))

    def partnership_ids_where(self, roles: Iterable[str]) -> frozenset[uuid.UUID]:
        """The partnerships in which the user holds one of the roles."""
        return frozenset(held.partnership_id for held in self._held_among(roles))

    @property
    def partnership_ids(self) -> frozenset[uuid.UUID]:
        return frozenset(held.partnership_id for held in self.held_roles)

    def has_any_role(self, roles: Iterable[str]) -> bool:
        return self.is_active and not self.role_codes.isdisjoint(roles)

    @property
    def needs_second_factor(self) -> bool:
        return any(role_info(role).needs_second_factor for role in self.role_codes)

    @property
    def display_name(self) -> str:
        return User.name_from(self.first_name, self.last_name, self.username)

    @staticmethod
    def name_from(first_name: str, last_name: str, username: str) -> str:
        """The name a person is shown by – the full name, else the username – from the columns alone, for
        lists that read them as values."""
        return f"{first_name} {last_name}".strip() or username

    @staticmethod
    def names_of(ids: Collection[uuid.UUID]) -> dict[uuid.UUID, str]:
        """The names the people with these ids are shown by, for lists that read their people as ids.
        The statement is written out: the ORM took longer to build it than the database to run it
        (ADR 0046)."""
        if not ids:
            return {}
        key = User._meta.pk
        table = connection.ops.quote_name(User._meta.db_table)
        placeholders = ", ".join(["%s"] * len(ids))
        sql = f"SELECT id, first_name, last_name, username FROM {table} WHERE id IN ({placeholders})"  # noqa: S608
        with connection.cursor() as cursor:
            cursor.execute(sql, [key.get_db_prep_value(pk, connection) for pk in ids])
            people = cursor.fetchall()
        return {
            key.to_python(pk): User.name_from(first, last, username) for pk, first, last, username in people
        }


class MembershipQuerySet(models.QuerySet["Membership"]):
    def with_role(self, *roles: str) -> "MembershipQuerySet":
        return self.filter(role__in=roles)


class Membership(ChoiceLabels):
    """A user holds one role in one agency; a person with several roles has several memberships."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("agency")
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("unit"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["agency__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"], name="membership_unique_role_in_agency"
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.RESOURCE_PERSON) | Q(unit__isnull=False),
                name="membership_resource_person_has_unit",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.agency}"


class NotificationQuerySet(models.QuerySet["Notification"]):
    def unread(self) -> "NotificationQuerySet":
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """A short in-app message to one user. It never holds personal data: a reference and a link at most."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="notifications")
    message = models.CharField(_("message"), max_length=300)
    link = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.message


class LoginFailure(models.Model):
    """One failed login, counted against its network address and against the name typed. Both are
    stored only as keyed hashes, and rows go after a day (accounts.throttle)."""

    key_hash = models.CharField(max_length=64, db_index=True)
    failed_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key_hash[:8]} {self.failed_at:%Y-%m-%d %H:%M}"


class AuthenticatorApp(TimestampMixin, ThrottlingMixin, Device):  # type: ignore[misc]
    """An authenticator app (TOTP, RFC 6238) whose shared secret is encrypted at rest.

    django-otp's TOTPDevice keeps the secret as readable hex in the database and in every backup; this
    device keeps it as our other secrets are kept, and borrows TOTPDevice's arithmetic as it is."""

    key = EncryptedTextField(default=default_key)
    step = models.PositiveSmallIntegerField(default=30)
    t0 = models.BigIntegerField(default=0)
    digits = models.PositiveSmallIntegerField(choices=[(6, 6), (8, 8)], default=6)
    tolerance = models.PositiveSmallIntegerField(default=1)
    drift = models.SmallIntegerField(default=0)
    last_t = models.BigIntegerField(default=-1)

    bin_key = TOTPDevice.bin_key
    config_url = TOTPDevice.config_url
    verify_token = TOTPDevice.verify_token
    get_throttle_factor = TOTPDevice.get_throttle_factor
    _read_str_from_settings = TOTPDevice._read_str_from_settings

    class Meta(Device.Meta):  # type: ignore[misc]
        verbose_name = _("authenticator app")


class RecoveryCodes(TimestampMixin, ThrottlingMixin, Device):  # type: ignore[misc]
    """A user's one-time recovery codes, kept only as keyed digests: a stolen database or backup holds
    nothing that logs in."""

    class Meta(Device.Meta):  # type: ignore[misc]
        verbose_name = _("recovery codes")

    def verify_token(self, token: str) -> bool:
        allowed, _reason = self.verify_is_allowed()
        if not allowed:
            return False
        used, _counts = self.codes.filter(digest=recovery_code_digest(token)).delete()
        if used:
            self.throttle_reset(commit=False)
            self.set_last_used_timestamp(commit=False)
            self.save()
            return True
        self.throttle_increment(commit=True)
        return False

    def get_throttle_factor(self) -> int:
        return int(getattr(settings, "OTP_STATIC_THROTTLE_FACTOR", 1))


def recovery_code_digest(code: str) -> str:
    return keyed_digest("recovery-code:" + code.strip().lower())


class RecoveryCode(models.Model):
    device = models.ForeignKey(RecoveryCodes, on_delete=models.CASCADE, related_name="codes")
    digest = models.CharField(max_length=64, db_index=True)

    def __str__(self) -> str:
        return f"{self.device_id}: {self.digest[:8]}"
