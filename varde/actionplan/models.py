"""The action plan as data: versions, numbered plan measures with an activity log, recurring
obligations with rules, and the trainings and session requests that are evidence for them.

None of this is case content. Free texts are about the work, not about people; the forms say so.
"""

import uuid
from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Partnership, Unit
from varde.core.audit import EventFields
from varde.core.crypto import EncryptedCharField, EncryptedTextField
from varde.core.models import ChoiceLabels

USER = settings.AUTH_USER_MODEL


class Responsible(models.TextChoices):
    MUNICIPALITY = "municipality", _("Municipality")
    POLICE = "police", _("Police")
    BOTH = "both", _("Municipality and police")


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    CONTINUOUS = "continuous", _("Continuous")
    DONE = "done", _("Done")
    PAUSED = "paused", _("Paused")


# The colour of a status's tag (Designsystemet's data-color); the statuses not named are "info".
MEASURE_STATUS_COLORS: dict[str, str] = {
    MeasureStatus.DONE: "success",
    MeasureStatus.PAUSED: "warning",
    MeasureStatus.PLANNED: "neutral",
}


class ActionPlan(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="action_plans", verbose_name=_("partnership")
    )
    title = models.CharField(_("title"), max_length=200)
    version = models.PositiveSmallIntegerField(_("version"))
    adopted_on = models.DateField(_("adopted"))
    imported_at = models.DateTimeField(_("imported"), auto_now_add=True)

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "version"], name="action_plan_unique_version"),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({_('version')} {self.version})"

    def audit_fields(self) -> EventFields:
        return {"partnership": self.partnership}

    @cached_property
    def later_versions(self) -> list["ActionPlan"]:
        """The versions adopted after this one, oldest first: what proves that this one was revised."""
        later = ActionPlan.objects.filter(partnership_id=self.partnership_id, version__gt=self.version)
        return list(later.order_by("version"))


class PlanMeasure(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="measures")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    responsible = models.CharField(_("responsible"), max_length=20, choices=Responsible.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.PLANNED
    )
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("plan measure")
        verbose_name_plural = _("plan measures")
        ordering = ["number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_measure_unique_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"

    def audit_fields(self) -> EventFields:
        return {"partnership": self.plan.partnership}

    @property
    def status_color(self) -> str:
        return MEASURE_STATUS_COLORS.get(self.status, "info")


class Activity(ChoiceLabels):
    """One line in a plan measure's log: what happened, when, and where the evidence is."""

    measure = models.ForeignKey(PlanMeasure, on_delete=models.CASCADE, related_name="activities")
    occurred_on = models.DateField(_("date"))
    text = EncryptedTextField(_("what happened"))
    evidence = EncryptedCharField(_("evidence"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.measure} {self.occurred_on}"


class Rule(models.TextChoices):
    EVERY_MONTHS = "every_months", _("At least every N months")
    TIMES_PER_YEAR = "times_per_year", _("N times a year")
    FIRST_LINE_EVERY_MONTHS = "first_line_every_months", _("Every first-line unit at least every N months")
    REVISE_WITHIN_YEARS = "revise_within_years", _("Revised at the latest N years after adoption")


class Obligation(ChoiceLabels):
    """A recurring promise in the plan, with the rule its status is computed from."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="obligations")
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    rule = models.CharField(_("rule"), max_length=30, choices=Rule.choices)
    value = models.PositiveSmallIntegerField(_("N"))
    # What counts as evidence: "meeting:<kind>", "training", "activity" (on the measure), "plan_version".
    evidence = models.CharField(_("evidence"), max_length=40)
    measure = models.ForeignKey(
        PlanMeasure, on_delete=models.SET_NULL, null=True, blank=True, related_name="obligations"
    )

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["title"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="obligation_unique_code")]

    def __str__(self) -> str:
        return self.title

    @property
    def rule_text(self) -> str:
        """The rule in words, with its number: "at least every 6 months"."""
        texts = {
            Rule.EVERY_MONTHS: _("At least every %(n)s months"),
            Rule.TIMES_PER_YEAR: _("%(n)s times a year"),
            Rule.FIRST_LINE_EVERY_MONTHS: _("Every first-line unit at least every %(n)s months"),
            Rule.REVISE_WITHIN_YEARS: _("Revised at the latest %(n)s years after adoption"),
        }
        return str(texts[Rule(self.rule)]) % {"n": self.value}


class TrainingKind(models.TextChoices):
    COMPETENCE = "competence", _("Competence training")
    AWARENESS = "awareness", _("Awareness session")
    SCHOOL = "school", _("School programme")


class Topic(models.TextChoices):
    """What the plan requires a competence training to cover."""

    BASICS = "basics", _("Basic knowledge")
    SIGNS = "signs", _("Common signs")
    WHAT_TO_DO = "what_to_do", _("What to do when worried")
    MEASURES = "measures", _("Measures offered")
    LOCAL = "local", _("The local situation")


class Training(ChoiceLabels):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="trainings")
    kind = models.CharField(_("kind"), max_length=20, choices=TrainingKind.choices)
    held_on = models.DateField(_("date"))
    units = models.ManyToManyField(
        Unit, blank=True, related_name="trainings", verbose_name=_("units reached")
    )
    audience = models.CharField(
        _("audience outside the municipality"),
        max_length=200,
        blank=True,
        help_text=_("For example an organisation or a school class."),
    )
    participants = models.PositiveIntegerField(_("number of participants"))
    topics = models.JSONField(_("topics covered"), default=list)
    given_by = models.CharField(_("given by"), max_length=200)
    recorded_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.held_on:%d.%m.%Y}"

    def audit_fields(self) -> EventFields:
        return {"partnership": self.partnership}

    @property
    def topic_labels(self) -> list[str]:
        return [str(Topic(code).label) for code in self.topics if code in Topic.values]


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    SCHEDULED = "scheduled", _("Scheduled")
    HELD = "held", _("Held")
    DECLINED = "declined", _("Declined")


class SessionRequest(ChoiceLabels):
    """A request from outside for an awareness session or a school programme."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="session_requests")
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=[
            (TrainingKind.AWARENESS.value, TrainingKind.AWARENESS.label),
            (TrainingKind.SCHOOL.value, TrainingKind.SCHOOL.label),
        ],
    )
    organisation = models.CharField(_("who asks"), max_length=200)
    received_on = models.DateField(_("received"))
    wish = EncryptedTextField(_("what they ask for"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    scheduled_for = models.DateField(_("scheduled for"), null=True, blank=True)
    training = models.OneToOneField(
        Training, on_delete=models.SET_NULL, null=True, blank=True, related_name="request"
    )

    class Meta:
        ordering = ["-received_on"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(scheduled_for__isnull=False),
                name="session_request_scheduled_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.received_on}"

    def audit_fields(self) -> EventFields:
        return {"partnership": self.partnership}

    def is_open(self) -> bool:
        return self.status in {RequestStatus.REQUESTED, RequestStatus.SCHEDULED}

    def is_overdue(self, today: date) -> bool:
        return (
            self.status == RequestStatus.SCHEDULED
            and self.scheduled_for is not None
            and self.scheduled_for < today
        )
