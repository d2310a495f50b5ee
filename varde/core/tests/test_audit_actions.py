"""One audit vocabulary: each app names its actions in an enum with words for the privacy officer,
the trail collects them all, and accepts nothing else."""

import pytest
from django.apps import apps
from django.utils import translation

from varde.concerns.audit_actions import ConcernAudit
from varde.core.audit import AuditAction, UnknownAuditActionError, known_action, known_actions, record_event
from varde.privacy.vocabulary import action_label


def test_every_app_that_records_names_its_actions_and_the_trail_knows_them_all():
    families = AuditAction.__subclasses__()
    owners = {family.__module__.rsplit(".", 1)[0] for family in families}
    assert {"varde.accounts", "varde.concerns", "varde.meetings", "varde.privacy", "varde.core"} <= owners
    assert all(apps.is_installed(owner) for owner in owners)
    codes = [action.value for family in families for action in family]
    assert len(codes) == len(set(codes)), "two apps claim the same action code"
    assert [action.value for action in known_actions()] == sorted(codes)


def test_every_action_reads_in_norwegian_on_the_officers_pages():
    with translation.override("en"):
        english = {action.value: action_label(action) for action in known_actions()}
    with translation.override("nb"):
        untranslated = [code for code, words in english.items() if action_label(code) == words]
    assert untranslated == []


def test_a_case_timeline_line_reads_as_its_trail_event():
    with translation.override("nb"):
        assert ConcernAudit.from_timeline("closed") is ConcernAudit.CLOSED
        assert ConcernAudit.CLOSED.timeline_kind == "closed"
        assert action_label("concern.closed") == "Avsluttet"
    assert ConcernAudit.from_timeline("no_such_kind") is None


@pytest.mark.django_db
def test_a_code_no_app_names_is_refused_before_anything_is_written():
    assert known_action("concern.peeked") is None
    with pytest.raises(UnknownAuditActionError):
        record_event("concern.peeked")  # type: ignore[arg-type]
