"""Hate incidents and observations of online extremism: categorical records with no personal data.

They sit beside the statistics facts that concerns and advice sessions leave behind; together they
are the local situation picture.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Agency, Partnership
from varde.concerns.choices import Phenomenon
from varde.core.crypto import EncryptedCharField
from varde.core.models import ChoiceLabels

USER = settings.AUTH_USER_MODEL


class IncidentKind(models.TextChoices):
    HATE_SPEECH = "hate_speech", _("Hate speech")
    HATE_CRIME = "hate_crime", _("Hate crime")
    ELECTED_OFFICIALS = "elected_officials", _("Threats or hate against elected officials")


class Arena(models.TextChoices):
    DIGITAL = "digital", _("Digital")
    PHYSICAL = "physical", _("Physical")


class TargetGroup(models.TextChoices):
    ORIGIN = "origin", _("Ethnicity, origin or skin colour")
    RELIGION = "religion", _("Religion or belief")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    GENDER_IDENTITY = "gender_identity", _("Gender identity or expression")
    DISABILITY = "disability", _("Disability")
    ELECTED = "elected", _("Elected officials")
    OTHER = "other", _("Other")


class HateIncident(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    occurred_on = models.DateField(_("date"))
    kind = models.CharField(_("type"), max_length=30, choices=IncidentKind.choices)
    arena = models.CharField(_("arena"), max_length=20, choices=Arena.choices)
    target_group = models.CharField(_("target group"), max_length=30, choices=TargetGroup.choices)
    reported_to_police = models.BooleanField(_("reported to the police"), default=False)
    registered_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("hate incident")
        verbose_name_plural = _("hate incidents")
        ordering = ["-occurred_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class Platform(models.TextChoices):
    SOCIAL_MEDIA = "social_media", _("Social media")
    VIDEO = "video", _("Video platform")
    MESSAGING = "messaging", _("Messaging app or closed group")
    FORUM = "forum", _("Forum or image board")
    GAMING = "gaming", _("Gaming platform")
    OTHER = "other", _("Other")


class OnlineObservation(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    observed_on = models.DateField(_("date"))
    platform = models.CharField(_("platform"), max_length=30, choices=Platform.choices)
    phenomenon = models.CharField(_("phenomenon"), max_length=30, choices=Phenomenon.choices)
    note = EncryptedCharField(_("note"), max_length=500, blank=True)
    registered_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    registered_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("online observation")
        verbose_name_plural = _("online observations")
        ordering = ["-observed_on"]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} {self.observed_on}"


class LocalAssessment(models.Model):
    """The coordination group's own words about the local situation for a period, for the report."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    text = models.TextField(_("local assessment"))
    written_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    written_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "year"], name="local_assessment_once_a_year")
        ]

    def __str__(self) -> str:
        return f"{self.partnership} {self.year}"
