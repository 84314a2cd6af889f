from django.urls import path

from ecte.exports import views

app_name = "exports"

urlpatterns = [
    path("", views.ExportListView.as_view(), name="list"),
    path("<int:export_id>/", views.ExportDetailView.as_view(), name="detail"),
    path("<int:export_id>/download/", views.ExportDownloadView.as_view(), name="download"),
]
