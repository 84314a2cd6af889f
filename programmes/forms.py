"""Forms for the programme pages. They check what the user typed; the services check the rules
again under a lock, and their errors come back to the form as non-field errors."""

from django import forms

from ecte.calendar import dates
from ecte.formatting import format_date
from ecte.forms.fields import GovukDateField
from programmes import errors, sequencing
from programmes.models import ActionStatus, DropInMode, MeetingModel


class ModuleSequenceForm(forms.Form):
    """One select per movable place; fixed modules (NIoT's module A) are shown, not asked."""

    title = "Choose the order of the modules"

    def __init__(self, *args, modules: list, **kwargs):
        super().__init__(*args, **kwargs)
        self.modules = modules
        movable = [m for m in modules if not m.fixed_position]
        choices = [("", "Choose a module"), *[(m.code, m.label) for m in movable]]
        for position, module in enumerate(modules, start=1):
            if module.fixed_position:
                continue
            place = sequencing.place_name(modules, position)
            self.fields[self.field_name(position)] = forms.ChoiceField(
                label=place,
                choices=choices,
                error_messages={
                    "required": errors.SEQUENCE_MODULE_MISSING.format(place=place),
                    "invalid_choice": errors.SEQUENCE_UNKNOWN_MODULE.format(place=place),
                },
            )

    @staticmethod
    def field_name(position: int) -> str:
        return f"place_{position}"

    @classmethod
    def initial_for(cls, modules: list, codes: list[str]) -> dict:
        return {
            cls.field_name(position): code
            for position, (module, code) in enumerate(zip(modules, codes, strict=False), start=1)
            if not module.fixed_position
        }

    def codes(self) -> list[str]:
        data = self.cleaned_data
        return [
            module.code if module.fixed_position else data.get(self.field_name(position), "")
            for position, module in enumerate(self.modules, start=1)
        ]

    def fixed(self) -> list[tuple[str, str]]:
        """(place, module) for each module schools cannot move, to show above the questions."""
        return [
            (sequencing.place_name(self.modules, position), module.label)
            for position, module in enumerate(self.modules, start=1)
            if module.fixed_position
        ]

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        for position, message in sequencing.order_problems(self.modules, self.codes()).items():
            name = self.field_name(position)
            self.add_error(name if name in self.fields else None, message)
        return cleaned


# --- mentoring logs -----------------------------------------------------------------------

NO_FOCUS_ACTION = ""


def _minutes_field(label: str, *, hint: str, required_message: str) -> forms.IntegerField:
    field = forms.IntegerField(
        label=label,
        help_text=hint,
        error_messages={
            "required": required_message,
            "invalid": "Minutes must be a whole number, like 15",
        },
    )
    field.widget.attrs.update({"inputmode": "numeric"})
    return field


class LogDateMixin:
    """The date a drop-in or meeting was held: not in the future, not before the mentoring."""

    def check_held_on(self, held_on, mentoring_started_on, ect_name: str):
        if held_on is None:
            return
        if held_on > dates.today():
            self.add_error("held_on", errors.LOG_DATE_IN_FUTURE)
        elif held_on < mentoring_started_on:
            self.add_error(
                "held_on",
                errors.LOG_DATE_BEFORE_MENTORING.format(
                    date=format_date(mentoring_started_on), ect=ect_name
                ),
            )


class DropInForm(LogDateMixin, forms.Form):
    title = "Log a lesson drop-in"

    def __init__(self, *args, ect, mentorship, actions, **kwargs):
        super().__init__(*args, **kwargs)
        self.ect = ect
        self.mentorship = mentorship
        self.max_minutes = ect.max_drop_in_minutes
        self.actions = {str(action.pk): action for action in actions}
        self.fields["held_on"] = GovukDateField(label="Date of the drop-in")
        self.fields["minutes"] = _minutes_field(
            "How many minutes did it last?",
            hint=f"At most {self.max_minutes} minutes",
            required_message="Enter how many minutes the drop-in lasted",
        )
        self.fields["mode"] = forms.ChoiceField(
            label="How did you see the lesson?",
            choices=DropInMode.choices,
            widget=forms.RadioSelect,
            error_messages={"required": "Select how you saw the lesson"},
        )
        self.fields["focus_action"] = forms.ChoiceField(
            label="Which of the ECT's actions did it look at?",
            choices=[
                *[(key, action.description) for key, action in self.actions.items()],
                (NO_FOCUS_ACTION, "None of these"),
            ],
            widget=forms.RadioSelect,
            required=False,
        )
        self.fields["notes"] = forms.CharField(
            label="Notes", widget=forms.Textarea, required=False, max_length=5000
        )

    def clean(self):
        cleaned = super().clean()
        minutes = cleaned.get("minutes")
        if minutes is not None and minutes < 1:
            self.add_error("minutes", errors.DROP_IN_NO_MINUTES)
        elif minutes is not None and minutes > self.max_minutes:
            self.add_error("minutes", errors.DROP_IN_TOO_LONG.format(minutes=self.max_minutes))
        self.check_held_on(
            cleaned.get("held_on"),
            self.mentorship.started_on,
            self.mentorship.ect_at_school_period.teacher.full_name,
        )
        return cleaned

    @property
    def focus_action(self):
        return self.actions.get(self.cleaned_data.get("focus_action") or NO_FOCUS_ACTION)


