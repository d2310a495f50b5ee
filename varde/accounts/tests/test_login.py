"""Logging in: password, lockout, second factor, demo shortcut, idle timeout and logout."""

import itertools
import os
import re
import subprocess
import sys
from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from conftest import PASSWORD, log_in, present
from varde.accounts.models import AuthenticatorApp, RecoveryCode, recovery_code_digest
from varde.accounts.roles import Role
from varde.core.models import AuditEvent

LOGIN = "/login/"


def current_code(device: AuthenticatorApp) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def post_login(client, username, password=PASSWORD, *, address="127.0.0.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra}, REMOTE_ADDR=address)


def test_employee_logs_in_and_reaches_home(make_user, client):
    user = make_user(Role.EMPLOYEE)
    response = post_login(client, user.username)
    assert response.status_code == 302
    assert response.url == reverse("accounts:home")
    assert AuditEvent.objects.filter(action="login.succeeded", actor_id=str(user.pk)).exists()


def test_wrong_password_gives_a_message_and_an_audit_event(make_user, client):
    user = make_user(Role.EMPLOYEE)
    response = post_login(client, user.username, "feil-passord")
    assert response.status_code == 200
    assert "Feil brukernavn eller passord." in response.content.decode()
    event = AuditEvent.objects.get(action="login.failed")
    assert event.object_id == str(user.pk)
    assert "feil-passord" not in str(event.detail)


def test_failed_login_for_unknown_name_stores_nothing_typed(client, db):
    post_login(client, "hemmelig-passord-i-feil-felt", "x")
    event = AuditEvent.objects.get(action="login.failed")
    assert event.object_id == ""
    assert "hemmelig" not in event.actor_label + event.object_id + str(event.detail)


def test_repeated_failures_lock_the_account_and_say_so(make_user, client):
    user = make_user(Role.EMPLOYEE)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        post_login(client, user.username, "feil-passord")
    response = post_login(client, user.username)  # even the right password is refused while locked
    assert response.status_code == 429
    assert "sperret" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login.locked_out").exists()


def test_one_address_failing_across_many_names_is_refused_before_any_password_is_checked(make_user, client):
    user = make_user(Role.EMPLOYEE)
    for number in range(settings.VARDE_LOGIN_ADDRESS_LIMIT):
        assert post_login(client, f"navn{number}", "feil-passord").status_code == 200
    response = post_login(client, user.username)  # the right password, from the refused address
    assert response.status_code == 429
    assert "nettverksadresse" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="login.address_refused").exists()
    assert not AuditEvent.objects.filter(action="login.failed", object_id=str(user.pk)).exists()
    # Another address is not affected.
    other = post_login(client, user.username, address="10.9.8.7")
    assert other.status_code == 302


def test_the_lock_on_a_name_grows_with_repeated_failures_and_ends_at_the_first(make_user, client):
    from django.test import RequestFactory

    from varde.accounts.throttle import lockout_time

    user = make_user(Role.EMPLOYEE)
    asking = RequestFactory().post(LOGIN, {"username": user.username})
    start = timezone.now()
    minutes = []
    for round_number in range(5):
        with time_machine.travel(start + timedelta(hours=round_number), tick=False):
            for _ in range(settings.AXES_FAILURE_LIMIT):
                post_login(client, user.username, "feil-passord", address=f"10.0.0.{round_number}")
            if round_number == 0:
                assert lockout_time(asking) == timedelta(minutes=1)  # the first lock is short
            locked = post_login(client, user.username, address=f"10.0.0.{round_number}")
            assert locked.status_code == 429
            locked_for = present(re.search(r"sperret i (\d+) minutt", locked.content.decode()))
            minutes.append(int(locked_for.group(1)))
    longest = settings.VARDE_LOCKOUT_MINUTES
    assert all(a < b or a == b == longest for a, b in itertools.pairwise(minutes))  # longer each round
    assert minutes[-1] == longest
    with time_machine.travel(start + timedelta(hours=6), tick=False):
        assert post_login(client, user.username, address="10.0.0.9").status_code == 302
    # A successful login forgets the name's failures: the next lock is the first again.
    assert lockout_time(asking) == timedelta(minutes=1)


