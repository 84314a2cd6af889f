from django.contrib import admin

from induction.models import (
    Absence,
    AppropriateBody,
    Assessment,
    BulkUpload,
    Extension,
    InductionPeriod,
    ProgressReview,
    Reduction,
    ReleaseRequest,
    SupportPlan,
)


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
        "outcome_recorded_on",
        "told_of_right_to_appeal_on",
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Induction records change only through the services, which check the rules and keep
    history: DfE staff can search and read them here, not add, edit or delete them."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


TEACHER_SEARCH = ["teacher__trn", "teacher__first_name", "teacher__last_name"]


@admin.register(Reduction)
class ReductionAdmin(ReadOnlyAdmin):
    list_display = ["teacher", "appropriate_body", "terms_required", "teacher_consented_on"]
    search_fields = [*TEACHER_SEARCH, "appropriate_body__name"]
    list_select_related = ["teacher", "appropriate_body"]


@admin.register(ReleaseRequest)
class ReleaseRequestAdmin(ReadOnlyAdmin):
    list_display = ["teacher", "requested_by", "held_by", "status", "created_at"]
    list_filter = ["status"]
    search_fields = [*TEACHER_SEARCH, "requested_by__name", "held_by__name"]
    list_select_related = ["teacher", "requested_by", "held_by"]


@admin.register(ProgressReview)
class ProgressReviewAdmin(ReadOnlyAdmin):
    list_display = ["teacher", "term_number", "reviewed_on", "satisfactory_progress"]
    list_filter = ["satisfactory_progress"]
    search_fields = TEACHER_SEARCH
    list_select_related = ["teacher"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = [
        "teacher",
        "kind",
        "meeting_on",
        "satisfactory_progress",
        "recommendation",
        "sent_to_appropriate_body_on",
    ]
    list_filter = ["kind", "recommendation"]
    search_fields = TEACHER_SEARCH
    list_select_related = ["teacher"]


@admin.register(SupportPlan)
class SupportPlanAdmin(ReadOnlyAdmin):
    list_display = ["teacher", "status", "approved_at"]
    list_filter = ["status"]
    search_fields = TEACHER_SEARCH
    list_select_related = ["teacher"]


@admin.register(Absence)
class AbsenceAdmin(ReadOnlyAdmin):
    list_display = ["teacher", "kind", "started_on", "days", "extension_requested"]
    list_filter = ["kind"]
    search_fields = TEACHER_SEARCH
    list_select_related = ["teacher"]


@admin.register(BulkUpload)
class BulkUploadAdmin(ReadOnlyAdmin):
    list_display = ["filename", "appropriate_body", "kind", "status", "row_count", "created_at"]
    list_filter = ["kind", "status"]
    search_fields = ["filename", "appropriate_body__name"]
    list_select_related = ["appropriate_body"]
    exclude = ["raw_rows", "rows"]
