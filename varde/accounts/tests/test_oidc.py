"""OpenID Connect is off unless configured, and never creates or revives accounts."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from varde.accounts.oidc import VardeOIDCBackend
from varde.accounts.roles import Role


def test_oidc_is_off_without_configuration(client, db):
    assert not settings.VARDE_OIDC_ENABLED
    assert "oidc" not in client.get("/login/").content.decode()
    with pytest.raises(NoReverseMatch):
        reverse("oidc_authentication_init")


def test_oidc_matches_active_accounts_by_email_only(world):
    user = world.make_user(Role.EMPLOYEE, email="kari@example.invalid")
    gone = world.make_user(Role.EMPLOYEE, email="borte@example.invalid", is_active=False)
    backend = VardeOIDCBackend.__new__(VardeOIDCBackend)
    assert list(backend.filter_users_by_claims({"email": "KARI@example.invalid"})) == [user]
    assert list(backend.filter_users_by_claims({"email": gone.email})) == []
    assert list(backend.filter_users_by_claims({})) == []
