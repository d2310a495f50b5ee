"""No lost updates. An editable record has a version; an edit form carries the version it was opened
at and, signed, the values it showed. A save is refused when the version has moved on, and the form
then says what changed, keeps what the person wrote, and takes the new version so that saving again
is a deliberate choice.
"""

from typing import Any

from django import forms
from django.core import signing
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from .errors import StaleEdit

SALT = "varde.edit-basis"
SHOWN_LENGTH = 60


def claim(record: models.Model, expected: int | None, *, field: str = "version") -> None:
    """Move the record to its next version, if it is still at the one the editor saw; else refuse.

    Atomic in the database: two saves from the same version cannot both succeed. None skips the check
    (callers without an edit form, such as the demo loader, and new records)."""
    if expected is None:
        return
    model: Any = type(record)
    if not model.objects.filter(pk=record.pk, **{field: expected}).update(**{field: F(field) + 1}):
        raise StaleEdit(_("Someone else saved this while you were editing it."))
    setattr(record, field, expected + 1)


def claim_one[M: models.Model](model: type[M], lookup: dict[str, Any], expected: int | None) -> M:
    """For a record that exists at most once per lookup (an agency's note on a point): the saved one,
    claimed at the editor's version, or a new unsaved one at version 1 when the editor saw none
    (version 0). Save a new one with `save_new`."""
    existing = model._default_manager.filter(**lookup).first()
    if existing is None:
        if expected not in (None, 0):
            raise StaleEdit(_("Someone else removed this while you were editing it."))
        return model(**lookup, version=1)
    if expected == 0:
        raise StaleEdit(_("Someone else saved this while you were editing it."))
    claim(existing, expected)
    return existing


def save_new(record: models.Model) -> None:
    """Save a record from `claim_one`; when another editor created it at the same moment, refuse."""
    if not record._state.adding:
        record.save()
        return
    try:
        with transaction.atomic():
            record.save()
    except IntegrityError:
        raise StaleEdit(_("Someone else saved this while you were editing it.")) from None


def _shown(record: models.Model, field: str) -> str:
    value = getattr(record, f"get_{field}_display", lambda: getattr(record, field))()
    return "" if value is None else str(value)


class VersionedForm(forms.Form):
    """An edit form for one record; `edited` names the record's fields it shows. A record that exists at
    most once per `natural_key` may be unsaved, at version 0, until someone first saves it. Without a
    record the form creates one, and there is no version to check."""

    edited: tuple[str, ...] = ()
    natural_key: tuple[str, ...] = ()
    version_field = "version"
    version = forms.IntegerField(widget=forms.HiddenInput)
    basis = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, record: models.Model | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record: Any = record
        if record is None:
            self.fields["version"].required = False
        else:
            self.initial.update(self._hidden_values())

    def _hidden_values(self) -> dict[str, Any]:
        values = self.current_values()
        return {
            "version": getattr(self.record, self.version_field),
            "basis": signing.dumps(values, salt=SALT),
        }

    def current_values(self) -> dict[str, str]:
        """What the record holds now in each edited field, as a person reads it."""
        return {field: _shown(self.record, field) for field in self.edited}

    def label_of(self, field: str) -> str:
        return str(getattr(self.record._meta.get_field(field), "verbose_name", field)).capitalize()

    def seen_version(self) -> int | None:
        """The version the editor's form was based on; None for a new record."""
        seen = self.cleaned_data.get("version")
        return None if self.record is None or seen is None else int(seen)

    def edits(self) -> dict[str, Any]:
        """The cleaned values the person edited, without the version bookkeeping."""
        return {key: value for key, value in self.cleaned_data.items() if key not in ("version", "basis")}

    def _take_current_record(self) -> None:
        if not self.natural_key:
            self.record.refresh_from_db()  # in place, so that the rest of the page shows it too
            return
        model: Any = type(self.record)
        lookup = {field: getattr(self.record, field) for field in self.natural_key}
        self.record = model.objects.filter(**lookup).first() or model(**lookup, version=0)

    def explain_stale(self) -> None:
        """Name what changed since the form was opened, and take the current version."""
        try:
            seen = signing.loads(self.data.get(self.add_prefix("basis"), ""), salt=SALT)
        except signing.BadSignature:
            seen = {}
        self._take_current_record()
        changed = []
        for field, now in self.current_values().items():
            if seen.get(field) != now:
                label = self.label_of(field)
                short = len(now) <= SHOWN_LENGTH
                changed.append(
                    _("%(label)s (now “%(value)s”)") % {"label": label, "value": now} if short else label
                )
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        for key, value in self._hidden_values().items():
            data[self.add_prefix(key)] = value
        self.data = data
        what = ", ".join(changed) if changed else _("its details")
        self.add_error(
            None,
            _(
                "Someone else saved changes while you were editing: %(what)s. What you wrote is not saved "
                "yet and is still in the form. Look it over and save again to replace their version."
            )
            % {"what": what},
        )
