"""The coordinator finds earlier advice calls by date, phenomenon, caller and the words of the advice;
only their own agency's, and never anyone else's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import log_in
from varde.accounts.roles import Role
from varde.concerns.actions import intake
from varde.concerns.tests.factories import handler_for
from varde.core.models import AuditEvent


def advice(world, agency, *, phenomenon="right_wing", category="relative", text="Ring skolen."):
    return intake.log_advice_session(
        handler_for(world, agency),
        agency=agency,
        channel="hotline",
        reporter_category=category,
        phenomenon=phenomenon,
        advice_given=text,
        held_on=timezone.localdate(),
    )


@pytest.fixture
def sessions(world, other_world):
    return {
        "school": advice(world, world.municipality, text="Rådet foreldrene å snakke med skolen."),
        "hate": advice(
            world, world.municipality, phenomenon="hate_crime", category="employee", text="Anmeld."
        ),
        "police": advice(world, world.police, text="Politiets eget råd."),
        "elsewhere": advice(other_world, other_world.municipality, text="Rådet foreldrene i en annen by."),
    }


def shown(client, **filters):
    page = client.get(reverse("concerns:advice_list"), filters)
    assert page.status_code == 200
    return {session.pk for session in page.context["page"]}


def test_the_coordinator_finds_the_agency_s_advice_by_each_filter(world, client, sessions):
    log_in(client, world.make_user(Role.COORDINATOR))
    own = {sessions["school"].pk, sessions["hate"].pk}
    assert shown(client) == own
    assert shown(client, phenomenon="hate_crime") == {sessions["hate"].pk}
    assert shown(client, reporter_category="relative") == {sessions["school"].pk}
    assert shown(client, text="FORELDRENE skolen") == {sessions["school"].pk}
    assert shown(client, text="foreldrene", date_to="2000-01-01") == set()
    assert AuditEvent.objects.filter(action="advice_session.list_viewed").exists()


def test_the_police_see_their_own_advice_only(world, client, sessions):
    log_in(client, world.make_user(Role.POLICE_CONTACT))
    assert shown(client) == {sessions["police"].pk}


def test_bad_dates_explain_and_show_nothing(world, client, sessions):
    log_in(client, world.make_user(Role.COORDINATOR))
    page = client.get(reverse("concerns:advice_list"), {"date_from": "2026-12-07", "date_to": "2026-12-01"})
    assert "Fra-datoen må være før til-datoen." in page.content.decode()
    assert list(page.context["page"]) == []
    page = client.get(reverse("concerns:advice_list"), {"date_from": "i går", "text": "x" * 500})
    assert page.status_code == 200
    assert list(page.context["page"]) == []
