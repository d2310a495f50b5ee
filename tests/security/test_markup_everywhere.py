"""Attack probes, generated: markup in every free-text column of every record comes back as text on
every page. Each app's matrix helper builds the records its pages show; then every text column of
every Varde model is overwritten with a payload, and every page is opened by every role that may
open it. A new text field or a new page is probed as soon as it exists."""

from typing import Any

import pytest
from django.apps import apps
from django.db import models
from django.urls import reverse

from conftest import World, log_in
from varde.accounts.roles import Role
from varde.accounts.tests import test_permissions as accounts
from varde.actionplan.tests import test_permissions as actionplan
from varde.assessments.tests import test_permissions as assessments
from varde.concerns.tests import test_permissions as concerns
from varde.core.crypto import Encrypted, EncryptedTextField
from varde.information.models import InfoPage
from varde.information.tests import test_events as events
from varde.information.tests import test_information as information
from varde.meetings.tests import test_permissions as meetings
from varde.meetings.tests.factories import secretary_of
from varde.network.tests import test_network as network
from varde.statistics.tests import test_statistics as statistics

PAYLOAD = '"><svg onload=alert(1)>'
LIVE = "<svg onload"
SHOWN = "&lt;svg onload=alert(1)&gt;"

# Columns other code looks records up by, or that hold keys and hashes rather than text for people.
NOT_TEXT = {"code", "reference", "slug", "username", "password", "hash", "prev_hash", "prefix", "key"}
# The audit trail is a hash chain: changing a row is tampering, which its own tests catch.
UNTOUCHED_MODELS = {"core.auditevent"}


def _other_urls(name: str, world: World) -> str:
    if name == "information:edit":
        return reverse(name, args=[InfoPage.objects.filter(partnership=world.partnership).first().pk])
    if name == "information:event":
        return reverse(name, args=[events.make_event(world).pk])
    return reverse(name)


MATRICES: list[tuple[Any, Any]] = [
    (module, module.url_for) for module in (accounts, actionplan, assessments, concerns, meetings, network)
] + [(module, _other_urls) for module in (information, events, statistics)]


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


def _viewer(world: World, role: str) -> Any:
    return secretary_of(world) if role == Role.SECRETARY else world.make_user(role)


@pytest.mark.parametrize(("module", "url_for"), MATRICES, ids=[m.__name__.split(".")[1] for m, _ in MATRICES])
def test_markup_in_every_text_field_is_shown_as_text_on_every_page(module, url_for, world, client):
    names = sorted(module.EXPECTED)
    viewers = {role: _viewer(world, role) for name in names for role in module.EXPECTED[name]}
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
