"""Contact meetings and the plan's other recurring meetings: when, who was invited, who came.

A meeting holds no case content by itself; the names on it are those of the professionals and
guests who take part. Calendar feeds carry none of it: only the kind, the time and the place.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Agency, Partnership
from varde.core.audit import EventFields
from varde.core.crypto import EncryptedCharField, EncryptedTextField
from varde.core.models import ChoiceLabels

USER = settings.AUTH_USER_MODEL


class MeetingKind(models.TextChoices):
    CONTACT = "contact", _("Contact meeting")
    RESOURCE_NETWORK = "resource_network", _("Resource-person network")
    PRACTICE_NETWORK = "practice_network", _("Practice network of municipalities")
    CIVIL_SOCIETY = "civil_society", _("Contact meeting with civil society")
    DIRECTORS = "directors", _("Briefing for the directors")
    PREPAREDNESS = "preparedness", _("Update for emergency preparedness")
    POLICE_COUNCIL = "police_council", _("Police council")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingSettings(models.Model):
    """The partnership's quorum rule for contact meetings; created with the plan's defaults."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="meeting_settings", verbose_name=_("partnership")
    )
    quorum_municipality = models.PositiveSmallIntegerField(_("at least from the municipality"), default=2)
    quorum_police = models.PositiveSmallIntegerField(_("at least from the police"), default=2)
    quorum_secretary = models.BooleanField(_("a municipal secretary must take part"), default=True)

    class Meta:
        verbose_name = _("meeting settings")
        verbose_name_plural = _("meeting settings")

    def __str__(self) -> str:
        return str(self.partnership)


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def upcoming(self, now: object) -> "MeetingQuerySet":
        return self.filter(starts_at__gte=now).exclude(status=MeetingStatus.CANCELLED)

    def past(self, now: object) -> "MeetingQuerySet":
        return self.filter(starts_at__lt=now)


