from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path

from ecte import views

admin.site.login = secure_admin_login(admin.site.login)

urlpatterns = [
    path("", views.StartView.as_view(), name="start"),
    path("home/", views.HomeView.as_view(), name="home"),
    path("choose-role/", views.ChooseRoleView.as_view(), name="choose_role"),
    path("accessibility/", views.accessibility, name="accessibility"),
    path("cookies/", views.cookies, name="cookies"),
    path("privacy/", views.privacy, name="privacy"),
    path("healthcheck", views.healthcheck, name="healthcheck"),
    path("demo/sign-in/<int:user_id>/", views.demo_sign_in, name="demo_sign_in"),
    path("school/reviews/", include("induction.school_urls")),
    path("school/", include("schools.urls")),
    path("appropriate-body/", include("induction.urls")),
    path("lead-provider/", include("programmes.urls")),
    # Programme pages of the other roles (module sequence, engagement, mentoring, my programme).
    path("school/", include("programmes.urls.school")),
    path("mentor/", include("programmes.urls.mentor")),
    path("ect/", include("programmes.urls.ect")),
    path("", include("participants.urls")),
    path("notifications/", include("ecte.notifications.urls")),
    path("exports/", include("ecte.exports.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "ecte.views.error_403"
handler404 = "ecte.views.error_404"
handler500 = "ecte.views.error_500"
