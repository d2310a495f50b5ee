"""The privacy officer sees the audit trail of their own partnership only, and filters it."""

import pytest
import time_machine
from django.db import connection
from django.urls import reverse

from conftest import log_in
from varde.accounts.audit_actions import AccountAudit
from varde.accounts.roles import Role
from varde.assessments.audit_actions import AssessmentAudit
from varde.assessments.tests.factories import make_assessment
from varde.concerns.audit_actions import ConcernAudit
from varde.concerns.tests.factories import handler_for, make_concern
from varde.core.audit import record_event
from varde.core.models import AuditEvent
from varde.privacy import views
from varde.privacy.permissions import audit_events_visible_to

# PostgreSQL takes the chain's lock in the query that reads its head, and plans the search for its
# values in a transaction of its own: here a savepoint and its release around the setting.
QUERY_BUDGET = 20 if connection.vendor == "postgresql" else 17


def test_officer_sees_own_partnership_and_members_logins_only(world, other_world):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    colleague = world.make_user(Role.COORDINATOR)
    stranger = other_world.make_user(Role.COORDINATOR)
    mine = record_event(
        AccountAudit.UNIT_UPDATED, actor=colleague, obj=world.unit, partnership=world.partnership
    )
    login = record_event(AccountAudit.LOGIN_SUCCEEDED, actor=colleague, obj=colleague)
    theirs = record_event(
        AccountAudit.UNIT_UPDATED, actor=stranger, obj=other_world.unit, partnership=other_world.partnership
    )
    their_login = record_event(AccountAudit.LOGIN_SUCCEEDED, actor=stranger, obj=stranger)
    # A failed login names the account it tried, and no actor.
    failed = record_event(AccountAudit.LOGIN_FAILED, obj=colleague, object_type="user")
    their_failed = record_event(AccountAudit.LOGIN_FAILED, obj=stranger, object_type="user")
    visible = set(audit_events_visible_to(officer))
    assert {mine, login, failed} <= visible
    assert not {theirs, their_login, their_failed} & visible


def test_each_agency_s_officer_sees_its_own_side_and_the_disclosures_between_them(world):
    municipal_officer = world.make_user(Role.PRIVACY_OFFICER)
    police_officer = world.make_user(Role.PRIVACY_OFFICER, agency=world.police)
    coordinator = world.make_user(Role.COORDINATOR)
    police_contact = world.make_user(Role.POLICE_CONTACT)
    in_partnership = {"partnership": world.partnership}
    municipal_case = record_event(
        ConcernAudit.VIEWED, actor=coordinator, agency=world.municipality, object_id="1", **in_partnership
    )
    police_case = record_event(
        ConcernAudit.VIEWED, actor=police_contact, agency=world.police, object_id="2", **in_partnership
    )
    police_admin = record_event(
        AccountAudit.USER_CREATED, actor=police_contact, agency=world.police, **in_partnership
    )
    # The police read what the municipality disclosed to them: both officers answer for that read.
    disclosed_read = record_event(
        ConcernAudit.VIEWED, actor=police_contact, agency=world.municipality, object_id="1", **in_partnership
    )
    disclosure = record_event(
        ConcernAudit.DISCLOSED, actor=police_contact, agency=world.police, object_id="2", **in_partnership
    )
    shared_setting = record_event(ConcernAudit.LEGAL_BASIS_ADDED, actor=coordinator, **in_partnership)
    police_login = record_event(AccountAudit.LOGIN_SUCCEEDED, actor=police_contact, obj=police_contact)
    municipal = set(audit_events_visible_to(municipal_officer))
    police = set(audit_events_visible_to(police_officer))
    assert municipal >= {municipal_case, disclosed_read, disclosure, shared_setting}
    assert not municipal & {police_case, police_admin, police_login}
    assert police >= {police_case, police_admin, disclosed_read, disclosure, shared_setting, police_login}
    assert municipal_case not in police


def test_the_members_are_asked_as_a_set_to_hash_and_as_an_array_to_look_up(world):
    """ADR 0047: a search between dates tests each event by hashing, one without looks the members up.
    SQLite has no arrays, and asks `in` twice."""
    sql = str(audit_events_visible_to(world.make_user(Role.PRIVACY_OFFICER)).query)
    # The actor is asked in the partnership (who read what) and outside it (logins).
    for column, rules in (("actor_id", 2), ("object_id", 1)):
        as_set, as_array = (
            f'"core_auditevent"."{column}" IN (SELECT',
            f'"core_auditevent"."{column}" = ANY(ARRAY(SELECT',
        )
        asked = (sql.count(as_set), sql.count(as_array))
        assert asked == ((rules, rules) if connection.vendor == "postgresql" else (2 * rules, 0))


