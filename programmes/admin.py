from django.contrib import admin

from programmes.models import DeliveryPartner, LeadProvider, SchoolPartnership


@admin.register(LeadProvider)
class LeadProviderAdmin(admin.ModelAdmin):
    list_display = ["name", "allows_module_sequence_choice"]
    search_fields = ["name"]


@admin.register(DeliveryPartner)
class DeliveryPartnerAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    filter_horizontal = ["lead_providers"]


@admin.register(SchoolPartnership)
class SchoolPartnershipAdmin(admin.ModelAdmin):
    list_display = ["school", "lead_provider", "delivery_partner", "academic_year", "confirmed_at"]
    list_filter = ["academic_year", "lead_provider"]
    search_fields = ["school__urn", "school__name", "lead_provider__name", "delivery_partner__name"]
    autocomplete_fields = ["school", "lead_provider", "delivery_partner"]
    list_select_related = ["school", "lead_provider", "delivery_partner"]
