"""Input validation for casework. Querysets are narrowed by the views from permissions.py."""

from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import Agency, User
from varde.core.forms import DateInput, DateRangeForm, chosen, required_when
from varde.core.versioning import VersionedForm

from .actions import sharing
from .actions.intake import Report, Subject
from .categorical import MeasureType
from .choices import (
    HANDLER_CHANNELS,
    BasisDirection,
    Channel,
    InformedChoice,
    LegalBasisKind,
    MeasureStatus,
    Outcome,
    Part,
    Phenomenon,
    ReporterCategory,
    Status,
    is_minor,
)
from .models import Concern, Consent, LegalBasis
from .permissions import case_handlers_of, people_for_measures

TEXT_LIMIT = 5000
SHORT_TEXT = 200
OLDEST_BIRTH_YEAR = 1900


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


def narrow(form: forms.Form, **querysets: QuerySet[Any]) -> None:
    """Limit model choice fields to what the view got from permissions.py."""
    for name, queryset in querysets.items():
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = queryset


def year_not_in_future(value: int | None) -> int | None:
    if value is not None and value > timezone.localdate().year:
        raise ValidationError(_("The year of birth cannot be in the future."))
    return value


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


def long_text(label: Any, *, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=TEXT_LIMIT,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


def short_text(label: Any, *, required: bool = True, help_text: Any = "") -> forms.CharField:
    return forms.CharField(label=label, required=required, max_length=SHORT_TEXT, help_text=help_text)


class SubjectFields(forms.Form):
    """The person the concern is about: as little as possible, and only when named."""

    subject_name = short_text(_("Name of the person"), required=False)
    subject_birth_date = forms.DateField(label=_("Date of birth"), required=False, widget=DateInput())
    subject_birth_year = forms.IntegerField(
        label=_("Year of birth"),
        required=False,
        min_value=OLDEST_BIRTH_YEAR,
        help_text=_("When the date of birth is not known."),
    )
    subject_municipality = short_text(_("Municipality of residence"), required=False)
    subject_guardians = short_text(
        _("Parents or guardians"), required=False, help_text=_("Only for persons under 18.")
    )

    def clean_subject_birth_date(self) -> date | None:
        value: date | None = self.cleaned_data.get("subject_birth_date")
        if value is not None and value > timezone.localdate():
            raise ValidationError(_("The date of birth cannot be in the future."))
        return value

    def clean_subject_birth_year(self) -> int | None:
        return year_not_in_future(self.cleaned_data.get("subject_birth_year"))

    def subject(self) -> Subject | None:
        data = self.cleaned_data
        if not data.get("subject_name"):
            return None
        return Subject(
            name=data["subject_name"],
            birth_date=data.get("subject_birth_date"),
            birth_year=data.get("subject_birth_year"),
            municipality=data.get("subject_municipality", ""),
            guardians=data.get("subject_guardians", ""),
        )

    def check_subject(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get("subject_guardians") and not is_minor(
            birth_date=cleaned.get("subject_birth_date"),
            birth_year=cleaned.get("subject_birth_year"),
            today=timezone.localdate(),
        ):
            self.add_error("subject_guardians", _("Guardians are recorded only for persons under 18."))


class AgencyChoice(forms.Form):
    """The agency to work in; hidden when the user belongs to only one."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none(), empty_label=None)

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, agency=agencies)
        if len(agencies) == 1:
            self.fields["agency"].widget = forms.HiddenInput()
            self.fields["agency"].initial = agencies[0].pk


class IntakeForm(AgencyChoice, SubjectFields):
    ADVICE, CONCERN = "advice", "concern"

    channel = forms.ChoiceField(label=_("Channel"), choices=[(c.value, c.label) for c in HANDLER_CHANNELS])
    reporter_category = forms.ChoiceField(label=_("Who got in touch"), choices=ReporterCategory.choices)
    other_body_name = required_when(
        short_text(_("Which public body"), required=False), _("when another public body got in touch")
    )
    phenomenon = chosen(_("Phenomenon"), Phenomenon.choices)
    kind = forms.ChoiceField(
        label=_("What is this?"),
        choices=[
            (ADVICE, _("Advice only – no case, no personal data")),
            (CONCERN, _("A concern – open a case")),
        ],
        widget=forms.RadioSelect,
        initial=CONCERN,
    )
    advice_given = required_when(
        long_text(
            _("Advice given"), required=False, help_text=_("Do not write names or other personal data.")
        ),
        _("for advice only"),
    )
    description = required_when(
        long_text(_("Description of the concern"), required=False), _("for a concern")
    )
    anonymised = forms.BooleanField(label=_("Discussed anonymously: the person is not named"), required=False)
    acute = forms.BooleanField(label=_("Acute: danger to life or a planned serious crime"), required=False)
    confirmed_new = forms.BooleanField(
        label=_("I have checked the possible matches: this is a new concern"), required=False
    )

    field_order = [
        "agency",
        "channel",
        "reporter_category",
        "other_body_name",
        "phenomenon",
        "kind",
        "advice_given",
        "description",
    ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        is_advice = cleaned.get("kind") == self.ADVICE
        if is_advice and not cleaned.get("advice_given"):
            self.add_error("advice_given", _("Write the advice given."))
        if not is_advice and not cleaned.get("description"):
            self.add_error("description", _("Describe the concern."))
        if cleaned.get("channel") == Channel.OTHER_BODY and not cleaned.get("other_body_name"):
            self.add_error("other_body_name", _("Name the public body."))
        if (is_advice or cleaned.get("anonymised")) and cleaned.get("subject_name"):
            self.add_error(
                "subject_name",
                _("Leave the name out: advice sessions and anonymous consultations name nobody."),
            )
        if is_advice and cleaned.get("acute"):
            self.add_error("acute", _("An acute situation is always a concern, not advice only."))
        self.check_subject(cleaned)
        return cleaned

    @property
    def is_advice(self) -> bool:
        return self.cleaned_data.get("kind") == self.ADVICE

    def report(self) -> Report:
        data = self.cleaned_data
        return Report(
            channel=data["channel"],
            reporter_category=data["reporter_category"],
            phenomenon=data["phenomenon"],
            description=data["description"],
            subject=self.subject(),
            other_body_name=data["other_body_name"],
            anonymised=data["anonymised"],
        )


class EmployeeReportForm(AgencyChoice, SubjectFields):
    phenomenon = chosen(_("What is the concern about?"), Phenomenon.choices)
    description = long_text(_("What have you seen or heard?"))

    field_order = ["agency", "phenomenon", "description", "subject_name", "subject_birth_year"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agency"].label = _("Report to")
        for name in ("subject_birth_date", "subject_municipality", "subject_guardians"):
            del self.fields[name]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        self.check_subject(cleaned)
        return cleaned

    def report(self) -> Report:
        data = self.cleaned_data
        return Report(
            channel=Channel.EMPLOYEE,
            reporter_category=ReporterCategory.EMPLOYEE,
            phenomenon=data["phenomenon"],
            description=data["description"],
            subject=self.subject(),
        )


class PublicConcernForm(forms.Form):
    reporter_category = forms.ChoiceField(
        label=_("Who are you?"),
        choices=[
            (ReporterCategory.CITIZEN.value, _("A resident or someone who saw something")),
            (ReporterCategory.RELATIVE.value, _("A parent, relative or friend")),
            (ReporterCategory.ANONYMOUS.value, _("I would rather not say")),
        ],
    )
    phenomenon = forms.ChoiceField(
        label=_("What is it about?"),
        required=False,
        choices=[
            (Phenomenon.UNKNOWN.value, _("I am not sure")),
            *((value, label) for value, label in Phenomenon.choices if value != Phenomenon.UNKNOWN),
        ],
    )
    description = long_text(
        _("What worries you?"),
        help_text=_("Describe what you have seen or heard, and when. You can stay anonymous."),
    )
    subject_name = short_text(_("Name of the person you worry about"), required=False)
    subject_birth_year = forms.IntegerField(
        label=_("Year of birth, if you know it"), required=False, min_value=OLDEST_BIRTH_YEAR
    )
    contact = short_text(
        _("How can we reach you?"),
        required=False,
        help_text=_("Phone number or e-mail, if you want us to contact you."),
    )
    # A trap for robots: people never see or fill in this field.
    website = forms.CharField(required=False, max_length=SHORT_TEXT, label=_("Leave this field empty"))

    def clean_subject_birth_year(self) -> int | None:
        return year_not_in_future(self.cleaned_data.get("subject_birth_year"))

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get("website"))

    def report(self) -> Report:
        data = self.cleaned_data
        name = data["subject_name"]
        return Report(
            channel=Channel.PUBLIC_FORM,
            reporter_category=data["reporter_category"],
            phenomenon=data["phenomenon"] or Phenomenon.UNKNOWN,
            description=data["description"],
            subject=Subject(name=name, birth_year=data["subject_birth_year"]) if name else None,
            reporter_contact=data["contact"],
        )


class AcuteForm(forms.Form):
    alerted_at = forms.DateTimeField(label=_("When were the police alerted?"), widget=DateTimeInput())
    alerted_by = short_text(_("Who alerted the police?"))
    legal_basis = forms.ModelChoiceField(
        label=_("Legal basis for moving the concern to the police"),
        queryset=LegalBasis.objects.none(),
        required=False,
    )
    justification = long_text(_("Why the police must have the concern now"), required=False)

    def __init__(self, *args: Any, bases: QuerySet[LegalBasis] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if bases is None:
            del self.fields["legal_basis"]
            del self.fields["justification"]
            return
        narrow(self, legal_basis=bases.filter(kind=LegalBasisKind.AVERT))
        self.fields["legal_basis"].required = True
        self.fields["justification"].required = True

    def clean_alerted_at(self) -> Any:
        value = self.cleaned_data["alerted_at"]
        if value > timezone.now():
            raise ValidationError(_("The time cannot be in the future."))
        return value


class StatusForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=[])
    reason = long_text(_("Why"))

    def __init__(self, *args: Any, allowed: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_status"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.value, s.label) for s in Status if s.value in allowed and s != Status.CLOSED]


MEASURE_ENDINGS = [
    ("", _("Choose")),
    (MeasureStatus.COMPLETED.value, _("Completed")),
    (MeasureStatus.STOPPED.value, _("Stopped before it was done")),
]


class CloseForm(forms.Form):
    """The outcome, the reason, and how each measure still running ends: closing ends the work."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    reason = long_text(_("Why"))

    def __init__(self, *args: Any, running: Iterable[Any] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.running = list(running)
        for measure in self.running:
            self.fields[self.field_name(measure)] = forms.ChoiceField(
                label=_("How does the measure %(measure)s end?")
                % {"measure": f"{measure.measure_type} ({measure.responsible or _('nobody responsible')})"},
                choices=MEASURE_ENDINGS,
            )

    @staticmethod
    def field_name(measure: Any) -> str:
        return f"measure_{measure.pk}"

    def endings(self) -> dict[Any, str]:
        """Each running measure's id and the status it ends with."""
        return {measure.pk: self.cleaned_data[self.field_name(measure)] for measure in self.running}


class ReopenForm(forms.Form):
    reason = long_text(_("Why is the case reopened?"))


class AssignForm(forms.Form):
    responsible = PersonChoiceField(label=_("Responsible"), queryset=User.objects.none(), required=False)

    def __init__(self, *args: Any, handlers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, responsible=handlers)


class AssessmentForm(VersionedForm):
    edited = ("assessment_summary",)
    summary = long_text(
        _("Assessment"),
        required=False,
        help_text=_(
            "The professional judgement so far. Write facts and reasons; avoid assumptions about groups."
        ),
    )


class MeasureForm(forms.Form):
    measure_type = forms.ModelChoiceField(label=_("Measure"), queryset=MeasureType.objects.none())
    owner_agency = forms.ModelChoiceField(
        label=_("Owning agency"), queryset=Agency.objects.none(), empty_label=None
    )
    responsible = PersonChoiceField(label=_("Responsible"), queryset=User.objects.none(), required=False)
    start_date = forms.DateField(label=_("Start"), widget=DateInput())
    next_review = forms.DateField(label=_("Next review"), required=False, widget=DateInput())
    consent = forms.ModelChoiceField(
        label=_("Consent"),
        queryset=Consent.objects.none(),
        required=False,
        help_text=_("Required for measures that need consent."),
    )

    def __init__(
        self,
        *args: Any,
        measure_types: QuerySet[MeasureType],
        agencies: QuerySet[Agency],
        people: QuerySet[User],
        consents: QuerySet[Consent],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        narrow(
            self,
            measure_type=measure_types,
            owner_agency=agencies,
            responsible=people,
            consent=consents,
        )


class MeasureUpdateForm(VersionedForm):
    edited = ("status", "next_review", "evaluation")

    status = forms.ChoiceField(label=_("Status"), choices=MeasureStatus.choices)
    next_review = forms.DateField(label=_("Next review"), required=False, widget=DateInput())
    evaluation = long_text(_("Evaluation notes"), required=False)
    ended_reason = short_text(_("Why it was stopped"), required=False)


class ConsentForm(forms.Form):
    given_by_names = short_text(_("Given by"), help_text=_("The person, or the parents or guardians."))
    given_by_guardians = forms.BooleanField(label=_("Given by parents or guardians"), required=False)
    agencies = forms.ModelMultipleChoiceField(
        label=_("Agencies covered"), queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    measure_types = forms.ModelMultipleChoiceField(
        label=_("Measures covered"),
        queryset=MeasureType.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    purposes = long_text(_("Purposes"))
    valid_from = forms.DateField(label=_("Valid from"), widget=DateInput())
    valid_until = forms.DateField(label=_("Valid until"), required=False, widget=DateInput())

    def __init__(
        self, *args: Any, agencies: QuerySet[Agency], measure_types: QuerySet[MeasureType], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        narrow(self, agencies=agencies, measure_types=measure_types)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("valid_from"), cleaned.get("valid_until")
        if start and end and end < start:
            self.add_error("valid_until", _("The consent cannot end before it starts."))
        return cleaned


class DisclosureForm(forms.Form):
    to_agency = forms.ModelChoiceField(label=_("To agency"), queryset=Agency.objects.none(), empty_label=None)
    parts = forms.MultipleChoiceField(
        label=_("Parts to share"), choices=Part.choices, widget=forms.CheckboxSelectMultiple
    )
    legal_basis = forms.ModelChoiceField(label=_("Legal basis"), queryset=LegalBasis.objects.none())
    consent = required_when(
        forms.ModelChoiceField(label=_("Consent"), queryset=Consent.objects.none(), required=False),
        _("when the legal basis is consent"),
    )
    justification = long_text(
        _("Justification"), help_text=_("Why the other agency needs exactly these parts.")
    )
    approved_by = PersonChoiceField(label=_("Approved by"), queryset=User.objects.none(), empty_label=None)
    person_informed = forms.ChoiceField(
        label=_("Is the person told about the disclosure?"), choices=InformedChoice.choices
    )
    not_informed_reason = required_when(
        long_text(_("Why the person will not be told"), required=False), _("when the person will not be told")
    )

    def __init__(
        self,
        *args: Any,
        agencies: QuerySet[Agency],
        bases: QuerySet[LegalBasis],
        consents: QuerySet[Consent],
        approvers: QuerySet[User],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        narrow(
            self,
            to_agency=agencies,
            legal_basis=bases,
            consent=consents,
            approved_by=approvers,
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("person_informed") == InformedChoice.NO and not cleaned.get("not_informed_reason"):
            self.add_error("not_informed_reason", _("Say why the person will not be told."))
        basis = cleaned.get("legal_basis")
        if basis is not None and basis.kind == LegalBasisKind.CONSENT and cleaned.get("consent") is None:
            self.add_error("consent", _("Choose the consent the disclosure rests on."))
        return cleaned


class ReasonForm(forms.Form):
    reason = long_text(_("Reason"))


class ReviewForm(forms.Form):
    notes = long_text(_("What did the review find?"))


class RetentionForm(forms.Form):
    keep_until = forms.DateField(label=_("Keep personal data until"), widget=DateInput())
    reason = long_text(_("Why the data must be kept longer"))

    def clean_keep_until(self) -> date:
        value: date = self.cleaned_data["keep_until"]
        if value <= timezone.localdate():
            raise ValidationError(_("The new date must be in the future."))
        return value


class CaseFilterForm(forms.Form):
    SORTS = {
        "-created_at": _("Newest first"),
        "created_at": _("Oldest first"),
        "assessment_due": _("Assessment deadline"),
        "status": _("Status"),
    }

    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", _("All")), *Status.choices])
    phenomenon = forms.ChoiceField(
        label=_("Phenomenon"), required=False, choices=[("", _("All")), *Phenomenon.choices]
    )
    responsible = forms.ChoiceField(
        label=_("Responsible"),
        required=False,
        choices=[("", _("Anyone")), ("me", _("Me")), ("nobody", _("Nobody yet"))],
    )
    overdue = forms.BooleanField(label=_("Only overdue assessments"), required=False)
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=list(SORTS.items()))


class LegalBasisForm(VersionedForm):
    """A new legal basis, or (with a record) a revision of one's wording."""

    edited = ("citation", "title", "kind", "direction", "in_meetings", "description")
    version_field = "revision"

    code = forms.SlugField(
        label=_("Code"), max_length=60, help_text=_("Short, unique, with letters, digits and hyphens.")
    )
    citation = short_text(_("Provision"))
    title = short_text(_("Title"))
    kind = forms.ChoiceField(label=_("Kind"), choices=LegalBasisKind.choices)
    direction = forms.ChoiceField(
        label=_("Who may rely on it"),
        choices=BasisDirection.choices,
        initial=BasisDirection.BOTH,
        help_text=_("The law behind a basis binds one agency or both: only they are offered it."),
    )
    in_meetings = forms.BooleanField(
        label=_("May be cited to discuss a case in a contact meeting"), required=False, initial=True
    )
    description = long_text(_("Description"), required=False)

    def __init__(self, *args: Any, revising: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if revising:
            del self.fields["code"]


class MeasureTypeForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=60)
    name = short_text(_("Name"))
    requires_consent = forms.BooleanField(label=_("Requires consent"), required=False)
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


MIN_PHONE_DIGITS, MAX_PHONE_DIGITS = 3, 15


class CaseworkSettingsForm(VersionedForm):
    """Review intervals, the first assessment deadline, and the retention rule of each outcome."""

    review_months = forms.CharField(
        label=_("Reviews after closure (months)"),
        max_length=40,
        required=False,
        help_text=_("Numbers separated by commas, for example 6, 12. Empty means no reviews."),
    )
    assessment_days = forms.IntegerField(label=_("Days to first assessment"), min_value=1, max_value=365)
    hotline_phone = forms.CharField(
        label=_("The hotline's phone number"),
        max_length=20,
        required=False,
        help_text=_("As people should read it, for example 69 00 00 00. Shown on the public pages and form."),
    )
    public_form_limit = forms.IntegerField(
        label=_("Reports an hour from one address through the public form"),
        min_value=1,
        max_value=100,
        help_text=_("A school or an office shares one address. Only sent reports count."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for outcome in Outcome:
            self.fields[f"{outcome.value}_restrict"] = forms.IntegerField(
                label=_("%(outcome)s: restrict after (months)") % {"outcome": outcome.label},
                required=False,
                min_value=1,
                max_value=600,
            )
            self.fields[f"{outcome.value}_erase"] = forms.IntegerField(
                label=_("%(outcome)s: erase after (months)") % {"outcome": outcome.label},
                required=False,
                min_value=1,
                max_value=600,
            )

    def clean_review_months(self) -> list[int]:
        text: str = self.cleaned_data["review_months"]
        parts = [part.strip() for part in text.split(",") if part.strip()]
        if not all(part.isdigit() and 0 < int(part) <= 120 for part in parts):
            raise ValidationError(_("Write whole months between 1 and 120, separated by commas."))
        return sorted({int(part) for part in parts})

    def clean_hotline_phone(self) -> str:
        number = " ".join(self.cleaned_data["hotline_phone"].split())
        digits = number.removeprefix("+").replace(" ", "")
        if number and not (digits.isdigit() and MIN_PHONE_DIGITS <= len(digits) <= MAX_PHONE_DIGITS):
            raise ValidationError(_("Write the number with digits and spaces only, for example 69 00 00 00."))
        return number

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for outcome in Outcome:
            restrict, erase = cleaned.get(f"{outcome.value}_restrict"), cleaned.get(f"{outcome.value}_erase")
            if restrict is None and erase is None:
                self.add_error(f"{outcome.value}_erase", _("Give at least one of the two periods."))
            elif restrict is not None and erase is not None and erase <= restrict:
                self.add_error(f"{outcome.value}_erase", _("Erasure must come after restriction."))
        return cleaned

    def current_values(self) -> dict[str, str]:
        settings = self.record
        values = {
            "review_months": ", ".join(str(months) for months in settings.review_months),
            "assessment_days": str(settings.assessment_days),
            "hotline_phone": settings.hotline_phone,
            "public_form_limit": str(settings.public_form_limit),
        }
        for rule in settings.partnership.retention_rules.all():
            for period, months in (
                ("restrict", rule.restrict_after_months),
                ("erase", rule.erase_after_months),
            ):
                values[f"{rule.outcome}_{period}"] = "" if months is None else str(months)
        return values

    def label_of(self, field: str) -> str:
        return str(self.fields[field].label)

    def rules(self) -> dict[str, tuple[int | None, int | None]]:
        data = self.cleaned_data
        return {o.value: (data[f"{o.value}_restrict"], data[f"{o.value}_erase"]) for o in Outcome}


class AdviceFilterForm(DateRangeForm):
    phenomenon = forms.ChoiceField(
        label=_("Phenomenon"), required=False, choices=[("", _("All")), *Phenomenon.choices]
    )
    reporter_category = forms.ChoiceField(
        label=_("Who got in touch"), required=False, choices=[("", _("All")), *ReporterCategory.choices]
    )
    text = forms.CharField(label=_("Words in the advice given"), max_length=100, required=False)


# The forms of one concern, with the choices it allows: the case page and the API build them here.


def measure_form(concern: Concern, data: Any) -> MeasureForm:
    """The measure form with the choices this concern allows; the page and the API both use it."""
    return MeasureForm(
        data,
        measure_types=MeasureType.objects.active().filter(partnership=concern.partnership),
        agencies=Agency.objects.filter(partnership=concern.partnership),
        people=people_for_measures(concern),
        consents=concern.consents.valid_on(timezone.localdate()),
        initial={"owner_agency": concern.owning_agency_id, "start_date": timezone.localdate()},
    )


def consent_form(concern: Concern, data: Any) -> ConsentForm:
    return ConsentForm(
        data,
        agencies=Agency.objects.filter(partnership=concern.partnership),
        measure_types=MeasureType.objects.active().filter(partnership=concern.partnership),
        initial={"valid_from": timezone.localdate()},
    )


def consent_terms(data: dict[str, Any]) -> sharing.ConsentTerms:
    return sharing.ConsentTerms(
        given_by_names=data["given_by_names"],
        given_by_guardians=data["given_by_guardians"],
        agencies=list(data["agencies"]),
        measure_types=list(data["measure_types"]),
        purposes=data["purposes"],
        valid_from=data["valid_from"],
        valid_until=data["valid_until"],
    )


def disclosure_form(concern: Concern, data: Any, **kwargs: Any) -> DisclosureForm:
    return DisclosureForm(
        data,
        agencies=Agency.objects.filter(partnership=concern.partnership).exclude(pk=concern.owning_agency_id),
        bases=LegalBasis.objects.citable_by(concern.owning_agency),
        consents=concern.consents.valid_on(timezone.localdate()),
        approvers=case_handlers_of(concern.owning_agency),
        **kwargs,
    )
