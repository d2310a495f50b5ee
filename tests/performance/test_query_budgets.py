"""The list and detail pages ask the database the same number of questions with one row as with a
thousand (issue 12). Each page is opened as the role that uses it with one row of what it shows, then
that row is copied in bulk to a thousand, and the page is opened again: the counts must be equal."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from functools import partial
from typing import Any

import pytest
import time_machine
from django.db import connection, models
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import World, log_in, present
from varde.accounts.audit_actions import AccountAudit
from varde.accounts.models import Membership, Unit, User
from varde.accounts.roles import Role
from varde.actionplan.models import (
    ActionPlan,
    Activity,
    Obligation,
    PlanMeasure,
    SessionRequest,
    Training,
    TrainingKind,
)
from varde.actionplan.tests.factories import make_plan, obligation, plan_manager
from varde.api.models import AccessToken, Scope
from varde.api.tokens import create_token
from varde.assessments.models import Assessment, ConcernLevel
from varde.assessments.tests.factories import instrument, make_assessment
from varde.concerns.categorical import MeasureType, StatisticsFact
from varde.concerns.models import Concern, ConcernEvent, Consent, Disclosure, LegalBasis, Measure
from varde.concerns.tests.factories import (
    handler_for,
    make_concern,
    make_consent,
    make_disclosure,
    make_measure,
)
from varde.core.audit import record_event
from varde.information import actions as information
from varde.information.models import Event, EventTask, PageVersion, RiskNote, VersionStatus
from varde.information.tests.test_events import make_event
from varde.information.tests.test_information import editor, page
from varde.meetings.actions import create_calendar_feed, record_attendance
from varde.meetings.models import AgendaItem, Meeting, Participant
from varde.meetings.tests.factories import make_meeting, secretary_of
from varde.meetings.tests.test_agenda import prepare
from varde.network.models import ContactLog, ContactPerson, Organisation, OrganisationKind
from varde.statistics.models import (
    Arena,
    HateIncident,
    IncidentKind,
    OnlineObservation,
    Platform,
    TargetGroup,
)

ROWS = 1_000


def copies(row: models.Model, count: int, **vary: Callable[[int], Any]) -> None:
    """`count` copies of a saved row written in one go; `vary` gives the fields that must differ."""
    model = type(row)
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    batch = []
    for index in range(count):
        copy = model(**{f.attname: getattr(row, f.attname) for f in fields})
        for name, value in vary.items():
            setattr(copy, name, value(index))
        batch.append(copy)
    model._default_manager.bulk_create(batch, batch_size=250)


@dataclass(frozen=True)
class Page:
    """A page, who opens it, how to make its first row, and how to grow that row to a thousand."""

    name: str
    viewer: Callable[[World], User]
    first_row: Callable[[World], Any]
    url: Callable[[Any], str]
    grow: Callable[[World, Any], None]


def _case_list_grow(world: World, concern: Concern) -> None:
    copies(concern, ROWS - 1, reference=lambda i: f"Q-{i:05d}")


def _case_page_grow(world: World, concern: Concern) -> None:
    copies(Measure.objects.filter(concern=concern)[0], ROWS - 1)
    copies(Disclosure.objects.filter(concern=concern)[0], ROWS - 1)
    copies(ConcernEvent.objects.filter(concern=concern)[0], ROWS - 1)


def _case_with_measure_and_disclosure(world: World) -> Concern:
    concern = make_concern(world)
    make_measure(world, concern)
    make_disclosure(world, concern)
    return concern


def _meeting_grow(world: World, meeting: Meeting) -> None:
    copies(
        meeting,
        ROWS - 1,
        starts_at=lambda i: meeting.starts_at + timedelta(days=i + 1),
        ends_at=lambda i: meeting.ends_at + timedelta(days=i + 1),
    )


def _participants_grow(world: World, meeting: Meeting) -> None:
    guest = Participant(meeting=meeting, guest_name="Gjest", guest_organisation="Organisasjon")
    guest.save()
    copies(guest, ROWS - 1, guest_name=lambda i: f"Gjest {i}")


def _training(world: World) -> Training:
    make_plan(world)
    return Training.objects.create(
        partnership=world.partnership,
        kind="awareness",
        held_on=timezone.localdate(),
        participants=20,
        given_by="SLT",
        audience="Foreldremøte",
    )


def _fact(world: World) -> StatisticsFact:
    return StatisticsFact.objects.create(
        partnership=world.partnership,
        agency=world.municipality,
        kind=StatisticsFact.Kind.CONCERN,
        occurred_on=timezone.localdate(),
        channel="hotline",
        reporter_category="relative",
        phenomenon="right_wing",
        age_band="13-17",
    )


def _audit_events(world: World, officer: User, count: int) -> None:
    for _ in range(count):
        record_event(AccountAudit.UNIT_UPDATED, actor=officer, obj=world.unit, partnership=world.partnership)


def _user_grow(world: World, user: User) -> None:
    copies(user, ROWS - 1, username=lambda i: f"kopi-{i:05d}", email=lambda i: f"kopi-{i}@example.invalid")
    membership = Membership.objects.filter(user=user)[0]
    users = User.objects.filter(username__startswith="kopi-").order_by("username")
    Membership.objects.bulk_create(
        [Membership(user=u, agency=membership.agency, role=membership.role) for u in users]
    )


def _organisation(world: World) -> Organisation:
    return Organisation.objects.create(partnership=world.partnership, name="Organisasjon 0")


def _incident(world: World) -> HateIncident:
    return HateIncident.objects.create(
        partnership=world.partnership,
        agency=world.municipality,
        occurred_on=timezone.localdate(),
        kind=IncidentKind.HATE_SPEECH,
        arena=Arena.DIGITAL,
        target_group=TargetGroup.RELIGION,
    )


def _request(world: World) -> SessionRequest:
    make_plan(world)
    return SessionRequest.objects.create(
        partnership=world.partnership,
        kind=TrainingKind.AWARENESS,
        organisation="Idrettslaget",
        received_on=timezone.localdate(),
    )


def _reported_by_an_employee(world: World) -> Concern:
    return make_concern(world, reported_by=world.make_user(Role.EMPLOYEE))


def _reporter(world: World) -> User:
    return User.objects.filter(reported_concerns__isnull=False).distinct().get()


def _legal_basis(world: World) -> LegalBasis:
    return LegalBasis.objects.filter(partnership=world.partnership)[0]


def _privacy_officer(world: World) -> User:
    return User.objects.filter(memberships__role=Role.PRIVACY_OFFICER).first() or world.make_user(
        Role.PRIVACY_OFFICER
    )


def _coordinator(world: World) -> User:
    return handler_for(world, world.municipality)


def _observation(world: World) -> OnlineObservation:
    return OnlineObservation.objects.create(
        partnership=world.partnership,
        agency=world.municipality,
        observed_on=timezone.localdate(),
        platform=Platform.SOCIAL_MEDIA,
        phenomenon="right_wing",
    )


def _assessed_case(world: World) -> Concern:
    concern = make_concern(world)
    make_assessment(world, concern)
    return concern


def _assessments_grow(world: World, concern: Concern) -> None:
    first = Assessment.objects.filter(concern=concern)[0]
    copies(first, ROWS - 1, assessed_on=lambda i: first.assessed_on - timedelta(days=i + 1))


def _resource_person(world: World) -> Membership:
    return Membership.objects.get(user=world.make_user(Role.RESOURCE_PERSON))


def _resource_people_grow(world: World, membership: Membership) -> None:
    copies(present(membership.unit), ROWS - 1, name=lambda i: f"Enhet {i:05d}", first_line=lambda i: True)
    copies(
        membership.user,
        ROWS - 1,
        username=lambda i: f"ressurs-{i:05d}",
        email=lambda i: f"r{i}@example.invalid",
    )
    people = User.objects.filter(username__startswith="ressurs-").order_by("username")
    units = Unit.objects.filter(name__startswith="Enhet ").order_by("name")
    Membership.objects.bulk_create(
        [
            Membership(user=person, agency=membership.agency, role=Role.RESOURCE_PERSON, unit=unit)
            for person, unit in zip(people, units, strict=True)
        ]
    )


def _meeting_with_a_case(world: World) -> Meeting:
    meeting = make_meeting(world, days=3)
    prepare(world, meeting, make_concern(world))
    return meeting


def _held_meeting_with_a_case(world: World) -> Meeting:
    meeting = make_meeting(world, days=-1)
    prepare(world, meeting, make_concern(world))
    secretary = secretary_of(world)
    record_attendance(secretary, meeting, present=[], no_quorum_reason="Få kom.")
    return meeting


def _agenda_grow(world: World, meeting: Meeting) -> None:
    """A thousand points, each about a case of its own (a case is on an agenda once)."""
    item = AgendaItem.objects.get(meeting=meeting)
    copies(present(item.concern), ROWS - 1, reference=lambda i: f"A-{i:05d}")
    cases = list(
        Concern.objects.filter(reference__startswith="A-").order_by("reference").values_list("pk", flat=True)
    )
    copies(item, ROWS - 1, concern_id=lambda i: cases[i], position=lambda i: i + 2)


def _police_contact(world: World) -> User:
    return handler_for(world, world.police)


def _event_with_a_task_and_a_risk_note(world: World) -> Event:
    event: Event = make_event(world)
    police = _police_contact(world)
    EventTask.objects.create(
        event=event,
        agency=world.police,
        description="Vakthold",
        owner=police,
        deadline=timezone.localdate() + timedelta(days=1),
    )
    RiskNote.objects.create(event=event, text="Lav risiko.", author=police)
    return event


def _event_grow(world: World, event: Event) -> None:
    copies(EventTask.objects.get(event=event), ROWS - 1, description=lambda i: f"Oppgave {i}")
    copies(RiskNote.objects.get(event=event), ROWS - 1)


def _organisation_with_a_contact_and_a_log_line(world: World) -> Organisation:
    organisation = _organisation(world)
    ContactPerson.objects.create(organisation=organisation, name="Kontakt 0", role="Leder")
    ContactLog.objects.create(
        organisation=organisation,
        occurred_on=timezone.localdate(),
        text="Møte om samarbeid.",
        recorded_by=plan_manager(world),
    )
    return organisation


def _organisation_grow(world: World, organisation: Organisation) -> None:
    copies(ContactPerson.objects.get(organisation=organisation), ROWS - 1, name=lambda i: f"Kontakt {i + 1}")
    copies(ContactLog.objects.get(organisation=organisation), ROWS - 1)


def _plan_measure_with_an_activity(world: World) -> PlanMeasure:
    make_plan(world)
    measure = PlanMeasure.objects.filter(plan__partnership=world.partnership).order_by("number")[0]
    Activity.objects.create(
        measure=measure, occurred_on=timezone.localdate(), text="Kurs holdt.", recorded_by=plan_manager(world)
    )
    return measure


def _plan_measure_grow(world: World, measure: PlanMeasure) -> None:
    copies(Activity.objects.get(measure=measure), ROWS - 1, text=lambda i: f"Aktivitet {i}")


def _first_line_unit(world: World) -> Unit:
    make_plan(world, obligations=obligation("training", "first_line_every_months", 24, "training"))
    Unit.objects.filter(pk=world.unit.pk).update(first_line=True)
    return Unit.objects.get(pk=world.unit.pk)


def _training_obligation_with_a_training(world: World) -> Obligation:
    unit = _first_line_unit(world)
    training = Training.objects.create(
        partnership=world.partnership,
        kind="competence",
        held_on=timezone.localdate(),
        participants=20,
        given_by="SLT",
    )
    training.units.add(unit)
    return Obligation.objects.get(plan__partnership=world.partnership, code="training")


def _trainings_grow(world: World, obligation: Obligation) -> None:
    first = Training.objects.get(partnership=world.partnership)
    copies(first, ROWS - 1, held_on=lambda i: first.held_on - timedelta(days=i + 1))


def _preparedness_officer(world: World) -> Organisation:
    officer = Organisation.objects.create(
        partnership=world.partnership, name="Beredskap 0", kind=OrganisationKind.PREPAREDNESS
    )
    ContactPerson.objects.create(organisation=officer, name="Kontakt 0", role="Beredskapsleder")
    return officer


def _preparedness_grow(world: World, officer: Organisation) -> None:
    copies(officer, ROWS - 1, name=lambda i: f"Beredskap {i + 1:05d}")
    others = Organisation.objects.filter(name__startswith="Beredskap ").exclude(pk=officer.pk)
    ContactPerson.objects.bulk_create(
        [ContactPerson(organisation=other, name="Kontakt", role="Beredskapsleder") for other in others]
    )


def _own_token(world: World) -> AccessToken:
    coordinator = _coordinator(world)
    token, _ = create_token(coordinator, user=coordinator, name="Rapport", scopes=[Scope.READ])
    return token


def _published_page(world: World) -> PageVersion:
    information.save_draft(editor(world), page(world), title="Tegn", body="Første utgave.")
    return information.publish(editor(world), page(world))


def _superseded_versions_grow(world: World, version: PageVersion) -> None:
    """A thousand superseded versions of the page: the edits of years gone by."""
    copies(
        version, ROWS - 1, number=lambda i: version.number + i + 1, status=lambda i: VersionStatus.SUPERSEDED
    )


def _consent_grow(world: World, concern: Concern) -> None:
    """A thousand consents, each for the same two agencies and measure type as the first."""
    first = Consent.objects.get(concern=concern)
    copies(first, ROWS - 1, purposes=lambda i: f"Oppfølging {i}")
    for consent in Consent.objects.filter(concern=concern).exclude(pk=first.pk):
        consent.agencies.set(first.agencies.all())
        consent.measure_types.set(first.measure_types.all())


def _case_with_consent(world: World) -> Concern:
    concern = make_concern(world)
    make_consent(world, concern)
    return concern


def _legal_bases_grow(world: World, basis: LegalBasis) -> None:
    copies(basis, ROWS - 1, code=lambda i: f"grunnlag-{i:05d}")


def _plan_with_every_kind_of_obligation(world: World) -> ActionPlan:
    return make_plan(
        world,
        measures=1,
        obligations=obligation("contact", "every_months", 1, "meeting:contact")
        + obligation("web", "every_months", 6, "activity", measure=1)
        + obligation("training", "first_line_every_months", 24, "training")
        + obligation("revision", "revise_within_years", 3, "plan_version"),
    )


def _plan_grow(world: World, plan: ActionPlan) -> None:
    """A thousand measures, and a thousand more obligations of each kind."""
    copies(plan.measures.get(), ROWS - 1, number=lambda i: i + 2)
    for first in plan.obligations.all():
        copies(first, ROWS - 1, code=partial("{}-{:05d}".format, first.code))


@dataclass(frozen=True)
class _Feed:
    meeting: Meeting
    token: str


def _meeting_in_a_feed(world: World) -> _Feed:
    meeting = make_meeting(world)
    return _Feed(meeting, create_calendar_feed(secretary_of(world)))


def _feed_grow(world: World, feed: _Feed) -> None:
    """A thousand meetings, each with the feed's owner invited."""
    _meeting_grow(world, feed.meeting)
    owner = secretary_of(world)
    later = Meeting.objects.exclude(pk=feed.meeting.pk)
    invited = Participant.objects.get(meeting=feed.meeting, user=owner)
    Participant.objects.bulk_create(
        [Participant(meeting=meeting, user=owner, agency=invited.agency) for meeting in later]
    )


