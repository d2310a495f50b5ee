from django.urls import path

from .views import agenda, calendar, meetings, minutes

app_name = "meetings"

urlpatterns = [
    path("moter/", meetings.meeting_list, name="list"),
    path("moter/ny/", meetings.schedule, name="schedule"),
    path("moter/kalender/", calendar.calendar, name="calendar"),
    path("moter/<uuid:pk>/", meetings.meeting_detail, name="detail"),
    path("moter/<uuid:pk>/inviter/", meetings.invite, name="invite"),
    path("moter/<uuid:pk>/oppmote/", meetings.attendance, name="attendance"),
    path("moter/<uuid:pk>/avlys/", meetings.cancel, name="cancel"),
    path(
        "moter/<uuid:pk>/deltakere/<int:participant_pk>/fjern/",
        meetings.remove_participant,
        name="remove_participant",
    ),
    path("moter/<uuid:pk>/dagsorden/", agenda.agenda, name="agenda"),
    path("moter/<uuid:pk>/dagsorden/ny/", agenda.add_item, name="add_item"),
    path("moter/<uuid:pk>/dagsorden/sak/<uuid:concern_pk>/", agenda.prepare_item, name="prepare_item"),
    path("moter/<uuid:pk>/dagsorden/<uuid:item_pk>/flytt/", agenda.move_item, name="move_item"),
    path("moter/<uuid:pk>/dagsorden/<uuid:item_pk>/fjern/", agenda.remove_item, name="remove_item"),
    path("moter/<uuid:pk>/referat/", minutes.minutes_page, name="minutes"),
    path("moter/<uuid:pk>/referat/pdf/", minutes.minutes_pdf, name="minutes_pdf"),
    path("moter/<uuid:pk>/referat/godkjenn/", minutes.approve, name="approve"),
    path("moter/<uuid:pk>/referat/tillegg/", minutes.addendum, name="addendum"),
    path("moter/<uuid:pk>/referat/<uuid:item_pk>/", minutes.item_minutes, name="item_minutes"),
    path("moter/oppgaver/<uuid:pk>/utfort/", minutes.complete_task, name="complete_task"),
    path("kalender/<str:token>.ics", calendar.feed, name="feed"),
    path("admin/beslutningsdyktighet/", meetings.quorum_rule, name="quorum_rule"),
]
