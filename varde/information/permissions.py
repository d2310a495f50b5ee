"""Who may edit the information pages: the communications role of the partnership. Everyone may
read what is published; nobody outside the editors sees a draft."""

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from varde.accounts.permissions import partnerships_where_any
from varde.accounts.roles import Role

from .models import InfoPage

EDITORS = (Role.COMMUNICATIONS,)


def pages_editable_by(user: Any) -> QuerySet[InfoPage]:
    return InfoPage.objects.filter(partnership__in=partnerships_where_any(user, EDITORS))


def get_editable_page_for(user: Any, pk: Any) -> InfoPage:
    page = pages_editable_by(user).select_related("partnership").filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def can_edit(user: Any, page: InfoPage) -> bool:
    return pages_editable_by(user).filter(pk=page.pk).exists()
