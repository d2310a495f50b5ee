"""The audit trail is append-only and hash-chained; tampering is found and named."""

import hashlib
import hmac
import itertools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, IntegrityError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import given
from hypothesis import strategies as st
from psycopg.pq import TransactionStatus

from conftest import present
from varde.accounts.audit_actions import AccountAudit
from varde.concerns.audit_actions import ConcernAudit
from varde.core.audit import (
    _APPEND_LOCK_ID,
    GENESIS_HASH,
    HASHED_FIELDS,
    LONGEST_STRETCH,
    _can_fork,
    _canonical,
    _hmac_sha256,
    _postgresql_time,
    _stretches,
    compute_hash,
    record_event,
    verify_chain,
)
from varde.core.models import AuditEvent


@pytest.fixture
def three_events(world):
    actor = world.make_user("coordinator")
    return [
        record_event(AccountAudit.UNIT_UPDATED, actor=actor, obj=world.unit, purpose="test", detail={"n": i})
        for i in range(3)
    ]


def raw_sql(sql, params=()):
    """Change rows behind the application's back, as an attacker with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = replica")  # bypasses the append-only trigger
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("SET session_replication_role = DEFAULT")


def test_events_link_to_the_one_before(three_events):
    first, second, third = three_events
    assert first.prev_hash == GENESIS_HASH
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert verify_chain().intact
    assert verify_chain().checked == 3


def test_event_records_who_what_and_which_object(three_events, world):
    event = three_events[0]
    assert event.actor_label.startswith("bruker")
    assert event.object_type == "unit"
    assert event.object_id == str(world.unit.pk)
    assert event.purpose == "test"


def test_the_appended_event_is_the_stored_row(world):
    actor = world.make_user("coordinator")
    detail = {"fields": ["name", "kind"], "count": 2, "note": 'æøå "quoted"'}
    appended = record_event(
        AccountAudit.UNIT_UPDATED, actor=actor, obj=world.unit, agency=world.municipality, detail=detail
    )
    stored = AuditEvent.objects.get(pk=appended.pk)
    for name in (*HASHED_FIELDS, "hash"):
        assert getattr(stored, name) == getattr(appended, name), name
    assert stored.detail == detail
    assert compute_hash({name: getattr(stored, name) for name in HASHED_FIELDS}) == stored.hash
    assert verify_chain().intact


def test_altered_row_is_named(three_events):
    raw_sql("UPDATE core_auditevent SET purpose = 'changed' WHERE id = %s", [three_events[1].id])
    report = verify_chain()
    assert not report.intact
    assert report.first_broken_id == three_events[1].id
    assert "hash" in report.reason


def test_removed_row_breaks_the_next_link(three_events):
    raw_sql("DELETE FROM core_auditevent WHERE id = %s", [three_events[1].id])
    report = verify_chain()
    assert report.first_broken_id == three_events[2].id


def test_inserted_row_is_found(three_events):
    forged = {
        "occurred_at": three_events[0].occurred_at,
        "action": "forged",
        "prev_hash": three_events[0].hash,
        "hash": "f" * 64,
    }
    with transaction.atomic():
        AuditEvent.objects.create(**forged)
    # The forged row comes last by id, links correctly, but cannot carry a valid HMAC.
    report = verify_chain()
    assert not report.intact


def test_verify_audit_command_exits_non_zero_and_names_the_event(three_events):
    call_command("verify_audit")
    raw_sql("UPDATE core_auditevent SET action = 'x' WHERE id = %s", [three_events[0].id])
    with pytest.raises(CommandError, match=f"event {three_events[0].id}"):
        call_command("verify_audit")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL")
@pytest.mark.parametrize(
    "statement", ["UPDATE core_auditevent SET action = 'x'", "DELETE FROM core_auditevent"]
)
def test_postgresql_refuses_update_and_delete(three_events, statement):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)


def test_two_events_cannot_share_a_hash(three_events):
    first = AuditEvent.objects.get(pk=three_events[0].id)
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(**{f.name: getattr(first, f.name) for f in AuditEvent._meta.fields[1:]})


@pytest.mark.skipif(connection.vendor != "postgresql", reason="only PostgreSQL adds LIKE indexes")
def test_each_append_updates_no_index_that_nothing_asks(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'core_auditevent'")
        names = {row[0] for row in cursor.fetchall()}
    # The id, the hash's uniqueness, and the searches' (ADR 0047): time, object, actor,
    # partnership, and the user name.
    searched = {
        "audit_object",
        "audit_actor",
        "audit_partnership",
        "audit_actor_label",
        "core_auditevent_occurred_at_06c58d2c",
    }
    assert names == searched | {"core_auditevent_pkey", "audit_hash_unique"}


def test_an_empty_trail_is_intact(db):
    report = verify_chain(parallel_from=1)
    assert report.intact
    assert report.checked == 0


def test_the_check_does_not_count_the_trail_before_reading_it(three_events):
    # Counting two million events took PostgreSQL 0.2-1.5 s of a check that takes 8-10 s.
    with CaptureQueriesContext(connection) as queries:
        assert verify_chain().checked == 3
    assert not [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


@pytest.mark.django_db(transaction=True)
def test_a_long_trail_is_checked_in_parallel_stretches_that_must_join_up():
    if not _can_fork():
        pytest.skip("the suite's in-memory SQLite database exists in this process only")
    events = [record_event(AccountAudit.UNIT_UPDATED, detail={"n": n}) for n in range(40)]
    assert verify_chain(parallel_from=1).checked == 40
    raw_sql("DELETE FROM core_auditevent WHERE id = %s", [events[20].id])
    report = verify_chain(parallel_from=1)
    assert report.first_broken_id == events[21].id
    assert report.checked == 20


@given(
    first=st.integers(min_value=1, max_value=10**9),
    events=st.integers(min_value=1, max_value=50_000_000),
    processes=st.integers(min_value=1, max_value=64),
)
def test_the_stretches_join_end_to_end_and_none_is_longer_than_a_worker_reads_at_once(
    first, events, processes
):
    last = first + events - 1
    stretches = _stretches(first, last, processes)
    assert stretches[0][0] == first
    assert stretches[-1][1] == last
    assert all(before[1] + 1 == after[0] for before, after in itertools.pairwise(stretches))
    assert max(end - start + 1 for start, end in stretches) <= LONGEST_STRETCH
    assert len(stretches) >= min(events, processes)  # every process gets work, if there is enough


_TEXT = st.text(max_size=40)


@given(
    strings=st.fixed_dictionaries(
        {name: _TEXT for name in HASHED_FIELDS if name not in ("detail", "occurred_at")}
    ),
    detail=st.dictionaries(_TEXT, st.one_of(_TEXT, st.integers(), st.lists(_TEXT, max_size=3)), max_size=4),
    occurred_at=st.datetimes(timezones=st.just(UTC)),
)
def test_the_canonical_form_is_the_sorted_compact_json_that_older_events_were_hashed_with(
    strings, detail, occurred_at
):
    values = strings | {"detail": detail, "occurred_at": occurred_at}
    expected = json.dumps(
        values | {"occurred_at": occurred_at.isoformat()},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    assert _canonical(values) == expected.encode()


@given(st.datetimes(min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)))
def test_postgresqls_text_of_a_utc_time_reads_as_pythons_isoformat(moment):
    text = moment.strftime("%Y-%m-%d %H:%M:%S") + (
        f".{moment.microsecond:06d}".rstrip("0") if moment.microsecond else ""
    )
    assert _postgresql_time(text) == moment.isoformat()


@given(key=st.binary(max_size=100), message=st.binary(max_size=200))
def test_the_verifiers_hmac_is_hmac_sha256(key, message):
    assert _hmac_sha256(key)(message) == hmac.new(key, message, hashlib.sha256).hexdigest()


@pytest.mark.django_db(transaction=True)
def test_appends_from_many_requests_at_once_keep_one_chain():
    """Each append reads the chain's head only once it holds the lock, so none can fork the chain."""
    if connection.vendor != "postgresql":
        # The advisory lock is PostgreSQL's; on SQLite, IMMEDIATE transactions serialise writers, and
        # the suite's shared in-memory database answers concurrent writers "table is locked" at once.
        pytest.skip("the append lock under concurrency is PostgreSQL's; CI runs this on PostgreSQL")
    writers, events_each = 4, 25
    start = threading.Barrier(writers)

    def append(writer: int) -> None:
        start.wait()
        try:
            for number in range(events_each):
                record_event(ConcernAudit.VIEWED, detail={"writer": writer, "number": number})
        finally:
            connections.close_all()

    threads = [threading.Thread(target=append, args=(writer,)) for writer in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    report = verify_chain()
    assert report.intact, report.reason
    assert AuditEvent.objects.filter(action="concern.viewed").count() == writers * events_each
    assert AuditEvent.objects.values("prev_hash").distinct().count() == AuditEvent.objects.count()


@contextmanager
def _another_connection() -> Iterator[Any]:
    """A cursor on a connection of its own, as another request would have."""
    other = connections.create_connection("default")
    try:
        with other.cursor() as cursor:
            yield cursor
    finally:
        other.close()


def _append_lock_is_free() -> bool:
    """Whether another connection could take the append lock now (and it lets go of it at once)."""
    with _another_connection() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [_APPEND_LOCK_ID])
        return bool(present(cursor.fetchone())[0])