def test_the_page_shows_events_by_when_they_happened_newest_first(world, client):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    for moment, purpose in (("2026-12-02T12:00:00+01:00", "later"), ("2026-11-30T12:00:00+01:00", "earlier")):
        with time_machine.travel(moment, tick=False):
            record_event(
                AccountAudit.UNIT_UPDATED,
                actor=officer,
                obj=world.unit,
                partnership=world.partnership,
                purpose=purpose,
            )
    log_in(client, officer)
    page = client.get(reverse("privacy:audit_trail"), {"action": "unit.updated"}).context["stretch"].rows
    assert [event.purpose for event in page] == ["later", "earlier"]


@pytest.mark.parametrize(
    ("date_from", "date_to", "shown"),
    [
        ("2026-03-29", "2026-03-29", {"first minute", "last minute"}),
        ("2026-03-28", "2026-03-28", {"the evening before"}),
        ("2026-03-30", "", {"the next day"}),
        ("", "2026-03-28", {"the evening before"}),
    ],
)
def test_a_date_filter_takes_whole_days_in_norwegian_time(world, client, date_from, date_to, shown):
    # 29 March 2026 is the day summer time begins: 23 hours long, from 23:00 to 22:00 UTC.
    officer = world.make_user(Role.PRIVACY_OFFICER)
    moments = {
        "the evening before": "2026-03-28T22:59:59+00:00",
        "first minute": "2026-03-28T23:00:00+00:00",
        "last minute": "2026-03-29T21:59:59+00:00",
        "the next day": "2026-03-29T22:00:00+00:00",
    }
    for purpose, moment in moments.items():
        with time_machine.travel(moment, tick=False):
            record_event(
                AccountAudit.UNIT_UPDATED,
                actor=officer,
                obj=world.unit,
                partnership=world.partnership,
                purpose=purpose,
            )
    log_in(client, officer)
    response = client.get(reverse("privacy:audit_trail"), {"date_from": date_from, "date_to": date_to})
    page = response.context["stretch"].rows
    assert {event.purpose for event in page if event.action == "unit.updated"} == shown


def test_filters_narrow_the_list_and_viewing_is_recorded(world, client):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    record_event(AccountAudit.UNIT_UPDATED, actor=officer, obj=world.unit, partnership=world.partnership)
    response = client.get(reverse("privacy:audit_trail"), {"action": "unit.updated"})
    assert response.status_code == 200
    page = response.context["stretch"].rows
    assert {event.action for event in page} == {"unit.updated"}
    assert AuditEvent.objects.filter(action="audit.viewed", actor_id=str(officer.pk)).exists()