def test_failed_logins_keep_no_name_or_address_readable(client, db):
    from varde.accounts.models import LoginFailure

    post_login(client, "hemmelig-navn", "x", address="192.0.2.44")
    stored = " ".join(LoginFailure.objects.values_list("key_hash", flat=True))
    assert LoginFailure.objects.count() == 2
    assert "hemmelig" not in stored
    assert "192.0.2.44" not in stored


def test_next_parameter_is_followed_only_on_this_site(make_user, client):
    user = make_user(Role.EMPLOYEE)
    response = post_login(client, user.username, next="https://evil.example/")
    assert response.url == reverse("accounts:home")


def test_logout_ends_the_session_and_is_recorded(make_user, client):
    user = make_user(Role.EMPLOYEE)
    log_in(client, user)
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 302
    assert AuditEvent.objects.filter(action="logout", actor_id=str(user.pk)).exists()


def test_logout_clears_what_pages_left_in_the_browsers_storage_and_keeps_the_cookies(make_user, client):
    log_in(client, make_user(Role.EMPLOYEE))
    response = client.post(reverse("accounts:logout"))
    assert response["Clear-Site-Data"] == '"storage"'
    assert "Du er logget ut." in client.get(response.url).content.decode()


def test_logout_by_get_is_refused(make_user, client):
    log_in(client, make_user(Role.EMPLOYEE))
    assert client.get(reverse("accounts:logout")).status_code == 405


