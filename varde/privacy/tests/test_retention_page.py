"""Deletion under oversight: the officer sees what retention will do to their agency's cases and when,
the holds, the receipts, and a warning when the nightly purge is not running."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from varde.accounts.roles import Role
from varde.concerns.actions.retention import purge
from varde.concerns.models import Concern
from varde.concerns.tests.factories import close, make_concern
from varde.core.models import AuditEvent


def closed_long_ago(world, *, days, agency=None):
    concern = close(world, make_concern(world, agency=agency or world.municipality))
    Concern.objects.filter(pk=concern.pk).update(closed_at=timezone.now() - timedelta(days=days))
    return concern


def test_the_officer_sees_due_and_coming_steps_holds_and_receipts_of_the_own_agency(world, client):
    erased = closed_long_ago(world, days=500)
    purge(timezone.localdate())
    due = closed_long_ago(world, days=400)  # unfounded: erased after 12 months
    coming = closed_long_ago(world, days=340)
    police = closed_long_ago(world, days=400, agency=world.police)
    held = closed_long_ago(world, days=400)
    Concern.objects.filter(pk=held.pk).update(
        retention_hold_until=timezone.localdate() + timedelta(days=30),
        retention_hold_reason="Klagesak pågår.",
    )
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    page = client.get(reverse("privacy:retention")).content.decode()
    assert due.reference in page
    assert coming.reference in page
    assert police.reference not in page
    assert "Klagesak pågår." in page
    assert erased.reference in page  # its receipt
    assert "har ikke kjørt ennå" in page
    viewed = AuditEvent.objects.get(action="retention.viewed", actor_id=str(officer.pk))
    assert viewed.detail["holds"] == [held.reference]
