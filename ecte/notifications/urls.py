from django.urls import path

from ecte.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("read-all/", views.MarkAllReadView.as_view(), name="mark_all_read"),
    path("<int:notification_id>/", views.OpenNotificationView.as_view(), name="open"),
    path("<int:notification_id>/read/", views.MarkReadView.as_view(), name="mark_read"),
    path("stop/<str:token>/", views.OptOutView.as_view(), name="opt_out"),
]
