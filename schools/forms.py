"""The induction tutor's questions, one per page. Each checks its answer with the same rule
functions the services run again when the tutor confirms."""

import datetime
from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError

from ecte.calendar import dates
from ecte.calendar.dates import academic_year_label
from ecte.forms.fields import GovukDateField, TRNField
from participants import errors as participant_errors
from participants.registration import check_email_free, check_start_date, latest_start_date
from participants.services import ParticipantError
from schools.selectors import appropriate_bodies_for, partnerships_for

SCHOOL_LED = "school_led"


def training_label(partnership) -> str:
    if partnership is None:
        return "School-led"
    return (
        f"Provider-led with {partnership.lead_provider.name} "
        f"and {partnership.delivery_partner.name}"
    )


def _rule(check, *args, **kwargs) -> None:
    """Run a participant rule; its message becomes the field's error."""
    try:
        check(*args, **kwargs)
    except ParticipantError as error:
        raise ValidationError(str(error)) from None


# --- finding a teacher in the register --------------------------------------------------------


class FindTeacherForm(forms.Form):
    description = "We will check these against their teacher record."
    trn = TRNField(
        help_text="A 7 digit number, on their qualified teacher status (QTS) certificate",
    )
    date_of_birth = GovukDateField(
        label="Date of birth",
        help_text="For example, 27 3 2001",
        error_messages={"required": "Enter their date of birth"},
    )

    def __init__(self, *args, title: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        if born and born >= dates.today():
            raise ValidationError("Date of birth must be in the past")
        return born


class NoQuestionForm(forms.Form):
    """A page that explains something before the next question (for example, a transfer)."""

    def __init__(self, *args, title: str, description: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.description = description


class NameForm(forms.Form):
    description = (
        "This is the name on their teacher record. Change it if they use a different name."
    )
    first_name = forms.CharField(
        label="First name",
        max_length=100,
        error_messages={
            "required": "Enter their first name",
            "max_length": "First name must be 100 characters or fewer",
        },
    )
    last_name = forms.CharField(
        label="Last name",
        max_length=100,
        error_messages={
            "required": "Enter their last name",
            "max_length": "Last name must be 100 characters or fewer",
        },
    )
    field_params = {
        "first_name": {"autocomplete": "off", "spellcheck": False},
        "last_name": {"autocomplete": "off", "spellcheck": False},
    }

    def __init__(self, *args, title: str, first_name: str = "", last_name: str = "", **kwargs):
        kwargs["initial"] = {
            "first_name": first_name,
            "last_name": last_name,
            **(kwargs.get("initial") or {}),
        }
        super().__init__(*args, **kwargs)
        self.title = title


class EmailForm(forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter their email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Email address must be 254 characters or fewer",
        },
    )

    def __init__(self, *args, title: str, trn: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.trn = trn
        self.fields["email"].widget.attrs["autocomplete"] = "off"
        self.field_params = {
            "email": {"hint": {"text": "We will email them about their induction"}}
        }

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        _rule(check_email_free, email, trn=self.trn)
        return email


class StartDateForm(forms.Form):
    started_on = GovukDateField(
        label="Start date", error_messages={"required": "Enter the date they start"}
    )

    def __init__(self, *args, title: str, transfer_from=None, previous_periods=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.transfer_from = transfer_from
        self.previous_periods = previous_periods
        latest = latest_start_date()
        self.fields["started_on"].help_text = (
            f"For example, {latest.day} {latest.month} {latest.year}. "
            "It can be up to 4 months from today."
        )

    def clean_started_on(self):
        started_on = self.cleaned_data["started_on"]
        _rule(
            check_start_date,
            started_on,
            transfer_from=self.transfer_from,
            previous_periods=self.previous_periods,
        )
        return started_on


class WorkingPatternForm(forms.Form):
    working_pattern = forms.ChoiceField(
        label="Working pattern",
        choices=[("full_time", "Full-time"), ("part_time", "Part-time")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether they work full-time or part-time"},
    )

    def __init__(self, *args, title: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title


class FTEForm(forms.Form):
    fte = forms.DecimalField(
        label="Full-time equivalent",
        help_text="For example, 0.5 for half of a full-time timetable",
        error_messages={
            "required": "Enter their full-time equivalent, like 0.5",
            "invalid": "Full-time equivalent must be a number, like 0.5",
        },
    )

    def __init__(self, *args, title: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.fields["fte"].widget = forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false"}
        )
        self.field_params = {"fte": {"classes": "govuk-input--width-4"}}

    def clean_fte(self):
        fte = self.cleaned_data["fte"]
        if not (Decimal("0") < fte < Decimal("1")):
            raise ValidationError(participant_errors.PART_TIME_FTE)
        if fte != round(fte, 2):
            raise ValidationError("Full-time equivalent can have up to 2 decimal places, like 0.75")
        return fte


class YesNoForm(forms.Form):
    answer = forms.ChoiceField(
        label="",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect,
    )

    def __init__(
        self,
        *args,
        title: str,
        hint: str = "",
        required_message: str,
        yes: str = "Yes",
        no: str = "No",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.title = title
        field = self.fields["answer"]
        field.label = title
        field.help_text = hint
        field.choices = [("yes", yes), ("no", no)]
        field.error_messages = {"required": required_message, "invalid_choice": required_message}


# --- a school's choices ------------------------------------------------------------------------


class AppropriateBodyForm(forms.Form):
    appropriate_body = forms.ModelChoiceField(
        label="Appropriate body",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={
            "required": "Select an appropriate body",
            "invalid_choice": "Select an appropriate body your school can use",
        },
    )

    def __init__(self, *args, title: str, school, initial_body=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        field = self.fields["appropriate_body"]
        field.queryset = appropriate_bodies_for(school)
        field.help_text = (
            "A teaching school hub, or the Independent Schools Teacher Induction Panel (ISTIP)"
            if school.is_independent
            else "State schools use a teaching school hub. It cannot be a hub your school leads."
        )
        if initial_body is not None:
            self.initial["appropriate_body"] = initial_body.pk


class TrainingForm(forms.Form):
    """Provider-led with one of the school's partnerships for the year, or school-led."""

    training = forms.ChoiceField(
        label="Training",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select how they will be trained",
            "invalid_choice": "Select how they will be trained",
        },
    )

    def __init__(
        self,
        *args,
        title: str,
        school,
        academic_year: int,
        initial_partnership=None,
        initial_programme="",
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.title = title
        self.partnerships = {str(p.pk): p for p in partnerships_for(school, academic_year)}
        field = self.fields["training"]
        field.choices = [
            *[(key, training_label(partnership)) for key, partnership in self.partnerships.items()],
            (SCHOOL_LED, "School-led"),
        ]
        year = academic_year_label(academic_year)
        field.help_text = (
            f"Provider-led training is with a lead provider your school is in partnership with "
            f"for {year}."
            if self.partnerships
            else f"Your school has no lead provider partnership for {year} yet, so only "
            "school-led training can be chosen."
        )
        if initial_programme == SCHOOL_LED:
            self.initial["training"] = SCHOOL_LED
        elif initial_partnership is not None and str(initial_partnership.pk) in self.partnerships:
            self.initial["training"] = str(initial_partnership.pk)

    def clean(self):
        cleaned = super().clean()
        choice = cleaned.get("training")
        if choice:
            partnership = self.partnerships.get(choice)
            cleaned["training_programme"] = "provider_led" if partnership else SCHOOL_LED
            cleaned["school_partnership"] = partnership
        return cleaned


class LeadProviderForm(forms.Form):
    """The lead provider that trains a training mentor."""

    partnership = forms.ChoiceField(
        label="Lead provider",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a lead provider",
            "invalid_choice": "Select a lead provider",
        },
    )

    def __init__(
        self, *args, title: str, school, academic_year: int, initial_partnership=None, **kwargs
    ):
        super().__init__(*args, **kwargs)
        self.title = title
        self.partnerships = {str(p.pk): p for p in partnerships_for(school, academic_year)}
        self.fields["partnership"].choices = [
            (key, f"{p.lead_provider.name} (with {p.delivery_partner.name})")
            for key, p in self.partnerships.items()
        ]
        if initial_partnership is not None and str(initial_partnership.pk) in self.partnerships:
            self.initial["partnership"] = str(initial_partnership.pk)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("partnership"):
            cleaned["school_partnership"] = self.partnerships[cleaned["partnership"]]
        return cleaned


# --- mentors and leaving ------------------------------------------------------------------------


class ChooseMentorForm(forms.Form):
    mentor = forms.ChoiceField(
        label="Mentor",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select a mentor",
            "invalid_choice": "Select a mentor",
        },
    )
    template_name_step = "schools/assign_mentor/mentor.html"

    def __init__(self, *args, title: str, mentor_periods, current_mentor_period_id=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.mentor_periods = {str(p.pk): p for p in mentor_periods}
        self.fields["mentor"].choices = [
            (key, p.teacher.full_name) for key, p in self.mentor_periods.items()
        ]
        if current_mentor_period_id is not None:
            self.initial["mentor"] = str(current_mentor_period_id)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("mentor"):
            cleaned["mentor_period"] = self.mentor_periods[cleaned["mentor"]]
        return cleaned


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="Why will the induction tutor also be the mentor?",
        widget=forms.Textarea,
        max_length=1000,
        error_messages={
            "required": participant_errors.INDUCTION_TUTOR_REASON_NEEDED,
            "max_length": "Reason must be 1000 characters or fewer",
        },
    )
    template_name_step = "schools/assign_mentor/reason.html"

    def __init__(self, *args, title: str, mentor_name: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.mentor_name = mentor_name
        self.fields["reason"].help_text = (
            "The guidance says the induction tutor and the mentor should be different people, "
            "except in exceptional circumstances"
        )

    def clean_reason(self):
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(participant_errors.INDUCTION_TUTOR_REASON_NEEDED)
        return reason


class LeavingDateForm(forms.Form):
    left_on = GovukDateField(
        label="Leaving date", error_messages={"required": "Enter the date they leave"}
    )

    def __init__(self, *args, title: str, started_on: datetime.date, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.started_on = started_on
        self.fields[
            "left_on"
        ].help_text = "Their last day at your school. It can be up to 4 months from today."

    def clean_left_on(self):
        left_on = self.cleaned_data["left_on"]
        if left_on < self.started_on:
            raise ValidationError(participant_errors.FINISHES_BEFORE_START)
        latest = latest_start_date()
        if left_on > latest:
            from ecte.formatting import format_date

            raise ValidationError(
                participant_errors.LEAVING_TOO_FAR_AHEAD.format(latest=format_date(latest))
            )
        return left_on


# --- changing one detail ------------------------------------------------------------------------


class ChangeWorkingPatternForm(forms.Form):
    working_pattern = WorkingPatternForm.base_fields["working_pattern"]
    fte = forms.DecimalField(
        label="If part-time, their full-time equivalent",
        required=False,
        help_text="For example, 0.5 for half of a full-time timetable",
        error_messages={"invalid": "Full-time equivalent must be a number, like 0.5"},
    )

    def __init__(self, *args, title: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.title = title
        self.fields["fte"].widget = forms.TextInput(
            attrs={"inputmode": "decimal", "spellcheck": "false"}
        )
        self.field_params = {"fte": {"classes": "govuk-input--width-4"}}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("working_pattern") == "part_time":
            fte = cleaned.get("fte")
            if fte is None and "fte" not in self.errors:
                self.add_error("fte", "Enter their full-time equivalent, like 0.5")
            elif fte is not None and not (Decimal("0") < fte < Decimal("1")):
                self.add_error("fte", participant_errors.PART_TIME_FTE)
        else:
            cleaned["fte"] = Decimal("1")
        return cleaned
