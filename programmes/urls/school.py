"""The induction tutor's programme pages, under /school/."""

from django.urls import path

from programmes.views import engagement, school

app_name = "school_programme"

urlpatterns = [
    path("module-sequence/", school.ModuleSequenceView.as_view(), name="module_sequence"),
    path(
        "module-sequence/choose/",
        school.ChooseModuleSequenceView.as_view(),
        name="module_sequence_choose",
    ),
    path(
        "module-sequence/check/",
        school.CheckModuleSequenceView.as_view(),
        name="module_sequence_check",
    ),
    path(
        "module-sequence/keep-designed-order/",
        school.KeepDesignedOrderView.as_view(),
        name="module_sequence_keep",
    ),
    path("engagement/", engagement.EngagementView.as_view(), name="engagement"),
    path("engagement.csv", engagement.EngagementCSVView.as_view(), name="engagement_csv"),
    path(
        "engagement/ects/<int:period_id>/",
        engagement.ECTEngagementView.as_view(),
        name="engagement_ect",
    ),
    path("engagement/meetings/<int:pk>/", engagement.TutorMeetingView.as_view(), name="meeting"),
]
