from django.contrib import admin

from ecte.exports.models import Export


@admin.register(Export)
class ExportAdmin(admin.ModelAdmin):
    list_display = [
        "kind",
        "organisation_name",
        "file_format",
        "status",
        "row_count",
        "created_at",
        "expires_at",
    ]
    list_filter = ["kind", "status", "file_format"]
    search_fields = ["organisation_name", "requested_by_name"]
    readonly_fields = [field.name for field in Export._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
