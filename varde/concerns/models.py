"""Concerns and everything that hangs on them: measures, consents, disclosures and retention.

Personal data lives only on Concern (the subject fields, the description and the notes) and on the
records attached to it. Everything that must outlive erasure is categorical: StatisticsFact
(in categorical.py), AdviceSession and RetentionReceipt.
"""

import uuid
from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Agency, Partnership
from varde.core.audit import EventFields
from varde.core.crypto import EncryptedCharField, EncryptedDateField, EncryptedTextField, name_index
from varde.core.models import ChoiceLabels
from varde.core.phone import tel_href

from .audit_actions import ConcernAudit
from .categorical import MeasureType
from .choices import (
    AgeBand,
    BasisDirection,
    Channel,
    DisclosureEnd,
    InformedChoice,
    LegalBasisKind,
    MeasureStatus,
    Outcome,
    Part,
    Phenomenon,
    ReporterCategory,
    RetentionAction,
    Status,
)
from .workflow import ASSESSMENT_PHASE

USER = settings.AUTH_USER_MODEL


class ConcernSettings(models.Model):
    """Per-partnership settings for casework; created with defaults on first use."""

    partnership = models.OneToOneField(
        Partnership, on_delete=models.CASCADE, related_name="concern_settings", verbose_name=_("partnership")
    )
    review_months = models.JSONField(
        _("reviews after closure (months)"), default=list, help_text=_("For example 6 and 12.")
    )
    assessment_days = models.PositiveSmallIntegerField(_("days to first assessment"), default=14)
    version = models.PositiveIntegerField(default=1)
    public_intake_agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("agency receiving the online form"),
    )
    hotline_phone = models.CharField(_("the hotline's phone number"), max_length=20, blank=True)
    public_form_limit = models.PositiveSmallIntegerField(
        _("reports an hour from one address through the public form"), default=5
    )

    class Meta:
        verbose_name = _("casework settings")
        verbose_name_plural = _("casework settings")

    def __str__(self) -> str:
        return str(self.partnership)

    @classmethod
    def of(cls, partnership: Partnership) -> "ConcernSettings":
        """The partnership's settings, made with the defaults the first time they are asked for."""
        return cls.objects.get_or_create(partnership=partnership)[0]

    @property
    def hotline_href(self) -> str:
        return tel_href(self.hotline_phone)


