"""Register a mentor, assign or change an ECT's mentor, and the mentor list and page."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from ecte.calendar import dates
from ecte.calendar.dates import academic_year_label
from ecte.formatting import format_date
from ecte.wizard import CHECK_ANSWERS, SummaryRow, WizardStore, WizardView
from participants.registration import RegistrationExit, look_up_mentor, register_mentor
from participants.selectors import mentor_is_induction_tutor
from participants.services import ParticipantError, assign_mentor
from schools import forms
from schools.selectors import (
    current_mentors,
    mentor_detail,
    mentor_periods_for,
    partnerships_for,
    year_setup_for,
)
from schools.views.base import SchoolPageMixin, SchoolWizardMixin
from schools.views.register_ect import TeacherLookupMixin


class RegisterMentorWizard(TeacherLookupMixin, SchoolWizardMixin, WizardView):
    title = "Register a mentor"
    url_name = "schools:register_mentor"
    find_title = "Find the mentor"
    check_title = "Check your answers before registering this mentor"
    submit_text = "Confirm and register"
    look_up = staticmethod(look_up_mentor)
    steps = {
        "find": forms.FindTeacherForm,
        "name": forms.NameForm,
        "email": forms.EmailForm,
        "start-date": forms.StartDateForm,
        "lead-provider": forms.LeadProviderForm,
    }

    def for_ect_period(self):
        return None

    def look_up_kwargs(self) -> dict:
        return {"school": self.school, "for_ect_period": self.for_ect_period()}

    def academic_year(self) -> int:
        started_on = self.answer("start-date", "started_on")
        return dates.academic_year_for(started_on or dates.today())

    def training_status(self):
        return self.lookup().training_status(self.academic_year())

    def step_is_needed(self, step: str) -> bool:
        if step == "find":
            return True
        if self.lookup() is None:
            return False
        if step == "lead-provider":
            return (
                self.training_status().is_training_mentor
                and partnerships_for(self.school, self.academic_year()).exists()
            )
        return True

    def form_kwargs(self, step: str) -> dict:
        if step == "find":
            return {"title": self.find_title}
        record = self.lookup().record
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
            return {"title": f"When will {name} start mentoring at your school?"}
        if step == "lead-provider":
            setup = year_setup_for(self.school, self.academic_year())
            return {
                "title": f"Which lead provider will train {name}?",
                "school": self.school,
                "academic_year": self.academic_year(),
                "initial_partnership": setup.school_partnership if setup else None,
            }
        return {}

    def summary_rows(self, cleaned):
        lookup = self.lookup()
        status = self.training_status()
        name = cleaned["name"]
        rows = [
            SummaryRow("Name", f"{name['first_name']} {name['last_name']}", "name"),
            SummaryRow("Teacher reference number (TRN)", cleaned["find"]["trn"], "find"),
            SummaryRow("Date of birth", format_date(cleaned["find"]["date_of_birth"]), "find"),
            SummaryRow("Email address", cleaned["email"]["email"], "email"),
            SummaryRow(
                "Start date", format_date(cleaned["start-date"]["started_on"]), "start-date"
            ),
            SummaryRow(
                "Mentor training", f"{status.label}. {status.reason}", "find", "mentor training"
            ),
            SummaryRow(
                "Funding", f"{status.funding_label}. {status.funding_reason}", "find", "funding"
            ),
        ]
        if "lead-provider" in cleaned:
            partnership = cleaned["lead-provider"]["school_partnership"]
            rows.append(
                SummaryRow(
                    "Lead provider for their training",
                    partnership.lead_provider.name,
                    "lead-provider",
                )
            )
        if lookup.other_schools:
            rows.append(
                SummaryRow(
                    "Also mentors at", ", ".join(lookup.other_schools), "find", "other schools"
                )
            )
        return rows

    def done(self, cleaned, token):
        partnership = cleaned.get("lead-provider", {}).get("school_partnership")
        try:
            result = register_mentor(
                school=self.school,
                trn=cleaned["find"]["trn"],
                date_of_birth=cleaned["find"]["date_of_birth"],
                first_name=cleaned["name"]["first_name"],
                last_name=cleaned["name"]["last_name"],
                email=cleaned["email"]["email"],
                started_on=cleaned["start-date"]["started_on"],
                school_partnership=partnership,
                for_ect_period=self.for_ect_period(),
                token=token,
                by=self.actor,
            )
        except RegistrationExit as exit_:
            return self.render_exit(exit_)
        except ParticipantError as error:
            messages.error(self.request, str(error))
            return HttpResponseRedirect(self.step_url(CHECK_ANSWERS))
        self.store().clear()
        return self.after_registering(result.period)

    def after_registering(self, period):
        return HttpResponseRedirect(
            reverse("schools:mentor_registered", kwargs={"period_id": period.pk})
        )


class RegisterMentorForECTWizard(RegisterMentorWizard):
    """Registering a mentor from an ECT's "Assign a mentor" page: then assign them."""

    url_name = "schools:register_mentor_for_ect"

    def url_kwargs(self) -> dict:
        return {"period_id": self.kwargs["period_id"]}

    def for_ect_period(self):
        return self.ect_period(open_only=True)

    def get(self, request, *args, **kwargs):
        self.for_ect_period()  # another school's ECT, or one who has left: "Page not found"
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.for_ect_period()
        return super().post(request, *args, **kwargs)

    def back_url_for_first_step(self) -> str:
        return reverse("schools:assign_mentor", kwargs={**self.url_kwargs(), "step": "mentor"})

    def after_registering(self, period):
        ect = self.for_ect_period()
        messages.success(
            self.request, f"{period.teacher.full_name} has been registered as a mentor"
        )
        store = WizardStore(self.request, AssignMentorWizard.key_for(self.school, ect))
        store.save("mentor", {"mentor": str(period.pk)})
        return HttpResponseRedirect(
            reverse("schools:assign_mentor", kwargs={"period_id": ect.pk, "step": CHECK_ANSWERS})
        )


