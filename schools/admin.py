from django.contrib import admin

from schools.models import School, Trust, YearSetup


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


@admin.register(YearSetup)
class YearSetupAdmin(admin.ModelAdmin):
    list_display = [
        "school",
        "academic_year",
        "appropriate_body",
        "training_programme",
        "school_partnership",
        "updated_at",
    ]
    list_filter = ["academic_year", "training_programme"]
    search_fields = ["school__urn", "school__name"]
    raw_id_fields = ["school", "appropriate_body", "school_partnership"]
    list_select_related = ["school", "appropriate_body", "school_partnership__lead_provider"]
