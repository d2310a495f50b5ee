"""OpenID Connect login (Entra ID, ID-porten, Ansattporten); active only when configured."""

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

from .models import User
from .second_factor import IDP_SECOND_FACTOR_SESSION_KEY


class VardeOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Matches the identity provider's e-mail claim to an existing, active account; never creates one."""

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = claims.get("email")
        if not email:
            return User.objects.none()
        return User.objects.filter(email__iexact=email, is_active=True)


class VardeOIDCCallbackView(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """Marks the session as strongly authenticated when the provider is trusted to require MFA."""

    def login_success(self) -> Any:
        response = super().login_success()
        if settings.VARDE_OIDC_TRUST_MFA:
            self.request.session[IDP_SECOND_FACTOR_SESSION_KEY] = True
        return response
