"""A person in the trail's filter, named by a signed token of their cases' ids rather than by name.

The name is sent once, by POST; an address or a log line carries only the token. The token only ever
narrows what the officer may read anyway, and the signature turns a changed one into a clear error.
"""

from collections.abc import Iterable
from typing import Any

from django.core import signing

PERSON_SALT = "varde.privacy.trail.person"
# More cases than anyone has: a token past this would make an address too long to send.
MOST_CASES = 100


def person_token(concern_ids: Iterable[Any]) -> str:
    return signing.dumps(sorted(str(pk) for pk in concern_ids), salt=PERSON_SALT, compress=True)


def cases_in_token(token: str) -> list[str] | None:
    """The case ids a person token names, or None when it is not one this installation signed."""
    try:
        ids = signing.loads(token, salt=PERSON_SALT)
    except signing.BadSignature:
        return None
    return [str(pk) for pk in ids] if isinstance(ids, list) else None
