"""Access rules shared by the meeting views, and the loader for an agenda point."""

from typing import Any

from django.http import Http404

from varde.accounts.actors import ActorRequest

from ..models import AgendaItem
from ..permissions import get_meeting_for


def item_for(request: ActorRequest, pk: Any, item_pk: Any) -> AgendaItem:
    """A point on a meeting the user may see; anything else is 404."""
    meeting = get_meeting_for(request.user, pk)
    item = meeting.items.select_related("concern", "meeting").filter(pk=item_pk).first()
    if item is None:
        raise Http404
    return item
