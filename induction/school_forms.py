"""Forms for the school's review, assessment, support plan and absence pages."""

from django import forms
from django.core.exceptions import ValidationError

from ecte.forms.fields import GovukDateField
from induction import errors
from induction.forms import TermsField
from induction.models import AbsenceKind, Recommendation

SATISFACTORY = [
    ("yes", "Yes, they are making satisfactory progress"),
    ("no", "No, they are not making satisfactory progress"),
]


def _text(label: str, message: str, hint: str = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": message},
    )


class ReviewFields(forms.Form):
    satisfactory_progress = forms.ChoiceField(
        label="Are they making satisfactory progress against the Teachers’ Standards?",
        choices=SATISFACTORY,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select whether they are making satisfactory progress",
            "invalid_choice": "Select whether they are making satisfactory progress",
        },
    )
    evidence = _text(
        "Evidence against the Teachers’ Standards",
        "Enter the evidence against the Teachers’ Standards",
        "Existing evidence only: the ECT does not need to create anything new",
    )
    areas_to_develop = _text("Areas to develop", "Enter the areas to develop")
    next_steps = _text(
        "Next steps", "Enter the agreed next steps", "The development targets agreed"
    )

    def clean_satisfactory_progress(self):
        return self.cleaned_data["satisfactory_progress"] == "yes"


class ProgressReviewForm(ReviewFields):
    term_number = forms.TypedChoiceField(
        label="Term of induction",
        coerce=int,
        error_messages={
            "required": "Select the term of induction",
            "invalid_choice": "Select the term of induction",
        },
    )
    reviewed_on = GovukDateField(label="Date of the review meeting")

    field_order = ["term_number", "reviewed_on", "satisfactory_progress"]

    def __init__(self, *args, terms: list[tuple[int, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["term_number"].choices = [(str(n), label) for n, label in terms]


class AssessmentForm(ReviewFields):
    meeting_on = GovukDateField(label="Date of the assessment meeting")
    ect_comments = forms.CharField(
        label="The ECT’s comments (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    field_order = ["meeting_on", "satisfactory_progress"]

    def __init__(self, *args, kind: str, suggested_terms=None, suggested_days=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind == "final":
            self.fields["recommendation"] = forms.ChoiceField(
                label="The headteacher’s recommendation to the appropriate body",
                choices=Recommendation.choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": errors.RECOMMENDATION_REQUIRED,
                    "invalid_choice": errors.RECOMMENDATION_REQUIRED,
                },
            )
            self.fields["induction_completed_on"] = GovukDateField(
                label="Date they completed their induction period",
                error_messages={"required": errors.COMPLETED_ON_REQUIRED},
            )
        if kind == "interim":
            self.fields["terms_served"] = TermsField(
                label="Terms of induction served here",
                required_message="Enter the terms served",
                help_text="Full-time equivalent, up to 2 decimal places",
            )
            self.fields["days_absent"] = forms.IntegerField(
                label="Days absent since the last assessment",
                min_value=0,
                max_value=366,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
                error_messages={
                    "required": "Enter the days absent since the last assessment",
                    "invalid": "Days absent must be a whole number, like 3",
                    "min_value": errors.ABSENCE_DAYS_OUT_OF_RANGE,
                    "max_value": errors.ABSENCE_DAYS_OUT_OF_RANGE,
                },
            )
            if suggested_terms is not None:
                self.initial.setdefault("terms_served", f"{suggested_terms.normalize():f}")
            if suggested_days is not None:
                self.initial.setdefault("days_absent", suggested_days)


class SupportPlanForm(forms.Form):
    areas_for_improvement = _text(
        "Areas in which improvement is needed", "Enter the areas in which improvement is needed"
    )
    objectives = _text(
        "Objectives",
        "Enter the objectives",
        "Linked to the Teachers’ Standards, to guide them to satisfactory performance",
    )
    support = _text("Support", "Enter the support", "The monitoring and support put in place")


class AbsenceForm(forms.Form):
    kind = forms.ChoiceField(
        label="What kind of absence?",
        choices=AbsenceKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": errors.ABSENCE_KIND_UNKNOWN,
            "invalid_choice": errors.ABSENCE_KIND_UNKNOWN,
        },
    )
    started_on = GovukDateField(label="First day of absence")
    days = forms.IntegerField(
        label="Days absent",
        min_value=1,
        max_value=366,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "spellcheck": "false"}),
        error_messages={
            "required": "Enter the days absent",
            "invalid": errors.ABSENCE_DAYS_OUT_OF_RANGE,
            "min_value": errors.ABSENCE_DAYS_OUT_OF_RANGE,
            "max_value": errors.ABSENCE_DAYS_OUT_OF_RANGE,
        },
    )
    extension_requested = forms.BooleanField(
        label="The ECT asked to extend their induction by this leave",
        required=False,
        help_text="Only for statutory family leave: the request must then be granted",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("extension_requested") and cleaned.get("kind") != AbsenceKind.FAMILY_LEAVE:
            self.add_error(
                "extension_requested",
                ValidationError(errors.EXTENSION_REQUEST_ONLY_FOR_FAMILY_LEAVE),
            )
        return cleaned
