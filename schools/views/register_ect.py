"""Register an ECT: find them in the register, ask each question once, tell everyone at once."""

import json
from decimal import Decimal

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from ecte.calendar import dates
from ecte.calendar.dates import academic_year_label
from ecte.formatting import format_date
from ecte.wizard import CHECK_ANSWERS, SummaryRow, WizardView
from participants.notifications import ect_registration_recipients
from participants.registration import RegistrationExit, look_up_ect, register_ect
from participants.services import ParticipantError
from schools import forms
from schools.selectors import year_setup_for
from schools.views.base import SchoolPageMixin, SchoolWizardMixin

CANNOT_REGISTER = "cannot-register"


class TeacherLookupMixin:
    """The register lookup of the journey's "find" step, redone whenever its answers change."""

    find_title = ""
    look_up = staticmethod(look_up_ect)

    def look_up_kwargs(self) -> dict:
        return {"school": self.school}

    def lookup(self):
        """The lookup for the stored TRN and date of birth; None if unanswered or an exit."""
        answers = self.store().answers("find")
        key = json.dumps(answers, sort_keys=True)
        if getattr(self, "_lookup_key", None) != key:
            self._lookup_key, self._lookup, self.exit = key, None, None
            form = forms.FindTeacherForm(data=answers, title=self.find_title)
            if answers is not None and form.is_valid():
                try:
                    self._lookup = self.look_up(
                        trn=form.cleaned_data["trn"],
                        date_of_birth=form.cleaned_data["date_of_birth"],
                        **self.look_up_kwargs(),
                    )
                except RegistrationExit as exit_:
                    self.exit = exit_
        return self._lookup

    def answer(self, step: str, name: str):
        """One cleaned answer of an earlier step, or None when it is not (validly) answered."""
        form = self.make_form(step)
        if form.is_bound and form.is_valid():
            return form.cleaned_data.get(name)
        return None

    def name(self) -> str:
        """The name the tutor confirmed, else the register's: each question names the teacher."""
        first_name = self.answer("name", "first_name")
        if first_name:
            return f"{first_name} {self.answer('name', 'last_name')}"
        lookup = self.lookup()
        return lookup.record.full_name if lookup else "the teacher"

    def exit_url(self) -> str:
        return self.step_url(CANNOT_REGISTER)

    def next_url(self, step):
        if step == "find" and self.lookup() is None:
            return self.exit_url()
        return super().next_url(step)

    def guard(self):
        """Every page after the first needs a teacher who can be registered."""
        if self.step in ("find", CANNOT_REGISTER):
            return None
        if self.lookup() is None:
            return HttpResponseRedirect(self.exit_url() if self.exit else self.step_url("find"))
        return None

    def get(self, request, *args, **kwargs):
        if self.step == CANNOT_REGISTER:
            return self.cannot_register()
        return self.guard() or super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        return self.guard() or super().post(request, *args, **kwargs)

    def cannot_register(self):
        self.lookup()
        if self.exit is None:
            return HttpResponseRedirect(self.step_url("find"))
        return self.render_exit(self.exit)

    def render_exit(self, exit_):
        record_url = None
        if exit_.period is not None:
            name = "schools:ect" if exit_.kind == "registered_here" else "schools:mentor"
            record_url = reverse(name, kwargs={"period_id": exit_.period.pk})
        return render(
            self.request,
            "schools/cannot_register.html",
            {
                "journey_title": self.title,
                "exit": exit_,
                "record_url": record_url,
                "try_again_url": self.step_url("find"),
                "back_url": self.step_url("find"),
            },
        )