def _in_no_transaction() -> bool:
    return bool(connection.connection.info.transaction_status == TransactionStatus.IDLE)


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's own behaviour; CI runs it on PostgreSQL"
)


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_an_append_outside_a_transaction_is_committed_and_lets_go_of_the_lock():
    first = record_event(AccountAudit.UNIT_UPDATED)
    second = record_event(AccountAudit.UNIT_UPDATED)
    assert second.prev_hash == first.hash
    assert _in_no_transaction()
    assert _append_lock_is_free()
    with _another_connection() as cursor:
        cursor.execute("SELECT count(*) FROM core_auditevent")
        assert cursor.fetchone()[0] == 2


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_refused_append_outside_a_transaction_leaves_no_event_and_no_lock(monkeypatch):
    first = record_event(AccountAudit.UNIT_UPDATED)
    # A hash the trail already holds: the database refuses the insert after the lock is taken.
    monkeypatch.setattr("varde.core.audit.compute_hash", lambda values: first.hash)
    with pytest.raises(IntegrityError):
        record_event(AccountAudit.UNIT_UPDATED)
    monkeypatch.undo()
    assert _in_no_transaction()
    assert _append_lock_is_free()
    after = record_event(AccountAudit.UNIT_UPDATED)
    assert after.prev_hash == first.hash
    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["unit.updated", "unit.updated"]
    assert verify_chain().intact


@postgresql_only
def test_the_trail_is_analysed_after_a_fixed_number_of_new_events_whatever_its_size(db):
    with connection.cursor() as cursor:
        cursor.execute("SELECT reloptions FROM pg_class WHERE relname = 'core_auditevent'")
        options = set(cursor.fetchone()[0] or [])
    assert {"autovacuum_analyze_scale_factor=0", "autovacuum_analyze_threshold=50000"} <= options
