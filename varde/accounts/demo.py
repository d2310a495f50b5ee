"""The demo partnership "Fredrikstad (demo)": agencies, units and one user per role.

Loading is idempotent: everything is looked up by its natural key before it is created.
"""

import os
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from varde.accounts.audit_actions import AccountAudit
from varde.core.audit import record_event

from .models import Agency, Membership, Partnership, Unit, UnitKind, User
from .roles import AgencyKind, LegalRegime, Role

DEFAULT_DEMO_PASSWORD = "varde-demo"  # noqa: S105  (demo only; VARDE_DEMO_PASSWORD overrides)
PARTNERSHIP_NAME = "Fredrikstad (demo)"

UNITS = [
    ("NAV Fredrikstad", UnitKind.NAV, True),
    ("Barneverntjenesten", UnitKind.CHILD_WELFARE, True),
    ("Flyktningtjenesten – bosetting og integrering", UnitKind.MIGRATION, True),
    ("Gressvik barnehage", UnitKind.KINDERGARTEN, True),
    ("Lisleby barnehage", UnitKind.KINDERGARTEN, True),
    ("Gressvik ungdomsskole", UnitKind.SCHOOL, True),
    ("Kvernhuset ungdomsskole", UnitKind.SCHOOL, True),
    ("Trosvik skole", UnitKind.SCHOOL, True),
    ("Fritidsklubben Sentrum", UnitKind.YOUTH_CLUB, True),
    ("Fritidsklubben Østsiden", UnitKind.YOUTH_CLUB, True),
    ("Voksenopplæringen", UnitKind.ADULT_EDUCATION, True),
    ("Helsestasjon for ungdom", UnitKind.HEALTH, False),
]


@dataclass(frozen=True)
class DemoUser:
    username: str
    first_name: str
    last_name: str
    role: Role
    police: bool = False
    unit: str | None = None


DEMO_USERS = [
    DemoUser("koordinator", "Kari", "Koordinator", Role.COORDINATOR),
    DemoUser("politikontakt", "Per", "Politikontakt", Role.POLICE_CONTACT, police=True),
    DemoUser("sekretaer", "Siri", "Sekretær", Role.SECRETARY),
    DemoUser("mentor", "Magnus", "Mentor", Role.MENTOR),
    DemoUser("ressursperson", "Rita", "Ressursperson", Role.RESOURCE_PERSON, unit="Gressvik ungdomsskole"),
    DemoUser("ansatt", "Anders", "Ansatt", Role.EMPLOYEE, unit="NAV Fredrikstad"),
    DemoUser("planleder", "Pia", "Planleder", Role.PLAN_MANAGER),
    DemoUser("kommunikasjon", "Kim", "Kommunikasjon", Role.COMMUNICATIONS),
    DemoUser("leser", "Lars", "Leser", Role.VIEWER),
    DemoUser("personvernombud", "Pernille", "Personvernombud", Role.PRIVACY_OFFICER),
    DemoUser("admin", "Ada", "Administrator", Role.ADMIN),
    # Each agency is its own controller: the police administer their own people and oversee their
    # own trail.
    DemoUser("politiadmin", "Petter", "Politiadministrator", Role.ADMIN, police=True),
    DemoUser("politipersonvern", "Paula", "Politipersonvern", Role.PRIVACY_OFFICER, police=True),
    # A second case handler on each side, so a demo contact meeting can have quorum.
    DemoUser("koordinator2", "Kristian", "Koordinator", Role.COORDINATOR),
    DemoUser("mangfoldskontakt", "Mona", "Mangfoldskontakt", Role.POLICE_CONTACT, police=True),
]


def demo_password() -> str:
    return os.environ.get("VARDE_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD


@transaction.atomic
def load_demo() -> Partnership:
    partnership, created = Partnership.objects.get_or_create(
        slug="fredrikstad-demo", defaults={"name": PARTNERSHIP_NAME}
    )
    municipality, _ = Agency.objects.get_or_create(
        partnership=partnership,
        name="Fredrikstad kommune (demo)",
        defaults={"kind": AgencyKind.MUNICIPALITY, "legal_regime": LegalRegime.GDPR},
    )
    police, _ = Agency.objects.get_or_create(
        partnership=partnership,
        name="Fredrikstad politistasjonsdistrikt (demo)",
        defaults={"kind": AgencyKind.POLICE, "legal_regime": LegalRegime.POLICE_REGISTER_ACT},
    )
    units = {
        name: Unit.objects.get_or_create(
            agency=municipality, name=name, defaults={"kind": kind, "first_line": first_line}
        )[0]
        for name, kind, first_line in UNITS
    }
    password = demo_password()
    for spec in DEMO_USERS:
        user, user_created = User.objects.get_or_create(
            username=spec.username,
            defaults={
                "first_name": spec.first_name,
                "last_name": spec.last_name,
                "email": f"{spec.username}@demo.varde.invalid",
                "is_demo": True,
            },
        )
        if user_created or not user.check_password(password):
            user.set_password(password)
            user.save(update_fields=["password"])
        Membership.objects.get_or_create(
            user=user,
            agency=police if spec.police else municipality,
            role=spec.role,
            defaults={"unit": units[spec.unit] if spec.unit else None},
        )
    for loader in _loaders:
        loader(partnership)
    if created:
        record_event(AccountAudit.DEMO_LOADED, obj=partnership, partnership=partnership)
    return partnership


# Apps above accounts add their own demo data through a loader, called with the demo partnership.
_loaders: list[Callable[[Partnership], None]] = []


def register_demo_loader(loader: Callable[[Partnership], None]) -> None:
    if loader not in _loaders:
        _loaders.append(loader)
