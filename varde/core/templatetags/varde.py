from typing import Any
from uuid import UUID

from django import forms, template
from django.utils.safestring import SafeString

from varde.core.rendering import url_with_pk

register = template.Library()


@register.simple_tag
def row_url(name: str, pk: UUID) -> str:
    """{% url name pk %} for the rows of a list, where it was the costliest tag of each row."""
    return url_with_pk(name, pk)


@register.filter
def ds_widget(field: forms.BoundField) -> SafeString:
    """Render a form widget with Designsystemet's class and the ARIA links to its help and errors."""
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
