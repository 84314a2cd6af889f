from django.urls import path

from participants import views

app_name = "participants"

urlpatterns = [
    path("mentor/", views.MentorHomeView.as_view(), name="mentor_home"),
    path("ect/", views.ECTHomeView.as_view(), name="ect_home"),
    path("ect/reviews/", views.OwnReviewsView.as_view(), name="own_reviews"),
    path("ect/reviews/<slug:kind>/<int:pk>/", views.OwnRecordView.as_view(), name="own_record"),
    path("teachers/<int:teacher_id>/", views.TeacherView.as_view(), name="teacher"),
]
