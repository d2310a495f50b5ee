from django.urls import path

from . import views

app_name = "meetings"

urlpatterns = [
    path("moter/", views.meeting_list, name="list"),
    path("moter/ny/", views.schedule, name="schedule"),
    path("moter/kalender/", views.calendar, name="calendar"),
    path("moter/<uuid:pk>/", views.meeting_detail, name="detail"),
    path("moter/<uuid:pk>/inviter/", views.invite, name="invite"),
    path("moter/<uuid:pk>/oppmote/", views.attendance, name="attendance"),
    path("moter/<uuid:pk>/avlys/", views.cancel, name="cancel"),
    path(
        "moter/<uuid:pk>/deltakere/<int:participant_pk>/fjern/",
        views.remove_participant,
        name="remove_participant",
    ),
    path("kalender/<str:token>.ics", views.feed, name="feed"),
    path("admin/beslutningsdyktighet/", views.quorum_rule, name="quorum_rule"),
]
