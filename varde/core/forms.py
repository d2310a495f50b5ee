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
