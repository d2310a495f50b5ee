"""Form helpers every app shares."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .errors import StaleEdit


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


def chosen(label: Any, choices: Any, **kwargs: Any) -> forms.ChoiceField:
    """A required choice that starts empty: the person picks one, rather than keeping the first
    option the browser would show as if it were the answer."""
    return forms.ChoiceField(label=label, choices=[("", _("– Choose –")), *choices], **kwargs)


class DateRangeForm(forms.Form):
    """A search between two days, date_from and date_to, either of which may be left out."""

    date_from = forms.DateField(label=_("From date"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To date"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            # On the to date, so that the field is marked and the error summary links to it.
            self.add_error("date_to", _("The from date must be before the to date."))
        return cleaned


def required_when(field: forms.Field, condition: Any) -> forms.Field:
    """A field the form's own check asks for in some cases only: its label says when, instead of
    calling it optional."""
    field.required_when = condition  # type: ignore[attr-defined]
    return field


def submitted(request: HttpRequest, form: forms.Form) -> bool:
    return request.method == "POST" and form.is_valid()


def perform(form: forms.Form, action: Callable[[], Any]) -> bool:
    """Run an action; when it refuses, show its reason on the form and change nothing."""
    try:
        action()
    except StaleEdit:
        form.explain_stale()  # type: ignore[attr-defined]
        return False
    except ValidationError as refusal:
        for message in refusal.messages:
            form.add_error(None, message)
        return False
    return True