def test_htmx_request_gets_only_the_results_fragment(world, client):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    response = client.get(reverse("privacy:audit_trail"), headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="audit-results"' in html
    assert "<html" not in html


def test_a_filter_sent_by_htmx_explains_bad_input_in_the_results(world, client):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    response = client.get(
        reverse("privacy:audit_trail"),
        {"date_from": "2026-12-07", "date_to": "2026-12-06"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert '<a class="ds-link" href="#id_date_to">Til dato: Fra-datoen må være før til-datoen.</a>' in html
    # The form comes along, out of band, with the field marked, and goes back unmarked once mended.
    assert 'id="audit-filter"' in html
    assert 'hx-swap-oob="true"' in html
    assert 'aria-invalid="true"' in html
    assert 'id="id_date_to-error"' in html
    mended = client.get(
        reverse("privacy:audit_trail"),
        {"date_from": "2026-12-06", "date_to": "2026-12-07"},
        headers={"HX-Request": "true"},
    ).content.decode()
    assert 'id="audit-filter"' in mended
    assert "aria-invalid" not in mended


def test_the_whole_page_has_one_filter_form_and_sends_none_out_of_band(world, client):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    html = client.get(reverse("privacy:audit_trail"), {"date_from": "2026-12-07", "date_to": "2026-12-06"})
    html = html.content.decode()
    assert html.count('id="audit-filter"') == 1
    assert "hx-swap-oob" not in html
    assert 'aria-invalid="true"' in html


def test_bad_filter_input_explains_and_shows_nothing(world, client):
    log_in(client, world.make_user(Role.PRIVACY_OFFICER))
    response = client.get(
        reverse("privacy:audit_trail"),
        {"date_from": "2026-12-01", "date_to": "2026-01-01", "action": "<b>x</b>"},
    )
    assert response.status_code == 200
    assert "Fra-datoen må være før til-datoen." in response.content.decode()
    response = client.get(reverse("privacy:audit_trail"), {"date_from": "ikke en dato", "action": "x" * 500})
    assert response.status_code == 200
    assert "<b>x</b>" not in response.content.decode()


def test_the_count_stops_at_the_cap(world, client, monkeypatch):
    monkeypatch.setattr(views, "COUNTED_EVENTS", 3)
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    for _ in range(3):
        record_event(AccountAudit.UNIT_UPDATED, actor=officer, obj=world.unit, partnership=world.partnership)
    url = reverse("privacy:audit_trail")
    # The login made by log_in and the three updates match the unfiltered search: more than three.
    assert "Mer enn 3 hendelser, nyeste først." in client.get(url).content.decode()
    html = client.get(url, {"action": "unit.updated"}).content.decode()
    assert "3 hendelser, nyeste først." in html
    assert "Mer enn" not in html


def walk(client, url, params, *, direction="eldre"):
    """Every page from the first, following the links, as the officer would."""
    seen: list[int] = []
    pages, response = 0, client.get(url, params)
    while True:
        stretch = response.context["stretch"]
        seen.extend(event.pk for event in stretch.rows)
        pages += 1
        position = getattr(stretch, "older" if direction == "eldre" else "newer")
        if position is None:
            return seen, pages, stretch
        assert f"{direction}={position.token}" in response.content.decode()
        response = client.get(url, {**params, direction: position.token})


def test_paging_on_while_events_arrive_neither_repeats_nor_skips_a_row(world, client, monkeypatch):
    monkeypatch.setattr(views, "EVENTS_PER_PAGE", 2)
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    with time_machine.travel("2026-12-02T12:00:00+01:00", tick=False):
        # Five events in the same microsecond: the id orders them.
        for _ in range(5):
            record_event(
                AccountAudit.UNIT_UPDATED, actor=officer, obj=world.unit, partnership=world.partnership
            )
    url = reverse("privacy:audit_trail")
    # Each page read records a viewing, which lands at the head of the unfiltered list.
    seen, pages, _ = walk(client, url, {})
    assert len(seen) == len(set(seen))
    first_view = AuditEvent.objects.filter(action="audit.viewed").earliest("id")
    assert set(seen) == set(AuditEvent.objects.filter(id__lt=first_view.pk).values_list("pk", flat=True))
    assert pages == -(-len(seen) // 2)
    updates = list(
        AuditEvent.objects.filter(action="unit.updated").order_by("-id").values_list("pk", flat=True)
    )
    seen, _pages, last = walk(client, url, {"action": "unit.updated"})
    assert seen == updates
    # And back from the last page towards the newest.
    back = client.get(url, {"action": "unit.updated", "nyere": last.newer.token}).context["stretch"]
    assert [event.pk for event in back.rows] == updates[-3:-1]


@pytest.mark.parametrize(
    "token", ["", "nonsense", "1.2.3", "-5.1", "99999999999999999999.1", "1." + "9" * 30]
)
def test_an_unreadable_position_gives_the_newest_page(world, client, token):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    log_in(client, officer)
    response = client.get(reverse("privacy:audit_trail"), {"eldre": token, "nyere": token})
    assert response.status_code == 200
    assert response.context["stretch"].newer is None


@pytest.mark.parametrize("rows", [1, 1000])
def test_audit_page_keeps_a_constant_number_of_queries(world, client, django_assert_num_queries, rows):
    officer = world.make_user(Role.PRIVACY_OFFICER)
    concern = make_concern(world)
    assessment = make_assessment(world, concern)
    readers = [handler_for(world, world.municipality), world.make_user(Role.COORDINATOR)]
    log_in(client, officer)
    for number in range(rows):
        reader = readers[number % 2]
        obj = assessment if number % 3 else concern
        action = AssessmentAudit.VIEWED if number % 3 else ConcernAudit.VIEWED
        record_event(action, actor=reader, obj=obj, partnership=world.partnership, agency=world.municipality)
    # Session, user, device, roles, scope (2), the agencies to choose from, count, page, the cases and
    # assessments of the page, the actors' agencies, the write of the audit.viewed event, the session.
    with django_assert_num_queries(QUERY_BUDGET):
        html = client.get(reverse("privacy:audit_trail")).content.decode()
    assert f"Sak {concern.reference} (O.F.T.)" in html