class RetentionRule(models.Model):
    """How long a closed concern with a given outcome keeps its personal data."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="retention_rules", verbose_name=_("partnership")
    )
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    restrict_after_months = models.PositiveSmallIntegerField(
        _("restrict after (months)"), null=True, blank=True
    )
    erase_after_months = models.PositiveSmallIntegerField(_("erase after (months)"), null=True, blank=True)

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        ordering = ["outcome"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "outcome"], name="retention_rule_one_per_outcome"),
            models.CheckConstraint(
                condition=Q(restrict_after_months__isnull=False) | Q(erase_after_months__isnull=False),
                name="retention_rule_does_something",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partnership} – {self.get_outcome_display()}"


class LegalBasisQuerySet(models.QuerySet["LegalBasis"]):
    def current(self) -> "LegalBasisQuerySet":
        return self.filter(retired_at__isnull=True)

    def citable_by(self, agency: Agency) -> "LegalBasisQuerySet":
        """The bases in force on which this agency may share with the other."""
        directions = [BasisDirection.BOTH, BasisDirection.from_agency(agency.kind)]
        return self.current().filter(partnership_id=agency.partnership_id, direction__in=directions)

    def citable_in_meetings_by(self, agency: Agency) -> "LegalBasisQuerySet":
        """The bases on which this agency may bring a case of its own to a contact meeting."""
        return self.citable_by(agency).filter(in_meetings=True)


class LegalBasis(models.Model):
    """A legal basis for disclosing information; versioned, because the law is being rewritten.

    A basis that has been used is never edited: a new version supersedes it, and old disclosures
    keep pointing at the version they relied on.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="legal_bases", verbose_name=_("partnership")
    )
    code = models.SlugField(_("code"), max_length=60)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    title = models.CharField(_("title"), max_length=200)
    citation = models.CharField(_("provision"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=LegalBasisKind.choices)
    direction = models.CharField(
        _("who may rely on it"), max_length=30, choices=BasisDirection.choices, default=BasisDirection.BOTH
    )
    in_meetings = models.BooleanField(_("may be cited to discuss a case in a contact meeting"), default=True)
    needs_legal_review = models.BooleanField(_("wording to be verified by a legal adviser"), default=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("supersedes"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)
    # Counts edits, for refusing stale saves; `version` above numbers the wording's versions.
    revision = models.PositiveIntegerField(default=1)

    objects = LegalBasisQuerySet.as_manager()

    class Meta:
        verbose_name = _("legal basis")
        verbose_name_plural = _("legal bases")
        ordering = ["citation", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "code", "version"], name="legal_basis_unique_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.citation} – {self.title}"

    def audit_fields(self) -> EventFields:
        return {"partnership": self.partnership, "detail": {"code": self.code}}

    def citable_by(self, agency: Agency) -> bool:
        return (
            self.retired_at is None
            and self.partnership_id == agency.partnership_id
            and self.direction in (BasisDirection.BOTH, BasisDirection.from_agency(agency.kind))
        )

    def citable_in_meetings_by(self, agency: Agency) -> bool:
        return self.in_meetings and self.citable_by(agency)


def is_assessment_overdue(due: date | None, status: str, today: date) -> bool:
    """The assessment deadline has passed while the concern is still being assessed."""
    return due is not None and due < today and status in ASSESSMENT_PHASE


# An acute case is assessed within hours of the police being alerted, not within the usual days.
ACUTE_ASSESSMENT = timedelta(hours=24)


def acute_due_at(alerted_at: datetime) -> datetime:
    return alerted_at + ACUTE_ASSESSMENT


class ConcernQuerySet(models.QuerySet["Concern"]):
    def about(self, partnership: Partnership, name: str) -> "ConcernQuerySet":
        """The partnership's concerns about someone with exactly these words in their name. The name
        is encrypted, so only its blind index can be compared."""
        return self.filter(partnership=partnership, subject_name_index=name_index(name, partnership.pk))

    def in_use(self) -> "ConcernQuerySet":
        """Concerns whose processing is not restricted."""
        return self.filter(restricted_at__isnull=True)

    def open(self) -> "ConcernQuerySet":
        return self.exclude(status=Status.CLOSED)

    def closed(self) -> "ConcernQuerySet":
        return self.filter(status=Status.CLOSED)

    def assessment_overdue(self, today: date) -> "ConcernQuerySet":
        return self.filter(status__in=[Status.RECEIVED, Status.UNDER_ASSESSMENT], assessment_due__lt=today)

    def unassigned(self) -> "ConcernQuerySet":
        return self.open().filter(responsible__isnull=True)


class Concern(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # A random code, not a sequence number: it is given to reporters as their receipt.
    reference = models.CharField(_("reference"), max_length=12, unique=True)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.PROTECT, related_name="concerns", verbose_name=_("partnership")
    )
    owning_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="owned_concerns", verbose_name=_("owning agency")
    )
    responsible = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_concerns",
        verbose_name=_("responsible"),
    )
    status = models.CharField(_("status"), max_length=30, choices=Status.choices, default=Status.RECEIVED)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)

    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    reporter_category = models.CharField(_("reporter"), max_length=30, choices=ReporterCategory.choices)
    other_body_name = EncryptedCharField(_("other public body"), max_length=200, blank=True)
    anonymised = models.BooleanField(_("discussed anonymously"), default=False)
    reported_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reported_concerns",
        verbose_name=_("reported by"),
    )
    reporter_contact = EncryptedTextField(_("reporter's contact details"), blank=True)
    phenomenon = models.CharField(_("phenomenon"), max_length=30, choices=Phenomenon.choices)
    description = EncryptedTextField(_("description"))
    assessment_summary = EncryptedTextField(_("assessment"), blank=True)

    is_named = models.BooleanField(_("the person is named"), default=False)
    subject_name = EncryptedTextField(_("name"), blank=True)
    # Search before create: keyed digests of the words of the name (see varde.core.crypto).
    subject_name_index = models.CharField(max_length=400, blank=True, db_index=True)
    subject_birth_date = EncryptedDateField(_("date of birth"), null=True, blank=True)
    subject_birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    subject_municipality = EncryptedTextField(_("municipality of residence"), blank=True)
    subject_guardians = EncryptedTextField(_("parents or guardians"), blank=True)
    age_band = models.CharField(
        _("age band"), max_length=10, choices=AgeBand.choices, default=AgeBand.UNKNOWN
    )

    is_acute = models.BooleanField(_("acute"), default=False)
    police_alerted_at = models.DateTimeField(_("police alerted"), null=True, blank=True)
    police_alerted_by = EncryptedCharField(_("police alerted by"), max_length=200, blank=True)

    assessment_due = models.DateField(_("assess by"), null=True, blank=True)
    retention_hold_until = models.DateField(_("keep personal data until"), null=True, blank=True)
    retention_hold_reason = EncryptedTextField(_("reason for keeping longer"), blank=True)
    restricted_at = models.DateTimeField(_("restricted"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Optimistic locking for edit forms (varde.core.versioning).
    version = models.PositiveIntegerField(default=1)

    objects = ConcernQuerySet.as_manager()

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=Status.CLOSED, closed_at__isnull=False) & ~Q(outcome="")
                | ~Q(status=Status.CLOSED) & Q(closed_at__isnull=True, outcome=""),
                name="concern_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(is_named=False) | ~Q(subject_name=""), name="concern_named_has_name"
            ),
            models.CheckConstraint(
                condition=Q(retention_hold_until__isnull=True) | ~Q(retention_hold_reason=""),
                name="concern_retention_hold_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["owning_agency", "status"]),
            # Case lists start from the user's partnerships (permissions.concerns_visible_to).
            models.Index(fields=["partnership", "status"]),
            # The open acute cases pinned above every case list are a handful among thousands.
            models.Index(
                fields=["partnership", "-police_alerted_at"],
                condition=Q(is_acute=True) & ~Q(status=Status.CLOSED),
                name="concern_open_acute",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args: Any, **kwargs: Any) -> None:
        # The name is encrypted; its blind index keeps search before create working.
        self.subject_name_index = (
            name_index(self.subject_name, self.partnership_id) if self.subject_name else ""
        )
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "subject_name" in update_fields:
            kwargs["update_fields"] = {*update_fields, "subject_name_index"}
        super().save(*args, **kwargs)

    def is_overdue(self, today: date) -> bool:
        if self.acute_due_at is not None:
            return self.acute_due_at < timezone.now() and self.status in ASSESSMENT_PHASE
        return is_assessment_overdue(self.assessment_due, self.status, today)

    @property
    def acute_due_at(self) -> datetime | None:
        """When an acute case must be assessed: hours, not days, after the police were alerted."""
        if not self.is_acute or self.police_alerted_at is None:
            return None
        return acute_due_at(self.police_alerted_at)

    @property
    def is_closed(self) -> bool:
        return self.status == Status.CLOSED


class ConcernEvent(ChoiceLabels):
    """One line in a concern's timeline: who did what, when, and why."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="events")
    occurred_at = models.DateTimeField(_("time"), auto_now_add=True)
    actor = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    action = models.CharField(_("action"), max_length=40)
    from_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=30, choices=Status.choices, blank=True)
    reason = EncryptedTextField(_("reason"), blank=True)

    class Meta:
        ordering = ["occurred_at", "id"]

    def __str__(self) -> str:
        return f"{self.concern} {self.action}"

    @property
    def label(self) -> str:
        action = ConcernAudit.from_timeline(self.action)
        return str(action.label) if action is not None else self.action


class ReviewQuerySet(models.QuerySet["Review"]):
    def pending(self) -> "ReviewQuerySet":
        return self.filter(done_at__isnull=True)


class Review(models.Model):
    """A look back at a closed concern, due some months after closure."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="reviews")
    due_on = models.DateField(_("due"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    done_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    notes = EncryptedTextField(_("notes"), blank=True)

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["due_on"]

    def __str__(self) -> str:
        return f"{self.concern} {self.due_on}"


class ConsentQuerySet(models.QuerySet["Consent"]):
    def valid_on(self, day: date) -> "ConsentQuerySet":
        return self.filter(valid_from__lte=day, withdrawn_at__isnull=True).filter(
            Q(valid_until__isnull=True) | Q(valid_until__gte=day)
        )

    def lapsed_on(self, day: date) -> "ConsentQuerySet":
        """Ran out by its end date before this day, and was not withdrawn first."""
        return self.filter(valid_until__lt=day, withdrawn_at__isnull=True)


class Consent(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="consents")
    given_by_guardians = models.BooleanField(_("given by parents or guardians"), default=False)
    given_by_names = EncryptedTextField(_("given by"))
    agencies = models.ManyToManyField(Agency, related_name="+", verbose_name=_("agencies"))
    measure_types = models.ManyToManyField(
        MeasureType, blank=True, related_name="+", verbose_name=_("measures covered")
    )
    purposes = EncryptedTextField(_("purposes"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("valid_from")),
                name="consent_valid_until_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.given_by_names}, {self.valid_from:%d.%m.%Y}"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None

    def is_valid_on(self, day: date) -> bool:
        return (
            self.withdrawn_at is None
            and self.valid_from <= day
            and (self.valid_until is None or self.valid_until >= day)
        )


class MeasureQuerySet(models.QuerySet["Measure"]):
    def running(self) -> "MeasureQuerySet":
        return self.filter(status__in=MeasureStatus.running())

    def review_overdue(self, today: date) -> "MeasureQuerySet":
        return self.running().filter(next_review__lt=today)


class Measure(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="measures")
    measure_type = models.ForeignKey(
        MeasureType, on_delete=models.PROTECT, related_name="measures", verbose_name=_("type")
    )
    owner_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("owning agency")
    )
    responsible = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_measures",
        verbose_name=_("responsible"),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    start_date = models.DateField(_("start"))
    next_review = models.DateField(_("next review"), null=True, blank=True)
    # RESTRICT: a consent can go only together with its concern, never alone from under a measure.
    consent = models.ForeignKey(
        Consent,
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="measures",
        verbose_name=_("consent"),
    )
    evaluation = EncryptedTextField(_("evaluation notes"), blank=True)
    ended_reason = models.CharField(_("why it ended"), max_length=200, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "created_at"]

    def __str__(self) -> str:
        return f"{self.concern} {self.measure_type}"

    def is_overdue(self, today: date) -> bool:
        return (
            self.next_review is not None
            and self.next_review < today
            and self.status in MeasureStatus.running()
        )


class DisclosureQuerySet(models.QuerySet["Disclosure"]):
    def not_ended(self) -> "DisclosureQuerySet":
        return self.filter(ended_at__isnull=True)

    def in_force(self) -> "DisclosureQuerySet":
        """Not ended, and resting on a consent only while that consent is valid today: a consent that
        ran out ends its disclosures from that day, before the nightly task records the end."""
        today = timezone.localdate()
        consent_valid = Q(consent__withdrawn_at__isnull=True, consent__valid_from__lte=today) & (
            Q(consent__valid_until__isnull=True) | Q(consent__valid_until__gte=today)
        )
        return self.not_ended().filter(Q(consent__isnull=True) | consent_valid)


class Disclosure(ChoiceLabels):
    """Information from one agency's concern made visible to the other agency, on a legal basis."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="disclosures")
    from_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    to_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="received_disclosures")
    parts = models.JSONField(_("parts shared"))
    legal_basis = models.ForeignKey(
        LegalBasis, on_delete=models.PROTECT, related_name="disclosures", verbose_name=_("legal basis")
    )
    consent = models.ForeignKey(
        Consent, on_delete=models.RESTRICT, null=True, blank=True, related_name="disclosures"
    )
    justification = EncryptedTextField(_("justification"))
    approved_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("approved by")
    )
    disclosed_at = models.DateTimeField(_("disclosed"), auto_now_add=True)
    person_informed = models.CharField(_("person informed"), max_length=10, choices=InformedChoice.choices)
    not_informed_reason = EncryptedTextField(_("why the person was not informed"), blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=30, choices=DisclosureEnd.choices, blank=True)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-disclosed_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_agency=models.F("to_agency")), name="disclosure_between_two_agencies"
            ),
            models.CheckConstraint(
                condition=~Q(person_informed=InformedChoice.NO) | ~Q(not_informed_reason=""),
                name="disclosure_not_informed_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.concern} → {self.to_agency}"

    @property
    def part_labels(self) -> list[str]:
        return [str(Part(part).label) for part in self.parts if part in Part.values]


class AdviceSession(ChoiceLabels):
    """Guidance given without opening a case; it holds no personal data at all."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    logged_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    held_on = models.DateField(_("date"))
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    reporter_category = models.CharField(_("caller"), max_length=30, choices=ReporterCategory.choices)
    phenomenon = models.CharField(_("phenomenon"), max_length=30, choices=Phenomenon.choices)
    advice_given = EncryptedTextField(_("advice given"))

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.held_on} {self.get_phenomenon_display()}"


class RetentionReceipt(models.Model):
    """Proof that a concern's personal data was restricted or erased, without any of its content."""

    partnership = models.ForeignKey(Partnership, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("reference"), max_length=12)
    action = models.CharField(_("action"), max_length=20, choices=RetentionAction.choices)
    outcome = models.CharField(_("outcome"), max_length=30, choices=Outcome.choices)
    closed_on = models.DateField(_("closed"))
    performed_at = models.DateTimeField(_("performed"))
    rule = models.CharField(_("rule applied"), max_length=200)

    class Meta:
        ordering = ["-performed_at"]

    def __str__(self) -> str:
        return f"{self.reference} {self.action}"


class PublicSubmission(models.Model):
    """One report accepted from the public form, for its rate limit. The address (with the partnership)
    is kept only as a keyed hash."""

    address_hash = models.CharField(max_length=64, db_index=True)
    attempted_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.attempted_at}"
