"""Norwegian as it is written: a field asked for in some cases says when, not "optional"; a deadline
is "innen", a person "av"; counts take the plural they need."""

from django import forms
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override, pgettext

from varde.core.forms import required_when


class Example(forms.Form):
    name = forms.CharField(label="Navn", required=False)
    reason = required_when(forms.CharField(label="Begrunnelse", required=False), _("for a concern"))


def test_a_field_asked_for_in_some_cases_says_when_instead_of_optional():
    form = Example()
    name = render_to_string("components/field.html", {"field": form["name"]})
    reason = render_to_string("components/field.html", {"field": form["reason"]})
    assert "(valgfritt)" in name
    assert "(ved bekymring)" in reason
    assert "valgfritt" not in reason


def test_a_deadline_is_innen_and_a_person_av():
    with override("nb"):
        assert pgettext("deadline", "by") == "innen"
        assert str(_("by")) == "av"
