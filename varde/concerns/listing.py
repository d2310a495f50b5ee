"""The rows of the case list, written in Python rather than with template tags.

The case list is the page case handlers open most, and it shows fifty rows. Each template variable
costs Django's template engine some fifty function calls, and format_html about fifteen per value; a
row has a dozen values, so the rows took more time than the rest of the page together. Here every
value goes through the standard library's escape, which is what Django's own escape calls (ADR 0046).
The table around the rows stays in concerns/case_list.html, and the page's markup test checks that
every text column is shown as text.

The rows are read as values, not as model instances, with the list's total in the same query
(core.paging), and the responsible people of the page in a query of their own (User.names_of): joined
to the cases, the planner hashes every user in the country before it sorts and cuts the page.
"""

from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any
from uuid import UUID

from django.core.paginator import Page
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from varde.accounts.models import User
from varde.core.paging import page_with_total
from varde.core.rendering import short_date, short_datetime, url_with_pk

from .choices import Status
from .models import AdviceSession, Concern, acute_due_at, is_assessment_overdue
from .workflow import ASSESSMENT_PHASE

PER_PAGE = 50
ACUTE_SHOWN = 20
COLUMNS = 7
CATEGORIES = ("status", "phenomenon", "age_band")
# What a row shows: categories, dates and who owns and handles the case, never the person.
VALUES = (
    "pk",
    "reference",
    *CATEGORIES,
    "is_acute",
    "police_alerted_at",
    "assessment_due",
    "owning_agency_id",
    "owning_agency__name",
    "responsible_id",
)

Row = Mapping[str, Any]


@dataclass(frozen=True)
class CaseList:
    page: Page[Any]
    rows: SafeString


@dataclass(frozen=True)
class _Texts:
    """The fixed texts and labels of the rows, translated once per list rather than once per row."""

    acute: str
    overdue: str
    shared: str
    labels: dict[str, dict[Any, str]]

    @classmethod
    def translated(cls) -> "_Texts":
        def tag(text: str) -> str:
            return f' <span class="ds-tag" data-color="danger">{escape(text)}</span>'

        return cls(
            acute=tag(_("Acute")),
            overdue=tag(_("Overdue")),
            shared=escape(_("Shared with you – open the case to see what")),
            labels={name: Concern.labels_of(name) for name in CATEGORIES},
        )

    def categories(self, row: Row) -> list[str]:
        return [str(labels.get(row[name], row[name])) for name, labels in self.labels.items()]


def case_list_page(
    concerns: QuerySet[Concern], number_text: str | None, *, owned_by: Set[UUID], today: date
) -> CaseList:
    """The page numbered number_text of an ordered queryset of concerns, and its rows."""
    page = page_with_total(concerns.values(*VALUES), number_text, PER_PAGE)
    names = _responsible_names(page.object_list)
    return CaseList(page, case_rows(page.object_list, names, owned_by=owned_by, today=today))


def acute_case_rows(
    concerns: QuerySet[Concern], *, owned_by: Set[UUID], today: date
) -> tuple[int, SafeString]:
    """The open acute cases among those the user may see, newest alert first, and how many: pinned
    above the list, whatever it is filtered or sorted by."""
    acute = concerns.filter(is_acute=True).exclude(status=Status.CLOSED).order_by("-police_alerted_at")
    rows = list(acute.values(*VALUES)[:ACUTE_SHOWN])
    if not rows:
        return 0, SafeString("")
    return len(rows), case_rows(rows, _responsible_names(rows), owned_by=owned_by, today=today)


def _responsible_names(rows: Iterable[Row]) -> dict[UUID, str]:
    return User.names_of({row["responsible_id"] for row in rows} - {None})


def case_rows(
    rows: Iterable[Row], names: Mapping[UUID, str], *, owned_by: Set[UUID], today: date
) -> SafeString:
    """One table row per concern; a single row saying so when there are none. Only the owning agency
    (one of owned_by) sees the categories; another agency sees that the case is shared with it."""
    texts = _Texts.translated()
    lines = [_row(row, names, row["owning_agency_id"] in owned_by, today, texts) for row in rows]
    if not lines:
        lines = [f'<tr><td colspan="{COLUMNS}">{escape(_("No concerns match."))}</td></tr>']
    return SafeString("\n".join(lines))


def _row(row: Row, names: Mapping[UUID, str], owned: bool, today: date, texts: _Texts) -> str:
    url = escape(url_with_pk("concerns:detail", row["pk"]))
    acute = texts.acute if row["is_acute"] else ""
    first = f'<td><a class="ds-link varde-ref" href="{url}">{escape(row["reference"])}</a>{acute}</td>'
    agency = escape(row["owning_agency__name"])
    if not owned:
        return f'<tr>{first}<td colspan="3">{texts.shared}</td><td>{agency}</td><td colspan="2">–</td></tr>'
    categories = "".join(f"<td>{escape(text)}</td>" for text in texts.categories(row))
    responsible = escape(names.get(row["responsible_id"], "–"))
    due = _due(row, today, texts)
    return f"<tr>{first}{categories}<td>{agency}</td><td>{responsible}</td><td>{due}</td></tr>"


def _due(row: Row, today: date, texts: _Texts) -> str:
    if row["is_acute"] and row["police_alerted_at"] is not None:
        due = acute_due_at(row["police_alerted_at"])
        overdue = texts.overdue if due < timezone.now() and row["status"] in ASSESSMENT_PHASE else ""
        return f"{escape(short_datetime(due))}{overdue}"
    if row["assessment_due"] is None:
        return "–"
    overdue = texts.overdue if is_assessment_overdue(row["assessment_due"], row["status"], today) else ""
    return f"{escape(short_date(row['assessment_due']))}{overdue}"


# The advice given is encrypted, so a search in its words reads the newest sessions that match the
# other filters, up to this many, rather than the agency's whole history.
ADVICE_TEXT_SEARCHED = 2000


def advice_matching(sessions: QuerySet[AdviceSession], data: Mapping[str, Any]) -> tuple[Any, bool]:
    """The sessions the filters match, and whether the words of the advice were searched."""
    for field in ("phenomenon", "reporter_category"):
        if data.get(field):
            sessions = sessions.filter(**{field: data[field]})
    if data.get("date_from"):
        sessions = sessions.filter(held_on__gte=data["date_from"])
    if data.get("date_to"):
        sessions = sessions.filter(held_on__lte=data["date_to"])
    words = data.get("text", "").casefold().split()
    if not words:
        return sessions, False
    newest = sessions[:ADVICE_TEXT_SEARCHED]
    return [s for s in newest if all(word in s.advice_given.casefold() for word in words)], True
