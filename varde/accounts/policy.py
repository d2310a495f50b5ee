"""Policies: each access rule on a model stated once, and asked both ways.

A policy says, per capability, which objects of its model the capability reaches for an actor — as one
filter (a `Q`). From that one declaration come the list ("which ones may I see?": `visible`), the check
("may I do this with that one?": `allows`) and the audited load behind every detail page (`load`), so
the two can no longer drift apart.

`allows` decides in memory when the filter compares only the object's own columns with values already
known (the roles are read once per request), and asks the database the same filter for this one row
otherwise: a meeting's organiser is admitted without a query, an invited guest with one.
"""

from abc import ABC, abstractmethod
from collections.abc import Collection
from typing import Any, ClassVar, cast

from django.db import models
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404

from varde.core.access import Capability
from varde.core.audit import AuditAction, Audited, record_event

from .actors import Actor

# The filter that reaches nothing: for a capability the actor holds nowhere.
NOTHING = Q(pk__in=[])

type Verdict = bool | None  # None: the filter cannot be decided from the object alone.


class Policy[M: models.Model, Objects: QuerySet[Any]](ABC):
    """The access rules of one model (M, its objects a queryset of type Objects). A subclass names the
    model and states `rule`."""

    model: ClassVar[type[Any]]
    # What `load` reads with the object, for the page that shows it.
    related: ClassVar[tuple[str, ...]] = ()
    # What `load` records in the trail for a read (the model's `audit_fields` say where it belongs).
    read_action: ClassVar[AuditAction | None] = None

    @abstractmethod
    def rule(self, actor: Actor, capability: Capability) -> Q:
        """The objects `capability` reaches for `actor`, as a filter on the model."""

    def visible(self, actor: Actor, capability: Capability) -> Objects:
        objects: Objects = self.model._default_manager.all()
        if not actor.is_authenticated or not actor.is_active:
            return objects.none()
        return objects.filter(self.rule(actor, capability))

    def allows(self, actor: Actor, obj: M, capability: Capability) -> bool:
        if not actor.is_authenticated or not actor.is_active:
            return False
        verdict = decide(self.rule(actor, capability), obj)
        if verdict is not None:
            return verdict
        return self.visible(actor, capability).filter(pk=obj.pk).exists()

    def load(self, actor: Actor, pk: Any, capability: Capability, *, purpose: str = "") -> M:
        """The object for a page: missing and out of reach both answer 404; a read the policy audits
        is recorded with the purpose."""
        reachable = self.visible(actor, capability)
        obj: M = get_object_or_404(
            reachable.select_related(*self.related) if self.related else reachable, pk=pk
        )
        if self.read_action is not None:
            audited = cast(Audited, obj)
            fields = audited.audit_fields()
            fields["actor"], fields["obj"], fields["purpose"] = actor, audited, purpose
            record_event(self.read_action, **fields)
        return obj


def decide(rule: Q, obj: models.Model) -> Verdict:
    """The filter's answer for one object from its loaded columns, or None where that needs the database
    (a related table, a subquery, a lookup other than equality, membership and null)."""
    verdicts = [_decide_term(term, obj) for term in rule.children]
    if rule.connector == Q.OR:
        verdict = True if True in verdicts else (None if None in verdicts else False)
    else:
        verdict = False if False in verdicts else (None if None in verdicts else True)
    if verdict is None or not rule.negated:
        return verdict
    return not verdict


def _decide_term(term: Any, obj: models.Model) -> Verdict:
    if isinstance(term, Q):
        return decide(term, obj)
    if not isinstance(term, tuple):
        return None
    lookup, wanted = term
    name, _, operator = lookup.partition("__")
    column = _own_column(obj, name)
    return None if column is None else _compare(getattr(obj, column), operator, wanted)


def _compare(value: Any, operator: str, wanted: Any) -> Verdict:
    if operator in ("", "exact"):
        return bool(value == _key(wanted))
    if operator == "in" and isinstance(wanted, Collection) and not isinstance(wanted, (str, QuerySet)):
        return value in {_key(each) for each in wanted}
    if operator == "isnull" and isinstance(wanted, bool):
        return (value is None) is wanted
    return None


def _own_column(obj: models.Model, name: str) -> str | None:
    """The attribute holding the object's own column of that name (a foreign key's id), if it has one."""
    if name == "pk":
        return obj._meta.pk.attname
    return next((f.attname for f in obj._meta.concrete_fields if name in (f.name, f.attname)), None)


def _key(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value


class PartnershipPolicy[M: models.Model, Objects: QuerySet[Any]](Policy[M, Objects]):
    """For the objects that belong to one partnership (through `partnership`, a path to its foreign key):
    a capability reaches them in the partnerships where the actor holds one of its roles."""

    partnership: ClassVar[str] = "partnership"

    def rule(self, actor: Actor, capability: Capability) -> Q:
        return Q(**{f"{self.partnership}_id__in": actor.partnership_ids_where(capability.roles)})
