"""The sweep of every page opens each of them as its role on a generated set, and marks the pages to
look at: those that answered with something else than the page, or too slowly."""

import pytest

from bench import sweep
from varde.accounts.models import Partnership
from varde.accounts.roles import Role
from varde.scale.generate import SCALES, Generator


@pytest.fixture
def partnership(db):
    Generator(SCALES["small"]).run()
    return Partnership.objects.get(slug="syntetisk-01")


def test_every_page_of_the_sweep_opens_for_its_role(partnership):
    by_role = sweep.clients(partnership)
    measured = [
        sweep.measure(stop, by_role[stop.role, stop.api], repeat=1) for stop in sweep.stops(partnership)
    ]
    assert [(m.stop.name, m.status) for m in measured if m.status != 200] == []
    assert all(m.queries > 0 for m in measured)
    # The administrator the sweep appoints is appointed once, however often it runs.
    assert sweep.administrator(partnership) == sweep.administrator(partnership)
    assert sweep.administrator(partnership).memberships.filter(role=Role.ADMIN).count() == 1


@pytest.mark.parametrize(
    ("status", "median_ms", "marked"), [(200, 40.0, False), (200, 140.0, True), (404, 5.0, True)]
)
def test_a_page_that_failed_or_took_too_long_is_marked(status, median_ms, marked):
    stop = sweep.Stop("case list", "coordinator", "/saker/")
    shown = sweep.line(sweep.Measured(stop, status, 10, median_ms), slower_than=100)
    assert shown.startswith("case list")
    assert shown.endswith("<--") == marked


def test_every_form_of_the_write_sweep_is_accepted_and_nothing_is_kept(partnership):
    from varde.concerns.models import Concern
    from varde.core.models import AuditEvent

    by_role = sweep.clients(partnership)
    kept = (Concern.objects.count(), AuditEvent.objects.count())
    measured = [
        sweep.submit(stop, by_role[stop.role, False], repeat=1) for stop in sweep.write_stops(partnership)
    ]
    assert sorted(m.stop.name for m in measured) == sorted(sweep.WRITES)
    assert [(m.stop.name, m.status, m.refusals) for m in measured if m.status != m.stop.expects] == []
    assert all(m.queries > 0 for m in measured)
    assert (Concern.objects.count(), AuditEvent.objects.count()) == kept


def test_a_refused_form_is_marked_with_its_reasons(partnership, monkeypatch):
    monkeypatch.setitem(sweep.WRITES, "new legal basis", sweep.Write(values={"code": "ikke gyldig"}))
    stop = sweep.Stop("new legal basis", "admin", "/admin/hjemler/ny/", expects=302)
    measured = sweep.submit(stop, sweep.clients(partnership)["admin", False], repeat=1)
    assert measured.status == 200
    assert any("Kode" in refusal for refusal in measured.refusals), measured.refusals
    assert sweep.line(measured, slower_than=100).endswith("<--")