class RegisterECTWizard(TeacherLookupMixin, SchoolWizardMixin, WizardView):
    title = "Register an early career teacher"
    url_name = "schools:register_ect"
    find_title = "Find the early career teacher"
    check_title = "Check your answers before registering this ECT"
    submit_text = "Confirm and register"
    steps = {
        "find": forms.FindTeacherForm,
        "transfer": forms.NoQuestionForm,
        "name": forms.NameForm,
        "email": forms.EmailForm,
        "start-date": forms.StartDateForm,
        "working-pattern": forms.WorkingPatternForm,
        "fte": forms.FTEForm,
        "use-school-choices": forms.YesNoForm,
        "appropriate-body": forms.AppropriateBodyForm,
        "training": forms.TrainingForm,
    }

    # --- answers ----------------------------------------------------------------------

    def academic_year(self) -> int | None:
        started_on = self.answer("start-date", "started_on")
        return dates.academic_year_for(started_on) if started_on else None

    def year_setup(self):
        year = self.academic_year()
        if year is None:
            return None
        if getattr(self, "_setup_year", None) != year:
            self._setup_year = year
            setup = year_setup_for(self.school, year)
            self._setup = setup if setup is not None and setup.training_programme else None
        return self._setup

    def uses_school_choices(self) -> bool:
        return self.year_setup() is not None and (
            self.answer("use-school-choices", "answer") == "yes"
        )

    # --- steps ------------------------------------------------------------------------

    def step_is_needed(self, step: str) -> bool:
        if step == "find":
            return True
        lookup = self.lookup()
        if lookup is None:
            return False
        if step == "transfer":
            return lookup.transfer_from is not None
        if step == "fte":
            return self.answer("working-pattern", "working_pattern") == "part_time"
        if step == "use-school-choices":
            return self.year_setup() is not None
        if step in ("appropriate-body", "training"):
            return not self.uses_school_choices()
        return True

    def form_kwargs(self, step: str) -> dict:
        if step == "find":
            return {"title": self.find_title}
        lookup = self.lookup()
        record = lookup.record
        if step == "transfer":
            old = lookup.transfer_from
            return {
                "title": f"{record.full_name} is registered at {old.school.name}",
                "description": (
                    f"They have been an ECT at {old.school.name} since "
                    f"{format_date(old.started_on)}. If you register them, this is a transfer: "
                    f"their time at {old.school.name} ends on the day before they start with you. "
                    f"{old.school.name}, both appropriate bodies and the lead provider will see it."
                ),
            }
        if step == "name":
            return {
                "title": f"Check {record.full_name}'s name",
                "first_name": record.first_name,
                "last_name": record.last_name,
            }
        name = self.name()
        if step == "email":
            return {"title": f"What is {name}'s email address?", "trn": record.trn}
        if step == "start-date":
            return {
                "title": f"When will {name} start at your school?",
                "transfer_from": lookup.transfer_from,
                "previous_periods": lookup.previous_periods,
            }
        if step == "working-pattern":
            return {"title": f"Does {name} work full-time or part-time?"}
        if step == "fte":
            return {"title": f"What is {name}'s full-time equivalent (FTE)?"}
        setup = self.year_setup()
        year = self.academic_year() or dates.academic_year_for(dates.today())
        if step == "use-school-choices":
            return {
                "title": f"Use your school's choices for {academic_year_label(year)}?",
                "hint": (
                    f"Appropriate body: {setup.appropriate_body.name}. "
                    f"Training: {forms.training_label(setup.school_partnership)}."
                ),
                "required_message": "Select yes to use your school's choices",
                "yes": "Yes, use these",
                "no": "No, choose different ones for this ECT",
            }
        if step == "appropriate-body":
            return {
                "title": f"Which appropriate body will {name} have?",
                "school": self.school,
                "initial_body": setup.appropriate_body if setup else None,
            }
        if step == "training":
            return {
                "title": f"How will {name} be trained?",
                "school": self.school,
                "academic_year": year,
                "initial_partnership": setup.school_partnership if setup else None,
                "initial_programme": setup.training_programme if setup else "",
            }
        return {}

    # --- check answers and done -------------------------------------------------------

    def choices(self, cleaned: dict) -> tuple:
        if self.uses_school_choices():
            setup = self.year_setup()
            return setup.appropriate_body, setup.training_programme, setup.school_partnership
        training = cleaned["training"]
        return (
            cleaned["appropriate-body"]["appropriate_body"],
            training["training_programme"],
            training["school_partnership"],
        )

    def summary_rows(self, cleaned):
        lookup = self.lookup()
        find = cleaned["find"]
        name = cleaned["name"]
        pattern = cleaned["working-pattern"]["working_pattern"]
        pattern_text = "Full-time"
        if pattern == "part_time":
            pattern_text = f"Part-time, {cleaned['fte']['fte'].normalize():f} FTE"
        appropriate_body, _, partnership = self.choices(cleaned)
        school_choices = self.uses_school_choices()
        rows = [
            SummaryRow("Name", f"{name['first_name']} {name['last_name']}", "name"),
            SummaryRow("Teacher reference number (TRN)", find["trn"], "find"),
            SummaryRow("Date of birth", format_date(find["date_of_birth"]), "find"),
            SummaryRow(
                "Qualified teacher status (QTS)",
                format_date(lookup.record.qts_awarded_on)
                if not lookup.waiting_for_qts
                else "Waiting for QTS: their appropriate body cannot start induction until then",
                "find",
                "qualified teacher status",
            ),
        ]
        if lookup.transfer_from is not None:
            rows.append(
                SummaryRow("Moving from", lookup.transfer_from.school.name, "transfer", "school")
            )
        rows += [
            SummaryRow("Email address", cleaned["email"]["email"], "email"),
            SummaryRow(
                "Start date", format_date(cleaned["start-date"]["started_on"]), "start-date"
            ),
            SummaryRow("Working pattern", pattern_text, "working-pattern"),
            SummaryRow(
                "Appropriate body",
                appropriate_body.name,
                "use-school-choices" if school_choices else "appropriate-body",
            ),
            SummaryRow(
                "Training",
                forms.training_label(partnership),
                "use-school-choices" if school_choices else "training",
            ),
        ]
        return rows

    def done(self, cleaned, token):
        lookup = self.lookup()
        appropriate_body, programme, partnership = self.choices(cleaned)
        pattern = cleaned["working-pattern"]["working_pattern"]
        try:
            result = register_ect(
                school=self.school,
                trn=cleaned["find"]["trn"],
                date_of_birth=cleaned["find"]["date_of_birth"],
                first_name=cleaned["name"]["first_name"],
                last_name=cleaned["name"]["last_name"],
                email=cleaned["email"]["email"],
                started_on=cleaned["start-date"]["started_on"],
                working_pattern=pattern,
                fte=cleaned["fte"]["fte"] if pattern == "part_time" else Decimal("1"),
                appropriate_body=appropriate_body,
                training_programme=programme,
                school_partnership=partnership,
                transfer_from_id=lookup.transfer_from.pk if lookup.transfer_from else None,
                token=token,
                by=self.actor,
            )
        except RegistrationExit as exit_:
            return self.render_exit(exit_)
        except ParticipantError as error:
            messages.error(self.request, str(error))
            return HttpResponseRedirect(self.step_url(CHECK_ANSWERS))
        self.store().clear()
        return HttpResponseRedirect(
            reverse("schools:ect_registered", kwargs={"period_id": result.period.pk})
        )


class ECTRegisteredView(SchoolPageMixin, View):
    """The confirmation panel, saying who has been told."""

    def get(self, request, period_id: int):
        period = self.ect_period()
        return render(
            request,
            "schools/ect_registered.html",
            {
                "period": period,
                "recipients": ect_registration_recipients(period),
                "waiting_for_qts": period.teacher.qts_awarded_on is None,
            },
        )
