from django.urls import path

from schools import views

app_name = "schools"

urlpatterns = [
    path("", views.SchoolHomeView.as_view(), name="home"),
]
