from django.urls import path

from . import views

app_name = "actionplan"

urlpatterns = [
    path("plan/", views.dashboard, name="dashboard"),
    path("plan/tiltak/<uuid:pk>/", views.measure, name="measure"),
    path("plan/forpliktelser/<uuid:pk>/", views.obligation, name="obligation"),
    path("plan/opplaering/", views.trainings, name="trainings"),
    path("plan/opplaering/dekning/", views.coverage, name="coverage"),
    path("plan/foresporsler/", views.requests, name="requests"),
    path("plan/foresporsler/<uuid:pk>/", views.request_action, name="request_action"),
    path("plan/foresporsler/<uuid:pk>/holdt/", views.request_held, name="request_held"),
    path("plan/importer/", views.import_plan, name="import"),
    path("plan/eksport.yaml", views.export, name="export"),
    path("plan/rapport/", views.report, name="report"),
    path("plan/rapport.pdf", views.report_pdf, name="report_pdf"),
]
