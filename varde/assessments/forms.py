"""Input validation for assessments. The assessment form is built from the instrument's definition."""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from varde.accounts.models import User
from varde.concerns.forms import long_text, short_text
from varde.core.forms import DateInput
from varde.core.versioning import VersionedForm

from .actions import AssessmentContent, RatingInput
from .engine import Definition, Item, Section, Step, Text
from .models import Assessment, ConcernLevel, Instrument, Reliability

RATING_PARTS = ("answer", "evidence", "source", "reliability", "protective")


class PeopleField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class StartForm(forms.Form):
    instrument = forms.ModelChoiceField(
        label=_("Instrument"), queryset=Instrument.objects.none(), empty_label=None
    )

    def __init__(self, *args: Any, instruments: QuerySet[Instrument], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field_ = self.fields["instrument"]
        assert isinstance(field_, forms.ModelChoiceField)
        field_.queryset = instruments


@dataclass
class ItemFields:
    item: Item
    fields: dict[str, forms.BoundField]
    previous: Text | None = None


@dataclass
class SectionFields:
    section: Section
    texts: list[forms.BoundField] = field(default_factory=list)
    items: list[ItemFields] = field(default_factory=list)


@dataclass
class StepFields:
    step: Step
    sections: list[SectionFields]


class AssessmentForm(VersionedForm):
    """Steps 1–3 of the instrument, then the assessors' own conclusion: focus, level, reason, review."""

    edited = ("assessed_on", "level", "level_reason", "next_review")

    assessed_on = forms.DateField(label=_("Date of the assessment"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        definition: Definition,
        levels: QuerySet[ConcernLevel],
        people: QuerySet[User],
        previous: dict[str, Text] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Instrument texts are dicts by language; choices and labels take them as plain strings,
        # in the language of this request.
        self.definition = definition
        self.previous = previous or {}
        for text_field in definition.fields():
            self.fields[f"text-{text_field.code}"] = long_text(
                text_field.label, required=False, help_text=text_field.help or ""
            )
        for item in definition.items():
            self.fields.update(self._item_fields(item))
        self.fields["focus"] = forms.MultipleChoiceField(
            label=_("Recommended focus for the follow-up"),
            required=False,
            choices=[(item.code, str(item.label)) for item in definition.items()],
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The life areas the follow-up should concentrate on."),
        )
        self.fields["level"] = forms.ModelChoiceField(
            label=_("Concern level"),
            queryset=levels,
            required=False,
            empty_label=_("Not set yet"),
            help_text=_(
                "Chosen by the assessors from the whole picture; it is never computed from the ratings."
            ),
        )
        self.fields["level_reason"] = long_text(_("Reason for the concern level"), required=False)
        self.fields["next_review"] = forms.DateField(
            label=_("Next assessment"), required=False, widget=DateInput()
        )
        self.fields["participants"] = PeopleField(
            label=_("Who took part"),
            queryset=people,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            help_text=_(
                "Case handlers from the other agency appear here only when the assessment is shared with it."
            ),
        )

    def _item_fields(self, item: Item) -> dict[str, forms.Field]:
        prefix = f"item-{item.code}"
        fields: dict[str, forms.Field] = {
            f"{prefix}-evidence": long_text(_("What the rating rests on"), required=False),
            f"{prefix}-source": short_text(
                _("Source"), required=False, help_text=_("Which agency or person the information comes from.")
            ),
            f"{prefix}-reliability": forms.ChoiceField(
                label=_("Reliability"), required=False, choices=[("", "–"), *Reliability.choices]
            ),
            f"{prefix}-protective": long_text(_("Protective factors"), required=False),
        }
        for part in ("evidence", "protective"):
            # Nine life areas on one page: keep each box short; it grows as the user types.
            fields[f"{prefix}-{part}"].widget.attrs["rows"] = 2
        if item.is_rated:
            fields = {
                f"{prefix}-answer": forms.ChoiceField(
                    label=_("Rating"),
                    required=False,
                    choices=[(option.code, str(option.label)) for option in item.scale],
                    widget=forms.RadioSelect,
                ),
                **fields,
            }
        return fields

    def layout(self) -> list[StepFields]:
        """The form's fields in the instrument's order, for the template to walk."""
        steps = []
        for step in self.definition.steps:
            sections = []
            for section in step.sections:
                texts = [self[f"text-{text_field.code}"] for text_field in section.fields]
                items = [
                    ItemFields(
                        item,
                        {
                            part: self[f"item-{item.code}-{part}"]
                            for part in RATING_PARTS
                            if f"item-{item.code}-{part}" in self.fields
                        },
                        self.previous.get(item.code),
                    )
                    for item in section.items
                ]
                sections.append(SectionFields(section, texts, items))
            steps.append(StepFields(step, sections))
        return steps

    def conclusion(self) -> list[forms.BoundField]:
        return [self[name] for name in ("focus", "level", "level_reason", "next_review", "participants")]

    def content(self) -> AssessmentContent:
        data = self.cleaned_data
        return AssessmentContent(
            assessed_on=data["assessed_on"],
            texts={
                text_field.code: data[f"text-{text_field.code}"] for text_field in self.definition.fields()
            },
            ratings={
                item.code: RatingInput(
                    **{part: data.get(f"item-{item.code}-{part}", "") for part in RATING_PARTS}
                )
                for item in self.definition.items()
            },
            focus=list(data["focus"]),
            level=data["level"],
            level_reason=data["level_reason"],
            next_review=data["next_review"],
            participants=list(data["participants"]),
        )


def initial_for(assessment: Assessment) -> dict[str, Any]:
    """The form's starting values from a saved draft."""
    initial: dict[str, Any] = {
        "assessed_on": assessment.assessed_on,
        "focus": assessment.focus,
        "level": assessment.level_id,
        "level_reason": assessment.level_reason,
        "next_review": assessment.next_review,
        "participants": [person.user_id for person in assessment.participants.all()],
    }
    initial |= {f"text-{code}": text for code, text in assessment.texts.items()}
    for rating in assessment.ratings.all():
        initial |= {f"item-{rating.item}-{part}": getattr(rating, part) for part in RATING_PARTS}
    return initial


class ConcernLevelForm(forms.Form):
    code = forms.SlugField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name (bokmål)"), max_length=60)
    name_en = forms.CharField(label=_("Name (English)"), max_length=60, required=False)
    order = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=100, help_text=_("Higher means more concern.")
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)


class InstrumentUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Instrument file (YAML or JSON)"),
        help_text=_("At most 512 KB. A version already loaded is never changed."),
    )

    def source(self) -> str | None:
        upload = self.cleaned_data["file"]
        try:
            return str(upload.read(512 * 1024 + 1).decode("utf-8"))
        except UnicodeDecodeError:
            self.add_error("file", _("The file must be UTF-8 text."))
            return None
