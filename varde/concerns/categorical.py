"""The concern models that hold no personal data: the measure types a partnership works with and the
statistics facts that outlive erasure. The statistics app may read these and nothing else of casework;
an import-linter contract keeps it so.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Agency, Partnership
from varde.core.audit import EventFields

from .choices import AgeBand, Channel, Outcome, Phenomenon, ReporterCategory


class MeasureTypeQuerySet(models.QuerySet["MeasureType"]):
    def active(self) -> "MeasureTypeQuerySet":
        return self.filter(is_active=True)


class MeasureType(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="measure_types", verbose_name=_("partnership")
    )
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=120)
    requires_consent = models.BooleanField(_("requires consent"), default=False)
    is_active = models.BooleanField(_("in use"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = MeasureTypeQuerySet.as_manager()

    class Meta:
        verbose_name = _("measure type")
        verbose_name_plural = _("measure types")
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "code"], name="measure_type_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name

    def audit_fields(self) -> EventFields:
        return {"partnership": self.partnership, "detail": {"code": self.code}}


class StatisticsFact(models.Model):
    """A small categorical record per advice session and per concern, kept after personal data goes.

    The statistics app reads only these. The link to the concern is dropped when the concern is erased.
    """

    class Kind(models.TextChoices):
        ADVICE = "advice", _("Advice session")
        CONCERN = "concern", _("Concern")

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    occurred_on = models.DateField()
    channel = models.CharField(max_length=30, choices=Channel.choices)
    reporter_category = models.CharField(max_length=30, choices=ReporterCategory.choices)
    phenomenon = models.CharField(max_length=30, choices=Phenomenon.choices)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN)
    is_acute = models.BooleanField(default=False)
    outcome = models.CharField(max_length=30, choices=Outcome.choices, blank=True)
    measure_types = models.JSONField(default=list)
    concern = models.OneToOneField(
        "concerns.Concern", on_delete=models.SET_NULL, null=True, blank=True, related_name="statistics_fact"
    )

    class Meta:
        ordering = ["occurred_on", "id"]

    def __str__(self) -> str:
        return f"{self.kind} {self.occurred_on}"
