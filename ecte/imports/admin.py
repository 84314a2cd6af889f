from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from ecte.imports.models import ImportBatch


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "status", "row_count", "uploaded_by_name", "created_at", "preview"]
    list_filter = ["kind", "status"]
    search_fields = ["filename", "uploaded_by_name", "note"]
    exclude = ["rows", "errors"]
    readonly_fields = [f.name for f in ImportBatch._meta.fields if f.name not in {"rows", "errors"}]

    @admin.display(description="Preview")
    def preview(self, batch):
        return format_html(
            '<a href="{}">Open</a>', reverse("admin:imports_preview", args=[batch.pk])
        )

    def has_add_permission(self, request) -> bool:
        return False
