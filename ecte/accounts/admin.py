from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from ecte.accounts.models import Membership, User


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["school", "teacher", "appropriate_body", "lead_provider"]
    fields = [
        "role",
        "school",
        "is_headteacher",
        "teacher",
        "appropriate_body",
        "lead_provider",
        "ended_at",
    ]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    list_filter = ["is_staff", "is_active", "memberships__role"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        ("Name", {"fields": ["first_name", "last_name"]}),
        (
            "Permissions",
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "first_name", "last_name"]})]
    readonly_fields = ["last_login", "date_joined"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "organisation_name", "is_headteacher", "ended_at"]
    list_filter = ["role", "is_headteacher"]
    search_fields = [
        "user__email",
        "user__first_name",
        "user__last_name",
        "school__name",
        "school__urn",
        "appropriate_body__name",
        "lead_provider__name",
        "teacher__trn",
    ]
    autocomplete_fields = ["user", "school", "teacher", "appropriate_body", "lead_provider"]
    list_select_related = ["user", "school", "teacher", "appropriate_body", "lead_provider"]
