"""No lost updates. An editable record has a version; an edit form carries the version it was opened
at and, signed, the values it showed. A save is refused when the version has moved on, and the form
then says what changed, keeps what the person wrote, and takes the new version so that saving again
is a deliberate choice.
"""

from typing import Any

from django import forms
from django.core import signing
from django.db import models
from django.db.models import F
from django.utils.translation import gettext as _

from .errors import StaleEdit

SALT = "varde.edit-basis"
SHOWN_LENGTH = 60


def claim(record: models.Model, expected: int | None) -> None:
    """Move the record to its next version, if it is still at the one the editor saw; else refuse.

    Atomic in the database: two saves from the same version cannot both succeed. None skips the check
    (callers without an edit form, such as the demo loader)."""
    if expected is None:
        return
    model: Any = type(record)
    if not model.objects.filter(pk=record.pk, version=expected).update(version=F("version") + 1):
        raise StaleEdit(_("Someone else saved this while you were editing it."))
    record.version = expected + 1  # type: ignore[attr-defined]


def _shown(record: models.Model, field: str) -> str:
    value = getattr(record, f"get_{field}_display", lambda: getattr(record, field))()
    return "" if value is None else str(value)


class VersionedForm(forms.Form):
    """An edit form for one record; `edited` names the record's fields it shows."""

    edited: tuple[str, ...] = ()
    version = forms.IntegerField(widget=forms.HiddenInput)
    basis = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, record: models.Model, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.record = record
        self.initial.update(self._hidden_values())

    def _hidden_values(self) -> dict[str, Any]:
        values = {field: _shown(self.record, field) for field in self.edited}
        return {"version": self.record.version, "basis": signing.dumps(values, salt=SALT)}  # type: ignore[attr-defined]

    def edits(self) -> dict[str, Any]:
        """The cleaned values the person edited, without the version bookkeeping."""
        return {key: value for key, value in self.cleaned_data.items() if key not in ("version", "basis")}

    def explain_stale(self) -> None:
        """Name what changed since the form was opened, and take the current version."""
        try:
            seen = signing.loads(self.data.get("basis", ""), salt=SALT)
        except signing.BadSignature:
            seen = {}
        self.record.refresh_from_db()
        changed = []
        for field in self.edited:
            now = _shown(self.record, field)
            if seen.get(field) != now:
                label = str(getattr(self.record._meta.get_field(field), "verbose_name", field)).capitalize()
                short = len(now) <= SHOWN_LENGTH
                changed.append(
                    _("%(label)s (now “%(value)s”)") % {"label": label, "value": now} if short else label
                )
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        for key, value in self._hidden_values().items():
            data[key] = value
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
