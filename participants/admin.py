from django.contrib import admin

from ecte.events.admin import EventInline
from participants.models import (
    ECTAtSchoolPeriod,
    MentorAtSchoolPeriod,
    Mentorship,
    Teacher,
    TeacherRecord,
    TrainingPeriod,
)


@admin.register(TeacherRecord)
class TeacherRecordAdmin(admin.ModelAdmin):
    list_display = [
        "trn",
        "first_name",
        "last_name",
        "date_of_birth",
        "qts_awarded_on",
        "induction_status",
    ]
    list_filter = ["induction_status"]
    search_fields = ["trn", "first_name", "last_name"]


class ECTAtSchoolPeriodInline(admin.TabularInline):
    model = ECTAtSchoolPeriod
    extra = 0
    fields = [
        "school",
        "started_on",
        "finished_on",
        "working_pattern",
        "fte",
        "email",
        "appropriate_body",
    ]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Teacher)
class TeacherAdmin(admin.ModelAdmin):
    list_display = ["trn", "first_name", "last_name", "qts_awarded_on"]
    search_fields = [
        "trn",
        "first_name",
        "last_name",
        "ect_at_school_periods__email",
        "mentor_at_school_periods__email",
    ]
    inlines = [ECTAtSchoolPeriodInline, EventInline]

    def has_delete_permission(self, request, obj=None):
        return False


class PeriodAdmin(admin.ModelAdmin):
    list_filter = ["started_on", "finished_on"]
    date_hierarchy = "started_on"

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ECTAtSchoolPeriod)
class ECTAtSchoolPeriodAdmin(PeriodAdmin):
    list_display = [
        "teacher",
        "school",
        "started_on",
        "finished_on",
        "working_pattern",
        "fte",
        "email",
    ]
    list_filter = ["working_pattern", *PeriodAdmin.list_filter]
    search_fields = [
        "teacher__trn",
        "teacher__first_name",
        "teacher__last_name",
        "email",
        "school__urn",
        "school__name",
    ]
    autocomplete_fields = ["teacher", "school", "appropriate_body"]
    list_select_related = ["teacher", "school"]


@admin.register(MentorAtSchoolPeriod)
class MentorAtSchoolPeriodAdmin(PeriodAdmin):
    list_display = ["teacher", "school", "started_on", "finished_on", "email"]
    search_fields = [
        "teacher__trn",
        "teacher__first_name",
        "teacher__last_name",
        "email",
        "school__urn",
        "school__name",
    ]
    autocomplete_fields = ["teacher", "school"]
    list_select_related = ["teacher", "school"]


@admin.register(Mentorship)
class MentorshipAdmin(PeriodAdmin):
    list_display = ["ect_at_school_period", "mentor_at_school_period", "started_on", "finished_on"]
    search_fields = [
        "ect_at_school_period__teacher__trn",
        "mentor_at_school_period__teacher__trn",
        "ect_at_school_period__teacher__last_name",
        "mentor_at_school_period__teacher__last_name",
    ]
    raw_id_fields = ["ect_at_school_period", "mentor_at_school_period"]
    list_select_related = [
        "ect_at_school_period__teacher",
        "ect_at_school_period__school",
        "mentor_at_school_period__teacher",
    ]


@admin.register(TrainingPeriod)
class TrainingPeriodAdmin(PeriodAdmin):
    list_display = [
        "__str__",
        "training_programme",
        "school_partnership",
        "started_on",
        "finished_on",
    ]
    list_filter = ["training_programme", *PeriodAdmin.list_filter]
    search_fields = [
        "ect_at_school_period__teacher__trn",
        "mentor_at_school_period__teacher__trn",
        "school_partnership__lead_provider__name",
    ]
    raw_id_fields = ["ect_at_school_period", "mentor_at_school_period", "school_partnership"]
    list_select_related = [
        "school_partnership__school",
        "school_partnership__lead_provider",
        "school_partnership__delivery_partner",
    ]
