from django import forms
from django.contrib import admin

from ecte.admin_site import NoteForm, ReadOnlyAdmin, ServiceAction, ServiceActionsAdmin, date_field
from induction.models import (
    Absence,
    AppropriateBody,
    Assessment,
    BulkUpload,
    Extension,
    InductionOutcome,
    InductionPeriod,
    InductionProgramme,
    ProgressReview,
    Reduction,
    ReleaseRequest,
    SupportPlan,
)
from induction.services import correct_induction_period, release_ect
from induction.services.corrections import correct_extension, correct_reduction


def _terms(label: str, *, required: bool = True) -> forms.DecimalField:
    # Precision and range are the services' rules, checked there with their own messages.
    return forms.DecimalField(
        label=label,
        required=required,
        help_text="Full-time-equivalent terms, like 1.5",
        error_messages={"invalid": "Enter the number of terms as a number, like 1.5"},
    )


# --- correcting an induction period or its outcome (rule 13) ---------------------------------


class CorrectInductionPeriodForm(NoteForm):
    started_on = date_field("Start date")
    finished_on = date_field(
        "End date", required=False, help_text="Leave empty if it has not ended"
    )
    number_of_terms = _terms("Terms served", required=False)
    induction_programme = forms.ChoiceField(
        label="Induction programme", choices=InductionProgramme.choices
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        required=False,
        choices=[("", "No outcome (in progress or released)"), *InductionOutcome.choices],
    )
    told_of_right_to_appeal_on = date_field(
        "Date told in writing of the right to appeal",
        required=False,
        help_text="Needed for a fail",
    )


def _period_values(period: InductionPeriod) -> dict:
    return {name: getattr(period, name) for name in CorrectInductionPeriodForm.base_fields}


def _correct_period(period: InductionPeriod, data: dict, by) -> str:
    changes = {name: data[name] for name in CorrectInductionPeriodForm.base_fields}
    correct_induction_period(
        period=period,
        appropriate_body=period.appropriate_body,
        reason=data["note"],
        by=by,
        **changes,
    )
    return f"Induction period corrected for {period.teacher.full_name}"


CORRECT_PERIOD = ServiceAction(
    name="correct",
    label="Correct this induction period",
    form_class=CorrectInductionPeriodForm,
    perform=_correct_period,
    initial=_period_values,
)


class ReleaseForm(NoteForm):
    finished_on = date_field("End date")
    number_of_terms = _terms("Terms served")


def _release(period: InductionPeriod, data: dict, by) -> str:
    release_ect(
        period=period,
        finished_on=data["finished_on"],
        number_of_terms=data["number_of_terms"],
        by=by,
        note=data["note"],
    )
    return f"{period.teacher.full_name} released from {period.appropriate_body.name}"


RELEASE = ServiceAction(
    name="release",
    label="Release this ECT (end the period with no outcome)",
    form_class=ReleaseForm,
    perform=_release,
    # For an appropriate body that cannot or did not release an ECT who left (rule 14).
    unavailable=lambda period: "" if period.is_open else "this induction period has ended",
)


# --- correcting an extension or a reduction --------------------------------------------------


class CorrectExtensionForm(NoteForm):
    number_of_terms = _terms("Extension in terms")


def _correct_extension(extension: Extension, data: dict, by) -> str:
    correct_extension(
        extension=extension,
        appropriate_body=extension.appropriate_body,
        number_of_terms=data["number_of_terms"],
        reason=data["note"],
        by=by,
    )
    return f"Extension corrected for {extension.teacher.full_name}"


CORRECT_EXTENSION = ServiceAction(
    name="correct",
    label="Correct this extension",
    form_class=CorrectExtensionForm,
    perform=_correct_extension,
    initial=lambda extension: {"number_of_terms": extension.number_of_terms},
)


class CorrectReductionForm(NoteForm):
    terms_required = _terms("Terms the teacher must serve")
    teacher_consented_on = date_field("Date the teacher agreed")


def _correct_reduction(reduction: Reduction, data: dict, by) -> str:
    correct_reduction(
        reduction=reduction,
        appropriate_body=reduction.appropriate_body,
        terms_required=data["terms_required"],
        teacher_consented_on=data["teacher_consented_on"],
        reason=data["note"],
        by=by,
    )
    return f"Reduction corrected for {reduction.teacher.full_name}"


CORRECT_REDUCTION = ServiceAction(
    name="correct",
    label="Correct this reduction",
    form_class=CorrectReductionForm,
    perform=_correct_reduction,
    initial=lambda reduction: {
        "terms_required": reduction.terms_required,
        "teacher_consented_on": reduction.teacher_consented_on,
    },
)


@admin.register(AppropriateBody)
class AppropriateBodyAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "lead_school", "email"]
    list_filter = ["kind"]
    search_fields = ["name", "email"]
    autocomplete_fields = ["lead_school"]


@admin.register(InductionPeriod)
class InductionPeriodAdmin(ServiceActionsAdmin):
    """Read-only here: induction periods change only through the services, which keep history."""

    service_actions = (CORRECT_PERIOD, RELEASE)

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


@admin.register(Extension)
class ExtensionAdmin(ServiceActionsAdmin):
    list_display = ["teacher", "appropriate_body", "number_of_terms", "created_at"]
    search_fields = ["teacher__trn", "teacher__last_name", "appropriate_body__name"]
    list_select_related = ["teacher", "appropriate_body"]
    readonly_fields = ["teacher", "appropriate_body", "number_of_terms", "created_at"]
    service_actions = (CORRECT_EXTENSION,)


TEACHER_SEARCH = ["teacher__trn", "teacher__first_name", "teacher__last_name"]


@admin.register(Reduction)
class ReductionAdmin(ServiceActionsAdmin):
    list_display = ["teacher", "appropriate_body", "terms_required", "teacher_consented_on"]
    search_fields = [*TEACHER_SEARCH, "appropriate_body__name"]
    list_select_related = ["teacher", "appropriate_body"]
    service_actions = (CORRECT_REDUCTION,)


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
