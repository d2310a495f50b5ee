from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), max_length=64, required=False)
    actor = forms.CharField(label=_("Username"), max_length=150, required=False)
    object_id = forms.CharField(label=_("Object id"), max_length=64, required=False)
    date_from = forms.DateField(
        label=_("From date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("To date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("date_from"), cleaned.get("date_to")
        if start and end and start > end:
            # On the to date, so that the field is marked and the error summary links to it.
            self.add_error("date_to", _("The from date must be before the to date."))
        return cleaned

    def used_filters(self) -> list[str]:
        return sorted(name for name, value in self.cleaned_data.items() if value)
