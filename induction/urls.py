from django.urls import path

from induction import views

app_name = "induction"

urlpatterns = [
    path("", views.AppropriateBodyHomeView.as_view(), name="home"),
]
