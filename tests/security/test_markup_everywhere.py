"""Attack probes, generated: markup in every free-text column of every record comes back as text on
every page. Each app's matrix helper builds the records its pages show; then every text column of
every Varde model is overwritten with a payload, and every page is opened by every role that may
open it. A new text field or a new page is probed as soon as it exists."""

from typing import Any

import pytest
from django.apps import apps
from django.db import models

from conftest import log_in
from varde.core.crypto import Encrypted, EncryptedTextField

from .matrices import MATRICES, MATRIX_NAMES, viewer

PAYLOAD = '"><svg onload=alert(1)>'
LIVE = "<svg onload"
SHOWN = "&lt;svg onload=alert(1)&gt;"

# Columns other code looks records up by, or that hold keys and hashes rather than text for people.
NOT_TEXT = {"code", "reference", "slug", "username", "password", "hash", "prev_hash", "prefix", "key"}
# The audit trail is a hash chain: changing a row is tampering, which its own tests catch.
UNTOUCHED_MODELS = {"core.auditevent"}


def _is_free_text(field: Any) -> bool:
    return (
        isinstance(field, models.CharField | models.TextField)
        and not isinstance(field, models.SlugField | models.EmailField | models.URLField)
        and (isinstance(field, EncryptedTextField) or not isinstance(field, Encrypted))
        and not field.choices
        and not field.unique
        and not field.primary_key
        and field.name not in NOT_TEXT
        and not field.name.endswith(("_index", "_hash"))
        and (field.max_length is None or field.max_length >= len(PAYLOAD) + 6)
    )


def _unique_together(model: Any) -> set[str]:
    constrained = {name for group in model._meta.unique_together for name in group}
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint):
            constrained |= set(constraint.fields)
    return constrained


def poison_every_text_column() -> int:
    """Overwrite each written free-text value of each Varde record with the payload; the number of
    columns. A column in a uniqueness rule gets a numbered payload, row by row."""
    columns = 0
    for model in apps.get_models():
        if not model.__module__.startswith("varde.") or model._meta.label_lower in UNTOUCHED_MODELS:
            continue
        fields = [field.name for field in model._meta.concrete_fields if _is_free_text(field)]
        numbered = [name for name in fields if name in _unique_together(model)]
        for name in fields:
            # Only where someone wrote something: an empty column may be empty by a rule.
            rows = model._default_manager.exclude(**{name: ""})
            if name not in numbered:
                rows.update(**{name: PAYLOAD})
                continue
            for number, pk in enumerate(rows.values_list("pk", flat=True)):
                model._default_manager.filter(pk=pk).update(**{name: f"{PAYLOAD}{number}"})
        columns += len(fields)
    return columns


@pytest.mark.parametrize(("module", "url_for"), MATRICES, ids=MATRIX_NAMES)
def test_markup_in_every_text_field_is_shown_as_text_on_every_page(module, url_for, world, client):
    names = sorted(module.EXPECTED)
    viewers = {role: viewer(world, role) for name in names for role in module.EXPECTED[name]}
    urls = {name: url_for(name, world) for name in names}
    assert poison_every_text_column() > 50
    shown_anywhere = False
    for name in names:
        for role in sorted(module.EXPECTED[name]):
            log_in(client, viewers[role])
            response = client.get(urls[name])
            assert response.status_code == 200, (name, role)
            if not response["Content-Type"].startswith("text/html"):
                continue
            page = response.content.decode()
            assert LIVE not in page, (name, role)
            shown_anywhere = shown_anywhere or SHOWN in page
    assert shown_anywhere, "the payload was shown, escaped, on at least one page"
