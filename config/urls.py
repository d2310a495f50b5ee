from django.apps import apps
from django.conf import settings
from django.urls import include, path

from varde.api.urls import api_urls
from varde.core.access import PUBLIC, access

urlpatterns = [
    path("", include("varde.core.urls")),
    path("", include("varde.accounts.urls")),
    path("", include("varde.concerns.urls")),
    path("", include("varde.assessments.urls")),
    path("", include("varde.meetings.urls")),
    path("", include("varde.actionplan.urls")),
    path("", include("varde.network.urls")),
    path("", include("varde.information.urls")),
    path("", include("varde.statistics.urls")),
    path("personvern/", include("varde.privacy.urls")),
    path("", include("varde.api.urls")),
    path("api/v1/", api_urls),
]

if apps.is_installed("varde.scale"):
    urlpatterns += [path("", include("varde.scale.urls"))]

if settings.VARDE_OIDC_ENABLED:
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    from varde.accounts.oidc import VardeOIDCCallbackView

    # The library reverses these two names without a namespace.
    urlpatterns += [
        path(
            "oidc/authenticate/",
            access(PUBLIC)(OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "oidc/callback/",
            access(PUBLIC)(VardeOIDCCallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
    ]

handler400 = "varde.core.views.bad_request"
handler403 = "varde.core.views.permission_denied"
handler404 = "varde.core.views.page_not_found"
handler500 = "varde.core.views.server_error"
