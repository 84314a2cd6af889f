from django.contrib.admin.apps import AdminConfig


class ECTEAdminConfig(AdminConfig):
    default_site = "ecte.admin_site.ECTEAdminSite"
