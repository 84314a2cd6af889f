"""The mentor's programme pages, under /mentor/ (their home, "My ECTs", is participants')."""

from django.urls import path

from programmes.views import mentor

app_name = "mentoring"

urlpatterns = [
    path("ects/<int:period_id>/", mentor.MentorECTView.as_view(), name="ect"),
    path(
        "ects/<int:period_id>/drop-ins/",
        mentor.MentorLogListView.as_view(kind="drop_ins"),
        name="drop_ins",
    ),
    path(
        "ects/<int:period_id>/meetings/",
        mentor.MentorLogListView.as_view(kind="meetings"),
        name="meetings",
    ),
    path("ects/<int:period_id>/drop-ins/new/", mentor.LogDropInView.as_view(), name="log_drop_in"),
    path("ects/<int:period_id>/meetings/new/", mentor.LogMeetingView.as_view(), name="log_meeting"),
    path("drop-ins/<int:pk>/change/", mentor.ChangeDropInView.as_view(), name="change_drop_in"),
    path("meetings/<int:pk>/", mentor.MeetingView.as_view(), name="meeting"),
    path("meetings/<int:pk>/change/", mentor.ChangeMeetingView.as_view(), name="change_meeting"),
    path("training/", mentor.MyTrainingView.as_view(), name="training"),
    path("training/study/<int:item_id>/", mentor.MarkMentorStudyView.as_view(), name="mark_study"),
]
