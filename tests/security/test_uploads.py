"""Attack probes on the two uploads (an action plan, an assessment instrument): too large, not text,
markup or a document of the wrong shape is refused with a message on the form, and nothing is stored.
A request body larger than the proxy allows never reaches Varde (client_max_body_size in deploy/)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import log_in
from varde.accounts.roles import Role
from varde.actionplan.models import ActionPlan
from varde.assessments.models import Instrument

UPLOADS = {
    # page, role, largest accepted file, what would be stored
    "actionplan:import": (Role.PLAN_MANAGER, 1024 * 1024, ActionPlan),
    "assessments:instrument_list": (Role.ADMIN, 512 * 1024, Instrument),
}

BAD_FILES = {
    "too large": ("plan.yaml", lambda limit: b"a: " + b"x" * limit, "større enn"),
    "not text": ("plan.yaml", lambda limit: b"\xff\xfe\x00\x00PNG", "UTF-8"),
    "markup": ("plan.html", lambda limit: b"<script>alert(1)</script>", None),
    "empty": ("plan.yaml", lambda limit: b"", None),
    "wrong shape": ("plan.json", lambda limit: b'["a", "b"]', None),
}


@pytest.mark.parametrize("page", sorted(UPLOADS))
@pytest.mark.parametrize("kind", sorted(BAD_FILES))
def test_a_bad_upload_is_refused_on_the_form_and_stores_nothing(world, client, page, kind):
    role, limit, stored = UPLOADS[page]
    before = stored._default_manager.count()
    name, content, message = BAD_FILES[kind]
    log_in(client, world.make_user(role))
    response = client.post(reverse(page), {"file": SimpleUploadedFile(name, content(limit))})
    assert response.status_code == 200
    shown = response.content.decode()
    assert 'aria-invalid="true"' in shown or "ds-error-summary" in shown
    assert "<script>alert(1)" not in shown
    if message:
        assert message in shown
    assert stored._default_manager.count() == before
