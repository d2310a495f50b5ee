"""Form helpers every app shares."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponseRedirect, QueryDict
from django.urls import reverse
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


# One page, several forms ---------------------------------------------------------------------------


def pressed(request: HttpRequest) -> str | None:
    """The button a POST was sent with: on a page with several forms, it names the one submitted."""
    return request.POST.get("action") if request.method == "POST" else None


def posted(request: HttpRequest, action: str) -> QueryDict | None:
    """The data for the form named action, when it is the one submitted; unbound otherwise."""
    return request.POST if pressed(request) == action else None


@dataclass(frozen=True)
class FormOnPage:
    """One of a page's forms: whether this user may use it, the form, the change it makes, and what
    the person is told when it is made."""

    allowed: bool
    form: forms.Form
    change: Callable[[], Any]
    done: str


def handle_page_forms(
    request: HttpRequest, forms_on_page: dict[str, FormOnPage], then: str, **kwargs: Any
) -> HttpResponseRedirect | None:
    """Perform the submitted form's change and redirect to `then`; a form the user may not use answers
    404, as a page they may not open. None when the page is to be shown, with any errors on its form."""
    form_on_page = forms_on_page.get(pressed(request) or "")
    if form_on_page is None:
        return None
    if not form_on_page.allowed:
        raise Http404
    if submitted(request, form_on_page.form) and perform(form_on_page.form, form_on_page.change):
        messages.success(request, form_on_page.done)
        return HttpResponseRedirect(reverse(then, kwargs=kwargs))
    return None
