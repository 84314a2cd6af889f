"""DfE admin for teachers and who works where. Everything here is read-only: ECTs leaving,
mentors leaving, a new mentor and an ECT's change of name go through the participants'
services, as the induction tutor's journeys do, with a note saying why."""

import re

from django import forms
from django.contrib import admin
from django.db.models import Q

from ecte.admin_site import NoteForm, ServiceAction, ServiceActionsAdmin, date_field
from ecte.events.admin import EventInline
from induction.models import InductionPeriod
from participants.changes import change_ect_name, report_ect_leaving, report_mentor_leaving
from participants.models import (
    ECTAtSchoolPeriod,
    MentorAtSchoolPeriod,
    Mentorship,
    Teacher,
    TeacherRecord,
    TrainingPeriod,
)
from participants.services import assign_mentor

NOT_AN_ECT_NOW = "they are not an ECT at a school now"
ALREADY_ENDED = "this has already ended"


def _unless_open(period) -> str:
    return ALREADY_ENDED if period.finished_on is not None else ""


# --- an ECT or a mentor leaves their school ---------------------------------------------------


class LeavingForm(NoteForm):
    left_on = date_field("Leaving date")


def _ect_leaves(period: ECTAtSchoolPeriod, data: dict, by) -> str:
    report_ect_leaving(period=period, left_on=data["left_on"], by=by, note=data["note"])
    return f"{period.teacher.full_name}'s time at {period.school.name} ended"


def _mentor_leaves(period: MentorAtSchoolPeriod, data: dict, by) -> str:
    report_mentor_leaving(period=period, left_on=data["left_on"], by=by, note=data["note"])
    return f"{period.teacher.full_name}'s mentoring at {period.school.name} ended"


ECT_LEAVES = ServiceAction(
    name="leave",
    label="End this ECT's time at the school",
    form_class=LeavingForm,
    perform=_ect_leaves,
    unavailable=_unless_open,
)
MENTOR_LEAVES = ServiceAction(
    name="leave",
    label="End this mentor's time at the school",
    form_class=LeavingForm,
    perform=_mentor_leaves,
    unavailable=_unless_open,
)


# --- a new mentor (rule 15 for an induction tutor who mentors) -------------------------------


def _ect_period_of(obj) -> ECTAtSchoolPeriod:
    return obj.ect_at_school_period if isinstance(obj, Mentorship) else obj


class MentorChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: MentorAtSchoolPeriod) -> str:
        return f"{obj.teacher.full_name} (TRN {obj.teacher.trn})"


class AssignMentorForm(NoteForm):
    mentor = MentorChoiceField(
        label="New mentor",
        queryset=MentorAtSchoolPeriod.objects.none(),
        error_messages={"required": "Select the new mentor"},
    )
    started_on = date_field("Start date")
    induction_tutor_reason = forms.CharField(
        label="If the induction tutor will also be the mentor, why",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )

    def __init__(self, *args, obj, **kwargs):
        super().__init__(*args, obj=obj, **kwargs)
        ect_period = _ect_period_of(obj)
        self.fields["mentor"].queryset = (
            MentorAtSchoolPeriod.objects.ongoing()
            .filter(school_id=ect_period.school_id)
            .exclude(teacher_id=ect_period.teacher_id)
            .select_related("teacher")
            .order_by("teacher__last_name", "teacher__first_name")
        )


def _assign_mentor(obj, data: dict, by) -> str:
    ect_period = _ect_period_of(obj)
    mentorship = assign_mentor(
        ect_period=ect_period,
        mentor_period=data["mentor"],
        started_on=data["started_on"],
        induction_tutor_reason=data["induction_tutor_reason"],
        by=by,
        note=data["note"],
    )
    return f"{mentorship.mentor_at_school_period.teacher.full_name} now mentors {ect_period.teacher.full_name}"


def _unless_mentorship_open(mentorship: Mentorship) -> str:
    return _unless_open(mentorship) or _unless_open(mentorship.ect_at_school_period)


ASSIGN_MENTOR = ServiceAction(
    name="assign-mentor",
    label="Assign a new mentor",
    form_class=AssignMentorForm,
    perform=_assign_mentor,
    unavailable=_unless_open,
)
REASSIGN_MENTOR = ServiceAction(
    name="reassign",
    label="Assign a new mentor to this ECT",
    form_class=AssignMentorForm,
    perform=_assign_mentor,
    unavailable=_unless_mentorship_open,
)


# --- an ECT's name -----------------------------------------------------------------------------


class ChangeNameForm(NoteForm):
    first_name = forms.CharField(
        label="First name", max_length=100, error_messages={"required": "Enter the first name"}
    )
    last_name = forms.CharField(
        label="Last name", max_length=100, error_messages={"required": "Enter the last name"}
    )


