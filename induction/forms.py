"""Forms for the appropriate body's journeys. Each question page has one form; the rules
themselves are checked again by the services, which are the last word."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError

from ecte.forms.fields import GovukDateField, TRNField
from induction import errors
from induction.models import (
    MAX_TERMS,
    BulkUploadKind,
    InductionOutcome,
    InductionPeriod,
    InductionProgramme,
)
from induction.services.periods import claim_facts_for, claim_problem
from participants.models import Teacher, TeacherRecord

NOT_FOUND = (
    "No teacher was found with that teacher reference number (TRN) and date of birth. "
    "Check them and try again"
)


class TermsField(forms.CharField):
    """A number of terms typed as text (GOV.UK avoids type=number): 0 to 16, 2 decimal places."""

    def __init__(self, *, label: str, required_message: str, minimum=Decimal("0"), **kwargs):
        self.minimum = minimum
        self.required_message = required_message
        kwargs.setdefault("max_length", 10)
        super().__init__(label=label, error_messages={"required": required_message}, **kwargs)
        self.widget.attrs.update({"inputmode": "decimal", "spellcheck": "false"})

    def clean(self, value):
        value = super().clean(value)
        if value in self.empty_values:
            return None
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            raise ValidationError("Number of terms must be a number, like 1.5") from None
        if not number.is_finite() or number < self.minimum or number > MAX_TERMS:
            raise ValidationError(errors.TERMS_OUT_OF_RANGE)
        if number != round(number, 2):
            raise ValidationError(errors.TERMS_TOO_PRECISE)
        return number


# --- claim --------------------------------------------------------------------------------


class FindTeacherForm(forms.Form):
    title = "Find the early career teacher"
    description = "Enter their teacher reference number (TRN) and date of birth."
    trn = TRNField()
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 1998")

    def clean(self):
        cleaned = super().clean()
        trn, date_of_birth = cleaned.get("trn"), cleaned.get("date_of_birth")
        if not trn or not date_of_birth:
            return cleaned
        self.teacher = Teacher.objects.filter(trn=trn, date_of_birth=date_of_birth).first()
        self.record = None
        if self.teacher is None:
            self.record = TeacherRecord.objects.filter(trn=trn, date_of_birth=date_of_birth).first()
            if self.record is None:
                self.add_error("trn", NOT_FOUND)
        return cleaned


class ClaimStartForm(forms.Form):
    title = "When did their induction start with you?"
    started_on = GovukDateField(
        label="Induction start date",
        help_text="For example, 1 9 2026. This is usually the day they started at the school",
    )

    def __init__(self, *args, teacher, appropriate_body, **kwargs):
        super().__init__(*args, **kwargs)
        self.teacher = teacher
        self.appropriate_body = appropriate_body

    def clean_started_on(self):
        started_on = self.cleaned_data["started_on"]
        facts = claim_facts_for([self.teacher])[self.teacher.pk]
        problem = claim_problem(
            teacher=self.teacher,
            appropriate_body=self.appropriate_body,
            started_on=started_on,
            facts=facts,
        )
        if problem:
            raise ValidationError(problem)
        return started_on


class ProgrammeForm(forms.Form):
    title = "What kind of induction programme are they doing?"
    induction_programme = forms.ChoiceField(
        label="Induction programme",
        choices=InductionProgramme.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": errors.PROGRAMME_UNKNOWN,
            "invalid_choice": errors.PROGRAMME_UNKNOWN,
        },
    )


# --- release and outcomes -----------------------------------------------------------------


class EndDateForm(forms.Form):
    title = "When did their induction period with you end?"
    finished_on = GovukDateField(
        label="End date", help_text="For example, 18 12 2026: their last day at the school"
    )

    def __init__(self, *args, period: InductionPeriod, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_finished_on(self):
        finished_on = self.cleaned_data["finished_on"]
        if finished_on < self.period.started_on:
            raise ValidationError(errors.ENDS_BEFORE_START.format(start=self.period.started_on))
        return finished_on


class TermsForm(forms.Form):
    title = "How many terms did they serve with you?"
    number_of_terms = TermsField(
        label="Number of terms",
        required_message="Enter the number of terms served",
    )

    def __init__(self, *args, suggestion=None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["number_of_terms"]
        field.help_text = (
            "Full-time-equivalent terms, up to 2 decimal places, for example 1.25. "
            + (f"Suggested from the dates: {suggestion.explanation}." if suggestion else "")
        )
        if suggestion is not None:
            self.initial["number_of_terms"] = f"{suggestion.terms.normalize():f}"
        self.suggestion = suggestion


class OutcomeForm(forms.Form):
    title = "What is your decision?"
    outcome = forms.ChoiceField(
        label="Decision",
        choices=[
            (InductionOutcome.PASS, "Passed induction"),
            (InductionOutcome.FAIL, "Failed induction"),
            ("extend", "Extend induction"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select passed, failed or extend",
            "invalid_choice": "Select passed, failed or extend",
        },
    )


class AppealNoticeForm(forms.Form):
    title = "When was the teacher told in writing of their right to appeal?"
    told_of_right_to_appeal_on = GovukDateField(
        label="Date told of the right to appeal",
        help_text=(
            "They have 20 working days from this date to appeal to the Teaching Regulation Agency"
        ),
        error_messages={"required": errors.APPEAL_NOTICE_REQUIRED},
    )

    def __init__(self, *args, period: InductionPeriod, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period

    def clean_told_of_right_to_appeal_on(self):
        told = self.cleaned_data["told_of_right_to_appeal_on"]
        if told < self.period.started_on:
            raise ValidationError(
                errors.APPEAL_NOTICE_BEFORE_START.format(start=self.period.started_on)
            )
        return told


class ExtensionForm(forms.Form):
    title = "How many terms are you extending their induction by?"
    number_of_terms = TermsField(
        label="Number of terms",
        required_message="Enter the number of terms to extend by",
        help_text="Up to 2 decimal places, for example 1 or 1.5",
    )

    def clean_number_of_terms(self):
        number = self.cleaned_data["number_of_terms"]
        if number is not None and number <= 0:
            raise ValidationError(errors.EXTENSION_OUT_OF_RANGE)
        return number


class ReductionForm(forms.Form):
    title = "Reduce the length of induction"
    description = (
        "You can reduce induction for extensive prior teaching experience, to no less than "
        "one term, if the teacher agrees."
    )
    terms_required = TermsField(
        label="How many terms must they serve in total?",
        required_message="Enter the number of terms they must serve",
        help_text="At least 1 and less than 6",
    )
    teacher_consented_on = GovukDateField(
        label="When did the teacher agree to the reduction?",
        error_messages={"required": errors.REDUCTION_CONSENT_REQUIRED},
    )
    reason = forms.CharField(
        label="Why are you reducing their induction?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, their previous teaching experience",
        error_messages={"required": errors.REDUCTION_REASON_REQUIRED},
    )

    def clean_terms_required(self):
        terms = self.cleaned_data["terms_required"]
        if terms is not None and not (Decimal("1") <= terms < Decimal("6")):
            raise ValidationError(errors.REDUCTION_OUT_OF_RANGE)
        return terms


# --- corrections --------------------------------------------------------------------------

NO_OUTCOME = "none"


class CorrectionForm(forms.Form):
    started_on = GovukDateField(label="Start date")
    finished_on = GovukDateField(
        label="End date", required=False, help_text="Leave empty if the period is ongoing"
    )
    number_of_terms = TermsField(
        label="Number of terms served",
        required_message="",
        required=False,
        help_text="Leave empty if the period is ongoing",
    )
    induction_programme = forms.ChoiceField(
        label="Induction programme",
        choices=InductionProgramme.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": errors.PROGRAMME_UNKNOWN,
            "invalid_choice": errors.PROGRAMME_UNKNOWN,
        },
    )
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[
            (NO_OUTCOME, "No outcome (ongoing or released)"),
            (InductionOutcome.PASS, "Passed"),
            (InductionOutcome.FAIL, "Failed"),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": errors.OUTCOME_UNKNOWN,
            "invalid_choice": errors.OUTCOME_UNKNOWN,
        },
    )
    told_of_right_to_appeal_on = GovukDateField(
        label="Date told of the right to appeal", required=False, help_text="Only for a fail"
    )
    reason = forms.CharField(
        label="Why are you making this correction?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, the outcome of an appeal. This is kept in the teacher's history",
        error_messages={"required": errors.CORRECTION_REASON_REQUIRED},
    )

    @classmethod
    def initial_for(cls, period: InductionPeriod) -> dict:
        return {
            "started_on": period.started_on,
            "finished_on": period.finished_on,
            "number_of_terms": (
                f"{period.number_of_terms.normalize():f}"
                if period.number_of_terms is not None
                else ""
            ),
            "induction_programme": period.induction_programme,
            "outcome": period.outcome or NO_OUTCOME,
            "told_of_right_to_appeal_on": period.told_of_right_to_appeal_on,
        }

    def changes(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("reason")
        if data["outcome"] == NO_OUTCOME:
            data["outcome"] = ""
        return data


# --- release requests -----------------------------------------------------------------------


class ReleaseRequestForm(forms.Form):
    message = forms.CharField(
        label="Message (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, when the teacher joined the new school",
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are you declining to release this teacher?",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="The appropriate body that asked will see this",
        error_messages={"required": errors.DECLINE_REASON_REQUIRED},
    )


# --- bulk uploads -------------------------------------------------------------------------


class BulkUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="What does the file do?",
        choices=BulkUploadKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what the file does",
            "invalid_choice": "Select what the file does",
        },
    )
    file = forms.FileField(
        label="Upload a CSV file",
        error_messages={
            "required": "Select a CSV file",
            "empty": "The selected file is empty",
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".csv"):
            raise ValidationError("The selected file must be a CSV")
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError("The selected file must be smaller than 2MB")
        return upload


_CORRECTION_REASON = dict(
    label="Why are you making this correction?",
    widget=forms.Textarea(attrs={"rows": 4}),
    help_text="This is kept in the teacher's history",
    error_messages={"required": errors.CORRECTION_REASON_REQUIRED},
)


class ExtensionCorrectionForm(ExtensionForm):
    """The corrected number of terms of an extension, and why (rule 13)."""

    reason = forms.CharField(**_CORRECTION_REASON)

    @classmethod
    def initial_for(cls, extension) -> dict:
        return {"number_of_terms": f"{extension.number_of_terms.normalize():f}"}


class ReductionCorrectionForm(ReductionForm):
    """The corrected terms and consent date of a reduction, and why (rule 13). The reduction's
    own reason is kept as recorded."""

    reason = forms.CharField(**_CORRECTION_REASON)

    @classmethod
    def initial_for(cls, reduction) -> dict:
        return {
            "terms_required": f"{reduction.terms_required.normalize():f}",
            "teacher_consented_on": reduction.teacher_consented_on,
        }
