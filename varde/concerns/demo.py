"""Demo concerns: clearly fictional people in every state, owned by both agencies.

Created through the actions, as a user would, so the audit trail, the timeline and the statistics
facts are real. Loaded once: a partnership that has concerns already is left alone.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from varde.accounts.models import Agency, Partnership, User
from varde.accounts.roles import AgencyKind

from .actions import casework, intake, measures, sharing
from .actions.intake import Report, Subject
from .categorical import MeasureType
from .choices import (
    Channel,
    InformedChoice,
    MeasureStatus,
    Outcome,
    Part,
    Phenomenon,
    ReporterCategory,
    Status,
)
from .models import Concern, ConcernSettings, LegalBasis
from .reference_data import seed_reference_data


def _basis(partnership: Partnership, code: str) -> LegalBasis:
    return LegalBasis.objects.current().get(partnership=partnership, code=code)


def _type(partnership: Partnership, code: str) -> MeasureType:
    return MeasureType.objects.get(partnership=partnership, code=code)


def _years_ago(years: int) -> int:
    return timezone.localdate().year - years


class DemoCases:
    def __init__(self, partnership: Partnership) -> None:
        self.partnership = partnership
        self.municipality = partnership.agencies.get(kind=AgencyKind.MUNICIPALITY)
        self.police = partnership.agencies.get(kind=AgencyKind.POLICE)
        self.coordinator = User.objects.get(username="koordinator")
        self.police_contact = User.objects.get(username="politikontakt")
        self.mentor = User.objects.get(username="mentor")
        self.employee = User.objects.get(username="ansatt")
        self.today = timezone.localdate()

    def _register(
        self, actor: User, agency: Agency, report: Report, *, responsible: User | None = None
    ) -> Concern:
        concern = intake.register_concern(actor, agency=agency, report=report)
        if responsible is not None:
            casework.assign_responsible(actor, concern, responsible=responsible)
        return concern

    def school_report_with_initial_discussion(self) -> None:
        concern = intake.report_concern(
            self.employee,
            agency=self.municipality,
            report=Report(
                channel=Channel.EMPLOYEE,
                reporter_category=ReporterCategory.EMPLOYEE,
                phenomenon=Phenomenon.RIGHT_WING,
                description="Eleven har delt bilder med nazistiske symboler i klassechatten og snakker om "
                "«raseforræderi». Lærerne er usikre på hvor alvorlig det er. (Fiktivt demoeksempel.)",
                subject=Subject(
                    name="Ola Fiktiv Nordmann",
                    birth_year=_years_ago(15),
                    guardians="Kari og Per Nordmann (fiktive)",
                ),
            ),
        )
        casework.assign_responsible(self.coordinator, concern, responsible=self.coordinator)
        casework.change_status(
            self.coordinator,
            concern,
            to_status=Status.UNDER_ASSESSMENT,
            reason="Drøftes med politiet før samtale med foreldrene.",
        )
        sharing.disclose(
            self.coordinator,
            concern,
            terms=sharing.DisclosureTerms(
                to_agency=self.police,
                parts=[Part.IDENTITY, Part.DESCRIPTION],
                legal_basis=_basis(self.partnership, "initial-discussion"),
                justification="Politiet trengs i vurderingen av om dette er en bekymring for radikalisering.",
                approved_by=self.coordinator,
                person_informed=InformedChoice.LATER,
            ),
        )

    def follow_up_with_mentor(self) -> None:
        concern = self._register(
            self.coordinator,
            self.municipality,
            Report(
                channel=Channel.HOTLINE,
                reporter_category=ReporterCategory.RELATIVE,
                phenomenon=Phenomenon.VIOLENT_ISLAMISM,
                description="En tante ringte: nevøen har trukket seg fra venner og ser på voldsforherligende "
                "videoer. (Fiktivt demoeksempel.)",
                subject=Subject(
                    name="Per Prøvesen", birth_year=_years_ago(17), guardians="Foreldrene Prøvesen (fiktive)"
                ),
            ),
            responsible=self.coordinator,
        )
        casework.change_status(
            self.coordinator,
            concern,
            to_status=Status.UNDER_ASSESSMENT,
            reason="Samtale med familien avtalt.",
        )
        casework.update_assessment(
            self.coordinator,
            concern,
            summary="Gutten er sårbar og søker tilhørighet. Familien er en viktig ressurs. "
            "Anbefaler mentor og foreldreveiledning.",
        )
        casework.change_status(
            self.coordinator, concern, to_status=Status.FOLLOW_UP, reason="Familien samtykker i oppfølging."
        )
        consent = sharing.record_consent(
            self.coordinator,
            concern,
            terms=sharing.ConsentTerms(
                given_by_names="Foreldrene Prøvesen (fiktive)",
                given_by_guardians=True,
                agencies=[self.municipality, self.police],
                measure_types=[
                    _type(self.partnership, "mentor"),
                    _type(self.partnership, "interdisciplinary"),
                ],
                purposes="Oppfølging med mentor og samarbeid mellom kommunen og politiet.",
                valid_from=self.today - timedelta(days=20),
                valid_until=self.today + timedelta(days=345),
            ),
        )
        measures.add_measure(
            self.coordinator,
            concern,
            measure_type=_type(self.partnership, "mentor"),
            owner_agency=self.municipality,
            responsible=self.mentor,
            start_date=self.today - timedelta(days=14),
            next_review=self.today + timedelta(days=30),
            consent=consent,
        )
        measures.add_measure(
            self.coordinator,
            concern,
            measure_type=_type(self.partnership, "parental-guidance"),
            owner_agency=self.municipality,
            responsible=self.coordinator,
            start_date=self.today - timedelta(days=10),
            next_review=self.today - timedelta(days=2),
        )
        sharing.disclose(
            self.coordinator,
            concern,
            terms=sharing.DisclosureTerms(
                to_agency=self.police,
                parts=[Part.IDENTITY, Part.MEASURES],
                legal_basis=_basis(self.partnership, "consent"),
                consent=consent,
                justification="Politiet følger opp med bekymringssamtale i samarbeid med mentor.",
                approved_by=self.coordinator,
                person_informed=InformedChoice.YES,
            ),
        )

    def police_cases(self) -> None:
        weapons = self._register(
            self.police_contact,
            self.police,
            Report(
                channel=Channel.HOTLINE,
                reporter_category=ReporterCategory.ANONYMOUS,
                phenomenon=Phenomenon.ANTI_GOVERNMENT,
                description="Anonym innringer forteller om en nabo som samler våpen og skriver om "
                "«å ta tilbake landet». (Fiktivt demoeksempel.)",
                subject=Subject(name="Kari Eksempel", birth_year=_years_ago(34)),
            ),
        )
        intake.mark_acute(
            self.police_contact,
            weapons,
            alerted_at=timezone.now() - timedelta(hours=2),
            alerted_by="Operasjonssentralen",
        )
        threat = self._register(
            self.police_contact,
            self.police,
            Report(
                channel=Channel.OWN_OBSERVATION,
                reporter_category=ReporterCategory.OTHER_BODY,
                phenomenon=Phenomenon.ELECTED_OFFICIALS,
                description="Trusler mot en lokalpolitiker i sosiale medier etter et bystyremøte. "
                "(Fiktivt demoeksempel.)",
            ),
            responsible=self.police_contact,
        )
        casework.change_status(
            self.police_contact, threat, to_status=Status.UNDER_ASSESSMENT, reason="Kartlegger avsenderne."
        )
        sharing.disclose(
            self.police_contact,
            threat,
            terms=sharing.DisclosureTerms(
                to_agency=self.municipality,
                parts=[Part.DESCRIPTION],
                legal_basis=_basis(self.partnership, "police-recipient-interest"),
                justification="Kommunen må vurdere sikkerheten rundt folkevalgte på neste møte.",
                approved_by=self.police_contact,
                person_informed=InformedChoice.NO,
                not_informed_reason="Ingen enkeltperson er identifisert ennå.",
            ),
        )

    def closed_cases(self) -> None:
        unfounded = self._register(
            self.coordinator,
            self.municipality,
            Report(
                channel=Channel.OTHER_BODY,
                reporter_category=ReporterCategory.OTHER_BODY,
                other_body_name="Videregående skole i fylket (fiktiv)",
                phenomenon=Phenomenon.MIXED,
                description="Elev med provoserende ytringer i en samfunnsfagtime. (Fiktivt demoeksempel.)",
                subject=Subject(name="Lise Oppdiktet", birth_year=_years_ago(18)),
            ),
        )
        casework.close_concern(
            self.coordinator,
            unfounded,
            outcome=Outcome.UNFOUNDED,
            reason="Ytringene var del av en debattøvelse.",
        )
        # Closed long enough ago that the retention rule now erases it: try `varde purge --dry-run`.
        Concern.objects.filter(pk=unfounded.pk).update(closed_at=timezone.now() - timedelta(days=400))
        completed = self._register(
            self.coordinator,
            self.municipality,
            Report(
                channel=Channel.HOTLINE,
                reporter_category=ReporterCategory.CITIZEN,
                phenomenon=Phenomenon.HATE_CRIME,
                description="Gjentatte hatefulle ytringer mot en nabo med minoritetsbakgrunn. "
                "(Fiktivt demoeksempel.)",
                subject=Subject(name="Jon Diktsen", birth_year=_years_ago(22)),
            ),
            responsible=self.coordinator,
        )
        casework.change_status(
            self.coordinator, completed, to_status=Status.UNDER_ASSESSMENT, reason="Samtale avtalt."
        )
        conversations = measures.add_measure(
            self.coordinator,
            completed,
            measure_type=_type(self.partnership, "follow-up-conversation"),
            owner_agency=self.municipality,
            responsible=self.coordinator,
            start_date=self.today - timedelta(days=300),
            next_review=None,
        )
        # The mentor followed Jon up too; closing concluded that measure, and with it the mentor's access.
        mentoring = measures.add_measure(
            self.coordinator,
            completed,
            measure_type=_type(self.partnership, "follow-up-conversation"),
            owner_agency=self.municipality,
            responsible=self.mentor,
            start_date=self.today - timedelta(days=280),
            next_review=None,
        )
        casework.close_concern(
            self.coordinator,
            completed,
            outcome=Outcome.MEASURES_COMPLETED,
            reason="Samtalene er gjennomført; ingen nye hendelser.",
            measure_endings={
                conversations.pk: MeasureStatus.COMPLETED,
                mentoring.pk: MeasureStatus.COMPLETED,
            },
        )
        closed_at = timezone.now() - timedelta(days=200)
        Concern.objects.filter(pk=completed.pk).update(closed_at=closed_at)
        completed.reviews.all().delete()
        completed.refresh_from_db()
        casework.schedule_reviews(completed)

    def online_form_and_advice(self) -> None:
        intake.submit_public_concern(
            self.partnership,
            report=Report(
                channel=Channel.PUBLIC_FORM,
                reporter_category=ReporterCategory.CITIZEN,
                phenomenon=Phenomenon.MIXED,
                description="Jeg har sett klistremerker med hakekors ved busstasjonen flere ganger. "
                "(Fiktivt demoeksempel.)",
            ),
        )
        for phenomenon, advice in [
            (Phenomenon.RIGHT_WING, "Forklarte tegn å se etter og hvordan melde bekymring."),
            (Phenomenon.HATE_CRIME, "Rådet innringeren til å anmelde forholdet til politiet."),
            (Phenomenon.OTHER, "Henviste til helsestasjon for ungdom."),
        ]:
            intake.log_advice_session(
                self.coordinator,
                agency=self.municipality,
                channel=Channel.HOTLINE,
                reporter_category=ReporterCategory.RELATIVE,
                phenomenon=phenomenon,
                advice_given=advice,
                held_on=self.today - timedelta(days=5),
            )


DEMO_HOTLINE = "69 00 00 00"  # fictional, as the demo's information pages say


@transaction.atomic
def load_demo_concerns(partnership: Partnership) -> None:
    seed_reference_data(partnership)
    unset = ConcernSettings.objects.filter(partnership=partnership, hotline_phone="")
    unset.update(hotline_phone=DEMO_HOTLINE)
    if Concern.objects.filter(partnership=partnership).exists():
        return
    cases = DemoCases(partnership)
    cases.school_report_with_initial_discussion()
    cases.follow_up_with_mentor()
    cases.police_cases()
    cases.closed_cases()
    cases.online_form_and_advice()
