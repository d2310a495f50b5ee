from django.urls import path

from . import views

app_name = "scale"
urlpatterns = [
    path("ytelse/gulv/rad/", views.floor_row, name="floor_row"),
    path("ytelse/gulv/tabell/", views.floor_table, name="floor_table"),
    path("ytelse/gulv/rad/logget/", views.floor_row, {"audited": True}, name="floor_row_audited"),
    path("ytelse/gulv/tabell/logget/", views.floor_table, {"audited": True}, name="floor_table_audited"),
]
