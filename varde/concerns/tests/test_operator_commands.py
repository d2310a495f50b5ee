"""An operator starts an installation without the demo: a partnership with its two agencies and the
default reference data, and its first users from the command line."""

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from varde.accounts.models import Agency, Partnership, User
from varde.accounts.roles import AgencyKind, LegalRegime
from varde.concerns.models import LegalBasis
from varde.core.models import AuditEvent

AGENCIES = ["--municipality", "Halden kommune", "--police", "Halden politistasjonsdistrikt"]


def create(slug="halden", name="Halden"):
    call_command("partnership", "create", "--name", name, "--slug", slug, *AGENCIES)


def test_a_partnership_gets_its_two_controllers_and_reference_data(db, capsys):
    create()
    partnership = Partnership.objects.get(slug="halden")
    police = Agency.objects.get(partnership=partnership, kind=AgencyKind.POLICE)
    assert police.legal_regime == LegalRegime.POLICE_REGISTER_ACT
    assert Agency.objects.get(partnership=partnership, kind=AgencyKind.MUNICIPALITY).name == "Halden kommune"
    assert LegalBasis.objects.filter(partnership=partnership).exists()
    assert partnership.info_pages.exists()
    assert AuditEvent.objects.filter(action="partnership.created", object_id=str(partnership.pk)).exists()
    call_command("partnership", "list")
    assert "halden  Halden  (Halden kommune; Halden politistasjonsdistrikt)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("slug", "name"), [("halden", "Annet navn"), ("annen", "Halden"), ("Store Bokstaver", "X")]
)
def test_a_taken_or_malformed_name_is_refused_and_changes_nothing(db, slug, name):
    create()
    with pytest.raises(CommandError):
        create(slug=slug, name=name)
    assert Partnership.objects.count() == 1


def test_the_first_user_logs_in_and_must_set_up_a_second_factor(db, capsys):
    create()
    call_command(
        "createuser",
        *("--username", "drift", "--email", "drift@halden.kommune.no", "--first-name", "Dag"),
        *("--partnership", "halden", "--agency", "municipality", "--role", "admin"),
    )
    password = capsys.readouterr().out.rsplit(": ", 1)[1].strip()
    user = User.objects.get(username="drift")
    assert user.memberships.get().agency.kind == AgencyKind.MUNICIPALITY
    client = Client()
    answer = client.post(reverse("accounts:login"), {"username": "drift", "password": password})
    assert answer.status_code == 302
    assert client.get(reverse("accounts:home"))["Location"].startswith(reverse("accounts:mfa_setup"))
    assert AuditEvent.objects.filter(action="user.created", object_id=str(user.pk)).exists()


@pytest.mark.parametrize(
    "arguments",
    [
        ("--username", "ny", "--email", "ikke-en-adresse", "--agency", "municipality", "--role", "admin"),
        ("--username", "ny", "--email", "ny@x.no", "--agency", "police", "--role", "coordinator"),
        ("--username", "ny", "--email", "ny@x.no", "--agency", "municipality", "--role", "resource_person"),
    ],
)
def test_bad_user_input_is_refused_and_creates_nothing(db, arguments):
    create()
    with pytest.raises(CommandError):
        call_command("createuser", "--partnership", "halden", *arguments)
    assert not User.objects.filter(username="ny").exists()
