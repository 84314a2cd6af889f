"""The ECT's programme pages, under /ect/ (their home is participants')."""

from django.urls import path

from programmes.views import ect

app_name = "my_programme"

urlpatterns = [
    path("programme/", ect.MyProgrammeView.as_view(), name="programme"),
    path("programme/modules/<str:code>/", ect.ModuleView.as_view(), name="module"),
    path(
        "programme/modules/<str:code>/study/<int:item_id>/",
        ect.MarkStudyView.as_view(),
        name="mark_study",
    ),
    path("meetings/", ect.MyMeetingsView.as_view(), name="meetings"),
    path("meetings/<int:pk>/", ect.MyMeetingView.as_view(), name="meeting"),
]
