"""Concerns built through the actions, the way users make them, so every test sees real state."""

from datetime import date, timedelta
from typing import Any

from django.utils import timezone

from conftest import World
from varde.accounts.models import Agency, User
from varde.accounts.roles import Role
from varde.concerns.actions import casework, measures, sharing
from varde.concerns.actions.intake import Report, Subject, register_concern
from varde.concerns.categorical import MeasureType
from varde.concerns.choices import Channel, InformedChoice, Part, Phenomenon, ReporterCategory
from varde.concerns.models import Concern, Consent, Disclosure, LegalBasis, Measure

SUBJECT_NAME = "Ola Fiktiv Testesen"
DESCRIPTION = "Deler voldsforherligende innhold i klassechatten."
ASSESSMENT = "Sårbar gutt som søker tilhørighet."


def handler_for(world: World, agency: Agency) -> User:
    role = Role.COORDINATOR if agency == world.municipality else Role.POLICE_CONTACT
    existing = User.objects.filter(memberships__agency=agency, memberships__role=role).first()
    return existing or world.make_user(role)


def make_concern(world: World, *, agency: Agency | None = None, named: bool = True, **fields: Any) -> Concern:
    agency = agency or world.municipality
    report = Report(
        channel=fields.pop("channel", Channel.HOTLINE),
        reporter_category=fields.pop("reporter_category", ReporterCategory.RELATIVE),
        phenomenon=fields.pop("phenomenon", Phenomenon.RIGHT_WING),
        description=fields.pop("description", DESCRIPTION),
        subject=Subject(name=fields.pop("name", SUBJECT_NAME), birth_year=timezone.localdate().year - 15)
        if named
        else None,
    )
    concern = register_concern(handler_for(world, agency), agency=agency, report=report)
    if fields:
        Concern.objects.filter(pk=concern.pk).update(**fields)
        concern.refresh_from_db()
    return concern


def basis(world: World, code: str) -> LegalBasis:
    return LegalBasis.objects.current().get(partnership=world.partnership, code=code)


def measure_type(world: World, code: str) -> MeasureType:
    return MeasureType.objects.get(partnership=world.partnership, code=code)


def make_consent(
    world: World, concern: Concern, *, types: tuple[str, ...] = ("mentor",), valid_until: date | None = None
) -> Consent:
    return sharing.record_consent(
        handler_for(world, concern.owning_agency),
        concern,
        terms=sharing.ConsentTerms(
            given_by_names="Foreldrene",
            given_by_guardians=True,
            agencies=[world.municipality, world.police],
            measure_types=[measure_type(world, code) for code in types],
            purposes="Oppfølging",
            valid_from=timezone.localdate(),
            valid_until=valid_until,
        ),
    )


def make_disclosure(
    world: World,
    concern: Concern,
    *,
    parts: tuple[str, ...] = (Part.DESCRIPTION,),
    code: str = "public-body-own-tasks",
    consent: Consent | None = None,
) -> Disclosure:
    actor = handler_for(world, concern.owning_agency)
    other = world.police if concern.owning_agency == world.municipality else world.municipality
    return sharing.disclose(
        actor,
        concern,
        terms=sharing.DisclosureTerms(
            to_agency=other,
            parts=list(parts),
            legal_basis=basis(world, code),
            justification="Trengs for vurderingen.",
            approved_by=actor,
            person_informed=InformedChoice.LATER,
            consent=consent,
        ),
    )


def make_measure(
    world: World,
    concern: Concern,
    *,
    code: str = "follow-up-conversation",
    responsible: User | None = None,
    consent: Consent | None = None,
) -> Measure:
    return measures.add_measure(
        handler_for(world, concern.owning_agency),
        concern,
        measure_type=measure_type(world, code),
        owner_agency=concern.owning_agency,
        responsible=responsible,
        start_date=timezone.localdate(),
        next_review=timezone.localdate() + timedelta(days=30),
        consent=consent,
    )


def close(world: World, concern: Concern, outcome: str = "unfounded") -> Concern:
    """Close the concern; its running measures end as completed."""
    return casework.close_concern(
        handler_for(world, concern.owning_agency),
        concern,
        outcome=outcome,
        reason="Ferdig.",
        measure_endings=dict.fromkeys(concern.measures.running().values_list("pk", flat=True), "completed"),
    )
