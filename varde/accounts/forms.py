from typing import Any

from django import forms
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from varde.core.forms import required_when
from varde.core.versioning import VersionedForm

from .models import Agency, Unit, UnitQuerySet, User
from .roles import Role, may_hold, role_info


def _password(label: Any, holds: str) -> forms.CharField:
    """A password field that tells the browser's password manager which password it holds."""
    widget = forms.PasswordInput(attrs={"autocomplete": holds})
    return forms.CharField(label=label, max_length=128, strip=False, widget=widget)


class LoginForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    password = _password(_("Password"), "current-password")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].widget.attrs.update({"autocomplete": "username", "autocapitalize": "none"})


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        help_text=_("The six digits from your authenticator app, or one of your recovery codes."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["token"].widget.attrs.update({"autocomplete": "one-time-code", "inputmode": "text"})

    def clean_token(self) -> str:
        token: str = self.cleaned_data["token"].replace(" ", "")
        if not token.isalnum():
            raise ValidationError(_("The code may only contain letters and digits."))
        return token


class MembershipFields(forms.Form):
    """Agency, role and unit, limited to what the acting administrator manages."""

    agency = forms.ModelChoiceField(label=_("Agency"), queryset=Agency.objects.none())
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    unit = required_when(
        forms.ModelChoiceField(
            label=_("Unit"),
            queryset=Unit.objects.none(),
            required=False,
            help_text=_("Required for resource persons; optional for employees."),
        ),
        _("for resource persons"),
    )

    def __init__(self, *args: Any, agencies: QuerySet[Agency], units: UnitQuerySet, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        unit_field = self.fields["unit"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        assert isinstance(unit_field, forms.ModelChoiceField)
        agency_field.queryset = agencies.select_related("partnership")
        unit_field.queryset = units.active()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        agency, role, unit = cleaned.get("agency"), cleaned.get("role"), cleaned.get("unit")
        if agency is None or not role:
            return cleaned
        if not may_hold(role, agency.kind):
            self.add_error("role", _("This role cannot be held in the chosen agency."))
        if role_info(role).needs_unit and unit is None:
            self.add_error("unit", _("Choose the unit this person represents."))
        if unit is not None and unit.agency_id != agency.pk:
            self.add_error("unit", _("The unit must belong to the chosen agency."))
        return cleaned


class UserCreateForm(MembershipFields):
    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Use only letters, digits and . @ + - _")},
    )
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    email = forms.EmailField(label=_("E-mail"), max_length=254)

    field_order = ["username", "first_name", "last_name", "email", "agency", "role", "unit"]

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This username is taken."))
        return username


class UnitForm(VersionedForm, forms.ModelForm[Unit]):
    edited = ("agency", "name", "kind", "first_line", "is_active")

    class Meta:
        model = Unit
        fields = ["agency", "name", "kind", "first_line", "is_active"]

    def __init__(self, *args: Any, agencies: QuerySet[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agency_field = self.fields["agency"]
        assert isinstance(agency_field, forms.ModelChoiceField)
        agency_field.queryset = agencies.filter(kind="municipality").select_related("partnership")


class PasswordChangeForm(forms.Form):
    old_password = _password(_("Current password"), "current-password")
    new_password = _password(_("New password"), "new-password")
    new_password_again = _password(_("New password again"), "new-password")

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise ValidationError(_("The current password is wrong."))
        return old

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        new, again = cleaned.get("new_password"), cleaned.get("new_password_again")
        if new and again and new != again:
            self.add_error("new_password_again", _("The two passwords are not the same."))
        elif new and new == cleaned.get("old_password"):
            self.add_error("new_password", _("Choose a password other than the current one."))
        elif new:
            try:
                password_validation.validate_password(new, self.user)
            except ValidationError as error:
                self.add_error("new_password", error)
        return cleaned
