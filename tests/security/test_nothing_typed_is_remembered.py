"""Nothing typed into Varde is remembered by the browser. Most of what is typed is about other people
(a subject's name, a caller's number, what was said in a meeting), and a browser that kept it would
offer it to the next person typing in the same field on a shared computer. Every page of the
matrices is opened by a role that may open it, and every field that takes typed text must say
autocomplete="off", or name what it holds where that helps the user: the login's own fields. A
password field always names its password, for the user's password manager (ASVS 6.2.7)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from conftest import log_in

from .matrices import MATRICES, MATRIX_NAMES, viewer

NOT_TYPED = {"checkbox", "radio", "hidden", "file", "submit", "button", "reset", "image"}
THE_USERS_OWN = {"username", "one-time-code"}
# A password field names the password it holds, so that password managers can fill and save it.
PASSWORDS = {"current-password", "new-password"}


class TypedFields(HTMLParser):
    """The typed fields of a page, each as its name, its autocomplete and whether it is a password."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str | None, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        kind = named.get("type", "text")
        if tag == "textarea" or (tag == "input" and kind not in NOT_TYPED):
            self.found.append((named.get("name") or "", named.get("autocomplete"), kind == "password"))


def remembered_fields(html: str) -> list[tuple[str, str | None]]:
    """The typed fields a browser may remember, and the passwords it is not told how to keep."""
    parser = TypedFields()
    parser.feed(html)
    return [
        (name, value)
        for name, value, is_password in parser.found
        if (value not in PASSWORDS if is_password else value != "off" and value not in THE_USERS_OWN)
    ]


@pytest.mark.parametrize(("app", "url_for"), MATRICES, ids=MATRIX_NAMES)
def test_no_typed_field_is_remembered_by_the_browser(app, url_for, world, client):
    typed = 0
    remembered: list[tuple[str, str, str | None]] = []
    for name in sorted(app.EXPECTED):
        role = sorted(app.EXPECTED[name])[0]
        url = url_for(name, world)
        log_in(client, viewer(world, role))
        response = client.get(url)
        if response.status_code != 200 or not response["Content-Type"].startswith("text/html"):
            continue
        html = response.content.decode()
        typed += html.count("<textarea") + html.count('<input type="text"')
        remembered += [(name, field, value) for field, value in remembered_fields(html)]
    assert remembered == []
    if app.__name__.endswith(("concerns.tests.test_permissions", "meetings.tests.test_permissions")):
        assert typed > 0


@pytest.mark.parametrize("page", ["accounts:login", "information:public_index", "concerns:public_form"])
def test_the_public_pages_remember_only_the_login(page, world, client):
    url = reverse(page) if page == "accounts:login" else reverse(page, args=[world.partnership.slug])
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert remembered_fields(html) == []
    if page == "accounts:login":
        # The user's own name and password stay offered to the browser's password manager.
        assert 'autocomplete="username"' in html
        assert 'autocomplete="current-password"' in html