def _current_ect_period(teacher: Teacher) -> ECTAtSchoolPeriod | None:
    return teacher.ect_at_school_periods.ongoing().order_by("-started_on").first()


def _change_name(teacher: Teacher, data: dict, by) -> str:
    changed = change_ect_name(
        period=_current_ect_period(teacher),
        first_name=data["first_name"],
        last_name=data["last_name"],
        by=by,
        note=data["note"],
    )
    return f"Name changed to {changed.full_name}"


CHANGE_NAME = ServiceAction(
    name="change-name",
    label="Change this ECT's name",
    form_class=ChangeNameForm,
    perform=_change_name,
    initial=lambda teacher: {"first_name": teacher.first_name, "last_name": teacher.last_name},
    # The change is told to the ECT's school, appropriate body and lead provider, so the
    # service takes it through their current time at a school.
    unavailable=lambda teacher: "" if _current_ect_period(teacher) else NOT_AN_ECT_NOW,
)


# --- the admins --------------------------------------------------------------------------------


@admin.register(TeacherRecord)
class TeacherRecordAdmin(ServiceActionsAdmin):
    """The register of teacher records changes through the import tool, with a note."""

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


class InductionPeriodInline(admin.TabularInline):
    """The teacher's induction periods, each linking to its page and the corrections there."""

    model = InductionPeriod
    extra = 0
    fields = [
        "appropriate_body",
        "started_on",
        "finished_on",
        "number_of_terms",
        "induction_programme",
        "outcome",
    ]
    readonly_fields = fields
    ordering = ["started_on"]
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


TRN = re.compile(r"\d{7}")


@admin.register(Teacher)
class TeacherAdmin(ServiceActionsAdmin):
    list_display = ["trn", "first_name", "last_name", "qts_awarded_on"]
    # Columns of the teacher table only: PostgreSQL answers icontains on each from its
    # trigram index (participants migration 0004), where a join to the periods' emails made a
    # search over 220,000 teachers take over a second.
    search_fields = ["trn", "first_name", "last_name"]
    search_help_text = "A 7-digit TRN, part of a name, or an ECT's or mentor's full email address"
    # Counting every teacher for "N total" costs a full scan on each page.
    show_full_result_count = False
    # Enough to find one teacher; half the rows halves the admin's rendering time.
    list_per_page = 50
    # The name change is on the teacher's page: no action checkboxes, which cost half the time
    # of rendering the search results.
    list_service_actions = False
    inlines = [ECTAtSchoolPeriodInline, InductionPeriodInline, EventInline]
    service_actions = (CHANGE_NAME,)

    def get_search_results(self, request, queryset, search_term):
        term = search_term.strip()
        if TRN.fullmatch(term):
            return queryset.filter(trn=term), False
        if "@" in term and " " not in term:
            return queryset.filter(
                Q(pk__in=ECTAtSchoolPeriod.objects.filter(email=term).values("teacher_id"))
                | Q(pk__in=MentorAtSchoolPeriod.objects.filter(email=term).values("teacher_id"))
            ), False
        return super().get_search_results(request, queryset, term)


class PeriodAdmin(ServiceActionsAdmin):
    list_filter = ["started_on", "finished_on"]
    date_hierarchy = "started_on"


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
    list_select_related = ["teacher", "school"]
    service_actions = (ECT_LEAVES, ASSIGN_MENTOR)


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
    list_select_related = ["teacher", "school"]
    service_actions = (MENTOR_LEAVES,)


@admin.register(Mentorship)
class MentorshipAdmin(PeriodAdmin):
    list_display = ["ect_at_school_period", "mentor_at_school_period", "started_on", "finished_on"]
    search_fields = [
        "ect_at_school_period__teacher__trn",
        "mentor_at_school_period__teacher__trn",
        "ect_at_school_period__teacher__last_name",
        "mentor_at_school_period__teacher__last_name",
    ]
    list_select_related = [
        "ect_at_school_period__teacher",
        "ect_at_school_period__school",
        "mentor_at_school_period__teacher",
    ]
    service_actions = (REASSIGN_MENTOR,)

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "ect_at_school_period__teacher",
                "ect_at_school_period__school",
                "mentor_at_school_period__teacher",
            )
        )


@admin.register(TrainingPeriod)
class TrainingPeriodAdmin(PeriodAdmin):
    """Read-only: training changes through the induction tutor's "change training" journey."""

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
    list_select_related = [
        "school_partnership__school",
        "school_partnership__lead_provider",
        "school_partnership__delivery_partner",
    ]