def _members_grow(world: World, _row: Any) -> None:
    """A thousand more members of the partnership, each a possible participant."""
    _user_grow(world, world.make_user(Role.EMPLOYEE))


def _api(path: str) -> Callable[[Any], str]:
    return lambda row: path.format(row=row) + "?limit=50"


def _case_page(name: str, viewer: Callable[[World], User]) -> Page:
    """The case page with a thousand measures, disclosures and timeline lines, as viewer sees it."""
    return Page(
        name,
        viewer,
        _case_with_measure_and_disclosure,
        lambda concern: reverse("concerns:detail", args=[concern.pk]),
        _case_page_grow,
    )


PAGES = [
    Page("case list", _coordinator, make_concern, lambda _: reverse("concerns:list"), _case_list_grow),
    Page("API case list", _coordinator, make_concern, lambda _: "/api/v1/concerns?limit=50", _case_list_grow),
    _case_page("case page", _coordinator),
    Page(
        "meeting list",
        secretary_of,
        make_meeting,
        lambda _: reverse("meetings:list"),
        _meeting_grow,
    ),
    Page(
        "meeting page",
        secretary_of,
        make_meeting,
        lambda meeting: reverse("meetings:detail", args=[meeting.pk]),
        _participants_grow,
    ),
    Page(
        "trainings",
        lambda world: world.make_user(Role.PLAN_MANAGER),
        _training,
        lambda _: reverse("actionplan:trainings"),
        lambda world, training: copies(training, ROWS - 1),
    ),
    Page(
        "plan dashboard",
        lambda world: world.make_user(Role.PLAN_MANAGER),
        _training,
        lambda _: reverse("actionplan:dashboard"),
        lambda world, training: copies(training, ROWS - 1),
    ),
    Page(
        "situation picture",
        lambda world: world.make_user(Role.VIEWER),
        _fact,
        lambda _: reverse("statistics:situation"),
        lambda world, fact: copies(
            fact, ROWS - 1, occurred_on=lambda i: fact.occurred_on - timedelta(days=i)
        ),
    ),
    Page(
        "audit trail",
        _privacy_officer,
        lambda world: _audit_events(world, _privacy_officer(world), 1),
        lambda _: reverse("privacy:audit_trail"),
        lambda world, _: _audit_events(world, _privacy_officer(world), ROWS - 1),
    ),
    Page(
        "user list",
        lambda world: world.make_user(Role.ADMIN),
        lambda world: world.make_user(Role.EMPLOYEE),
        lambda _: reverse("accounts:user_list"),
        _user_grow,
    ),
    Page(
        "unit list",
        lambda world: world.make_user(Role.ADMIN),
        lambda world: world.unit,
        lambda _: reverse("accounts:unit_list"),
        lambda world, unit: copies(unit, ROWS - 1, name=lambda i: f"Enhet {i:05d}"),
    ),
    Page(
        "events",
        _coordinator,
        make_event,
        lambda _: reverse("information:events"),
        lambda world, event: copies(event, ROWS - 1, title=lambda i: f"Markering {i}"),
    ),
    Page(
        "hate incidents",
        _coordinator,
        _incident,
        lambda _: reverse("statistics:incidents"),
        lambda world, incident: copies(incident, ROWS - 1),
    ),
    Page(
        "session requests",
        lambda world: world.make_user(Role.PLAN_MANAGER),
        _request,
        lambda _: reverse("actionplan:requests"),
        lambda world, request: copies(request, ROWS - 1, organisation=lambda i: f"Forening {i}"),
    ),
    Page(
        "my reports",
        _reporter,
        _reported_by_an_employee,
        lambda _: reverse("concerns:my_reports"),
        lambda world, concern: copies(concern, ROWS - 1, reference=lambda i: f"M-{i:05d}"),
    ),
    Page(
        "legal bases",
        lambda world: world.make_user(Role.ADMIN),
        _legal_basis,
        lambda _: reverse("concerns:legal_basis_list"),
        lambda world, basis: copies(basis, ROWS - 1, code=lambda i: f"kopi-{i}"),
    ),
    Page(
        "online observations",
        _coordinator,
        _observation,
        lambda _: reverse("statistics:observations"),
        lambda world, observation: copies(observation, ROWS - 1),
    ),
    Page(
        "assessment trajectory",
        _coordinator,
        _assessed_case,
        lambda concern: reverse("assessments:trajectory", args=[concern.pk]),
        _assessments_grow,
    ),
    Page(
        "resource persons",
        lambda world: world.make_user(Role.PLAN_MANAGER),
        _resource_person,
        lambda _: reverse("network:resource_persons"),
        _resource_people_grow,
    ),
    Page(
        "API measures",
        _coordinator,
        _case_with_measure_and_disclosure,
        _api("/api/v1/concerns/{row.pk}/measures"),
        _case_page_grow,
    ),
    Page(
        "API disclosures",
        _coordinator,
        _case_with_measure_and_disclosure,
        _api("/api/v1/concerns/{row.pk}/disclosures"),
        _case_page_grow,
    ),
    Page(
        "API assessments",
        _coordinator,
        _assessed_case,
        _api("/api/v1/concerns/{row.pk}/assessments"),
        _assessments_grow,
    ),
    Page("API meetings", secretary_of, make_meeting, _api("/api/v1/meetings"), _meeting_grow),
    Page(
        "API trainings",
        lambda world: world.make_user(Role.PLAN_MANAGER),
        _training,
        _api("/api/v1/trainings"),
        lambda world, training: copies(training, ROWS - 1),
    ),
    Page(
        "API audit events",
        _privacy_officer,
        lambda world: _audit_events(world, _privacy_officer(world), 1),
        _api("/api/v1/audit-events"),
        lambda world, _: _audit_events(world, _privacy_officer(world), ROWS - 1),
    ),
    Page(
        "organisations",
        lambda world: world.make_user(Role.PLAN_MANAGER),
        _organisation,
        lambda _: reverse("network:organisations"),
        lambda world, org: copies(org, ROWS - 1, name=lambda i: f"Organisasjon {i + 1:05d}"),
    ),
    Page("home page", _coordinator, make_concern, lambda _: reverse("accounts:home"), _case_list_grow),
    Page(
        "meeting agenda",
        secretary_of,
        _meeting_with_a_case,
        lambda meeting: reverse("meetings:agenda", args=[meeting.pk]),
        _agenda_grow,
    ),
    Page(
        "meeting minutes",
        secretary_of,
        _held_meeting_with_a_case,
        lambda meeting: reverse("meetings:minutes", args=[meeting.pk]),
        _agenda_grow,
    ),
    Page(
        "event page",
        _police_contact,
        _event_with_a_task_and_a_risk_note,
        lambda event: reverse("information:event", args=[event.pk]),
        _event_grow,
    ),
    Page(
        "organisation page",
        plan_manager,
        _organisation_with_a_contact_and_a_log_line,
        lambda organisation: reverse("network:organisation", args=[organisation.pk]),
        _organisation_grow,
    ),
    Page(
        "plan measure page",
        plan_manager,
        _plan_measure_with_an_activity,
        lambda measure: reverse("actionplan:measure", args=[measure.pk]),
        _plan_measure_grow,
    ),
    Page(
        "training coverage",
        plan_manager,
        _first_line_unit,
        lambda _: reverse("actionplan:coverage"),
        lambda world, unit: copies(unit, ROWS - 1, name=lambda i: f"Enhet {i:05d}"),
    ),
    Page(
        "obligation page",
        plan_manager,
        _training_obligation_with_a_training,
        lambda obligation: reverse("actionplan:obligation", args=[obligation.pk]),
        _trainings_grow,
    ),
    Page(
        "plan report",
        plan_manager,
        _training_obligation_with_a_training,
        lambda _: reverse("actionplan:report") + f"?start=2020-01-01&end={timezone.localdate()}",
        _trainings_grow,
    ),
    Page(
        "employee page",
        lambda world: world.make_user(Role.EMPLOYEE),
        _coordinator,
        lambda _: reverse("information:employee"),
        _user_grow,
    ),
    Page(
        "preparedness",
        plan_manager,
        _preparedness_officer,
        lambda _: reverse("network:preparedness"),
        _preparedness_grow,
    ),
    Page(
        "measure types",
        lambda world: world.make_user(Role.ADMIN),
        lambda world: MeasureType.objects.filter(partnership=world.partnership).first(),
        lambda _: reverse("concerns:measure_type_list"),
        lambda world, kind: copies(kind, ROWS - 1, code=lambda i: f"kopi-{i}"),
    ),
    Page(
        "concern levels",
        lambda world: world.make_user(Role.ADMIN),
        lambda world: ConcernLevel.objects.filter(partnership=world.partnership).first(),
        lambda _: reverse("assessments:level_scale"),
        lambda world, level: copies(level, ROWS - 1, code=lambda i: f"kopi-{i}", order=lambda i: i + 100),
    ),
    Page(
        "instruments",
        lambda world: world.make_user(Role.ADMIN),
        instrument,
        lambda _: reverse("assessments:instrument_list"),
        lambda world, loaded: copies(loaded, ROWS - 1, version=lambda i: loaded.version + i + 1),
    ),
    Page(
        "API tokens",
        _coordinator,
        _own_token,
        lambda _: reverse("api:tokens"),
        lambda world, token: copies(token, ROWS - 1, secret_hash=lambda i: f"{i:064d}"),
    ),
    Page(
        "information pages",
        editor,
        _published_page,
        lambda _: reverse("information:editor_list"),
        _superseded_versions_grow,
    ),
    _case_page("case page, shared with the police", _police_contact),
    Page(
        "API case, shared with the police",
        _police_contact,
        _case_with_measure_and_disclosure,
        lambda row: f"/api/v1/concerns/{row.pk}",
        _case_page_grow,
    ),
    Page(
        "API consents",
        _coordinator,
        _case_with_consent,
        lambda row: f"/api/v1/concerns/{row.pk}/consents",
        _consent_grow,
    ),
    Page(
        "API meeting",
        secretary_of,
        _meeting_with_a_case,
        lambda row: f"/api/v1/meetings/{row.pk}",
        _agenda_grow,
    ),
    Page("API plan", plan_manager, _plan_with_every_kind_of_obligation, lambda _: "/api/v1/plan", _plan_grow),
    Page(
        "plan export",
        plan_manager,
        _plan_with_every_kind_of_obligation,
        lambda _: reverse("actionplan:export"),
        _plan_grow,
    ),
    Page("API legal bases", _coordinator, _legal_basis, lambda _: "/api/v1/legal-bases", _legal_bases_grow),
    Page(
        "calendar feed",
        secretary_of,
        _meeting_in_a_feed,
        lambda feed: reverse("meetings:feed", args=[feed.token]),
        _feed_grow,
    ),
    Page(
        "schedule a meeting",
        secretary_of,
        make_meeting,
        lambda _: reverse("meetings:schedule"),
        _members_grow,
    ),
    Page(
        "invite to a meeting",
        secretary_of,
        make_meeting,
        lambda meeting: reverse("meetings:invite", args=[meeting.pk]),
        _members_grow,
    ),
]


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_a_page_asks_as_many_questions_for_a_thousand_rows_as_for_one(page, world, client):
    # The clock stands still: a session in use is saved once a minute (IdleTimeoutMiddleware), and on a
    # busy machine growing a thousand rows can take longer, which would count that save as the page's.
    with time_machine.travel(timezone.now(), tick=False):
        row = page.first_row(world)
        log_in(client, page.viewer(world))
        url = page.url(row)
        _queries(client, url)  # the first visit may fill caches (the session, the translations)
        with_one = _queries(client, url)
        page.grow(world, row)
        assert _queries(client, url) == with_one, f"{page.name}: the number of queries grows with the rows"


def test_the_grown_rows_are_on_the_page(world, client):
    concern = _case_with_measure_and_disclosure(world)
    _case_page_grow(world, concern)
    log_in(client, _coordinator(world))
    page = client.get(reverse("concerns:detail", args=[concern.pk])).content.decode()
    assert Measure.objects.filter(concern=concern).count() == ROWS
    assert page.count("<tr") > 2 * ROWS  # the measures and the disclosures, each a table row
    _case_list_grow(world, concern)
    assert Concern.objects.count() == ROWS
