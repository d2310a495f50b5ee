"""Actions change state, write the timeline and the audit trail, and refuse what the rules forbid."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from conftest import present
from varde.accounts.models import Notification
from varde.accounts.roles import Role
from varde.concerns.actions import casework, intake, measures, reference, retention, sharing
from varde.concerns.categorical import StatisticsFact
from varde.concerns.choices import DisclosureEnd, MeasureStatus, Part, Status
from varde.concerns.models import AdviceSession, Concern, Review
from varde.concerns.permissions import access_to, concerns_visible_to
from varde.core.audit import verify_chain
from varde.core.models import AuditEvent

from .factories import basis, close, handler_for, make_concern, make_consent, make_disclosure, make_measure


def test_registering_a_concern_writes_timeline_audit_and_statistics(world):
    concern = make_concern(world)
    assert concern.status == Status.RECEIVED
    assert concern.age_band == "13-15"
    assert concern.assessment_due == timezone.localdate() + timedelta(days=14)
    assert concern.events.get().action == "received"
    assert AuditEvent.objects.filter(action="concern.received", object_id=str(concern.pk)).exists()
    fact = StatisticsFact.objects.get(concern=concern)
    assert (fact.kind, fact.phenomenon, fact.age_band) == ("concern", "right_wing", "13-15")
    assert verify_chain().intact


def test_an_advice_session_keeps_no_case_and_counts_in_statistics(world):
    coordinator = world.make_user(Role.COORDINATOR)
    intake.log_advice_session(
        coordinator,
        agency=world.municipality,
        channel="hotline",
        reporter_category="relative",
        phenomenon="hate_crime",
        advice_given="Rådet om å anmelde.",
        held_on=timezone.localdate(),
    )
    assert not Concern.objects.exists()
    assert AdviceSession.objects.count() == 1
    assert StatisticsFact.objects.get().kind == "advice"


def test_only_case_handlers_of_the_agency_may_register(world):
    employee = world.make_user(Role.EMPLOYEE)
    report = intake.Report("hotline", "citizen", "other", "Tekst")
    with pytest.raises(PermissionDenied):
        intake.register_concern(employee, agency=world.municipality, report=report)
    with pytest.raises(PermissionDenied):
        intake.register_concern(handler_for(world, world.municipality), agency=world.police, report=report)


def test_transitions_follow_the_table_and_need_a_reason(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    with pytest.raises(ValidationError):
        casework.change_status(owner, concern, to_status=Status.FOLLOW_UP, reason="Hopper over vurdering")
    with pytest.raises(ValidationError):
        casework.change_status(owner, concern, to_status=Status.UNDER_ASSESSMENT, reason="  ")
    casework.change_status(owner, concern, to_status=Status.UNDER_ASSESSMENT, reason="Starter")
    event = present(concern.events.last())
    assert (event.from_status, event.to_status, event.reason, event.actor) == (
        "received",
        "under_assessment",
        "Starter",
        owner,
    )


def test_the_other_agency_cannot_change_a_shared_concern(world):
    concern = make_concern(world)
    make_disclosure(world, concern)
    with pytest.raises(PermissionDenied):
        casework.change_status(
            handler_for(world, world.police), concern, to_status="under_assessment", reason="x"
        )


def test_closing_needs_an_outcome_and_schedules_reviews_after_measures(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    with pytest.raises(ValidationError):
        casework.close_concern(owner, concern, outcome="", reason="Ferdig")
    make_measure(world, concern)
    close(world, concern, "measures_completed")
    closed_on = timezone.localdate()
    due = sorted(Review.objects.filter(concern=concern).values_list("due_on", flat=True))
    assert [(d.year * 12 + d.month) - (closed_on.year * 12 + closed_on.month) for d in due] == [6, 12]
    assert StatisticsFact.objects.get(concern=concern).outcome == "measures_completed"


def test_an_unfounded_concern_without_measures_gets_no_reviews(world):
    concern = close(world, make_concern(world))
    assert not concern.reviews.exists()


def test_initial_discussion_disclosure_expires_when_the_case_leaves_assessment(world):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    police = handler_for(world, world.police)
    disclosure = make_disclosure(world, concern, code="initial-discussion")
    casework.change_status(owner, concern, to_status=Status.UNDER_ASSESSMENT, reason="Drøftes")
    assert access_to(police, concern) is not None
    casework.change_status(owner, concern, to_status=Status.FOLLOW_UP, reason="Tiltak")
    disclosure.refresh_from_db()
    assert disclosure.end_reason == DisclosureEnd.ASSESSMENT_ENDED
    assert access_to(police, concern) is None
    with pytest.raises(ValidationError):
        make_disclosure(world, concern, code="initial-discussion")


def test_a_measure_needing_consent_cannot_start_without_one_that_covers_it(world):
    concern = make_concern(world)
    with pytest.raises(ValidationError, match=r"samtykke|consent"):
        make_measure(world, concern, code="mentor")
    other_consent = make_consent(world, concern, types=("exit",))
    with pytest.raises(ValidationError):
        make_measure(world, concern, code="mentor", consent=other_consent)
    consent = make_consent(world, concern, types=("mentor",))
    measure = make_measure(world, concern, code="mentor", consent=consent)
    assert measure.status == MeasureStatus.ACTIVE
    assert StatisticsFact.objects.get(concern=concern).measure_types == ["mentor"]


def test_withdrawing_consent_ends_what_rests_on_it_and_tells_the_responsible(
    world, django_capture_on_commit_callbacks
):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    casework.assign_responsible(owner, concern, responsible=owner)
    mentor = world.make_user(Role.MENTOR)
    consent = make_consent(world, concern)
    measure = make_measure(world, concern, code="mentor", responsible=mentor, consent=consent)
    other_measure = make_measure(world, concern)
    disclosure = make_disclosure(world, concern, parts=(Part.IDENTITY,), code="consent", consent=consent)
    police = handler_for(world, world.police)
    assert access_to(police, concern) is not None
    with django_capture_on_commit_callbacks(execute=True):
        sharing.withdraw_consent(owner, consent)
    measure.refresh_from_db()
    other_measure.refresh_from_db()
    disclosure.refresh_from_db()
    assert measure.status == MeasureStatus.STOPPED
    assert other_measure.status == MeasureStatus.ACTIVE
    assert disclosure.end_reason == DisclosureEnd.CONSENT_WITHDRAWN
    assert access_to(police, concern) is None
    assert access_to(mentor, concern) is None  # the mentor saw the case through the measure that stopped
    told = set(
        Notification.objects.filter(message__contains=concern.reference).values_list("user", flat=True)
    )
    assert {owner.pk, mentor.pk} <= told
    with pytest.raises(ValidationError):
        measures.update_measure(owner, measure, status=MeasureStatus.ACTIVE, next_review=None, evaluation="")


def test_a_consent_that_runs_out_ends_its_disclosure_on_read_and_the_nightly_task_records_it(
    world, client, django_capture_on_commit_callbacks
):
    from conftest import log_in
    from varde.concerns.tasks import purge_due_personal_data

    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    casework.assign_responsible(owner, concern, responsible=owner)
    consent = make_consent(world, concern, valid_until=timezone.localdate() + timedelta(days=2))
    measure = make_measure(world, concern, code="mentor", consent=consent)
    make_disclosure(world, concern, parts=(Part.IDENTITY, Part.DESCRIPTION), code="consent", consent=consent)
    police = handler_for(world, world.police)
    page = f"/saker/{concern.pk}/"
    assert log_in(client, police).get(page).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(days=3)):
        assert access_to(police, concern) is None
        assert not concerns_visible_to(police).filter(pk=concern.pk).exists()
        assert log_in(client, police).get(page).status_code == 404
        with django_capture_on_commit_callbacks(execute=True):
            purge_due_personal_data.call()
        assert sharing.end_lapsed_consents(timezone.localdate()) == 0  # nothing left to end
    disclosure = concern.disclosures.get()
    measure.refresh_from_db()
    assert disclosure.end_reason == DisclosureEnd.CONSENT_EXPIRED
    assert measure.status == MeasureStatus.STOPPED
    event = AuditEvent.objects.get(action="concern.consent_expired")
    assert event.detail["disclosures_ended"] == 1
    assert Notification.objects.filter(user=owner, message__contains=concern.reference).exists()
    assert verify_chain().intact


def test_a_disclosure_on_consent_needs_a_consent_covering_the_receiver(world):
    concern = make_concern(world)
    with pytest.raises(ValidationError):
        make_disclosure(world, concern, code="consent")
    consent = make_consent(world, concern)
    assert make_disclosure(world, concern, code="consent", consent=consent).consent == consent


def test_marking_acute_moves_a_municipal_concern_to_the_police(world, django_capture_on_commit_callbacks):
    concern = make_concern(world)
    owner = handler_for(world, world.municipality)
    police = handler_for(world, world.police)
    with pytest.raises(ValidationError):
        intake.mark_acute(
            owner, concern, alerted_at=timezone.now(), alerted_by="Kari", legal_basis=basis(world, "consent")
        )
    with django_capture_on_commit_callbacks(execute=True):
        intake.mark_acute(
            owner,
            concern,
            alerted_at=timezone.now(),
            alerted_by="Kari",
            legal_basis=basis(world, "duty-to-avert"),
            justification="Trussel",
        )
    concern.refresh_from_db()
    assert concern.is_acute
    assert concern.owning_agency == world.police
    assert access_to(owner, concern) is None
    assert present(access_to(police, concern)).is_owner
    record = concern.disclosures.get()
    assert (record.from_agency, record.to_agency, record.legal_basis.code) == (
        world.municipality,
        world.police,
        "duty-to-avert",
    )
    assert Notification.objects.filter(user=police).exists()
    assert StatisticsFact.objects.get(concern=concern).is_acute


def test_a_used_legal_basis_is_superseded_never_edited(world):
    admin = world.make_user(Role.ADMIN)
    used = basis(world, "public-body-own-tasks")
    disclosure = make_disclosure(world, make_concern(world), code="public-body-own-tasks")
    successor = reference.revise_legal_basis(
        admin, used, citation="fvl. § 13 b nr. 5 (ny)", title="Ny tittel", kind=used.kind, description=""
    )
    used.refresh_from_db()
    disclosure.refresh_from_db()
    assert successor.version == 2
    assert successor.supersedes == used
    assert used.retired_at is not None
    assert used.title != "Ny tittel"
    assert disclosure.legal_basis == used
    unused = basis(world, "child-welfare")
    assert (
        reference.revise_legal_basis(
            admin, unused, citation="bvl.", title="Endret", kind=unused.kind, description=""
        )
        == unused
    )


def test_only_the_partnerships_admin_keeps_legal_bases(world, other_world):
    with pytest.raises(PermissionDenied):
        reference.retire_legal_basis(world.make_user(Role.COORDINATOR), basis(world, "consent"))
    with pytest.raises(PermissionDenied):
        reference.retire_legal_basis(other_world.make_user(Role.ADMIN), basis(world, "consent"))


def test_retention_erases_unfounded_concerns_after_a_year_and_keeps_a_receipt(world):
    with time_machine.travel("2026-01-10 12:00 +01:00", tick=False):
        concern = close(world, make_concern(world), "unfounded")
        reference_code = concern.reference
    with time_machine.travel("2027-01-09 12:00 +01:00", tick=False):
        assert retention.purge(timezone.localdate()) == []
    with time_machine.travel("2027-01-10 12:00 +01:00", tick=False):
        steps = retention.purge(timezone.localdate())
    assert [step.action for step in steps] == ["erased"]
    assert not Concern.objects.filter(pk=concern.pk).exists()
    fact = StatisticsFact.objects.get(kind="concern")
    assert fact.concern is None
    assert fact.outcome == "unfounded"
    from varde.concerns.models import RetentionReceipt

    receipt = RetentionReceipt.objects.get()
    assert (receipt.reference, receipt.action) == (reference_code, "erased")
    assert AuditEvent.objects.filter(action="concern.erased").exists()
    assert verify_chain().intact


def test_retention_restricts_other_outcomes_and_a_recorded_hold_postpones_it(world):
    with time_machine.travel("2026-01-10 12:00 +01:00", tick=False):
        kept = close(world, make_concern(world), "no_further_action")
        held = close(world, make_concern(world, name="Holdt Tilbake"), "no_further_action")
        retention.extend_retention(
            handler_for(world, world.municipality),
            held,
            keep_until=timezone.localdate() + timedelta(days=500),
            reason="Rettssak",
        )
    with time_machine.travel("2027-01-11 12:00 +01:00", tick=False):
        steps = retention.purge(timezone.localdate())
    assert [(s.reference, s.action) for s in steps] == [(kept.reference, "restricted")]
    kept.refresh_from_db()
    assert kept.restricted_at is not None
    assert not concerns_visible_to(handler_for(world, world.municipality)).filter(pk=kept.pk).exists()


def _due_for_erasure(world, count):
    concerns = [close(world, make_concern(world, name=f"Person {i}"), "unfounded") for i in range(count)]
    Concern.objects.update(closed_at=timezone.now() - timedelta(days=400))
    return concerns


def test_purge_works_in_batches_with_a_receipt_and_a_chained_audit_event_for_each(world, monkeypatch):
    monkeypatch.setattr(retention, "BATCH", 2)
    concerns = _due_for_erasure(world, 5)
    steps = retention.purge(timezone.localdate())
    assert sorted(step.reference for step in steps) == sorted(c.reference for c in concerns)
    assert not Concern.objects.exists()
    from varde.concerns.models import RetentionReceipt

    assert RetentionReceipt.objects.count() == 5
    erased = AuditEvent.objects.filter(action="concern.erased")
    assert sorted(erased.values_list("object_id", flat=True)) == sorted(str(c.pk) for c in concerns)
    assert verify_chain().intact


def test_a_step_that_fails_holds_back_no_other_step_and_is_reported(world, monkeypatch):
    from django.db import DatabaseError

    monkeypatch.setattr(retention, "BATCH", 10)
    concerns = _due_for_erasure(world, 3)
    steps = retention.due_steps(timezone.localdate())
    broken = steps[1].reference
    receipt = retention._receipt

    def refuse_one(concern, step, now):
        if concern.reference == broken:
            raise DatabaseError("simulated")
        return receipt(concern, step, now)

    monkeypatch.setattr(retention, "_receipt", refuse_one)
    with pytest.raises(DatabaseError):
        retention.purge(timezone.localdate())
    assert list(Concern.objects.values_list("reference", flat=True)) == [broken]
    assert len(concerns) == 3
    assert AuditEvent.objects.filter(action="concern.erased").count() == 2
    assert verify_chain().intact


def test_keeping_data_longer_needs_a_reason_and_a_future_date(world):
    concern = close(world, make_concern(world))
    owner = handler_for(world, world.municipality)
    with pytest.raises(ValidationError):
        retention.extend_retention(
            owner, concern, keep_until=timezone.localdate() + timedelta(days=10), reason=" "
        )
    with pytest.raises(ValidationError):
        retention.extend_retention(owner, concern, keep_until=timezone.localdate(), reason="Grunn")


def test_purge_dry_run_changes_nothing(world, capsys):
    concern = close(world, make_concern(world))
    Concern.objects.filter(pk=concern.pk).update(closed_at=timezone.now() - timedelta(days=400))
    call_command("purge", "--dry-run")
    output = capsys.readouterr().out
    assert concern.reference in output
    assert "1 step(s) due" in output
    assert "Ola" not in output
    assert Concern.objects.filter(pk=concern.pk).exists()
    call_command("purge")
    assert not Concern.objects.filter(pk=concern.pk).exists()


def test_the_daily_task_purges_and_queues_tomorrow(world):
    from varde.concerns.tasks import next_purge_time, purge_due_personal_data

    concern = close(world, make_concern(world))
    Concern.objects.filter(pk=concern.pk).update(closed_at=timezone.now() - timedelta(days=400))
    from conftest import task_queue

    task_queue().clear()
    purge_due_personal_data.call()
    assert not Concern.objects.filter(pk=concern.pk).exists()
    queued = task_queue().results[-1]
    assert queued.task.func is purge_due_personal_data.func
    assert present(queued.task.run_after) > timezone.now()
    now = timezone.now()
    assert next_purge_time(now) > now
    assert timezone.localtime(next_purge_time(now)).hour == 2
