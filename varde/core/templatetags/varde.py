from typing import Any
from uuid import UUID

from django import forms, template
from django.forms.widgets import Input
from django.utils.html import format_html
from django.utils.safestring import SafeString

from varde.core import once
from varde.core.rendering import url_with_pk

register = template.Library()


@register.simple_tag
def row_url(name: str, pk: UUID) -> str:
    """{% url name pk %} for the rows of a list, where it was the costliest tag of each row."""
    return url_with_pk(name, pk)


# Passwords are the user's own, for their password manager (ASVS 6.2.7), never "off".
_NOT_TYPED = {"checkbox", "radio", "hidden", "file", "password"}


def _takes_typed_text(widget: forms.Widget) -> bool:
    return isinstance(widget, forms.Textarea) or (
        isinstance(widget, Input) and widget.input_type not in _NOT_TYPED
    )


@register.filter
def ds_widget(field: forms.BoundField) -> SafeString:
    """Render a form widget with Designsystemet's class and the ARIA links to its help and errors.
    Typed fields are not remembered by the browser unless the form says what they hold."""
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-help")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    attrs: dict[str, Any] = {"class": "ds-input"}
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.field.required and not isinstance(
        field.field.widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple
    ):
        attrs["required"] = True
    # What is typed here is mostly about other people. A browser that remembered it would offer a
    # subject's name to the next person who types in the same field on a shared computer.
    widget = field.field.widget
    if _takes_typed_text(widget) and "autocomplete" not in widget.attrs:
        attrs["autocomplete"] = "off"
    return field.as_widget(attrs=attrs)


@register.filter
def is_checkbox(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.CheckboxInput)


@register.filter
def overdue(item: Any, today: Any) -> bool:
    """For anything with is_overdue(today): due items, deadlines."""
    return bool(item.is_overdue(today))


@register.filter
def is_choice_group(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.simple_tag
def once_field() -> SafeString:
    """The hidden one-time token of a create form (core/once.py)."""
    return format_html('<input type="hidden" name="{}" value="{}">', once.FIELD, once.new_token())


# From this many options, a list of checkboxes gets a box of its own and a filter (core/filter.js).
MANY_CHOICES = 12


@register.filter
def has_many_choices(field: Any) -> bool:
    return len(field.field.choices) > MANY_CHOICES
