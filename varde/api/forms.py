from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Scope
from .tokens import DEFAULT_LIFETIME_DAYS, LONGEST_LIFETIME_DAYS


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=100, help_text=_("What the token is for, e.g. “hotline log”.")
    )
    scopes = forms.MultipleChoiceField(
        label=_("Scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    days = forms.IntegerField(
        label=_("Valid for (days)"),
        min_value=1,
        max_value=LONGEST_LIFETIME_DAYS,
        initial=DEFAULT_LIFETIME_DAYS,
    )
