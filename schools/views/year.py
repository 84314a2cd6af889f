"""The school dashboard for the active academic year, and setting up that year."""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from ecte.calendar.dates import academic_year_label
from ecte.wizard import CHECK_ANSWERS, SummaryRow, WizardView
from schools import forms
from schools.selectors import (
    active_academic_year,
    current_ects,
    current_mentors,
    setup_tasks,
    year_setup_for,
)
from schools.services import Choices, SchoolError, describe, last_years_choices, set_up_year
from schools.views.base import SchoolPageMixin, SchoolWizardMixin


class SchoolHomeView(SchoolPageMixin, View):
    """Set up {year}: what is left to do, and each ECT's registration status."""

    def get(self, request):
        year = active_academic_year()
        ects = current_ects(self.school)
        mentors = current_mentors(self.school)
        tasks = setup_tasks(self.school, year, ects, mentors)
        return render(
            request,
            "schools/home.html",
            {
                "school": self.school,
                "year_label": academic_year_label(year),
                "tasks": [task.as_task_list_item() for task in tasks],
                "ects": ects,
                "mentors": mentors,
            },
        )


class SetUpYearWizard(SchoolWizardMixin, WizardView):
    """Appropriate body (rule 17), and provider-led training with a partnership or school-led;
    last year's choices in one step when they still hold."""

    url_name = "schools:set_up_year"
    check_title = "Check your answers before confirming your choices"
    submit_text = "Confirm choices"
    steps = {
        "last-year": forms.YesNoForm,
        "appropriate-body": forms.AppropriateBodyForm,
        "training": forms.TrainingForm,
    }

    @property
    def academic_year(self) -> int:
        return active_academic_year()

    @property
    def title(self) -> str:
        return f"Set up {academic_year_label(self.academic_year)}"

    def last_year(self) -> Choices | None:
        if not hasattr(self, "_last_year"):
            self._last_year = last_years_choices(
                school=self.school, academic_year=self.academic_year
            )
        return self._last_year

    def uses_last_year(self) -> bool:
        if self.last_year() is None:
            return False
        form = self.make_form("last-year")
        return form.is_bound and form.is_valid() and form.cleaned_data["answer"] == "yes"

    def step_is_needed(self, step: str) -> bool:
        if step == "last-year":
            return self.last_year() is not None
        return not self.uses_last_year()

    def form_kwargs(self, step: str) -> dict:
        setup = year_setup_for(self.school, self.academic_year)
        year = academic_year_label(self.academic_year)
        if step == "last-year":
            return {
                "title": f"Use last year's choices for {year}?",
                "hint": describe(self.last_year()),
                "required_message": "Select yes to use last year's choices",
                "yes": "Yes, use last year's choices",
                "no": "No, make different choices",
            }
        if step == "appropriate-body":
            return {
                "title": f"Which appropriate body will your ECTs have in {year}?",
                "school": self.school,
                "initial_body": setup.appropriate_body if setup else None,
            }
        return {
            "title": f"How will your ECTs be trained in {year}?",
            "school": self.school,
            "academic_year": self.academic_year,
            "initial_partnership": setup.school_partnership if setup else None,
            "initial_programme": setup.training_programme if setup else "",
        }

    def choices(self, cleaned) -> Choices:
        if self.uses_last_year():
            return self.last_year()
        return Choices(
            cleaned["appropriate-body"]["appropriate_body"],
            cleaned["training"]["training_programme"],
            cleaned["training"]["school_partnership"],
        )

    def summary_rows(self, cleaned):
        choices = self.choices(cleaned)
        last_year = self.uses_last_year()
        rows = []
        if self.last_year() is not None:
            rows.append(
                SummaryRow("Use last year's choices", "Yes" if last_year else "No", "last-year")
            )
        rows += [
            SummaryRow(
                "Appropriate body",
                choices.appropriate_body.name,
                "last-year" if last_year else "appropriate-body",
            ),
            SummaryRow(
                "Training",
                forms.training_label(choices.school_partnership),
                "last-year" if last_year else "training",
            ),
        ]
        return rows

    def done(self, cleaned, token):
        try:
            set_up_year(
                school=self.school,
                academic_year=self.academic_year,
                choices=self.choices(cleaned),
                by=self.actor,
            )
        except SchoolError as error:
            from django.contrib import messages

            messages.error(self.request, str(error))
            return HttpResponseRedirect(self.step_url(CHECK_ANSWERS))
        self.store().clear()
        return HttpResponseRedirect(reverse("schools:year_set_up"))


class YearSetUpView(SchoolPageMixin, View):
    def get(self, request):
        year = active_academic_year()
        setup = year_setup_for(self.school, year)
        if setup is None:
            return HttpResponseRedirect(reverse("schools:home"))
        return render(
            request,
            "schools/year_set_up.html",
            {
                "setup": setup,
                "year_label": academic_year_label(year),
                "training": forms.training_label(setup.school_partnership),
            },
        )
