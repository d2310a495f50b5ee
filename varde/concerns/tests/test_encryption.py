"""Personal data is encrypted at rest: a dump of the database holds none of it, keys can be rotated,
and search before create still finds the person through the blind index."""

import pytest
from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from varde.accounts.roles import Role
from varde.assessments.tests.factories import make_assessment
from varde.concerns.models import Concern, Consent
from varde.concerns.permissions import possible_duplicates
from varde.core import crypto

from .factories import handler_for, make_concern, make_consent

NAME = "Zacharias Ølsmo-Brekke"
DESCRIPTION = "Hemmelig beskrivelse om skolegården"


def database_dump() -> str:
    """Every stored value of every table, as text, the way a stolen backup would show it."""
    lines = []
    with connection.cursor() as cursor:
        for model in apps.get_models():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(model._meta.db_table)}")  # noqa: S608
            lines += [" ".join(str(value) for value in row) for row in cursor.fetchall()]
    return "\n".join(lines)


@pytest.fixture
def sensitive(world):
    concern = make_concern(world, name=NAME, description=DESCRIPTION)
    make_consent(world, concern)
    make_assessment(world, concern, final=True)
    return concern


def test_a_database_dump_holds_no_readable_personal_text(sensitive):
    dump = database_dump()
    consent = Consent.objects.get(concern=sensitive)
    for secret in (NAME, "Zacharias", "Ølsmo", DESCRIPTION, consent.given_by_names):
        assert secret not in dump
    assert crypto.MARK in dump
    assert Concern.objects.get(pk=sensitive.pk).subject_name == NAME


def test_a_plaintext_value_is_refused_rather_than_trusted(sensitive):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE concerns_concern SET description = %s WHERE id = %s", ["klartekst", sensitive.pk.hex]
        )
        if cursor.rowcount == 0:
            cursor.execute(
                "UPDATE concerns_concern SET description = %s WHERE id = %s", ["klartekst", str(sensitive.pk)]
            )
    with pytest.raises(ValueError, match="not"):
        Concern.objects.get(pk=sensitive.pk)


def test_keys_rotate_and_old_keys_can_then_go(sensitive, settings):
    old = settings.VARDE_ENCRYPTION_KEYS
    new = Fernet.generate_key().decode()
    try:
        settings.VARDE_ENCRYPTION_KEYS = f"{new},{old}"
        crypto.reset_keys()
        call_command("keys", "rotate", stdout=open("/dev/null", "w"))  # noqa: SIM115
        settings.VARDE_ENCRYPTION_KEYS = new
        crypto.reset_keys()
        concern = Concern.objects.get(pk=sensitive.pk)
        assert concern.subject_name == NAME
        assert concern.description == DESCRIPTION
        assert concern.assessments.get().texts
    finally:
        settings.VARDE_ENCRYPTION_KEYS = old
        crypto.reset_keys()


def test_search_before_create_finds_the_person_by_the_words_of_the_name(sensitive, world):
    coordinator = handler_for(world, world.municipality)
    assert list(possible_duplicates(coordinator, world.municipality, "ølsmo-brekke")) == [sensitive]
    assert list(possible_duplicates(coordinator, world.municipality, "ZACHARIAS  Ølsmo-Brekke")) == [
        sensitive
    ]
    assert list(possible_duplicates(coordinator, world.municipality, "Zach")) == []
    assert NAME.casefold() not in sensitive.subject_name_index
    outsider = world.make_user(Role.POLICE_CONTACT)
    assert list(possible_duplicates(outsider, world.police, "Zacharias")) == []


def test_the_same_name_gives_unrelated_index_digests_in_two_partnerships(sensitive, world, other_world):
    elsewhere = make_concern(other_world, name=NAME)
    assert sensitive.subject_name_index
    assert not set(sensitive.subject_name_index.split()) & set(elsewhere.subject_name_index.split())
    coordinator = handler_for(other_world, other_world.municipality)
    assert list(possible_duplicates(coordinator, other_world.municipality, NAME)) == [elsewhere]


def test_the_migration_indexes_existing_names_with_their_partnerships_key(sensitive, world, other_world):
    from importlib import import_module

    elsewhere = make_concern(other_world, name=NAME)
    Concern.objects.update(subject_name_index="stale")
    migration = import_module("varde.concerns.migrations.0009_blind_index_per_partnership")
    migration.index_names_per_partnership(apps, None)
    coordinator = handler_for(other_world, other_world.municipality)
    assert list(possible_duplicates(coordinator, other_world.municipality, NAME)) == [elsewhere]
    assert Concern.objects.get(pk=sensitive.pk).subject_name_index != elsewhere.subject_name_index


# Every free text that can hold personal or police information (issue 42.5), beside the concern's.
FREE_TEXT = {
    "concerns.AdviceSession": {"advice_given"},
    "concerns.Concern": {"other_body_name", "police_alerted_by"},
    "information.RiskNote": {"text"},
    "information.EventTask": {"description"},
    "meetings.AgendaItem": {"title"},
    "meetings.Meeting": {"location", "no_quorum_reason", "cancel_reason"},
    "meetings.Participant": {"guest_name", "guest_organisation"},
    "meetings.Task": {"description"},
    "network.ContactPerson": {"name", "role", "email", "phone"},
    "network.ContactLog": {"text"},
    "actionplan.Activity": {"text", "evidence"},
    "actionplan.SessionRequest": {"wish"},
    "statistics.OnlineObservation": {"note"},
}


def test_the_demo_stores_every_free_text_encrypted_and_rotation_covers_it(db, settings):
    from varde.accounts.demo import load_demo

    load_demo()
    encrypted = {model._meta.label: set(fields) for model, fields in crypto.encrypted_columns()}
    for label, fields in FREE_TEXT.items():
        assert fields <= encrypted.get(label, set()), label
    stored = 0
    with connection.cursor() as cursor:
        for label, fields in encrypted.items():
            table = connection.ops.quote_name(apps.get_model(label)._meta.db_table)
            columns = ", ".join(connection.ops.quote_name(field) for field in sorted(fields))
            cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608
            for row in cursor.fetchall():
                for value in row:
                    if value not in (None, ""):
                        assert value.startswith(crypto.MARK), (label, value[:20])
                        stored += 1 if label in FREE_TEXT else 0
    assert stored > 20  # the demo fills most of them
    old = settings.VARDE_ENCRYPTION_KEYS
    try:
        settings.VARDE_ENCRYPTION_KEYS = f"{Fernet.generate_key().decode()},{old}"
        crypto.reset_keys()
        call_command("keys", "rotate", stdout=open("/dev/null", "w"))  # noqa: SIM115
        settings.VARDE_ENCRYPTION_KEYS = settings.VARDE_ENCRYPTION_KEYS.split(",")[0]
        crypto.reset_keys()
        assert {str(note.text) for note in apps.get_model("information.RiskNote").objects.all()}
        assert all(contact.name for contact in apps.get_model("network.ContactPerson").objects.all())
    finally:
        settings.VARDE_ENCRYPTION_KEYS = old
        crypto.reset_keys()
