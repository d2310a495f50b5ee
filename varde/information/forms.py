"""Input validation for the information pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from varde.concerns.forms import short_text


class PageForm(forms.Form):
    title = short_text(_("Title"))
    body = forms.CharField(
        label=_("Text"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=_(
            "Simple formatting: a blank line between paragraphs, ## for a heading, - for a list, "
            "*italic*, **bold** and [link text](https://…). HTML is shown as text."
        ),
    )
