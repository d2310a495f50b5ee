from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("sprak/", views.switch_language, name="switch_language"),
]
