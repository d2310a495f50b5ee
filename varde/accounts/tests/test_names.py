"""The names people are shown by in lists that read them as ids."""

import uuid

from django.db import connection
from django.test.utils import CaptureQueriesContext

from varde.accounts.models import User
from varde.accounts.roles import Role


def test_names_of_gives_the_full_name_or_else_the_username_for_each_known_id(world):
    named = world.make_user(Role.COORDINATOR, first_name="Kari", last_name="Nordmann", username="kari")
    first_only = world.make_user(Role.COORDINATOR, first_name="Per", last_name="", username="per")
    unnamed = world.make_user(Role.MENTOR, first_name="", last_name="", username="ola.n")
    unknown = uuid.uuid4()

    names = User.names_of({named.pk, first_only.pk, unnamed.pk, unknown})

    assert names == {named.pk: "Kari Nordmann", first_only.pk: "Per", unnamed.pk: "ola.n"}
    assert all(isinstance(pk, uuid.UUID) for pk in names)


def test_names_of_no_ids_asks_the_database_nothing(db):
    with CaptureQueriesContext(connection) as queries:
        assert User.names_of(set()) == {}
    assert len(queries) == 0