STEP_LABELS = {
    "praise": (
        "1. Praise",
        "Strengths you recognised, such as actions from earlier observations put into practice",
    ),
    "probe": (
        "2. Probe",
        "The area for development you identified together, from the evidence of the drop-in",
    ),
    "precise_action": (
        "3. Precise action",
        "The highest-leverage action for the ECT to work on next",
    ),
    "plan": ("4. Plan", "When and how the ECT will use the action in an upcoming lesson"),
    "practice": ("5. Practise", "How the ECT practised the action, and the feedback you gave"),
}


class MeetingForm(LogDateMixin, forms.Form):
    """A meeting in the model the ECT's programme year sets. With `editing`, the actions are
    not asked again (they are reviewed in later meetings)."""

    title = "Log a mentor meeting"

    def __init__(self, *args, ect, mentorship, actions=(), editing=False, model=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ect = ect
        self.mentorship = mentorship
        self.model = model or ect.meeting_model
        self.editing = editing
        self.reviewable = list(actions)
        self.fields["held_on"] = GovukDateField(label="Date of the meeting")
        self.fields["minutes"] = _minutes_field(
            "How many minutes did it last?",
            hint="Meetings usually last 45 to 60 minutes",
            required_message="Enter how many minutes the meeting lasted",
        )
        text = {"widget": forms.Textarea, "max_length": 5000}
        if self.model == MeetingModel.SIX_STEP:
            for name in ("praise", "probe"):
                label, hint = STEP_LABELS[name]
                self.fields[name] = forms.CharField(
                    label=label,
                    help_text=hint,
                    error_messages={"required": f"Enter the {name} step"},
                    **text,
                )
            if not editing:
                label, hint = STEP_LABELS["precise_action"]
                self.fields["precise_action"] = forms.CharField(
                    label=label,
                    help_text=hint,
                    error_messages={"required": errors.PRECISE_ACTION_MISSING},
                    **text,
                )
            label, hint = STEP_LABELS["plan"]
            self.fields["plan"] = forms.CharField(
                label=label,
                help_text=hint,
                error_messages={"required": "Enter the plan step"},
                **text,
            )
            label, hint = STEP_LABELS["practice"]
            self.fields["practice"] = forms.CharField(
                label=label,
                help_text=hint,
                error_messages={"required": "Enter the practise step"},
                **text,
            )
            self.fields["follow_up_on"] = GovukDateField(
                label="6. Follow-up observation date",
                error_messages={"required": "Enter the date of the follow-up observation"},
            )
        if self.model == MeetingModel.HALF_TERM_FOCUS:
            self.focuses = {str(focus.pk): focus for focus in ect.meeting_focuses}
            self.fields["focus"] = forms.ChoiceField(
                label="Meeting focus",
                choices=[
                    (key, f"Meeting {f.number}: {f.title} (week {f.week})")
                    for key, f in self.focuses.items()
                ],
                widget=forms.RadioSelect,
                error_messages={"required": errors.FOCUS_MISSING},
            )
        if self.model != MeetingModel.SIX_STEP:
            self.fields["notes"] = forms.CharField(
                label="Notes", error_messages={"required": errors.NOTES_MISSING}, **text
            )
            if not editing:
                self.fields["precise_action"] = forms.CharField(
                    label="Action for the ECT (optional)", required=False, **text
                )
        else:
            self.fields["notes"] = forms.CharField(
                label="Other notes (optional)", required=False, **text
            )
        if not editing:
            for action in self.reviewable:
                self.fields[self.review_field(action)] = forms.ChoiceField(
                    label=action.description,
                    choices=[
                        ("", "Not reviewed in this meeting"),
                        (ActionStatus.ACHIEVED, "Achieved"),
                        (ActionStatus.CARRIED_FORWARD, "Carried forward"),
                    ],
                    widget=forms.RadioSelect,
                    required=False,
                )

    @staticmethod
    def review_field(action) -> str:
        return f"review_{action.pk}"

    def review_fields(self):
        return [self[self.review_field(action)] for action in self.reviewable if not self.editing]

    def main_fields(self):
        return [bf for bf in self.visible_fields() if not bf.name.startswith("review_")]

    def clean(self):
        cleaned = super().clean()
        self.check_held_on(
            cleaned.get("held_on"),
            self.mentorship.started_on,
            self.mentorship.ect_at_school_period.teacher.full_name,
        )
        minutes = cleaned.get("minutes")
        if minutes is not None and minutes < 1:
            self.add_error("minutes", errors.MEETING_NO_MINUTES)
        follow_up_on, held_on = cleaned.get("follow_up_on"), cleaned.get("held_on")
        if follow_up_on and held_on and follow_up_on < held_on:
            self.add_error("follow_up_on", errors.FOLLOW_UP_BEFORE_MEETING)
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {
            "held_on": data["held_on"],
            "minutes": data["minutes"],
            "praise": data.get("praise", ""),
            "probe": data.get("probe", ""),
            "plan": data.get("plan", ""),
            "practice": data.get("practice", ""),
            "follow_up_on": data.get("follow_up_on"),
            "focus": self.focuses.get(data.get("focus"))
            if self.model == MeetingModel.HALF_TERM_FOCUS
            else None,
            "notes": data.get("notes", ""),
        }
        if not self.editing:
            arguments["new_actions"] = [data.get("precise_action", "")]
            arguments["reviews"] = {
                action.pk: data[self.review_field(action)]
                for action in self.reviewable
                if data.get(self.review_field(action))
            }
        return arguments


class ChoicesForm(forms.Form):
    """A module's electives (checkboxes, at least the minimum) or focus area (radios, one)."""

    def __init__(self, *args, ect, module, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.module = module
        self.items = {str(item.pk): item for item in ect.choosable_items(module)}
        year = ect.programme_year
        self.minimum = ect.min_choices(module)
        self.maximum = year.max_choices
        kind_one, kind_many = (
            ("focus area", "focus areas")
            if year.choice_kind == "focus_areas"
            else ("elective", "electives")
        )
        self.single = self.maximum == 1
        choices = [
            (key, f"{item.title} ({item.minutes} minutes)") for key, item in self.items.items()
        ]
        self.initial = {
            "chosen": [
                key
                for key, item in self.items.items()
                if item.pk in records and records[item.pk].chosen_at
            ]
        }
        if self.single:
            self.initial["chosen"] = (self.initial["chosen"] or [""])[0]
            self.fields["chosen"] = forms.ChoiceField(
                label=f"Choose your focus area for {module.label}"
                if kind_one == "focus area"
                else f"Choose your {kind_one}",
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": errors.CHOICE_EXACTLY_ONE.format(kind=kind_one, module=module.label)
                },
            )
        else:
            hint = f"Choose at least {self.minimum}"
            if self.maximum:
                hint += f" and no more than {self.maximum}"
            self.fields["chosen"] = forms.MultipleChoiceField(
                label=f"Choose your {kind_many}",
                help_text=hint + ", using your diagnostic and your mentor's advice",
                choices=choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
            )
        self.kind_one, self.kind_many = kind_one, kind_many

    def clean_chosen(self):
        value = self.cleaned_data["chosen"]
        keys = [value] if isinstance(value, str) else list(value)
        chosen = [self.items[key] for key in keys if key in self.items]
        if not self.single and len(chosen) < self.minimum:
            raise forms.ValidationError(
                errors.CHOICES_TOO_FEW.format(
                    count=self.minimum,
                    kind=self.kind_many if self.minimum > 1 else self.kind_one,
                    module=self.module.label,
                )
            )
        if not self.single and self.maximum and len(chosen) > self.maximum:
            raise forms.ValidationError(
                errors.CHOICES_TOO_MANY.format(
                    count=self.maximum, kind=self.kind_many, module=self.module.label
                )
            )
        return chosen
