"""A page of a list and the list's total from one query.

Django's Paginator counts the rows in a query of its own before it reads the page. On the lists that
case handlers and the privacy officer open all day, that count is a second permission-scoped query
with the same joins and conditions as the page; here the total rides along with the page's rows as a
window over the filtered rows (ADR 0018). As with Paginator.get_page, a number past the end gives the
last page; a missing or unreadable number, or one below one, gives the first.

A list that only grows is counted up to a cap instead (CappedPaginator, ADR 0030).
"""

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property

TOTAL = "rows_in_list"


def _number(text: str | None) -> int:
    try:
        return max(int(text or 1), 1)
    except ValueError:
        return 1


def _rows(queryset: QuerySet[Any], number: int, per_page: int) -> list[Any]:
    counted = queryset.annotate(**{TOTAL: Window(Count("*"))})
    return list(counted[(number - 1) * per_page : number * per_page])


def _total(row: Any) -> int:
    return int(row[TOTAL] if isinstance(row, dict) else getattr(row, TOTAL))


def page_with_total(queryset: QuerySet[Any], number_text: str | None, per_page: int) -> Page[Any]:
    """The page numbered number_text of an ordered queryset (of models or of values)."""
    number = _number(number_text)
    rows = _rows(queryset, number, per_page)
    if rows:
        total = _total(rows[0])
    elif number == 1:
        total = 0
    else:
        # Past the end: count, and show the last page as Paginator.get_page does.
        total = queryset.count()
        number = max(-(-total // per_page), 1)
        rows = _rows(queryset, number, per_page) if total else []
    paginator = Paginator(rows, per_page)
    paginator.count = total  # a cached_property: set, it is never computed from the page's rows
    return Page(rows, number, paginator)


class CappedPaginator(Paginator[Any]):
    """A paginator that counts no further than `cap` rows, and says whether there were more.

    A count reads every row that matches. On a list that only grows, such as the audit trail, that
    count is what the page costs, and it would grow with the installation's years; counting up to the
    cap costs the same however long the list becomes (ADR 0030). The pages beyond the cap are not
    offered: a narrower search reaches what they would have shown.
    """

    def __init__(self, object_list: QuerySet[Any], per_page: int, *, cap: int) -> None:
        super().__init__(object_list, per_page)
        # Kept as the queryset it is: Paginator types object_list as anything that can be sliced.
        self.queryset, self.cap = object_list, cap

    @cached_property
    def counted(self) -> int:
        """The matching rows, counted up to one past the cap."""
        return self.queryset.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def has_more(self) -> bool:
        """More rows match than the cap."""
        return self.counted > self.cap