def test_a_session_ends_after_30_idle_minutes_however_long_it_was_used(make_user, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in(client, make_user(Role.EMPLOYEE))
    home = reverse("accounts:home")
    for minutes in (0, 20, 45):  # in use for 45 minutes, never idle for 30
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(home).status_code == 200
    with time_machine.travel(start + timedelta(minutes=45 + 31), tick=False):
        response = client.get(home)
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_a_session_ends_12_hours_after_login_however_busy_it_was(make_user, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in(client, make_user(Role.EMPLOYEE))
    home = reverse("accounts:home")
    minutes = 0
    while minutes < 12 * 60:  # never idle for 30 minutes
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get(home).status_code == 200
        minutes += 25
    with time_machine.travel(start + timedelta(hours=12, minutes=1), tick=False):
        response = client.get(home)
        assert response.status_code == 302
        assert response.url.startswith(reverse("accounts:login"))
        page = client.get(response.url).content.decode()
    assert "12 timer gammel" in page


def test_a_session_without_a_start_time_ends(make_user, client):
    log_in(client, make_user(Role.EMPLOYEE))
    session = client.session
    del session["_varde_started_at"]
    session.save()
    assert client.get(reverse("accounts:home")).status_code == 302


# A one-time password -------------------------------------------------------------------------


def test_a_one_time_password_works_for_one_login_and_must_be_replaced_first(world, client):
    from varde.accounts.actions import NewUser, create_user_as_operator

    person = NewUser("ny.ansatt", "Ny", "Ansatt", "ny@example.invalid")
    user, one_time = create_user_as_operator(person, agency=world.municipality, role=Role.EMPLOYEE)
    assert post_login(client, user.username, one_time).status_code == 302
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url == reverse("accounts:password_change") + "?next=%2Fhjem%2F"
    page = client.get(response.url).content.decode()
    assert "engangspassord" in page
    same = {"old_password": one_time, "new_password": one_time, "new_password_again": one_time, "next": "/"}
    assert "Velg et annet passord" in client.post(reverse("accounts:password_change"), same).content.decode()
    new = "et-eget-godt-passord-42"
    changed = {"old_password": one_time, "new_password": new, "new_password_again": new, "next": "/"}
    assert client.post(reverse("accounts:password_change"), changed).url == "/"
    assert client.get(reverse("accounts:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    assert post_login(client, user.username, one_time).status_code == 200  # refused
    assert post_login(client, user.username, new).status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


def test_an_administrators_password_reset_must_be_replaced_too(world, client):
    from varde.accounts.actions import reset_password

    admin = world.make_user(Role.ADMIN)
    user = world.make_user(Role.EMPLOYEE)
    one_time = reset_password(admin, user)
    post_login(client, user.username, one_time)
    assert client.get(reverse("accounts:home")).url.startswith(reverse("accounts:password_change"))
    assert client.get("/api/v1/me").status_code == 401


def test_requests_within_a_minute_do_not_write_the_session(make_user, client):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        log_in(client, make_user(Role.EMPLOYEE))
        client.get(reverse("accounts:home"))
    with (
        time_machine.travel(start + timedelta(seconds=50), tick=False),
        CaptureQueriesContext(connection) as queries,
    ):
        assert client.get(reverse("accounts:home")).status_code == 200
    assert not [q for q in queries.captured_queries if q["sql"].startswith('UPDATE "django_session"')]


# Second factor --------------------------------------------------------------------------------


def test_coordinator_must_enrol_before_anything_else(make_user, client):
    user = make_user(Role.COORDINATOR)
    post_login(client, user.username)
    response = client.get(reverse("accounts:home"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:mfa_setup"))


def test_enrolment_with_qr_code_and_code_gives_recovery_codes(make_user, client):
    user = make_user(Role.COORDINATOR)
    post_login(client, user.username)
    page = client.get(reverse("accounts:mfa_setup"))
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = AuthenticatorApp.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:mfa_setup"), {"token": current_code(device), "next": "/"})
    assert response.status_code == 200
    assert f'href="{reverse("accounts:home")}"' in response.content.decode()  # the way on, a real address
    shown = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(shown) == 10
    kept = set(RecoveryCode.objects.filter(device__user=user).values_list("digest", flat=True))
    assert kept == {recovery_code_digest(code) for code in shown}  # digests only, never the codes
    assert client.get(reverse("accounts:home")).status_code == 200
    assert AuditEvent.objects.filter(action="user.second_factor_enrolled").exists()


def test_enrolment_with_a_wrong_code_explains_and_keeps_the_device_unconfirmed(make_user, client):
    user = make_user(Role.COORDINATOR)
    post_login(client, user.username)
    client.get(reverse("accounts:mfa_setup"))
    response = client.post(reverse("accounts:mfa_setup"), {"token": "000000"})
    assert "Koden stemte ikke" in response.content.decode()
    assert not AuthenticatorApp.objects.filter(user=user, confirmed=True).exists()


def enrolled(user) -> AuthenticatorApp:
    app: AuthenticatorApp = AuthenticatorApp.objects.create(user=user, name="app", confirmed=True)
    return app


def test_enrolled_user_logs_in_with_a_code(make_user, client):
    user = make_user(Role.POLICE_CONTACT)
    device = enrolled(user)
    post_login(client, user.username)
    response = client.get(reverse("accounts:home"))
    assert response.url.startswith(reverse("accounts:mfa_verify"))
    response = client.post(reverse("accounts:mfa_verify"), {"token": current_code(device), "next": "/"})
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).status_code == 200


def test_recovery_code_works_once(make_user, client):
    user = make_user(Role.PRIVACY_OFFICER)
    enrolled(user)
    from varde.accounts.actions import regenerate_recovery_codes

    code = regenerate_recovery_codes(user)[0]
    post_login(client, user.username)
    assert client.post(reverse("accounts:mfa_verify"), {"token": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    post_login(client, user.username)
    response = client.post(reverse("accounts:mfa_verify"), {"token": code})
    assert response.status_code == 200
    assert "Koden er feil" in response.content.decode()


def test_the_password_alone_never_reaches_enrolment_when_an_authenticator_exists(make_user, client):
    user = make_user(Role.COORDINATOR)
    device = enrolled(user)
    post_login(client, user.username)
    for method in (client.get, client.post):
        response = method(reverse("accounts:mfa_setup"), {"token": "123456", "next": "/saker/"})
        assert response.status_code == 302
        assert response.url == reverse("accounts:mfa_verify") + "?next=%2Fsaker%2F"
    assert list(AuthenticatorApp.objects.filter(user=user)) == [device]
    assert not AuditEvent.objects.filter(action="user.second_factor_enrolled").exists()


def test_the_enrolment_action_refuses_to_replace_an_authenticator_not_proven(make_user):
    from django.core.exceptions import PermissionDenied

    from varde.accounts.actions import confirm_totp_device, start_totp_enrolment

    user = make_user(Role.POLICE_CONTACT)
    old = enrolled(user)
    new = start_totp_enrolment(user)
    with pytest.raises(PermissionDenied):
        confirm_totp_device(user, new, current_code(new), replacement_allowed=False)
    assert AuthenticatorApp.objects.get(user=user, confirmed=True) == old


@pytest.mark.parametrize("proof", ["authenticator", "recovery_code"])
def test_a_session_that_proved_the_second_factor_may_replace_the_authenticator(make_user, client, proof):
    from varde.accounts.actions import regenerate_recovery_codes

    user = make_user(Role.COORDINATOR)
    old = enrolled(user)
    old_codes = regenerate_recovery_codes(user)
    post_login(client, user.username)
    token = current_code(old) if proof == "authenticator" else old_codes[0]
    assert client.post(reverse("accounts:mfa_verify"), {"token": token}).status_code == 302
    assert "Bytt autentiseringsapp" in client.get(reverse("accounts:account")).content.decode()
    page = client.get(reverse("accounts:mfa_setup"))
    assert page.status_code == 200
    assert "slutter den gamle appen" in page.content.decode()
    new = AuthenticatorApp.objects.get(user=user, confirmed=False)
    response = client.post(reverse("accounts:mfa_setup"), {"token": current_code(new)})
    assert response.status_code == 200
    assert list(AuthenticatorApp.objects.filter(user=user)) == [new]
    old_digests = [recovery_code_digest(code) for code in old_codes]
    assert not RecoveryCode.objects.filter(device__user=user, digest__in=old_digests).exists()


def test_the_account_page_offers_no_replacement_before_the_second_factor(make_user, client):
    user = make_user(Role.EMPLOYEE)
    enrolled(user)
    post_login(client, user.username)
    page = client.get(reverse("accounts:account")).content.decode()
    assert "Bytt autentiseringsapp" not in page
    assert client.get(reverse("accounts:mfa_setup")).url == reverse("accounts:mfa_verify")


@pytest.mark.parametrize("token", ["<script>alert(1)</script>", "x" * 500, "12 34 56 78 90 12 34"])
def test_bad_codes_get_a_message_not_an_error(make_user, client, token):
    user = make_user(Role.ADMIN)
    enrolled(user)
    post_login(client, user.username)
    response = client.post(reverse("accounts:mfa_verify"), {"token": token})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()


def test_employee_needs_no_second_factor(make_user, client):
    post_login(client, make_user(Role.EMPLOYEE).username)
    assert client.get(reverse("accounts:home")).status_code == 200


@override_settings(VARDE_DEMO_MODE=True)
def test_demo_users_skip_the_second_factor_in_demo_mode(make_user, client):
    user = make_user(Role.COORDINATOR, is_demo=True)
    post_login(client, user.username)
    assert client.get(reverse("accounts:home")).status_code == 200


@override_settings(VARDE_DEMO_MODE=True)
def test_non_demo_users_do_not_skip_even_in_demo_mode(make_user, client):
    post_login(client, make_user(Role.COORDINATOR).username)
    assert client.get(reverse("accounts:home")).status_code == 302


@override_settings(VARDE_DEMO_MODE=False)
def test_demo_users_need_the_second_factor_outside_demo_mode(make_user, client):
    post_login(client, make_user(Role.COORDINATOR, is_demo=True).username)
    assert client.get(reverse("accounts:home")).status_code == 302


ENCRYPTION = {
    "VARDE_ENCRYPTION_KEYS": "dGVzdC1rZXktZm9yLXByb2R1Y3Rpb24tc2V0dGluZ3M=",
    "VARDE_BLIND_INDEX_KEY": "z" * 40,
}


def test_production_settings_refuse_demo_mode():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "VARDE_DEMO_MODE": "true"}
    env |= {"SECRET_KEY": "x" * 60, "VARDE_AUDIT_KEY": "y" * 40, **ENCRYPTION}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "VARDE_DEMO_MODE cannot be enabled" in result.stderr


def test_production_settings_leave_the_benchmark_out():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env |= {"SECRET_KEY": "x" * 60, "VARDE_AUDIT_KEY": "y" * 40, **ENCRYPTION}
    env.pop("VARDE_DEMO_MODE", None)
    env.pop("VARDE_BENCH_FLOOR", None)
    script = "\n".join(
        [
            "import django",
            "django.setup()",
            "from django.apps import apps",
            "from django.urls import NoReverseMatch, reverse",
            "assert not apps.is_installed('varde.scale')",
            "try:\n    reverse('scale:floor_row')\nexcept NoReverseMatch:\n    print('no floor pages')",
        ]
    )
    result = subprocess.run(  # noqa: S603 (this interpreter, our own script)
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "no floor pages" in result.stdout


def test_production_settings_pass_the_deploy_check():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production"}
    env |= {"SECRET_KEY": "k" * 30 + "Q7#x!" * 10, "VARDE_AUDIT_KEY": "y" * 40, **ENCRYPTION}
    env.pop("VARDE_DEMO_MODE", None)
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set for the browser tests only
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# The second factor's secrets at rest ---------------------------------------------------------------


def test_a_database_dump_holds_neither_the_authenticator_key_nor_a_recovery_code(make_user, client):
    from varde.accounts.actions import regenerate_recovery_codes
    from varde.concerns.tests.test_encryption import database_dump

    user = make_user(Role.COORDINATOR)
    post_login(client, user.username)
    page = client.get(reverse("accounts:mfa_setup")).content.decode()
    secret = present(re.search(r'class="varde-secret">([A-Z2-7 ]+)<', page)).group(1).replace(" ", "")
    device = AuthenticatorApp.objects.get(user=user)
    client.post(reverse("accounts:mfa_setup"), {"token": current_code(device)})
    codes = regenerate_recovery_codes(user)
    dump = database_dump()
    assert device.key not in dump
    assert secret not in dump
    assert not [code for code in codes if code in dump]
    post_login(client, user.username)
    assert client.post(reverse("accounts:mfa_verify"), {"token": codes[3]}).status_code == 302


def test_existing_devices_move_to_the_encrypted_ones_and_the_readable_ones_go(make_user):
    from importlib import import_module

    from django.apps import apps
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = make_user(Role.POLICE_CONTACT)
    old = TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    static = StaticDevice.objects.create(user=user, name="Recovery codes", confirmed=True)
    StaticToken.objects.create(device=static, token="abcd2345")
    import_module("varde.accounts.migrations.0006_encrypted_second_factor").move_devices(apps, None)
    moved = AuthenticatorApp.objects.get(user=user)
    assert moved.bin_key == old.bin_key
    assert moved.confirmed
    assert not TOTPDevice.objects.exists()
    assert not StaticToken.objects.exists()
    assert RecoveryCode.objects.get(device__user=user).digest == recovery_code_digest("abcd2345")
