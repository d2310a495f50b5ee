from django.urls import path

from . import views

app_name = "statistics"

urlpatterns = [
    path("situasjonsbilde/", views.situation, name="situation"),
    path("situasjonsbilde.csv", views.situation_csv, name="situation_csv"),
    path("situasjonsbilde/hendelser/", views.incidents, name="incidents"),
    path("situasjonsbilde/nett/", views.observations, name="observations"),
]
