"""Demo meetings: a monthly contact-meeting series with one held meeting, and a resource-person
network meeting with a guest. Made through the actions; loaded once."""

from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from varde.accounts.models import Partnership, User
from varde.accounts.roles import AgencyKind
from varde.assessments.models import ConcernLevel
from varde.concerns.models import Concern, LegalBasis

from . import actions
from .actions import Guest, NextStep, Repeat, Schedule
from .models import AgendaItem, ItemKind, Meeting, MeetingKind


def _at(day_offset: int, hour: int) -> datetime:
    day = timezone.localdate() + timedelta(days=day_offset)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@transaction.atomic
def load_demo_meetings(partnership: Partnership) -> None:
    if Meeting.objects.filter(partnership=partnership).exists():
        return
    people = {user.username: user for user in User.objects.filter(is_demo=True)}
    secretary = people["sekretaer"]
    handlers = [people[name] for name in ("koordinator", "koordinator2", "politikontakt", "mangfoldskontakt")]
    contact = actions.schedule_meetings(
        secretary,
        partnership,
        schedule=Schedule(
            kind=MeetingKind.CONTACT,
            starts_at=_at(-28, 9),
            ends_at=_at(-28, 11),
            location="Rådhuset, møterom 3",
            repeat=Repeat.MONTHLY,
            occurrences=4,
            invitees=handlers,
        ),
    )
    held = contact[0]
    per = Concern.objects.about(partnership, "Per Prøvesen").first()
    point = None
    if per is not None:
        point = actions.prepare_case_item(
            people["koordinator"],
            held,
            concern=per,
            kind=ItemKind.CASE,
            summary="Gutt (17) som har trukket seg fra venner og ser på voldsforherligende videoer. "
            "Familien samtykker i oppfølging. Kommunen ber om politiets vurdering. (Fiktivt demoeksempel.)",
            legal_basis=LegalBasis.objects.current().get(partnership=partnership, code="consent"),
        )
    actions.record_attendance(secretary, held, present=list(held.participants.all()))
    if point is not None:
        _demo_minutes(partnership, held, point, people)
    _demo_agenda(partnership, contact[1], people)
    network = actions.schedule_meetings(
        people["planleder"],
        partnership,
        schedule=Schedule(
            kind=MeetingKind.RESOURCE_NETWORK,
            title="Ressurspersonnettverket, høstsamling",
            starts_at=_at(-60, 13),
            ends_at=_at(-60, 15),
            location="Kulturhuset",
            invitees=[people["ressursperson"], people["koordinator"]],
            guests=[Guest("Frida Fiktiv", "Fredrikstad fotballklubb (demo)")],
        ),
    )[0]
    actions.record_attendance(people["planleder"], network, present=list(network.participants.all()))


def _demo_agenda(partnership: Partnership, meeting: Meeting, people: dict[str, User]) -> None:
    """The next contact meeting's agenda: one point from each agency and one from the secretary."""
    school = Concern.objects.about(partnership, "Ola Fiktiv Nordmann").first()
    if school is not None:
        actions.prepare_case_item(
            people["koordinator"],
            meeting,
            concern=school,
            kind=ItemKind.CASE,
            summary="Elev (15) har delt nazistiske symboler i klassechatten. Skolen ber om en felles "
            "vurdering av om dette er provokasjon eller overbevisning. (Fiktivt demoeksempel.)",
            legal_basis=LegalBasis.objects.current().get(partnership=partnership, code="initial-discussion"),
        )
    threat = Concern.objects.filter(
        partnership=partnership, owning_agency__kind=AgencyKind.POLICE, is_named=False
    ).first()
    if threat is not None:
        actions.prepare_case_item(
            people["politikontakt"],
            meeting,
            concern=threat,
            kind=ItemKind.CASE,
            summary="Trusler mot en lokalpolitiker etter et bystyremøte. Politiet ønsker å drøfte "
            "sikkerhetstiltak rundt folkevalgte. (Fiktivt demoeksempel.)",
            legal_basis=LegalBasis.objects.current().get(
                partnership=partnership, code="police-recipient-interest"
            ),
        )
    actions.add_other_item(people["sekretaer"], meeting, title="Kommende markeringer i sentrum")


def _demo_minutes(
    partnership: Partnership, meeting: Meeting, point: AgendaItem, people: dict[str, User]
) -> None:
    """Minutes for the held meeting: shared record, a police note, a task, approved by both agencies."""
    actions.write_item_minutes(
        people["sekretaer"],
        point,
        discussion="Politiet kjenner ikke til personen fra før. Begge parter ser en positiv utvikling etter "
        "at mentoren kom inn. (Fiktivt demoeksempel.)",
        decisions="Mentorordningen fortsetter. Saken tas opp igjen om tre måneder.",
        agreed_level=ConcernLevel.objects.get(partnership=partnership, code="moderate"),
    )
    actions.save_agency_note(
        people["politikontakt"], point, text="Ingen treff i politiets registre per i dag."
    )
    actions.add_next_step(
        people["sekretaer"],
        point,
        step=NextStep(
            "Sjekk om det har kommet nye tips om nettmiljøet",
            people["politikontakt"],
            timezone.localdate() + timedelta(days=10),
        ),
    )
    actions.approve_minutes(people["koordinator"], meeting)
    actions.approve_minutes(people["politikontakt"], meeting)
