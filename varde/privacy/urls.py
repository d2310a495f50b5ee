from django.urls import path

from . import views

app_name = "privacy"

urlpatterns = [
    path("revisjonslogg/", views.audit_trail, name="audit_trail"),
    path("innsyn/", views.access_report_page, name="access_report"),
    path("sletting/", views.retention_overview, name="retention"),
    path("henvendelser/", views.request_list, name="requests"),
    path("henvendelser/<uuid:pk>/", views.request_detail, name="request_detail"),
    path("behandlingsprotokoll/", views.processing_record, name="processing_record"),
    path(
        "behandlingsprotokoll/<uuid:agency_pk>/pdf/",
        views.processing_record_pdf,
        name="processing_record_pdf",
    ),
]
