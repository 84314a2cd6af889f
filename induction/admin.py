from django.contrib import admin

from induction.models import AppropriateBody, Extension, InductionPeriod


@admin.register(AppropriateBody)
class AppropriateBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "lead_school", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["lead_school"]


@admin.register(InductionPeriod)
class InductionPeriodAdmin(admin.ModelAdmin):
    """Read-only here: induction periods change only through the services, which keep history."""

    list_display = [
        "teacher",
        "appropriate_body",
        "started_on",
        "finished_on",
        "number_of_terms",
        "induction_programme",
        "outcome",
    ]
    list_filter = ["outcome", "induction_programme", "appropriate_body"]
    search_fields = [
        "teacher__trn",
        "teacher__first_name",
        "teacher__last_name",
        "appropriate_body__name",
    ]
    list_select_related = ["teacher", "appropriate_body"]
    readonly_fields = [
        "teacher",
        "appropriate_body",
        "started_on",
        "finished_on",
        "number_of_terms",
        "induction_programme",
        "outcome",
        "created_at",
        "updated_at",
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Extension)
class ExtensionAdmin(admin.ModelAdmin):
    list_display = ["teacher", "appropriate_body", "number_of_terms", "created_at"]
    search_fields = ["teacher__trn", "teacher__last_name", "appropriate_body__name"]
    list_select_related = ["teacher", "appropriate_body"]
    readonly_fields = ["teacher", "appropriate_body", "number_of_terms", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
