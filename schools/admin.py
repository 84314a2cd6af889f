from django.contrib import admin

from schools.models import School, Trust


@admin.register(Trust)
class TrustAdmin(admin.ModelAdmin):
    list_display = ["name", "companies_house_number"]
    search_fields = ["name", "companies_house_number"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["urn", "name", "phase", "school_type", "local_authority", "trust", "closed_on"]
    list_filter = ["phase", "school_type", "local_authority"]
    search_fields = ["urn", "name"]
    autocomplete_fields = ["trust"]
    list_select_related = ["trust"]
