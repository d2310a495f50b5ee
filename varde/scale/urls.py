from django.urls import path

from . import views

app_name = "scale"
urlpatterns = [
    path("ytelse/gulv/rad/", views.floor_row, name="floor_row"),
    path("ytelse/gulv/tabell/", views.floor_table, name="floor_table"),
]
