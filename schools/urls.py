from django.urls import path

from schools.views import ects, mentors, register_ect, trust, year

app_name = "schools"

urlpatterns = [
    path("", year.SchoolHomeView.as_view(), name="home"),
    path("set-up/done/", year.YearSetUpView.as_view(), name="year_set_up"),
    path("set-up/<slug:step>/", year.SetUpYearWizard.as_view(), name="set_up_year"),
    # ECTs
    path("ects/", ects.ECTListView.as_view(), name="ects"),
    path(
        "ects/register/<slug:step>/",
        register_ect.RegisterECTWizard.as_view(),
        name="register_ect",
    ),
    path("ects/<int:period_id>/", ects.ECTView.as_view(), name="ect"),
    path(
        "ects/<int:period_id>/registered/",
        register_ect.ECTRegisteredView.as_view(),
        name="ect_registered",
    ),
    path(
        "ects/<int:period_id>/mentor/assigned/",
        mentors.MentorAssignedView.as_view(),
        name="mentor_assigned",
    ),
    path(
        "ects/<int:period_id>/mentor/<slug:step>/",
        mentors.AssignMentorWizard.as_view(),
        name="assign_mentor",
    ),
    path(
        "ects/<int:period_id>/register-mentor/<slug:step>/",
        mentors.RegisterMentorForECTWizard.as_view(),
        name="register_mentor_for_ect",
    ),
    path("ects/<int:period_id>/left/", ects.ECTLeftView.as_view(), name="ect_left"),
    path(
        "ects/<int:period_id>/leaving/<slug:step>/",
        ects.ReportECTLeavingWizard.as_view(),
        name="ect_leaving",
    ),
    path("ects/<int:period_id>/change/name/", ects.ChangeNameView.as_view(), name="change_name"),
    path("ects/<int:period_id>/change/email/", ects.ChangeEmailView.as_view(), name="change_email"),
    path(
        "ects/<int:period_id>/change/working-pattern/",
        ects.ChangeWorkingPatternView.as_view(),
        name="change_working_pattern",
    ),
    path(
        "ects/<int:period_id>/change/appropriate-body/",
        ects.ChangeAppropriateBodyView.as_view(),
        name="change_appropriate_body",
    ),
    path(
        "ects/<int:period_id>/change/training/",
        ects.ChangeTrainingView.as_view(),
        name="change_training",
    ),
    # Mentors
    path("mentors/", mentors.MentorListView.as_view(), name="mentors"),
    path(
        "mentors/register/<slug:step>/",
        mentors.RegisterMentorWizard.as_view(),
        name="register_mentor",
    ),
    path("mentors/<int:period_id>/", mentors.MentorView.as_view(), name="mentor"),
    path(
        "mentors/<int:period_id>/registered/",
        mentors.MentorRegisteredView.as_view(),
        name="mentor_registered",
    ),
    path("mentors/<int:period_id>/left/", ects.MentorLeftView.as_view(), name="mentor_left"),
    path(
        "mentors/<int:period_id>/leaving/<slug:step>/",
        ects.ReportMentorLeavingWizard.as_view(),
        name="mentor_leaving",
    ),
    # The trust induction lead's pages (rule 24).
    path("trust/", trust.TrustHomeView.as_view(), name="trust_home"),
    path(
        "trust/module-sequence/<int:provider_id>/",
        trust.TrustModuleSequenceView.as_view(),
        name="trust_module_sequence",
    ),
    path(
        "trust/module-sequence/<int:provider_id>/choose/",
        trust.TrustChooseModuleSequenceView.as_view(),
        name="trust_module_sequence_choose",
    ),
    path(
        "trust/module-sequence/<int:provider_id>/check/",
        trust.TrustCheckModuleSequenceView.as_view(),
        name="trust_module_sequence_check",
    ),
    path(
        "trust/module-sequence/<int:provider_id>/keep-designed-order/",
        trust.TrustKeepDesignedOrderView.as_view(),
        name="trust_module_sequence_keep",
    ),
]
