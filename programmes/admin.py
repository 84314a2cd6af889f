"""DfE admin for lead providers and their programmes. Programme content is edited here, and
moves between environments as a JSON file: "Import a programme from a file" on the list, and
the "Download as a file" action."""

from django import forms
from django.contrib import admin, messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify

from ecte.admin_site import ReadOnlyAdmin
from programmes import content_io
from programmes.errors import ProgrammeError
from programmes.models import (
    Action,
    DeliveryPartner,
    LeadProvider,
    LessonDropIn,
    LogRevision,
    MeetingFocus,
    MentorMeeting,
    Module,
    ModuleSequence,
    ModuleSequenceEntry,
    Programme,
    ProgrammeYear,
    SchoolPartnership,
    Session,
    SessionAttendance,
    StudyItem,
    StudyRecord,
)


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
    list_display = [
        "school",
        "lead_provider",
        "delivery_partner",
        "academic_year",
        "confirmed_at",
        "declined_at",
    ]
    list_filter = ["academic_year", "lead_provider"]
    search_fields = ["school__urn", "school__name", "lead_provider__name", "delivery_partner__name"]
    autocomplete_fields = ["school", "lead_provider", "delivery_partner"]
    raw_id_fields = ["responded_by"]
    list_select_related = ["school", "lead_provider", "delivery_partner"]


# --- programme content --------------------------------------------------------------------


class ImportForm(forms.Form):
    file = forms.FileField(label="Programme file (JSON, as downloaded from this admin)")


class ProgrammeYearInline(admin.StackedInline):
    model = ProgrammeYear
    extra = 0
    show_change_link = True


class SessionInline(admin.TabularInline):
    model = Session
    extra = 0
    fields = [
        "code",
        "audience",
        "programme_year",
        "kind",
        "title",
        "half_term",
        "term",
        "position",
    ]


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "lead_provider", "academic_year", "updated_at"]
    list_filter = ["academic_year", "lead_provider"]
    search_fields = ["name", "lead_provider__name"]
    list_select_related = ["lead_provider"]
    inlines = [ProgrammeYearInline, SessionInline]
    actions = ["download"]

    @admin.action(description="Download as a file (JSON)")
    def download(self, request, queryset):
        if queryset.count() != 1:
            self.message_user(request, "Choose one programme to download", messages.ERROR)
            return None
        programme = queryset.select_related("lead_provider").get()
        response = HttpResponse(
            content_io.export_json(programme), content_type="application/json; charset=utf-8"
        )
        name = f"{slugify(programme.lead_provider.name)}-{programme.academic_year}.json"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    def get_urls(self):
        return [
            path(
                "import/",
                self.admin_site.admin_view(self.import_view),
                name="programmes_programme_import",
            ),
            *super().get_urls(),
        ]

    def import_view(self, request):
        if not self.has_add_permission(request) or not self.has_change_permission(request):
            return redirect("admin:index")
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                programme = content_io.import_programme(
                    content_io.parse(form.cleaned_data["file"].read())
                )
            except ProgrammeError as error:
                form.add_error("file", str(error))
            else:
                self.message_user(request, f"Imported {programme}", messages.SUCCESS)
                return redirect(reverse("admin:programmes_programme_change", args=[programme.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Import a programme from a file",
            "form": form,
        }
        return TemplateResponse(request, "admin/programmes/programme/import_file.html", context)


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0
    show_change_link = True
    fields = ["code", "title", "position", "fixed_position", "half_terms"]


class MeetingFocusInline(admin.TabularInline):
    model = MeetingFocus
    extra = 0


@admin.register(ProgrammeYear)
class ProgrammeYearAdmin(admin.ModelAdmin):
    list_display = ["__str__", "meeting_model", "meeting_every_weeks", "choice_kind", "min_choices"]
    list_filter = ["programme__academic_year", "programme__lead_provider"]
    search_fields = ["programme__name", "programme__lead_provider__name"]
    list_select_related = ["programme"]
    inlines = [ModuleInline, MeetingFocusInline]


class StudyItemInline(admin.TabularInline):
    model = StudyItem
    extra = 0
    fields = ["code", "kind", "number", "title", "minutes"]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["label", "programme_year", "position", "fixed_position", "half_terms"]
    list_filter = ["programme_year__programme__academic_year", "fixed_position"]
    search_fields = ["code", "title", "programme_year__programme__name"]
    list_select_related = ["programme_year__programme"]
    inlines = [StudyItemInline]

    def save_formset(self, request, form, formset, change):
        # A module's study items belong to the module's programme.
        for item in formset.save(commit=False):
            item.programme = form.instance.programme_year.programme
            item.save()
        for item in formset.deleted_objects:
            item.delete()


@admin.register(StudyItem)
class StudyItemAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "minutes", "programme"]
    list_filter = ["kind", "programme__academic_year", "programme__lead_provider"]
    search_fields = ["code", "title"]
    list_select_related = ["programme"]
    raw_id_fields = ["module"]


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "kind", "audience", "half_term", "term", "programme"]
    list_filter = ["kind", "audience", "programme__academic_year", "programme__lead_provider"]
    search_fields = ["code", "title", "presenter"]
    list_select_related = ["programme"]


