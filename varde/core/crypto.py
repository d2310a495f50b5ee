"""Encryption at rest for personal data: authenticated encryption (Fernet: AES-128-CBC with
HMAC-SHA256) with keys from the environment, several at once so that keys can be rotated, and a keyed
blind index for the one search that must still work on encrypted names.

VARDE_ENCRYPTION_KEYS holds one or more Fernet keys, separated by commas; the first encrypts, all
decrypt. VARDE_BLIND_INDEX_KEY keys the index, through a key derived for each partnership; it is not
rotated with the others, because the index of every record would have to be rebuilt from the
plaintext (which `varde keys rotate` does when told).
"""

import datetime
import hashlib
import hmac
import json
import unicodedata
from functools import cache
from typing import TYPE_CHECKING, Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import migrations, models

if TYPE_CHECKING:
    # Encrypted fields hold text in the database and other types (dates, JSON) in Python.
    _TextColumn = models.TextField[Any, Any]
else:
    _TextColumn = models.TextField

# Every encrypted value starts with this, so that a value written before encryption is never taken
# for ciphertext, and a plaintext value is never silently accepted.
MARK = "enc1:"


@cache
def _cipher() -> MultiFernet:
    keys = [key.strip() for key in settings.VARDE_ENCRYPTION_KEYS.split(",") if key.strip()]
    if not keys:
        raise ImproperlyConfigured("Set VARDE_ENCRYPTION_KEYS (one or more Fernet keys, comma-separated).")
    return MultiFernet([Fernet(key.encode()) for key in keys])


def reset_keys() -> None:
    """Forget the cached keys, after the settings changed (tests, rotation)."""
    _cipher.cache_clear()


def encrypt(text: str) -> str:
    return MARK + _cipher().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not stored.startswith(MARK):
        raise ValueError("A value that should be encrypted is not.")
    try:
        return _cipher().decrypt(stored[len(MARK) :].encode()).decode()
    except InvalidToken as error:
        raise ValueError("An encrypted value could not be decrypted with any key in use.") from error


def normalised(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.split())


def keyed_digest(text: str) -> str:
    """A digest that only this installation can compute (keyed by SECRET_KEY, which is in neither the
    database nor its backups): for what must be recognised again but never read (addresses, typed
    names, recovery codes)."""
    return hmac.new(settings.SECRET_KEY.encode(), text.encode(), hashlib.sha256).hexdigest()


def index_key(scope: object) -> bytes:
    """The blind-index key of one partnership (scope), derived from VARDE_BLIND_INDEX_KEY: the same
    name gives unrelated digests in two partnerships, so the index cannot link a person across them."""
    master = settings.VARDE_BLIND_INDEX_KEY.encode()
    if not master:
        raise ImproperlyConfigured("Set VARDE_BLIND_INDEX_KEY.")
    return hmac.new(master, f"varde-blind-index:{scope}".encode(), hashlib.sha256).digest()


def blind_index(text: str, key: bytes) -> str:
    """A keyed digest of the normalised text: equal texts give equal digests, and nothing else is learnt."""
    return hmac.new(key, normalised(text).encode(), hashlib.sha256).hexdigest()[:24]


def name_index(name: str, partnership_id: object) -> str:
    """One digest per word of the name, so that a search for a word finds the whole name within the
    partnership."""
    key = index_key(partnership_id)
    return " ".join(sorted({blind_index(word, key) for word in normalised(name).split() if len(word) > 1}))


class Encrypted:
    """Shared by the encrypted fields: empty values stay empty, everything else is ciphertext."""

    def to_text(self, value: Any) -> str:
        return str(value)

    def from_text(self, text: str) -> Any:
        return text

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None or value == "":
            return value
        return self.from_text(decrypt(value))

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        return encrypt(self.to_text(value))

    # Backups carry ciphertext (see varde.core.backup); reading one back decrypts.
    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and value.startswith(MARK):
            return self.from_text(decrypt(value))
        return value


