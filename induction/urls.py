from django.urls import path

from induction.views import (
    appropriate_body,
    bulk,
    claim,
    corrections,
    periods,
    received,
    release_requests,
)

app_name = "induction"

urlpatterns = [
    path("", appropriate_body.AppropriateBodyHomeView.as_view(), name="home"),
    path("lists/<slug:slug>/", appropriate_body.TaskListView.as_view(), name="list"),
    path("received/<slug:kind>/<int:record_id>/", received.ReceivedView.as_view(), name="received"),
    path("claim/", claim.FindTeacherView.as_view(), name="claim_find"),
    path("claim/<int:teacher_id>/<slug:step>/", claim.ClaimWizard.as_view(), name="claim"),
    path("teachers/<int:teacher_id>/", appropriate_body.TeacherView.as_view(), name="teacher"),
    path(
        "teachers/<int:teacher_id>/release/<slug:step>/",
        periods.ReleaseWizard.as_view(),
        name="release",
    ),
    path(
        "teachers/<int:teacher_id>/outcome/<slug:step>/",
        periods.OutcomeWizard.as_view(),
        name="outcome",
    ),
    path("teachers/<int:teacher_id>/reduce/", periods.ReduceView.as_view(), name="reduce"),
    path(
        "teachers/<int:teacher_id>/ask-to-release/",
        release_requests.AskToReleaseView.as_view(),
        name="ask_to_release",
    ),
    path("periods/<int:period_id>/correct/", periods.CorrectPeriodView.as_view(), name="correct"),
    path(
        "extensions/<int:record_id>/correct/",
        corrections.CorrectExtensionView.as_view(),
        name="correct_extension",
    ),
    path(
        "reductions/<int:record_id>/correct/",
        corrections.CorrectReductionView.as_view(),
        name="correct_reduction",
    ),
    path("bulk/", bulk.BulkUploadView.as_view(), name="bulk_upload"),
    path("bulk/template/<slug:kind>.csv", bulk.BulkTemplateView.as_view(), name="bulk_template"),
    path("bulk/<int:upload_id>/", bulk.BulkUploadDetailView.as_view(), name="bulk_upload_detail"),
    path(
        "bulk/<int:upload_id>/progress.json", bulk.BulkProgressView.as_view(), name="bulk_progress"
    ),
    path("bulk/<int:upload_id>/errors.csv", bulk.BulkErrorsCSVView.as_view(), name="bulk_errors"),
    path(
        "release-requests/",
        release_requests.ReleaseRequestsView.as_view(),
        name="release_requests",
    ),
    path(
        "release-requests/<int:request_id>/",
        release_requests.ReleaseRequestView.as_view(),
        name="release_request",
    ),
]
