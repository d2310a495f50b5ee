"""Information pages: a draft is never public, versions are kept, edited text is neutralised, reviews
feed the plan's obligation; the editor's access; the employee page."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse
from django.utils import translation

from conftest import ALL_ROLES, World, edit_basis, log_in, present
from varde.accounts.roles import Role
from varde.actionplan import actions as plan_actions
from varde.actionplan.obligations import State, current_plan, statuses_for
from varde.core.errors import ActionRefused
from varde.information import actions
from varde.information.formatting import render_text
from varde.information.models import InfoPage, PageKey, VersionStatus

EXPECTED = {
    "information:editor_list": {Role.COMMUNICATIONS.value},
    "information:edit": {Role.COMMUNICATIONS.value},
    "information:employee": set(ALL_ROLES),
}
# Public pages, tested below without login.
OUTSIDE_MATRIX = {"information:public_index", "information:public_page"}


def page(world: World, key: str = PageKey.SIGNS, language: str = "nb") -> InfoPage:
    return InfoPage.objects.get(partnership=world.partnership, key=key, language=language)


def editor(world: World):
    return world.make_user(Role.COMMUNICATIONS)


def public_url(world: World, key: str = PageKey.SIGNS) -> str:
    return reverse("information:public_page", args=[world.partnership.slug, key])


@pytest.mark.parametrize("role", ALL_ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_role_opens_exactly_the_pages_it_may(name, role, world, client):
    url = reverse(name, args=[page(world).pk]) if name == "information:edit" else reverse(name)
    log_in(client, world.make_user(role))
    assert client.get(url).status_code == (200 if role in EXPECTED[name] else 404)


def test_an_editor_of_another_partnership_cannot_edit(world, other_world, client):
    with pytest.raises(PermissionDenied):
        actions.save_draft(other_world.make_user(Role.COMMUNICATIONS), page(world), title="x", body="y")
    log_in(client, other_world.make_user(Role.COMMUNICATIONS))
    assert client.get(reverse("information:edit", args=[page(world).pk])).status_code == 404


def test_a_draft_is_never_public(world, client):
    actions.save_draft(editor(world), page(world), title="Tegn", body="Første tekst.")
    assert client.get(public_url(world)).status_code == 404
    actions.publish(editor(world), page(world))
    assert "Første tekst." in client.get(public_url(world)).content.decode()
    actions.save_draft(editor(world), page(world), title="Tegn", body="Ny tekst under arbeid.")
    shown = client.get(public_url(world)).content.decode()
    assert "Første tekst." in shown
    assert "Ny tekst under arbeid." not in shown
    index = client.get(reverse("information:public_index", args=[world.partnership.slug])).content.decode()
    assert "Tegn" in index


def test_versions_are_kept(world):
    actions.save_draft(editor(world), page(world), title="Tegn", body="En.")
    actions.publish(editor(world), page(world))
    actions.save_draft(editor(world), page(world), title="Tegn", body="To.")
    actions.save_draft(editor(world), page(world), title="Tegn", body="To, rettet.")
    actions.publish(editor(world), page(world))
    versions = list(page(world).versions.order_by("number").values_list("number", "status", "body"))
    assert versions == [(1, VersionStatus.SUPERSEDED, "En."), (2, VersionStatus.PUBLISHED, "To, rettet.")]
    with pytest.raises(ActionRefused):
        actions.publish(editor(world), page(world))


@pytest.mark.parametrize(
    "payload",
    [
        "<script>alert('x')</script>",
        "<img src=x onerror=alert(1)>",
        "[klikk](javascript:alert(1))",
        "[data](data:text/html;base64,PHNjcmlwdD4=)",
        "![bilde](https://example.invalid/x.png)",
    ],
)
def test_edited_text_is_neutralised(payload):
    html = str(render_text(payload))
    assert "<script" not in html
    assert "<img" not in html
    assert 'href="javascript' not in html
    assert 'href="data' not in html


def test_formatting_that_is_allowed():
    html = str(render_text("## Overskrift\n\n- punkt\n\n**fet** [tlf](tel:112)"))
    assert "<h2>Overskrift</h2>" in html
    assert "<li>punkt</li>" in html
    assert '<a href="tel:112">tlf</a>' in html
    assert "<strong>fet</strong>" in html


def test_the_visitor_language_with_bokmal_as_fallback(world, client):
    actions.save_draft(None, page(world), title="Tegn", body="Norsk.")
    actions.publish(None, page(world))
    client.cookies["django_language"] = "en"
    assert "Norsk." in client.get(public_url(world)).content.decode()
    actions.save_draft(None, page(world, language="en"), title="Signs", body="English.")
    actions.publish(None, page(world, language="en"))
    shown = client.get(public_url(world)).content.decode()
    assert "English." in shown
    assert "Norsk." not in shown


def test_reviews_are_the_evidence_for_the_information_obligation(world):
    from varde.actionplan.planfile import DEMO_PLAN

    plan_actions.import_plan(None, world.partnership, source=DEMO_PLAN.read_text(encoding="utf-8"))

    def status():
        from django.utils import timezone

        plan = present(current_plan(world.partnership))
        return next(
            s for s in statuses_for(plan, timezone.localdate()) if s.obligation.code == "public-information"
        )

    assert status().evidence == []
    for key in PageKey:
        actions.save_draft(None, page(world, key), title=str(key.label), body="Tekst.")
        actions.publish(editor(world), page(world, key))
    with translation.override("nb"):
        assert status().state == State.MET
        assert status().evidence[0].label == "4 sider gjennomgått"


def test_the_editor_previews_saves_and_publishes_through_the_page(world, client):
    log_in(client, editor(world))
    url = reverse("information:edit", args=[page(world).pk])
    opened = edit_basis(client.get(url).content.decode())
    preview = client.post(
        url, {**opened, "action": "preview", "title": "Tegn", "body": "**Viktig** <script>x</script>"}
    )
    html = preview.content.decode()
    assert "<strong>Viktig</strong>" in html
    assert "&lt;script&gt;x&lt;/script&gt;" in html
    assert not page(world).versions.exists()
    assert client.post(url, {**opened, "action": "save", "title": "", "body": ""}).status_code == 200
    client.post(url, {**opened, "action": "save", "title": "Tegn", "body": "Tekst."})
    client.post(url, {"action": "publish"})
    assert page(world).versions.get().status == VersionStatus.PUBLISHED
    assert page(world).reviewed_on is not None


def test_the_editor_list_tags_the_standing_versions_and_leaves_the_superseded_unread(world, client):
    for body in ("En.", "To.", "Tre."):
        actions.save_draft(editor(world), page(world), title="Tegn", body=body)
        actions.publish(editor(world), page(world))
    actions.save_draft(editor(world), page(world), title="Tegn", body="Fire, under arbeid.")
    log_in(client, editor(world))
    response = client.get(reverse("information:editor_list"))
    listed = next(p for p in response.context["pages"] if p.pk == page(world).pk)
    assert sorted(v.status for v in listed.versions.all()) == [VersionStatus.DRAFT, VersionStatus.PUBLISHED]
    row = next(r for r in response.content.decode().split("<tr") if str(listed.pk) in r)
    assert "Publisert" in row
    assert "Utkast" in row


def test_the_employee_page_names_contacts_and_the_units_training(world, client):
    coordinator = world.make_user(Role.COORDINATOR, first_name="Kari", last_name="Koordinator")
    resource = world.make_user(Role.RESOURCE_PERSON, first_name="Rita", last_name="Ressurs")
    employee = world.make_user(Role.RESOURCE_PERSON, first_name="Anders", last_name="Ansatt")
    log_in(client, employee)
    page_html = client.get(reverse("information:employee")).content.decode()
    assert coordinator.display_name in page_html
    assert resource.display_name in page_html
    assert world.unit.name in page_html
    assert "ikke hatt opplæring ennå" in page_html
    assert reverse("concerns:report") in page_html


def test_two_editors_saving_the_same_page_do_not_overwrite_each_other(world):
    url = reverse("information:edit", args=[page(world).pk])
    first, second = log_in(Client(), editor(world)), log_in(Client(), world.make_user(Role.COMMUNICATIONS))
    opened_first, opened_second = (edit_basis(c.get(url).content.decode()) for c in (first, second))
    saved = first.post(url, {**opened_first, "action": "save", "title": "Tegn", "body": "Ringe skolen."})
    assert saved.status_code == 302
    refused = second.post(url, {**opened_second, "action": "save", "title": "Tegn", "body": "Ringe NAV."})
    shown = refused.content.decode()
    assert "Tekst (nå «Ringe skolen.»)" in shown
    assert "Ringe NAV." in shown
    assert page(world).versions.get().body == "Ringe skolen."
