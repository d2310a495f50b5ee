from django.urls import path

from . import views

app_name = "information"

urlpatterns = [
    path("informasjon/<slug:slug>/", views.public_index, name="public_index"),
    path("informasjon/<slug:slug>/<str:key>/", views.public_page, name="public_page"),
    path("ansatt/", views.employee_page, name="employee"),
    path("markeringer/", views.event_list, name="events"),
    path("markeringer/<uuid:pk>/", views.event_detail, name="event"),
    path("markeringer/oppgaver/<int:pk>/utfort/", views.event_task_done, name="event_task_done"),
    path("admin/informasjon/", views.editor_list, name="editor_list"),
    path("admin/informasjon/<uuid:pk>/", views.edit, name="edit"),
]
