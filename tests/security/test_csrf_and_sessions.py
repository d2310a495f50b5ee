"""Attack probes, generated: a state-changing request without its CSRF token is refused on every page
of every app, by every role that may use the page; and logging in starts a new session."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, log_in
from varde.accounts.roles import Role
from varde.accounts.tests import test_permissions as accounts
from varde.actionplan.tests import test_permissions as actionplan
from varde.assessments.tests import test_permissions as assessments
from varde.concerns.tests import test_permissions as concerns
from varde.core.models import AuditEvent
from varde.meetings.tests import test_permissions as meetings
from varde.meetings.tests.factories import secretary_of
from varde.network.tests import test_network as network

APPS = [accounts, actionplan, assessments, concerns, meetings, network]
PAGES = [
    (app, name, min(app.EXPECTED[name]))
    for app in APPS
    for name in sorted(app.EXPECTED)
    if app.EXPECTED[name]
]


@pytest.mark.parametrize(("app", "name", "role"), PAGES, ids=[name for _app, name, _role in PAGES])
def test_a_post_without_its_csrf_token_is_refused_and_changes_nothing(app, name, role, world):
    url = app.url_for(name, world)
    browser = Client(enforce_csrf_checks=True)
    user = secretary_of(world) if role == Role.SECRETARY else world.make_user(role)
    log_in(browser, user)
    events = AuditEvent.objects.count()
    answer = browser.post(url, {"action": "create", "name": "x", "text": "x", "reason": "x"})
    assert answer.status_code == 403
    assert AuditEvent.objects.count() == events


def test_logging_in_starts_a_new_session(world, client):
    user = world.make_user(Role.EMPLOYEE)
    client.get(reverse("accounts:login"))
    session = client.session
    session["planted"] = "by an attacker"
    session.save()
    planted = session.session_key
    client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    # A session key someone planted before login is worth nothing after it.
    assert client.session.session_key != planted
