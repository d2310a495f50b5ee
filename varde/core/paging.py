"""A page of a list and the list's total from one query.

Django's Paginator counts the rows in a query of its own before it reads the page. On the lists that
case handlers and the privacy officer open all day, that count is a second permission-scoped query
with the same joins and conditions as the page; here the total rides along with the page's rows as a
window over the filtered rows (ADR 0046). As with Paginator.get_page, a number past the end gives the
last page; a missing or unreadable number, or one below one, gives the first.

A list that only grows is counted up to a cap instead (ADR 0047), and paged by position rather than by
number (ADR 0041).
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Window

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


@dataclass(frozen=True)
class CappedCount:
    """How many rows match, counted no further than `cap`, and whether there were more.

    A count reads every row that matches. On a list that only grows, such as the audit trail, that
    count is what the page costs, and it would grow with the installation's years; counting up to the
    cap costs the same however long the list becomes (ADR 0047).
    """

    count: int
    cap: int

    @property
    def has_more(self) -> bool:
        return self.count > self.cap

    @property
    def shown(self) -> int:
        return min(self.count, self.cap)


def capped_count(queryset: QuerySet[Any], cap: int) -> CappedCount:
    return CappedCount(queryset.order_by()[: cap + 1].count(), cap)


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
MICROSECOND = timedelta(microseconds=1)
# Past this, a position is not one the trail can hold (year 9999); refused rather than sent on.
LATEST = (datetime(9999, 1, 1, tzinfo=UTC) - EPOCH) // MICROSECOND


@dataclass(frozen=True)
class Position:
    """Where a page of a newest-first list ends: the time and id of a row, as the token a link carries.

    The time is the list's own (`occurred_at` on the trail, `created_at` on notifications); the id is
    a number or a UUID, as the table's key is."""

    occurred_at: datetime
    id: int | UUID

    @classmethod
    def of(cls, row: Any, time_field: str = "occurred_at") -> "Position":
        return cls(getattr(row, time_field), row.id)

    @classmethod
    def parse(cls, token: str | None, *, uuid_ids: bool = False) -> "Position | None":
        """The position a token names, or None for a missing or unreadable one."""
        micros, _dot, key = (token or "").partition(".")
        if not micros.isdigit() or int(micros) > LATEST:
            return None
        row_id = _uuid(key) if uuid_ids else (int(key) if key.isdigit() and len(key) <= 18 else None)
        return None if row_id is None else cls(EPOCH + int(micros) * MICROSECOND, row_id)

    @property
    def token(self) -> str:
        key = self.id.hex if isinstance(self.id, UUID) else self.id
        return f"{(self.occurred_at - EPOCH) // MICROSECOND}.{key}"

    def older(self, time_field: str = "occurred_at") -> Q:
        """The rows after this one in the list: older, or as old and added before it."""
        return Q(**{f"{time_field}__lte": self.occurred_at}) & (
            Q(**{f"{time_field}__lt": self.occurred_at}) | Q(id__lt=self.id)
        )

    def newer(self, time_field: str = "occurred_at") -> Q:
        return Q(**{f"{time_field}__gte": self.occurred_at}) & (
            Q(**{f"{time_field}__gt": self.occurred_at}) | Q(id__gt=self.id)
        )


def _uuid(text: str) -> UUID | None:
    try:
        return UUID(hex=text) if len(text) == 32 else None
    except ValueError:
        return None


@dataclass(frozen=True)
class Stretch:
    """One page of a newest-first list, and where the pages beside it start."""

    rows: list[Any]
    older: Position | None
    newer: Position | None


def newest_first_stretch(
    queryset: QuerySet[Any],
    size: int,
    *,
    older_than: Position | None = None,
    newer_than: Position | None = None,
    time_field: str = "occurred_at",
) -> Stretch:
    """A page of rows ordered by time and id, newest first, reached by position rather than by number.

    A list that grows at its head, as the audit trail does with every reading of it, moves under a
    numbered page: the second page of a moment ago now starts with rows the first page showed. A
    position stays where it was, so paging on neither repeats nor skips a row (ADR 0041).
    """

    def position(row: Any) -> Position:
        return Position.of(row, time_field)

    if newer_than is not None:
        rows = list(queryset.filter(newer_than.newer(time_field)).order_by(time_field, "id")[: size + 1])
        has_newer, rows = len(rows) > size, rows[:size][::-1]
        return Stretch(
            rows,
            older=position(rows[-1]) if rows else newer_than,
            newer=position(rows[0]) if has_newer else None,
        )
    if older_than is not None:
        queryset = queryset.filter(older_than.older(time_field))
    rows = list(queryset.order_by(f"-{time_field}", "-id")[: size + 1])
    has_older, rows = len(rows) > size, rows[:size]
    newer = None
    if older_than is not None:
        newer = position(rows[0]) if rows else older_than
    return Stretch(rows, older=position(rows[-1]) if has_older else None, newer=newer)