class EncryptedTextField(Encrypted, _TextColumn):
    """Free text, encrypted. Lookups other than exact emptiness make no sense on it."""


class EncryptedCharField(Encrypted, _TextColumn):
    """A short text (a name, a place, a title), encrypted: a one-line field in forms, with its
    max_length checked there, since the ciphertext is longer than the text."""

    def formfield(self, **kwargs: Any) -> Any:
        return super().formfield(**{"widget": forms.TextInput, **kwargs})


class EncryptedDateField(Encrypted, _TextColumn):
    """A date, encrypted; None when unknown. A date in Python, text in the column."""

    _pyi_private_set_type: datetime.date | None  # type: ignore[assignment]
    _pyi_private_get_type: datetime.date | None  # type: ignore[assignment]

    def to_text(self, value: Any) -> str:
        return value.isoformat() if isinstance(value, datetime.date) else str(value)

    def from_text(self, text: str) -> Any:
        return datetime.date.fromisoformat(text)

    def to_python(self, value: Any) -> Any:
        value = Encrypted.to_python(self, value)
        if isinstance(value, str) and value:
            return datetime.date.fromisoformat(value)
        return value


class EncryptedJSONField(Encrypted, _TextColumn):
    """Structured text (an assessment's written parts), encrypted as JSON."""

    _pyi_private_set_type: Any
    _pyi_private_get_type: Any

    def to_text(self, value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    def from_text(self, text: str) -> Any:
        return json.loads(text)


def encrypt_columns(apps: Any, label: str, fields: list[str], *, backwards: bool = False) -> None:
    """For migrations: encrypt (or, going back, decrypt) existing values of plain text columns."""
    model = apps.get_model(label)
    change = decrypt if backwards else encrypt
    for row in model.objects.values("pk", *fields).iterator():
        values = {field: change(row[field]) for field in fields if row[field] not in (None, "")}
        if values:
            model.objects.filter(pk=row["pk"]).update(**values)


def encrypting(label: str, fields: list[str]) -> tuple[Any, Any]:
    """The forward and backward functions of a RunPython operation for these columns."""

    def forward(apps: Any, schema_editor: Any) -> None:
        encrypt_columns(apps, label, fields)

    def backward(apps: Any, schema_editor: Any) -> None:
        encrypt_columns(apps, label, fields, backwards=True)

    return forward, backward


def encrypting_operations(label: str, fields: dict[str, models.Field[Any, Any]]) -> list[Any]:
    """A migration's operations that encrypt plain columns in place: make them plain text columns,
    encrypt what they hold, and declare them encrypted (each field as the model now has it)."""
    model_name = label.split(".")[1].lower()
    forward, backward = encrypting(label, list(fields))
    return [
        *(
            migrations.AlterField(model_name, name, models.TextField(blank=True, null=field.null))
            for name, field in fields.items()
        ),
        migrations.RunPython(forward, backward),
        *(migrations.AlterField(model_name, name, field) for name, field in fields.items()),
    ]


def encrypted_columns() -> list[tuple[type[models.Model], list[str]]]:
    """Every model with encrypted fields, and those fields."""
    from django.apps import apps

    found = []
    for model in apps.get_models():
        names = [field.name for field in model._meta.get_fields() if isinstance(field, Encrypted)]
        if names:
            found.append((model, names))
    return found


def rotate_all() -> int:
    """Encrypt every stored value again with the first key; returns how many values were rewritten.

    Reading decrypts with whichever key fits; writing encrypts with the first."""
    count = 0
    for model, fields in encrypted_columns():
        manager: Any = model._default_manager
        for pk, *plain in manager.values_list("pk", *fields).iterator():
            values = {
                field: value for field, value in zip(fields, plain, strict=True) if value not in (None, "")
            }
            if values:
                manager.filter(pk=pk).update(**values)
                count += len(values)
    return count
