"""Information pages for the public, edited in Varde: each page has versions, and only a published
version is ever shown. Pages hold general information, never anything about a person."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership
from varde.core.audit import EventFields
from varde.core.crypto import EncryptedCharField, EncryptedTextField
from varde.core.models import ChoiceLabels

USER = settings.AUTH_USER_MODEL


class PageKey(models.TextChoices):
    """The public pages every partnership has, in the order a worried visitor reads them."""

    MEANING = "meaning", _("What the words mean")
    SIGNS = "signs", _("Signs worth noticing")
    WHERE_TO_TURN = "where_to_turn", _("Where to turn")
    HELP = "help", _("Help on offer")


class InfoPage(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="info_pages")
    key = models.CharField(_("page"), max_length=20, choices=PageKey.choices)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    reviewed_on = models.DateField(_("last reviewed"), null=True, blank=True)
    reviewed_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["language", "key"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "key", "language"], name="info_page_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} ({self.language})"

    def audit_fields(self) -> EventFields:
        return {"partnership": self.partnership, "detail": {"key": self.key}}


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


class PageVersion(models.Model):
    page = models.ForeignKey(InfoPage, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["page", "number"], name="page_version_unique_number"),
            models.UniqueConstraint(fields=["page"], condition=Q(status="draft"), name="page_one_draft"),
            models.UniqueConstraint(
                fields=["page"], condition=Q(status="published"), name="page_one_published"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.page} v{self.number}"


class EventStatus(models.TextChoices):
    ANNOUNCED = "announced", _("Announced")
    CONFIRMED = "confirmed", _("Confirmed")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class EventQuerySet(models.QuerySet["Event"]):
    def coming(self, start: object, end: object) -> "EventQuerySet":
        return self.filter(starts_at__gte=start, starts_at__lt=end).exclude(status=EventStatus.CANCELLED)


class Event(ChoiceLabels):
    """An announced event or demonstration that the agencies coordinate around."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="events")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    place = models.CharField(_("place"), max_length=200)
    organiser = models.CharField(_("organiser"), max_length=200, blank=True)
    expected_size = models.PositiveIntegerField(_("expected number of people"), null=True, blank=True)
    milieu = models.CharField(
        _("related milieu"), max_length=200, blank=True, help_text=_("A movement or milieu, never a person.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.ANNOUNCED
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title

    def audit_fields(self) -> EventFields:
        return {"partnership": self.partnership}


class EventTask(ChoiceLabels):
    """A coordination task for one agency, with an owner and a deadline."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="tasks")
    agency = models.ForeignKey("accounts.Agency", on_delete=models.PROTECT, related_name="+")
    description = EncryptedCharField(_("task"), max_length=300)
    owner = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="event_tasks")
    deadline = models.DateField(_("deadline"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "id"]

    def __str__(self) -> str:
        return str(self.description)


class RiskNote(models.Model):
    """The police's own assessment of an event. Only the police's case handlers see it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="risk_notes")
    text = EncryptedTextField(_("risk note"))
    author = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event} {self.created_at:%Y-%m-%d}"
