from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.front_door, name="root"),
    path("hjem/", views.home, name="home"),
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("login/totrinn/oppsett/", views.mfa_setup, name="mfa_setup"),
    path("login/totrinn/", views.mfa_verify, name="mfa_verify"),
    path("varsler/lest/", views.notifications_read, name="notifications_read"),
    path("konto/", views.account, name="account"),
    path("konto/passord/", views.password_change, name="password_change"),
    path("admin/brukere/", views.user_list, name="user_list"),
    path("admin/brukere/ny/", views.user_create, name="user_create"),
    path("admin/brukere/<uuid:pk>/", views.user_detail, name="user_detail"),
    path("admin/brukere/<uuid:pk>/konto/", views.user_account_action, name="user_account_action"),
    path("admin/roller/<uuid:pk>/fjern/", views.membership_remove, name="membership_remove"),
    path("admin/enheter/", views.unit_list, name="unit_list"),
    path("admin/enheter/ny/", views.unit_edit, name="unit_create"),
    path("admin/enheter/<uuid:pk>/", views.unit_edit, name="unit_edit"),
]
