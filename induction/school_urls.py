"""The school's progress reviews and assessments, under /school/reviews/ (ecte/urls.py)."""

from django.urls import path

from induction.views import school

app_name = "school_reviews"

urlpatterns = [
    path("", school.ReviewsHomeView.as_view(), name="home"),
    path("yours/", school.OwnReviewsView.as_view(), name="own"),
    path("ects/<int:teacher_id>/", school.ECTView.as_view(), name="ect"),
    path(
        "ects/<int:teacher_id>/progress-review/",
        school.RecordProgressReviewView.as_view(),
        name="progress_review",
    ),
    path(
        "ects/<int:teacher_id>/assessments/<slug:kind>/",
        school.RecordAssessmentView.as_view(),
        name="record_assessment",
    ),
    path("ects/<int:teacher_id>/absence/", school.RecordAbsenceView.as_view(), name="absence"),
    path("assessments/<int:assessment_id>/", school.AssessmentView.as_view(), name="assessment"),
    path("support-plans/<int:plan_id>/", school.SupportPlanView.as_view(), name="support_plan"),
]
