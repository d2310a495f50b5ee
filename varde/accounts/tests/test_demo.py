"""The demo is a promise: what the README says it shows is there after `varde demo`."""

from varde.accounts.demo import load_demo
from varde.assessments.models import Assessment
from varde.concerns.models import Concern
from varde.meetings.models import AgendaItem


def test_the_cases_the_readme_names_carry_their_assessments_and_agenda_points(db):
    partnership = load_demo()
    per = Concern.objects.about(partnership, "Per Prøvesen").get()
    assert per.assessments.filter(status="final").count() == 2  # "two structured assessments months apart"
    school = Concern.objects.about(partnership, "Ola Fiktiv Nordmann").get()
    assert school.assessments.exists()  # "the structured assessment of the school report"
    assert AgendaItem.objects.filter(concern=per).exists()  # the held meeting discussed Per's case
    assert AgendaItem.objects.filter(concern=school).exists()  # the next meeting's point
    assert Assessment.objects.count() >= 3


def test_the_closed_case_s_mentor_measure_is_concluded_and_the_mentor_cannot_open_it(db):
    from varde.accounts.models import User
    from varde.concerns.permissions import access_to

    partnership = load_demo()
    jon = Concern.objects.about(partnership, "Jon Diktsen").get()
    mentor = User.objects.get(username="mentor")
    assert jon.is_closed
    assert jon.measures.filter(responsible=mentor, status="completed").exists()
    assert access_to(mentor, jon) is None


def test_each_agency_has_its_own_admin_and_privacy_officer(db):
    from varde.accounts.models import User
    from varde.accounts.permissions import users_visible_to
    from varde.privacy.permissions import audit_events_visible_to

    load_demo()
    police_admin = User.objects.get(username="politiadmin")
    people = set(users_visible_to(police_admin).values_list("username", flat=True))
    assert {"politikontakt", "mangfoldskontakt", "politipersonvern"} <= people
    assert not people & {"koordinator", "admin", "personvernombud"}
    police_officer = User.objects.get(username="politipersonvern")
    municipal_views = audit_events_visible_to(police_officer).filter(
        action="concern.viewed", actor_id=str(User.objects.get(username="koordinator").pk)
    )
    police_agency = str(police_admin.memberships.get().agency_id)
    assert all(event.agency_id == police_agency for event in municipal_views)


def test_the_access_report_finds_per_proevesen_s_history(db):
    from varde.accounts.models import User
    from varde.privacy.access_report import cases_about

    load_demo()
    officer = User.objects.get(username="personvernombud")
    reports = cases_about(officer, "Per Prøvesen", None)
    assert reports
    assert any(report.lines for report in reports)
    assert any(report.concern.disclosures.all() for report in reports)


def test_the_demo_has_one_open_request_from_a_person(db):
    from varde.privacy.models import SubjectRequest

    load_demo()
    load_demo()
    assert SubjectRequest.objects.open().count() == 1


def test_the_meetings_the_readme_describes_are_there(db):
    from varde.meetings.models import Meeting, Participant, Task

    partnership = load_demo()
    held = Meeting.objects.filter(partnership=partnership, kind="contact", status="held")
    assert held.filter(minutes__status="approved", quorum_met=True).exists()  # approved minutes, quorum
    assert Task.objects.filter(item__meeting__in=held).exists()  # with next steps
    series = Meeting.objects.filter(partnership=partnership, kind="contact").exclude(series=None)
    assert series.values("series").distinct().count() == 1
    assert series.filter(status="planned", items__isnull=False).exists()  # the next, with an agenda
    network = Meeting.objects.filter(partnership=partnership).exclude(kind="contact")
    assert Participant.objects.filter(meeting__in=network, user__isnull=True).exists()  # with a guest


def test_the_plan_the_network_the_events_and_the_public_pages_are_there(db):
    from varde.actionplan.models import Obligation, PlanMeasure, SessionRequest, Training
    from varde.concerns.models import ConcernSettings
    from varde.information.models import Event, PageVersion, RiskNote
    from varde.network.models import Organisation

    partnership = load_demo()
    assert PlanMeasure.objects.filter(plan__partnership=partnership).count() == 17
    assert Obligation.objects.filter(plan__partnership=partnership).exists()
    assert Training.objects.filter(partnership=partnership).exists()
    assert SessionRequest.objects.filter(partnership=partnership).exists()
    assert Organisation.objects.filter(partnership=partnership).exists()
    assert Event.objects.filter(partnership=partnership).exists()
    assert RiskNote.objects.filter(event__partnership=partnership).exists()
    published = PageVersion.objects.filter(page__partnership=partnership, status="published")
    assert set(published.values_list("page__language", flat=True)) == {"nb", "en"}
    assert partnership.slug == "fredrikstad-demo"
    assert ConcernSettings.of(partnership).hotline_phone == "69 00 00 00"


def test_purge_dry_run_lists_one_unfounded_concern_due_for_erasure(db):
    from django.utils import timezone

    from varde.concerns.actions.retention import due_steps

    partnership = load_demo()
    steps = due_steps(timezone.localdate(), partnership_ids=[partnership.pk])
    erased = [step for step in steps if step.action == "erased"]
    assert len(erased) == 1


def test_the_police_find_an_open_acute_case_first(db, client):
    from django.urls import reverse

    from conftest import log_in
    from varde.accounts.models import User

    partnership = load_demo()
    acute = Concern.objects.filter(partnership=partnership, is_acute=True).exclude(status="closed").get()
    log_in(client, User.objects.get(username="politikontakt"))
    html = client.get(reverse("concerns:list")).content.decode()
    assert acute.reference in html[html.index("Akutte saker") : html.index('id="case-results"')]
