"""The rows of the case list, written in Python rather than with template tags.

The case list is the page case handlers open most, and it shows fifty rows. Each template variable
costs Django's template engine some fifty function calls, and format_html about fifteen per value; a
row has a dozen values, so the rows took more time than the rest of the page together. Here every
value goes through the standard library's escape, which is what Django's own escape calls (ADR 0017).
The table around the rows stays in concerns/case_list.html, and the page's markup test checks that
every text column is shown as text.
"""

from collections.abc import Iterable, Set
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any
from uuid import UUID

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from varde.core.rendering import short_date, url_with_pk

from .models import Concern

COLUMNS = 7
CATEGORIES = ("status", "phenomenon", "age_band")


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

    def categories(self, concern: Concern) -> list[str]:
        values = ((labels, getattr(concern, name)) for name, labels in self.labels.items())
        return [labels.get(value, value) for labels, value in values]


def case_rows(concerns: Iterable[Concern], *, owned_by: Set[UUID], today: date) -> SafeString:
    """One table row per concern; a single row saying so when there are none. Only the owning agency
    (one of owned_by) sees the categories; another agency sees that the case is shared with it."""
    texts = _Texts.translated()
    rows = [_row(concern, concern.owning_agency_id in owned_by, today, texts) for concern in concerns]
    if not rows:
        rows = [f'<tr><td colspan="{COLUMNS}">{escape(_("No concerns match."))}</td></tr>']
    return SafeString("\n".join(rows))


def _row(concern: Concern, owned: bool, today: date, texts: _Texts) -> str:
    url = escape(url_with_pk("concerns:detail", concern.pk))
    acute = texts.acute if concern.is_acute else ""
    first = f'<td><a class="ds-link" href="{url}">{escape(concern.reference)}</a>{acute}</td>'
    if not owned:
        agency = escape(str(concern.owning_agency))
        return f'<tr>{first}<td colspan="3">{texts.shared}</td><td>{agency}</td><td colspan="2">–</td></tr>'
    cells = [
        *texts.categories(concern),
        str(concern.owning_agency),
        concern.responsible.display_name if concern.responsible else "–",
    ]
    due = _due(concern, today, texts)
    return f"<tr>{first}{''.join(f'<td>{escape(cell)}</td>' for cell in cells)}<td>{due}</td></tr>"


def _due(concern: Concern, today: date, texts: _Texts) -> str:
    if concern.assessment_due is None:
        return "–"
    overdue = texts.overdue if concern.is_overdue(today) else ""
    return f"{escape(short_date(concern.assessment_due))}{overdue}"