class MentorRegisteredView(SchoolPageMixin, View):
    def get(self, request, period_id: int):
        period = mentor_detail(self.mentor_period())
        return render(request, "schools/mentor_registered.html", {"period": period})


class AssignMentorWizard(SchoolWizardMixin, WizardView):
    """Assign or change an ECT's mentor (rule 15: the induction tutor needs a reason)."""

    title = "Assign a mentor"
    url_name = "schools:assign_mentor"
    check_title = "Check your answers before assigning this mentor"
    submit_text = "Confirm and assign"
    steps = {"mentor": forms.ChooseMentorForm, "reason": forms.ReasonForm}

    @classmethod
    def key_for(cls, school, ect_period) -> str:
        return f"{cls.url_name}:{school.pk}:period_id={ect_period.pk}"

    def store_key(self) -> str:
        return self.key_for(self.school, self.ect_period(open_only=True))

    def url_kwargs(self) -> dict:
        return {"period_id": self.kwargs["period_id"]}

    def back_url_for_first_step(self) -> str:
        return reverse("schools:ect", kwargs=self.url_kwargs())

    def mentor_periods(self):
        if not hasattr(self, "_mentors"):
            ect = self.ect_period(open_only=True)
            self._mentors = list(
                mentor_periods_for(self.school)
                .filter(finished_on__isnull=True)
                .exclude(teacher_id=ect.teacher_id)
                .order_by("teacher__last_name", "teacher__first_name")
            )
        return self._mentors

    def chosen(self):
        form = self.make_form("mentor")
        if form.is_bound and form.is_valid():
            return form.cleaned_data["mentor_period"]
        return None

    def current_mentorship(self):
        return (
            self.ect_period()
            .mentorships.ongoing()
            .select_related("mentor_at_school_period__teacher")
            .first()
        )

    def step_is_needed(self, step: str) -> bool:
        if step == "reason":
            chosen = self.chosen()
            return chosen is not None and mentor_is_induction_tutor(chosen)
        return True

    def form_kwargs(self, step: str) -> dict:
        ect = self.ect_period(open_only=True)
        if step == "mentor":
            current = self.current_mentorship()
            return {
                "title": f"Who will mentor {ect.teacher.full_name}?",
                "mentor_periods": self.mentor_periods(),
                "current_mentor_period_id": current.mentor_at_school_period_id if current else None,
            }
        chosen = self.chosen()
        return {
            "title": "The induction tutor will also be the mentor",
            "mentor_name": chosen.teacher.full_name if chosen else "",
        }

    def step_context(self, step, form):
        ect = self.ect_period(open_only=True)
        return {
            "ect": ect,
            "register_url": reverse(
                "schools:register_mentor_for_ect", kwargs={"period_id": ect.pk, "step": "find"}
            ),
        }

    def starts_on(self, mentor_period):
        ect = self.ect_period(open_only=True)
        return max(dates.today(), ect.started_on, mentor_period.started_on)

    def summary_rows(self, cleaned):
        mentor_period = cleaned["mentor"]["mentor_period"]
        rows = [
            SummaryRow("ECT", self.ect_period().teacher.full_name, "mentor", "ECT"),
            SummaryRow("Mentor", mentor_period.teacher.full_name, "mentor"),
            SummaryRow("Mentoring from", format_date(self.starts_on(mentor_period)), "mentor"),
        ]
        current = self.current_mentorship()
        if current is not None and current.mentor_at_school_period_id != mentor_period.pk:
            rows.append(
                SummaryRow(
                    "Replaces",
                    current.mentor_at_school_period.teacher.full_name,
                    "mentor",
                    "current mentor",
                )
            )
        if "reason" in cleaned:
            rows.append(
                SummaryRow(
                    "Why the induction tutor is also the mentor",
                    cleaned["reason"]["reason"],
                    "reason",
                    "reason",
                )
            )
        return rows

    def done(self, cleaned, token):
        ect = self.ect_period(open_only=True)
        mentor_period = cleaned["mentor"]["mentor_period"]
        current = self.current_mentorship()
        if current is not None and current.mentor_at_school_period_id == mentor_period.pk:
            # Submitted twice, or the same mentor chosen again: nothing to change.
            self.store().clear()
            return HttpResponseRedirect(
                reverse("schools:mentor_assigned", kwargs={"period_id": ect.pk})
            )
        try:
            assign_mentor(
                ect_period=ect,
                mentor_period=mentor_period,
                started_on=self.starts_on(mentor_period),
                induction_tutor_reason=cleaned.get("reason", {}).get("reason", ""),
                by=self.actor,
            )
        except ParticipantError as error:
            messages.error(self.request, str(error))
            return HttpResponseRedirect(self.step_url(CHECK_ANSWERS))
        self.store().clear()
        return HttpResponseRedirect(
            reverse("schools:mentor_assigned", kwargs={"period_id": ect.pk})
        )


class MentorAssignedView(SchoolPageMixin, View):
    def get(self, request, period_id: int):
        ect = self.ect_period()
        mentorship = (
            ect.mentorships.ongoing().select_related("mentor_at_school_period__teacher").first()
        )
        return render(
            request, "schools/mentor_assigned.html", {"ect": ect, "mentorship": mentorship}
        )


class MentorListView(SchoolPageMixin, View):
    def get(self, request):
        search = request.GET.get("q", "").strip()
        return render(
            request,
            "schools/mentors.html",
            {"mentors": current_mentors(self.school, search), "search": search},
        )


class MentorView(SchoolPageMixin, View):
    def get(self, request, period_id: int):
        period = mentor_detail(self.mentor_period())
        return render(
            request,
            "schools/mentor.html",
            {
                "period": period,
                "year": academic_year_label(dates.academic_year_for(period.started_on)),
            },
        )
