"""Demo assessments for the demo concerns, made through the actions as a user would.

Per Prøvesen gets two finalised assessments months apart, so the trajectory shows a change; the
school report is assessed together with the police under the initial-discussion basis; the police's
own case has a draft in progress. Loaded once.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from varde.accounts.models import Partnership, User
from varde.accounts.roles import AgencyKind
from varde.concerns.actions import sharing
from varde.concerns.choices import InformedChoice, Part
from varde.concerns.models import Concern, LegalBasis

from . import actions
from .actions import AssessmentContent, RatingInput
from .models import Assessment, ConcernLevel, Instrument


def _rating(answer: str, evidence: str = "", source: str = "", protective: str = "") -> RatingInput:
    reliability = "probable" if evidence else ""
    return RatingInput(answer, evidence, source, reliability, protective)


class DemoAssessments:
    def __init__(self, partnership: Partnership) -> None:
        self.partnership = partnership
        self.instrument = Instrument.objects.current().filter(partnership=partnership).first()
        self.coordinator = User.objects.get(username="koordinator")
        self.police_contact = User.objects.get(username="politikontakt")
        self.today = timezone.localdate()

    def _level(self, code: str) -> ConcernLevel:
        return ConcernLevel.objects.get(partnership=self.partnership, code=code)

    def _concern(self, name: str) -> Concern | None:
        return Concern.objects.about(self.partnership, name).first()

    def _assess(
        self, actor: User, concern: Concern, content: AssessmentContent, *, final: bool
    ) -> Assessment:
        assert self.instrument is not None
        assessment = actions.start_assessment(actor, concern, instrument=self.instrument)
        actions.save_assessment(actor, assessment, content=content)
        if final:
            actions.finalise_assessment(actor, assessment)
        return assessment

    def _overall(self, problems: str, resources: str, recommendation: str) -> dict[str, str]:
        return {"main_problems": problems, "resources": resources, "recommendation": recommendation}

    def per_over_time(self) -> None:
        concern = self._concern("Per Prøvesen")
        if concern is None:
            return
        first = AssessmentContent(
            assessed_on=self.today - timedelta(days=120),
            texts={
                "observations": "Har delt propaganda fra en voldelig gruppe og sagt at «noen må gjøre noe». "
                "(Fiktivt demoeksempel.)",
                "information_sources": "Skolen og foreldrene.",
                **self._overall(
                    "Sterk dragning mot et ekstremt nettmiljø, lite kontakt med jevnaldrende.",
                    "Foreldre som samarbeider; god relasjon til en lærer.",
                    "Mentor og samtaleoppfølging. Ny vurdering om tre måneder.",
                ),
            },
            ratings={
                "convictions": _rating("serious_concern", "Deler propaganda ukentlig.", "Skolen"),
                "violence": _rating("some_concern", "Uttalelse om at «noen må gjøre noe».", "Lærer"),
                "relations": _rating("serious_concern", "Aktiv i lukkede chattegrupper.", "Foreldrene"),
                "family": _rating("no_concern", protective="Foreldrene er engasjerte."),
                "network": _rating("some_concern", "Har sluttet på fotball."),
                "education_work": _rating("some_concern", "Økende fravær."),
            },
            focus=["convictions", "relations", "network"],
            level=self._level("high"),
            level_reason="Tydelig dragning mot voldelig ideologi, men ingen kjente planer.",
            next_review=self.today - timedelta(days=30),
            participants=[self.coordinator],
        )
        self._assess(self.coordinator, concern, first, final=True)
        second = AssessmentContent(
            assessed_on=self.today - timedelta(days=14),
            texts={
                "observations": "Deler ikke lenger propaganda; møter mentor hver uke. "
                "(Fiktivt demoeksempel.)",
                "changes": "Har begynt på fotball igjen og har mindre fravær.",
                **self._overall(
                    "Fortsatt kontakt med enkelte i nettmiljøet.",
                    "Mentor, fotballaget og foreldrene.",
                    "Fortsett mentorordningen. Ny vurdering om seks måneder.",
                ),
            },
            ratings={
                "convictions": _rating("some_concern", "Mindre aktiv på nett.", "Mentor"),
                "violence": _rating("no_concern", "Tar avstand fra vold i samtaler.", "Mentor"),
                "relations": _rating("some_concern", "Fortsatt i én chattegruppe.", "Foreldrene"),
                "family": _rating("no_concern", protective="Foreldrene er engasjerte."),
                "network": _rating("no_concern", protective="Tilbake på fotballaget."),
                "education_work": _rating("no_concern", "Normalt fravær."),
            },
            focus=["relations"],
            level=self._level("moderate"),
            level_reason="Klar bedring, men kontakten med nettmiljøet er ikke brutt.",
            next_review=self.today + timedelta(days=170),
            participants=[self.coordinator],
        )
        self._assess(self.coordinator, concern, second, final=True)

    def school_report_with_police(self) -> None:
        concern = self._concern("Ola Fiktiv Nordmann")
        if concern is None:
            return
        sharing.disclose(
            self.coordinator,
            concern,
            terms=sharing.DisclosureTerms(
                to_agency=self.partnership.agencies.get(kind=AgencyKind.POLICE),
                parts=[Part.ASSESSMENT],
                legal_basis=LegalBasis.objects.current().get(
                    partnership=self.partnership, code="initial-discussion"
                ),
                justification="Politiet deltar i den første vurderingen.",
                approved_by=self.coordinator,
                person_informed=InformedChoice.LATER,
            ),
        )
        content = AssessmentContent(
            assessed_on=self.today - timedelta(days=3),
            texts={
                "observations": "Nazistiske symboler i klassechatten. (Fiktivt demoeksempel.)",
                "information_sources": "Kontaktlærer og politiets egne opplysninger.",
                **self._overall(
                    "Usikkert om dette er provokasjon eller overbevisning.",
                    "Godt forhold til kontaktlæreren.",
                    "Bekymringssamtale med eleven og foreldrene.",
                ),
            },
            ratings={
                "convictions": _rating("some_concern", "Bilder delt to ganger.", "Skolen"),
                "criminality": _rating("no_concern", "Ikke kjent hos politiet.", "Politiet"),
                "violence": _rating("unknown"),
            },
            focus=["convictions"],
            level=self._level("low"),
            level_reason="Enkelthendelser uten kjent voldsvilje.",
            next_review=self.today + timedelta(days=60),
            participants=[self.coordinator, self.police_contact],
        )
        self._assess(self.coordinator, concern, content, final=True)

    def police_draft(self) -> None:
        concern = self._concern("Kari Eksempel")
        if concern is None:
            return
        content = AssessmentContent(
            assessed_on=self.today,
            texts={"observations": "Anonym innringer om våpen og trusler. (Fiktivt demoeksempel.)"},
            participants=[self.police_contact],
        )
        self._assess(self.police_contact, concern, content, final=False)


@transaction.atomic
def load_demo_assessments(partnership: Partnership) -> None:
    if Assessment.objects.filter(concern__partnership=partnership).exists():
        return
    demo = DemoAssessments(partnership)
    if demo.instrument is None:
        return
    demo.per_over_time()
    demo.school_report_with_police()
    demo.police_draft()
