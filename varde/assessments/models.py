"""Instruments as versioned data, the partnership's concern-level scale, and structured assessments.

An assessment belongs to a concern and holds personal data: it goes when the concern is erased.
A finalised assessment is never changed; a correction is a new assessment that supersedes it.
"""

import uuid
from functools import cached_property

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Agency, Partnership
from varde.concerns.models import Concern
from varde.core.audit import EventFields
from varde.core.crypto import EncryptedJSONField, EncryptedTextField
from varde.core.models import ChoiceLabels

from .engine import Definition, describe

USER = settings.AUTH_USER_MODEL


class InstrumentQuerySet(models.QuerySet["Instrument"]):
    def current(self) -> "InstrumentQuerySet":
        return self.filter(retired_at__isnull=True)


class Instrument(models.Model):
    """One version of an assessment instrument, stored whole as its checked document."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="instruments", verbose_name=_("partnership")
    )
    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"))
    name = models.CharField(_("name"), max_length=200)
    document = models.JSONField(_("instrument"))
    checksum = models.CharField(max_length=64)
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)
    imported_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    objects = InstrumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assessment instrument")
        verbose_name_plural = _("assessment instruments")
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code", "version"], name="instrument_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.definition.name} ({_('version')} {self.version})"

    @cached_property
    def definition(self) -> Definition:
        return describe(self.document)


class ConcernLevelQuerySet(models.QuerySet["ConcernLevel"]):
    def active(self) -> "ConcernLevelQuerySet":
        return self.filter(is_active=True)


class ConcernLevel(models.Model):
    """One step on the partnership's concern-level scale, chosen by the assessors with a reason."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="concern_levels", verbose_name=_("partnership")
    )
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name (bokmål)"), max_length=60)
    name_en = models.CharField(_("name (English)"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), help_text=_("Higher means more concern."))
    is_active = models.BooleanField(_("in use"), default=True)

    objects = ConcernLevelQuerySet.as_manager()

    class Meta:
        verbose_name = _("concern level")
        verbose_name_plural = _("concern levels")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="concern_level_unique_code"),
        ]

    def __str__(self) -> str:
        if (get_language() or "nb")[:2] == "en" and self.name_en:
            return self.name_en
        return self.name


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    FINAL = "final", _("Finalised")


class Reliability(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    PROBABLE = "probable", _("Probably right")
    UNCERTAIN = "uncertain", _("Uncertain")


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def final(self) -> "AssessmentQuerySet":
        return self.filter(status=AssessmentStatus.FINAL)

    def drafts(self) -> "AssessmentQuerySet":
        return self.filter(status=AssessmentStatus.DRAFT)

    def in_force(self) -> "AssessmentQuerySet":
        """Finalised assessments that no finalised correction has replaced: the trajectory."""
        return self.final().exclude(corrected_by__status=AssessmentStatus.FINAL)


class Assessment(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="assessments")
    instrument = models.ForeignKey(
        Instrument, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("instrument")
    )
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("agency"))
    status = models.CharField(
        _("status"), max_length=10, choices=AssessmentStatus.choices, default=AssessmentStatus.DRAFT
    )
    assessed_on = models.DateField(_("date of the assessment"))
    texts = EncryptedJSONField(_("written parts"), default=dict)
    focus = models.JSONField(_("recommended focus"), default=list)
    level = models.ForeignKey(
        ConcernLevel,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("concern level"),
    )
    level_reason = EncryptedTextField(_("reason for the concern level"), blank=True)
    next_review = models.DateField(_("next assessment"), null=True, blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrected_by",
        verbose_name=_("corrects"),
    )
    created_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Two assessors may have the same draft open (varde.core.versioning).
    version = models.PositiveIntegerField(default=1)
    finalised_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    finalised_at = models.DateTimeField(_("finalised"), null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("structured assessment")
        verbose_name_plural = _("structured assessments")
        ordering = ["assessed_on", "created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["concern"], condition=Q(status="draft"), name="assessment_one_draft_per_concern"
            ),
            models.CheckConstraint(
                condition=Q(status="draft")
                | Q(level__isnull=False, finalised_at__isnull=False) & ~Q(level_reason=""),
                name="assessment_final_has_level_and_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern} {self.assessed_on}"

    def audit_fields(self) -> EventFields:
        return {
            "partnership": self.concern.partnership,
            "agency": self.concern.owning_agency,
            "detail": {"reference": self.concern.reference},
        }

    @property
    def is_final(self) -> bool:
        return self.status == AssessmentStatus.FINAL


class Rating(models.Model):
    """The assessors' view of one item (life area): a rating, what it rests on, and what protects."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="ratings")
    item = models.CharField(max_length=60)
    answer = models.CharField(_("rating"), max_length=60, blank=True)
    evidence = EncryptedTextField(_("what the rating rests on"), blank=True)
    source = EncryptedTextField(_("source"), blank=True)
    reliability = models.CharField(_("reliability"), max_length=20, choices=Reliability.choices, blank=True)
    protective = EncryptedTextField(_("protective factors"), blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["assessment", "item"], name="rating_one_per_item")]

    def __str__(self) -> str:
        return f"{self.assessment} {self.item}"


class Participant(models.Model):
    """Who took part in an assessment, with the agency they spoke for."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="participants")
    user = models.ForeignKey(USER, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "user"], name="participant_once_per_assessment")
        ]

    def __str__(self) -> str:
        return f"{self.assessment} {self.user}"
