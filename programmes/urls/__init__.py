"""Lead provider pages, under /lead-provider/ (the other roles' pages are in the sibling modules)."""

from django.urls import path

from programmes.views import lead_provider as views

app_name = "programmes"

urlpatterns = [
    path("", views.LeadProviderHomeView.as_view(), name="home"),
    path("partnerships/", views.PartnershipsView.as_view(), name="partnerships"),
    path(
        "partnerships/<int:pk>/confirm/",
        views.ConfirmPartnershipView.as_view(),
        name="confirm_partnership",
    ),
    path(
        "partnerships/<int:pk>/decline/",
        views.DeclinePartnershipView.as_view(),
        name="decline_partnership",
    ),
    path("seminars/", views.SessionsView.as_view(), name="sessions"),
    path("seminars/<int:pk>/register/", views.RegisterView.as_view(), name="register"),
    path("self-study/", views.SelfStudyUploadView.as_view(), name="self_study"),
    path("self-study/errors.csv", views.UploadErrorsView.as_view(), name="self_study_errors"),
]
