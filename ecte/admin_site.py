from django.contrib import admin

from ecte.accounts.mfa import staff_has_passed_mfa, staff_has_totp


class ECTEAdminSite(admin.AdminSite):
    site_header = "Manage early career teacher induction: DfE admin"
    site_title = "DfE admin"
    index_title = "Administer the service"

    def has_permission(self, request) -> bool:
        # Password plus authenticator app, always (defence in depth beside the middleware).
        return (
            super().has_permission(request)
            and staff_has_totp(request.user)
            and staff_has_passed_mfa(request)
        )