@admin.register(MeetingFocus)
class MeetingFocusAdmin(admin.ModelAdmin):
    list_display = ["__str__", "programme_year"]
    search_fields = ["title"]
    list_select_related = ["programme_year__programme"]


# --- module sequences ---------------------------------------------------------------------


class ModuleSequenceEntryInline(admin.TabularInline):
    model = ModuleSequenceEntry
    extra = 0


@admin.register(ModuleSequence)
class ModuleSequenceAdmin(admin.ModelAdmin):
    list_display = ["__str__", "lead_provider", "academic_year", "confirmed_at", "confirmed_by"]
    list_filter = ["academic_year", "lead_provider"]
    search_fields = ["school__urn", "school__name", "trust__name"]
    raw_id_fields = ["school", "trust", "confirmed_by", "updated_by"]
    list_select_related = ["school", "trust", "lead_provider", "confirmed_by"]
    inlines = [ModuleSequenceEntryInline]


@admin.register(ModuleSequenceEntry)
class ModuleSequenceEntryAdmin(admin.ModelAdmin):
    list_display = ["sequence", "position", "module_code"]
    search_fields = ["module_code", "sequence__school__name"]
    list_select_related = ["sequence__school", "sequence__trust"]


# --- mentoring logs and engagement ---------------------------------------------------------

_MENTORSHIP_SEARCH = [
    "mentorship__ect_at_school_period__teacher__trn",
    "mentorship__ect_at_school_period__teacher__last_name",
    "mentorship__mentor_at_school_period__teacher__last_name",
]
_MENTORSHIP_RELATED = [
    "mentorship__ect_at_school_period__teacher",
    "mentorship__mentor_at_school_period__teacher",
]


class MentoringRecordAdmin(ReadOnlyAdmin):
    """Mentoring logs in admin: when, how long and who, never what was said. Meeting notes,
    feedback and actions are for the mentor, the ECT and the induction tutor only, and only
    the mentor changes them (through the service, which keeps each version)."""


@admin.register(LessonDropIn)
class LessonDropInAdmin(MentoringRecordAdmin):
    list_display = ["__str__", "mentorship", "minutes", "mode", "logged_by"]
    list_filter = ["mode"]
    search_fields = _MENTORSHIP_SEARCH
    list_select_related = [*_MENTORSHIP_RELATED, "logged_by"]
    fields = ["mentorship", "held_on", "minutes", "mode", "logged_by", "created_at", "updated_at"]
    readonly_fields = fields


@admin.register(MentorMeeting)
class MentorMeetingAdmin(MentoringRecordAdmin):
    list_display = ["__str__", "mentorship", "meeting_model", "minutes", "logged_by"]
    list_filter = ["meeting_model"]
    search_fields = _MENTORSHIP_SEARCH
    list_select_related = [*_MENTORSHIP_RELATED, "logged_by"]
    fields = [
        "mentorship",
        "held_on",
        "minutes",
        "meeting_model",
        "focus",
        "follow_up_on",
        "logged_by",
        "created_at",
        "updated_at",
    ]
    readonly_fields = fields


@admin.register(Action)
class ActionAdmin(MentoringRecordAdmin):
    list_display = ["__str__", "ect", "status", "reviewed_on"]
    list_filter = ["status"]
    search_fields = ["ect__trn", "ect__last_name"]
    list_select_related = ["ect"]
    fields = ["ect", "mentorship", "set_in", "status", "reviewed_in", "reviewed_on", "created_at"]
    readonly_fields = fields


@admin.register(LogRevision)
class LogRevisionAdmin(MentoringRecordAdmin):
    """That a log was changed, by whom and when; the versions themselves stay private."""

    list_display = ["__str__", "drop_in", "meeting", "revised_by"]
    list_select_related = ["drop_in", "meeting", "revised_by"]
    search_fields = ["revised_by__email"]
    fields = ["drop_in", "meeting", "revised_at", "revised_by"]
    readonly_fields = fields


@admin.register(StudyRecord)
class StudyRecordAdmin(admin.ModelAdmin):
    list_display = ["teacher", "item", "chosen_at", "completed_on", "completion_source"]
    list_filter = ["completion_source", "item__kind"]
    search_fields = ["teacher__trn", "teacher__last_name", "item__code"]
    list_select_related = ["teacher", "item"]
    raw_id_fields = ["teacher", "item", "updated_by"]


@admin.register(SessionAttendance)
class SessionAttendanceAdmin(admin.ModelAdmin):
    list_display = ["teacher", "session", "attended", "recorded_at"]
    list_filter = ["attended", "session__kind"]
    search_fields = ["teacher__trn", "teacher__last_name", "session__code"]
    list_select_related = ["teacher", "session"]
    raw_id_fields = ["teacher", "session", "recorded_by"]
