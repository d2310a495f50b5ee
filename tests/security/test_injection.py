"""Attack probes: script and markup typed into every free-text field of a concern and of the records
hung on it come back escaped on every page and answer that shows them, never as live markup."""

import pytest
from django.urls import reverse

from conftest import log_in
from varde.concerns.actions import casework
from varde.concerns.tests.factories import (
    handler_for,
    make_concern,
    make_consent,
    make_disclosure,
    make_measure,
)

PAYLOADS = [
    "<script>alert('varde')</script>",
    '"><img src=x onerror=alert(1)>',
    "<svg onload=alert(1)>",
    "javascript:alert(1)",
    "{{ request.user }}{% debug %}",
]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_a_concern_are_shown_as_text(world, client, payload):
    concern = make_concern(world, name=f"Ola {payload}", description=payload)
    owner = handler_for(world, world.municipality)
    casework.update_assessment(owner, concern, summary=payload)
    make_measure(world, concern)
    make_consent(world, concern)
    make_disclosure(world, concern)
    log_in(client, owner)
    pages = [
        client.get(reverse("concerns:detail", args=[concern.pk])).content.decode(),
        client.get(reverse("concerns:list")).content.decode(),
        client.get(reverse("concerns:assessment", args=[concern.pk])).content.decode(),
    ]
    for page in pages:
        assert "<script>alert" not in page
        assert "<img src=x" not in page
        assert "<svg onload" not in page
    detail = pages[0]
    # The text is there, escaped, and a template tag in it was never run.
    assert (
        payload.replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#x27;").replace('"', "&quot;")
        in detail
    )
    assert 'href="javascript:' not in detail
