from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("saker/<uuid:pk>/vurderinger/", views.trajectory, name="trajectory"),
    path("saker/<uuid:pk>/vurderinger/ny/", views.start, name="start"),
    path("saker/<uuid:pk>/vurderinger/<uuid:assessment_pk>/", views.detail, name="detail"),
    path("saker/<uuid:pk>/vurderinger/<uuid:assessment_pk>/rediger/", views.edit, name="edit"),
    path("saker/<uuid:pk>/vurderinger/<uuid:assessment_pk>/pdf/", views.pdf, name="pdf"),
    path("saker/<uuid:pk>/vurderinger/<uuid:assessment_pk>/korriger/", views.correct, name="correct"),
    path("saker/<uuid:pk>/vurderinger/<uuid:assessment_pk>/forkast/", views.discard, name="discard"),
    path("admin/instrumenter/", views.instrument_list, name="instrument_list"),
    path("admin/instrumenter/<uuid:pk>/", views.instrument_detail, name="instrument_detail"),
    path("admin/instrumenter/<uuid:pk>/status/", views.instrument_retire, name="instrument_retire"),
    path("admin/bekymringsnivaa/", views.level_scale, name="level_scale"),
]