class Meeting(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("partnership")
    )
    kind = models.CharField(_("kind of meeting"), max_length=30, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    location = EncryptedCharField(_("place"), max_length=200, blank=True)
    # Meetings scheduled together as a series share this value.
    series = models.UUIDField(null=True, blank=True, db_index=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    quorum_met = models.BooleanField(_("quorum"), null=True, blank=True)
    no_quorum_reason = EncryptedTextField(_("why the meeting was held without quorum"), blank=True)
    cancel_reason = EncryptedTextField(_("why the meeting was cancelled"), blank=True)
    organiser = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(quorum_met=False) | ~Q(no_quorum_reason=""),
                name="meeting_without_quorum_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())

    def audit_fields(self) -> EventFields:
        return {"partnership": self.partnership, "detail": {"kind": self.kind}}

    @property
    def has_case_items(self) -> bool:
        return self.kind == MeetingKind.CONTACT


class Participant(ChoiceLabels):
    """Someone invited to a meeting: a user speaking for an agency, or a guest without an account."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    is_secretary = models.BooleanField(_("secretary"), default=False)
    guest_name = EncryptedCharField(_("name"), max_length=200, blank=True)
    guest_organisation = EncryptedCharField(_("organisation"), max_length=200, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(user__isnull=False, agency__isnull=False, guest_name="")
                | Q(user__isnull=True, agency__isnull=True) & ~Q(guest_name=""),
                name="participant_is_user_or_guest",
            ),
            models.UniqueConstraint(
                fields=["meeting", "user"], condition=Q(user__isnull=False), name="participant_user_once"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return str(self.user.display_name) if self.user else self.guest_name

    @property
    def affiliation(self) -> str:
        return str(self.agency) if self.agency else self.guest_organisation


class CalendarFeed(models.Model):
    """A private, revocable address from which a user's calendar fetches their meetings.

    Only a hash of the token is stored; the address is shown once, when it is made.
    """

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.created_at:%Y-%m-%d}"


class ItemKind(models.TextChoices):
    CASE = "case", _("Concern for discussion")
    MEASURE_REVIEW = "measure_review", _("Measure due for review")
    CLOSURE_REVIEW = "closure_review", _("Review after closure")
    OTHER = "other", _("Other matter")

    @classmethod
    def about_a_case(cls) -> frozenset[str]:
        return frozenset({cls.CASE.value, cls.MEASURE_REVIEW.value, cls.CLOSURE_REVIEW.value})


class AgendaItem(ChoiceLabels):
    """One point on a meeting's agenda.

    A point about a concern exists only with a shared summary written by the owning agency and the
    legal basis for discussing it: that summary, never the case file, is what the meeting sees. The
    point goes when the concern is erased.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind of point"), max_length=20, choices=ItemKind.choices)
    title = EncryptedCharField(_("title"), max_length=200, blank=True)
    concern = models.ForeignKey(
        "concerns.Concern", on_delete=models.CASCADE, null=True, blank=True, related_name="agenda_items"
    )
    shared_summary = EncryptedTextField(_("shared summary"), blank=True)
    legal_basis = models.ForeignKey(
        "concerns.LegalBasis",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("legal basis for discussing it"),
    )
    owner_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("prepared by"),
    )
    added_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "added_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="other", concern__isnull=True) & ~Q(title="")
                | ~Q(kind="other")
                & Q(concern__isnull=False, legal_basis__isnull=False, owner_agency__isnull=False)
                & ~Q(shared_summary=""),
                name="agenda_case_item_has_summary_and_basis",
            ),
            models.UniqueConstraint(
                fields=["meeting", "concern", "kind"],
                condition=Q(concern__isnull=False),
                name="agenda_case_item_once",
            ),
        ]

    def __str__(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def is_about_a_case(self) -> bool:
        return self.kind in ItemKind.about_a_case()


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Minutes(models.Model):
    """A meeting's minutes: drafted by the secretary, approved by the participants, then locked."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    status = models.CharField(
        _("status"), max_length=10, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")

    def __str__(self) -> str:
        return str(self.meeting)

    @property
    def is_locked(self) -> bool:
        return self.status == MinutesStatus.APPROVED


class ItemMinutes(models.Model):
    """The shared record of one point: what was discussed, the agreed level, what was decided."""

    item = models.OneToOneField(AgendaItem, on_delete=models.CASCADE, related_name="record")
    discussion = EncryptedTextField(_("discussion"), blank=True)
    decisions = EncryptedTextField(_("decisions"), blank=True)
    agreed_level = models.ForeignKey(
        "assessments.ConcernLevel",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agreed concern level"),
    )
    version = models.PositiveIntegerField(default=1)

    def __str__(self) -> str:
        return str(self.item)


class AgencyNote(models.Model):
    """Notes on a point that only one agency's case handlers see."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="agency_notes")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    text = EncryptedTextField(_("internal notes"))
    version = models.PositiveIntegerField(default=1)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "agency"], name="agency_note_once")]

    def __str__(self) -> str:
        return f"{self.item} {self.agency}"


class TaskQuerySet(models.QuerySet["Task"]):
    def open(self) -> "TaskQuerySet":
        return self.filter(done_at__isnull=True)


class Task(ChoiceLabels):
    """A next step agreed in a meeting that is not a measure in a case: someone does something by a date."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="tasks")
    description = EncryptedCharField(_("what is to be done"), max_length=300)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="meeting_tasks", verbose_name=_("owner")
    )
    deadline = models.DateField(_("deadline"))
    measure = models.OneToOneField(
        "concerns.Measure", on_delete=models.SET_NULL, null=True, blank=True, related_name="meeting_task"
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    objects = TaskQuerySet.as_manager()

    class Meta:
        ordering = ["deadline", "created_at"]

    def __str__(self) -> str:
        return str(self.description)


class Approval(models.Model):
    """A participant's approval of the minutes, for their agency."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="approvals")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    approved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["approved_at"]
        constraints = [models.UniqueConstraint(fields=["minutes", "user"], name="approval_once")]

    def __str__(self) -> str:
        return f"{self.minutes} {self.user}"


class Addendum(models.Model):
    """A correction or addition to approved minutes; the approved text itself never changes."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="addenda")
    text = EncryptedTextField(_("addendum"))
    author = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self) -> str:
        return f"{self.minutes} {self.created_at:%Y-%m-%d}"
