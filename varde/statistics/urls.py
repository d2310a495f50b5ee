from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("situasjonsbilde/", views.situation, name="situation"),
    path("situasjonsbilde.csv", views.situation_csv, name="situation_csv"),
    path("situasjonsbilde.xlsx", views.situation_xlsx, name="situation_xlsx"),
    path("situasjonsbilde/hendelser/", views.incidents, name="incidents"),
    path("situasjonsbilde/nett/", views.observations, name="observations"),
    path("situasjonsbilde/rapport/", views.report, name="report"),
    path("situasjonsbilde/rapport.pdf", views.report_pdf, name="report_pdf"),
]
