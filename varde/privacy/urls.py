from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("revisjonslogg/", views.audit_trail, name="audit_trail"),
    path("innsyn/", views.access_report_page, name="access_report"),
]
