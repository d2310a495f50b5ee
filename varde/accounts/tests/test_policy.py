"""The policies: each rule is stated once, so the list and the check of one object must agree for every
policy, capability and person; and the in-memory answer must be the database's answer."""

import random
from typing import Any

from django.db.models import Exists, OuterRef, Q

from conftest import World
from varde.accounts.models import Membership, Unit, User
from varde.accounts.policy import NOTHING, Policy, decide
from varde.accounts.roles import Role, role_info
from varde.accounts.tests.factories import UnitFactory
from varde.actionplan.tests.factories import make_plan
from varde.concerns.choices import Part
from varde.concerns.tests.factories import make_concern, make_disclosure, make_measure
from varde.core.access import Capability
from varde.information.tests.test_events import make_event
from varde.meetings import actions as meeting_actions
from varde.meetings.models import MeetingKind
from varde.meetings.permissions import MEETINGS, MeetingCapability
from varde.meetings.tests.factories import make_meeting, secretary_of
from varde.network.tests.test_network import make_organisation

ALL_ROLES = [role.value for role in Role]

type AnyPolicy = Policy[Any, Any]


def policies() -> list[AnyPolicy]:
    """One instance of every policy in the product."""
    found, waiting = [], list(Policy.__subclasses__())
    while waiting:
        policy = waiting.pop()
        waiting.extend(policy.__subclasses__())
        if "model" in vars(policy):
            found.append(policy())
    return found


def capabilities_of(policy: AnyPolicy) -> list[Capability]:
    app = policy.model._meta.app_label
    return [
        capability
        for family in Capability.__subclasses__()
        if family.__module__.split(".")[1] == app
        for capability in family
    ]


def populate(world: World) -> list[User]:
    """Something of every kind a policy rules, shared, private and invited, in one partnership."""
    shared = make_concern(world)
    make_disclosure(world, shared, parts=(Part.ASSESSMENT,))
    private = make_concern(world, name="Kari Privat")
    mentor = world.make_user(Role.MENTOR)
    make_measure(world, private, responsible=mentor)
    planner = world.make_user(Role.PLAN_MANAGER)
    network = make_meeting(world, organiser=planner, kind=MeetingKind.RESOURCE_NETWORK)
    guest = world.make_user(Role.RESOURCE_PERSON)
    meeting_actions.invite(planner, network, people=[guest], guests=[])
    make_meeting(world)
    make_plan(world)
    make_event(world)
    make_organisation(world)
    # Each agency is its own controller: the police's administrator and privacy officer too.
    police_side = [world.make_user(role, agency=world.police) for role in (Role.ADMIN, Role.PRIVACY_OFFICER)]
    return [mentor, planner, guest, *police_side, *(world.make_user(role) for role in ALL_ROLES)]


def test_every_policy_allows_exactly_what_it_lists(world, other_world):
    people = populate(world) + populate(other_world)
    for policy in policies():
        objects = list(policy.model._default_manager.all())
        assert objects, policy
        for capability in capabilities_of(policy):
            for person in people:
                listed = set(policy.visible(person, capability))
                for obj in objects:
                    assert policy.allows(person, obj, capability) == (obj in listed), (
                        type(policy).__name__,
                        capability,
                        person.held_roles,
                        obj,
                    )


def test_an_organiser_is_admitted_from_the_roles_and_a_guest_by_one_question(
    world, django_assert_num_queries
):
    planner = world.make_user(Role.PLAN_MANAGER)
    meeting = make_meeting(world, organiser=planner, kind=MeetingKind.RESOURCE_NETWORK)
    guest = world.make_user(Role.RESOURCE_PERSON)
    meeting_actions.invite(planner, meeting, people=[guest], guests=[])
    secretary = secretary_of(world)
    for person in (secretary, guest):
        person.held_roles  # noqa: B018  (read once per request, before the page asks)
    with django_assert_num_queries(0):
        assert MEETINGS.allows(secretary, meeting, MeetingCapability.READ)
    with django_assert_num_queries(1):
        assert MEETINGS.allows(guest, meeting, MeetingCapability.READ)
    with django_assert_num_queries(0):
        assert not MEETINGS.allows(guest, meeting, MeetingCapability.ORGANISE)


def random_rule(chance: random.Random, world: World, units: list[Unit], depth: int = 0) -> Q:
    """A filter on units of the kinds the policies write, some decidable in memory and some not."""
    if depth < 3 and chance.random() < 0.5:
        left = random_rule(chance, world, units, depth + 1)
        right = random_rule(chance, world, units, depth + 1)
        combined = left & right if chance.random() < 0.5 else left | right
        return ~combined if chance.random() < 0.3 else combined
    some_units = chance.sample(units, chance.randint(0, len(units)))
    agencies = [world.municipality, world.police]
    return chance.choice(
        [
            Q(agency_id__in={unit.agency_id for unit in some_units}),
            Q(agency=chance.choice(agencies)),
            Q(agency_id=chance.choice(agencies).pk),
            Q(pk__in=[unit.pk for unit in some_units]),
            Q(name=chance.choice(units).name),
            Q(agency__partnership_id=world.partnership.pk),
            Q(name__startswith="Fredrikstad"),
            Q(agency_id__isnull=chance.random() < 0.5),
            Q(Exists(Membership.objects.filter(unit=OuterRef("pk")))),
            NOTHING,
        ]
    )


def test_the_in_memory_answer_is_the_database_s_answer(world, other_world):
    station = UnitFactory.create(agency=world.police, name="Sentrum politistasjon")
    units = [world.unit, other_world.unit, station]
    world.make_user(next(role for role in Role if role_info(role).needs_unit))  # a unit with a member
    chance = random.Random(48)
    decided = 0
    for _ in range(300):
        rule = random_rule(chance, world, units)
        for unit in units:
            verdict = decide(rule, unit)
            if verdict is not None:
                decided += 1
                assert verdict == Unit.objects.filter(rule, pk=unit.pk).exists(), (rule, unit)
    assert decided > 300


def test_a_filter_on_own_columns_only_is_always_decided_in_memory(world):
    rule = (Q(agency_id__in={world.municipality.pk}) | ~Q(name="x")) & Q(pk=world.unit.pk)
    assert decide(rule, world.unit) is True
    assert decide(NOTHING, world.unit) is False
    assert decide(Q(agency__partnership_id=world.partnership.pk), world.unit) is None
    assert decide(Q(agency=world.police), world.unit) is False


def test_a_deactivated_person_is_shown_and_allowed_nothing(world):
    populate(world)
    gone = [world.make_user(role, is_active=False) for role in ALL_ROLES]
    for policy in policies():
        objects = list(policy.model._default_manager.all())
        for capability in capabilities_of(policy):
            for person in gone:
                assert not policy.visible(person, capability).exists(), (type(policy).__name__, capability)
                assert not any(policy.allows(person, obj, capability) for obj in objects)
