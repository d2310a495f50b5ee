import factory
from factory.django import DjangoModelFactory

from varde.accounts.models import Agency, Membership, Partnership, Unit, UnitKind, User
from varde.accounts.roles import AgencyKind, LegalRegime

factory.Faker._DEFAULT_LOCALE = "no_NO"


class PartnershipFactory(DjangoModelFactory[Partnership]):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Samarbeid {n}")
    slug = factory.Sequence(lambda n: f"samarbeid-{n}")


class AgencyFactory(DjangoModelFactory[Agency]):
    class Meta:
        model = Agency

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Kommune {n}")
    kind = AgencyKind.MUNICIPALITY
    legal_regime = LegalRegime.GDPR

    class Params:
        police = factory.Trait(
            kind=AgencyKind.POLICE,
            legal_regime=LegalRegime.POLICE_REGISTER_ACT,
            name=factory.Sequence(lambda n: f"Politistasjonsdistrikt {n}"),
        )


class UnitFactory(DjangoModelFactory[Unit]):
    class Meta:
        model = Unit

    agency = factory.SubFactory(AgencyFactory)
    name = factory.Sequence(lambda n: f"Enhet {n}")
    kind = UnitKind.SCHOOL
    first_line = True


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"bruker{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("riktig-passord-123")


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    agency = factory.SubFactory(AgencyFactory)
    role = "employee"
