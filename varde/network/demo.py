"""Demo organisations: civil society, public partners and the preparedness officer, with a contact log."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from varde.accounts.models import Partnership, User

from . import actions
from .models import Organisation, OrganisationKind

ORGANISATIONS = [
    (
        "Fredrikstad moské (demo)",
        OrganisationKind.CIVIL_SOCIETY,
        "Trossamfunn; fast kontaktmøte to ganger i året.",
    ),
    (
        "Fredrikstad fotballklubb (demo)",
        OrganisationKind.CIVIL_SOCIETY,
        "Ungdomsavdelingen ønsker bevisstgjøring for trenere.",
    ),
    ("Skeiv ungdom Østfold (demo)", OrganisationKind.CIVIL_SOCIETY, ""),
    ("Østfold fylkeskommune (demo)", OrganisationKind.PUBLIC_PARTNER, "Videregående skoler."),
    ("Nordic Safe Cities (demo)", OrganisationKind.NETWORK, "Nordisk nettverk av byer."),
    (
        "Beredskapsansvarlig i kommunen (demo)",
        OrganisationKind.PREPAREDNESS,
        "Orienteres jevnlig av koordineringsgruppen.",
    ),
]


@transaction.atomic
def load_demo_network(partnership: Partnership) -> None:
    if Organisation.objects.filter(partnership=partnership).exists():
        return
    coordinator = User.objects.get(username="koordinator")
    made = {
        name: actions.add_organisation(coordinator, partnership, name=name, kind=kind, description=about)
        for name, kind, about in ORGANISATIONS
    }
    actions.add_contact(
        coordinator,
        made["Fredrikstad moské (demo)"],
        name="Imam Fiktiv (demo)",
        role="Imam",
        email="",
        phone="",
    )
    actions.add_contact(
        coordinator,
        made["Beredskapsansvarlig i kommunen (demo)"],
        name="Berit Beredskap (demo)",
        role="Beredskapsansvarlig",
        email="beredskap@demo.varde.invalid",
        phone="",
    )
    actions.log_contact(
        coordinator,
        made["Fredrikstad moské (demo)"],
        occurred_on=timezone.localdate() - timedelta(days=45),
        text="Kontaktmøte om trygghet rundt fredagsbønnen.",
    )
