from django.urls import path

from . import views

app_name = "network"

urlpatterns = [
    path("nettverk/", views.organisations, name="organisations"),
    path("nettverk/ressurspersoner/", views.resource_persons, name="resource_persons"),
    path("nettverk/beredskap/", views.preparedness, name="preparedness"),
    path("nettverk/<uuid:pk>/", views.organisation, name="organisation"),
]
