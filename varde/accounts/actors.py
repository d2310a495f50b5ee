"""Who acts: the type of the person behind a request, and of the request itself.

Views behind a door that needs a login take an ActorRequest, whose user is an Actor; the permission
functions and actions take the Actor. Only the doors themselves (core.people.Visitor), and the pages
anyone may open, meet an anonymous visitor.
"""

from varde.core.htmx import HtmxHttpRequest

from .models import User

# A signed-in person. Their memberships are read once per request (User.held_roles), so every check
# against them after the first asks the database nothing.
type Actor = User


class ActorRequest(HtmxHttpRequest):
    """The request of a view whose door needs a login: its user is an Actor."""

    user: Actor
