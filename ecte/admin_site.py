from django.contrib import admin
from django.urls import path

from ecte.accounts.mfa import staff_has_passed_mfa, staff_has_totp


class ECTEAdminSite(admin.AdminSite):
    site_header = "Manage early career teacher induction: DfE admin"
    site_title = "DfE admin"
    index_title = "Administer the service"
    # The index adds DfE's tools (imports, national export) above the models.
    index_template = "admin/ecte_index.html"

    def has_permission(self, request) -> bool:
        # Password plus authenticator app, always (defence in depth beside the middleware).
        return (
            super().has_permission(request)
            and staff_has_totp(request.user)
            and staff_has_passed_mfa(request)
        )

    def get_urls(self):
        from ecte.imports import admin_views
        from ecte.imports.models import ImportKind

        tools = [
            path(
                "tools/import/teacher-records/",
                self.admin_view(admin_views.upload_view(self, ImportKind.TEACHER_RECORDS)),
                name="imports_teacher_records",
            ),
            path(
                "tools/import/schools/",
                self.admin_view(admin_views.upload_view(self, ImportKind.SCHOOLS)),
                name="imports_schools",
            ),
            path(
                "tools/import/<int:batch_id>/",
                self.admin_view(admin_views.preview_view(self)),
                name="imports_preview",
            ),
            path(
                "tools/export/national/",
                self.admin_view(admin_views.national_export_view(self)),
                name="exports_national",
            ),
            path(
                "tools/export/national/<int:export_id>/download/",
                self.admin_view(admin_views.national_download_view(self)),
                name="exports_national_download",
            ),
        ]
        return tools + super().get_urls()
