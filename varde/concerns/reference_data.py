"""The reference data a partnership starts with: legal bases, measure types and retention rules,
plus what apps above concerns register (the assessment instrument and the concern-level scale).

Every legal basis is marked for verification by a legal adviser: the wording is ours, the law is
being rewritten, and each partnership must confirm it with its own lawyers. The retention periods
are a proposal to be confirmed with the partnership's archive and legal advisers.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from varde.accounts.models import Partnership

from .categorical import MeasureType
from .choices import BasisDirection, LegalBasisKind, Outcome
from .models import ConcernSettings, LegalBasis, RetentionRule


@dataclass(frozen=True)
class BasisSeed:
    code: str
    citation: str
    title: str
    kind: LegalBasisKind
    description: str
    direction: BasisDirection = BasisDirection.BOTH
    in_meetings: bool = True


LEGAL_BASES = [
    BasisSeed(
        "consent",
        "fvl. § 13 a nr. 1",
        "Samtykke",
        LegalBasisKind.CONSENT,
        "Personen, eller foreldrene for et barn, har samtykket i at opplysningene deles.",
    ),
    BasisSeed(
        "public-body-own-tasks",
        "fvl. § 13 b nr. 5",
        "Til et annet forvaltningsorgan for å løse egne oppgaver",
        LegalBasisKind.GENERAL,
        "Deling som trengs for at den som deler skal kunne utføre sine egne oppgaver.",
    ),
    BasisSeed(
        "police-public-interest",
        "fvl. § 13 b nr. 6",
        "Anmeldelse eller melding til politiet i allmennhetens interesse",
        LegalBasisKind.GENERAL,
        "Melding til politiet når det er i allmennhetens interesse å forfølge lovbrudd.",
        BasisDirection.MUNICIPALITY_TO_POLICE,
        in_meetings=False,
    ),
    BasisSeed(
        "avert-danger",
        "fvl. § 13 b (endring 2021)",
        "Avverge fare for liv eller alvorlig skade på helse",
        LegalBasisKind.AVERT,
        "Deling som er nødvendig for å hindre at noen blir utsatt for fare for liv eller helse.",
    ),
    BasisSeed(
        "initial-discussion",
        "fvl. § 13 e (slik handlingsplanen omtaler den)",
        "Innledende drøfting av en bekymring",
        LegalBasisKind.INITIAL_DISCUSSION,
        "Det som er relevant og nødvendig for å vurdere en bekymring i den første fasen, før samtykke.",
    ),
    BasisSeed(
        "police-own-interest",
        "politiregisterloven § 30",
        "Politiets utlevering i politiets interesse",
        LegalBasisKind.GENERAL,
        "Politiet deler opplysninger når det trengs for politiets egne oppgaver.",
        BasisDirection.POLICE_TO_MUNICIPALITY,
    ),
    BasisSeed(
        "police-recipient-interest",
        "politiregisterloven § 31",
        "Politiets utlevering i mottakerens interesse",
        LegalBasisKind.GENERAL,
        "Politiet deler opplysninger når mottakeren trenger dem for sine oppgaver.",
        BasisDirection.POLICE_TO_MUNICIPALITY,
    ),
    BasisSeed(
        "duty-to-avert",
        "straffeloven § 196",
        "Plikt til å avverge alvorlige straffbare handlinger",
        LegalBasisKind.AVERT,
        "Alle har plikt til å søke å avverge visse alvorlige lovbrudd, også når taushetsplikt gjelder.",
    ),
    BasisSeed(
        "health-right-to-disclose",
        "helsepersonelloven § 23 nr. 4",
        "Helsepersonells rett til å gi opplysninger",
        LegalBasisKind.GENERAL,
        "Helsepersonell kan dele opplysninger når tungtveiende private eller offentlige interesser "
        "gjør det rett.",
        BasisDirection.MUNICIPALITY_TO_POLICE,
    ),
    BasisSeed(
        "health-duty-to-alert",
        "helsepersonelloven § 31",
        "Helsepersonells plikt til å varsle nødetater",
        LegalBasisKind.AVERT,
        "Helsepersonell skal varsle politi eller brannvesen når det trengs for å avverge alvorlig skade.",
        BasisDirection.MUNICIPALITY_TO_POLICE,
        in_meetings=False,
    ),
    BasisSeed(
        "child-welfare",
        "barnevernsloven",
        "Barnevernets regler om taushetsplikt og opplysningsrett",
        LegalBasisKind.GENERAL,
        "Strengere regler gjelder for barnevernet; sjekk vilkårene i hvert tilfelle.",
        BasisDirection.MUNICIPALITY_TO_POLICE,
    ),
]

# (code, name, requires consent)
MEASURE_TYPES = [
    ("follow-up-conversation", "Samtaleoppfølging", False),
    ("parental-guidance", "Foreldreveiledning", False),
    ("mentor", "Mentor", True),
    ("exit", "EXIT-oppfølging", True),
    ("interdisciplinary", "Tverrfaglig samarbeid", True),
    ("other", "Annet tiltak", False),
]

# outcome → (restrict after months, erase after months)
RETENTION = {
    Outcome.UNFOUNDED: (None, 12),
    Outcome.NO_FURTHER_ACTION: (12, 36),
    Outcome.TRANSFERRED_TO_POLICE: (12, 36),
    Outcome.MEASURES_COMPLETED: (24, 60),
    Outcome.MOVED_AWAY: (12, 36),
    Outcome.OTHER: (12, 36),
}

DEFAULT_REVIEW_MONTHS = [6, 12]


@transaction.atomic
def seed_reference_data(partnership: Partnership) -> None:
    """Give a partnership the default reference data; entries it already has are left alone."""
    ConcernSettings.objects.get_or_create(
        partnership=partnership, defaults={"review_months": DEFAULT_REVIEW_MONTHS}
    )
    for seed in LEGAL_BASES:
        if not LegalBasis.objects.filter(partnership=partnership, code=seed.code).exists():
            LegalBasis.objects.create(
                partnership=partnership,
                code=seed.code,
                citation=seed.citation,
                title=seed.title,
                kind=seed.kind,
                description=seed.description,
                direction=seed.direction,
                in_meetings=seed.in_meetings,
            )
    for order, (code, name, requires_consent) in enumerate(MEASURE_TYPES):
        MeasureType.objects.get_or_create(
            partnership=partnership,
            code=code,
            defaults={"name": name, "requires_consent": requires_consent, "order": order},
        )
    for outcome, (restrict, erase) in RETENTION.items():
        RetentionRule.objects.get_or_create(
            partnership=partnership,
            outcome=outcome,
            defaults={"restrict_after_months": restrict, "erase_after_months": erase},
        )
    for seeder in _seeders:
        seeder(partnership)


# Apps above concerns add their own reference data (instruments, level scales) through a seeder.
_seeders: list[Callable[[Partnership], None]] = []


def register_reference_seeder(seeder: Callable[[Partnership], None]) -> None:
    if seeder not in _seeders:
        _seeders.append(seeder)
