"""What the case pages and the API read about concerns, beside what permissions.py decides: a list
as filtered and sorted, and the measures and disclosures of one concern that the reader may see."""

from django.db.models import QuerySet
from django.utils import timezone

from varde.accounts.actors import Actor
from varde.accounts.permissions import handler_agency_ids

from .forms import CaseFilterForm
from .models import Concern, Disclosure, Measure
from .permissions import ConcernAccess, category_sort_key, narrowed_by_category

CATEGORY_FILTERS = ("status", "phenomenon", "responsible", "overdue")
CATEGORY_SORTS = ("status", "assessment_due")


def filtered_concerns(concerns: QuerySet[Concern], form: CaseFilterForm, user: Actor) -> QuerySet[Concern]:
    """The list as filtered and sorted; categories only ever narrow or order the user's own concerns."""
    data = form.cleaned_data
    if any(data[name] for name in CATEGORY_FILTERS):
        concerns = narrowed_by_category(user, concerns)
    if data["status"]:
        concerns = concerns.filter(status=data["status"])
    if data["phenomenon"]:
        concerns = concerns.filter(phenomenon=data["phenomenon"])
    if data["responsible"] == "me":
        concerns = concerns.filter(responsible=user)
    elif data["responsible"] == "nobody":
        concerns = concerns.filter(responsible__isnull=True)
    if data["overdue"]:
        concerns = concerns.filter(pk__in=Concern.objects.assessment_overdue(timezone.localdate()))
    sort = data["sort"] or "-created_at"
    if sort in CATEGORY_SORTS:
        return concerns.order_by(category_sort_key(user, sort).asc(nulls_last=True), "reference")
    return concerns.order_by(sort, "reference")


def measures_for(user: Actor, concern: Concern, access_: ConcernAccess) -> list[Measure]:
    if not access_.shows_measures:
        return []
    rows = concern.measures.select_related("measure_type", "owner_agency", "responsible", "consent")
    if access_.mentor_only:
        rows = rows.filter(responsible=user)
    return list(rows)


def disclosures_for(user: Actor, concern: Concern, access_: ConcernAccess) -> QuerySet[Disclosure]:
    """The owner sees every disclosure; a receiving agency sees those in force to it."""
    related = concern.disclosures.select_related("from_agency", "to_agency", "legal_basis", "approved_by")
    if access_.is_owner:
        return related
    return related.in_force().filter(to_agency_id__in=handler_agency_ids(user))
