"""Input validation for the network registries."""

from django import forms
from django.utils.translation import gettext_lazy as _

from varde.concerns.forms import long_text, short_text
from varde.core.forms import DateInput

from .models import OrganisationKind


class OrganisationForm(forms.Form):
    name = short_text(_("Name"))
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    description = long_text(_("About the organisation"), required=False)


class ContactForm(forms.Form):
    name = short_text(_("Name"))
    role = short_text(_("Role"), required=False)
    email = forms.EmailField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)


class LogForm(forms.Form):
    occurred_on = forms.DateField(label=_("Date"), widget=DateInput())
    text = long_text(
        _("What it was about"),
        help_text=_("Describe the work, not people: no names of people concerns are about."),
    )
