"""The ECT list and page, reporting a leaver, and changing one detail of an ECT."""

from abc import ABCMeta, abstractmethod

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views import View

from ecte.calendar import dates
from ecte.events.models import Event
from ecte.formatting import format_date
from ecte.wizard import CHECK_ANSWERS, SummaryRow, WizardView
from participants import changes
from participants.notifications import ect_registration_recipients
from participants.services import ParticipantError
from schools import forms
from schools.presenters import ect_rows
from schools.selectors import appropriate_bodies_for, current_ects, ect_detail, recent_leavers
from schools.views.base import SchoolPageMixin, SchoolWizardMixin


class ECTListView(SchoolPageMixin, View):
    def get(self, request):
        search = request.GET.get("q", "").strip()
        return render(
            request,
            "schools/ects.html",
            {
                "ects": current_ects(self.school, search),
                "leavers": recent_leavers(self.school, search),
                "search": search,
            },
        )


class ECTView(SchoolPageMixin, View):
    """An ECT's details with change links, mentor, training, appropriate body, progress and
    the event timeline."""

    def get(self, request, period_id: int):
        period = ect_detail(self.ect_period())
        return render(
            request,
            "schools/ect.html",
            {
                "period": period,
                "teacher": period.teacher,
                "rows": ect_rows(period, period.progress),
                "events": list(Event.objects.filter(teacher=period.teacher).timeline()[:50]),
            },
        )


# --- reporting a leaver -----------------------------------------------------------------------


class ReportLeavingWizard(SchoolWizardMixin, WizardView):
    steps = {"date": forms.LeavingDateForm}
    check_title = "Check your answers before reporting this leaver"
    submit_text = "Confirm"
    confirmation_url_name = ""

    def url_kwargs(self) -> dict:
        return {"period_id": self.kwargs["period_id"]}

    @abstractmethod
    def period(self):
        """The leaver's period, through the school's scoped queryset."""

    def form_kwargs(self, step: str) -> dict:
        period = self.period()
        return {
            "title": f"When is {period.teacher.full_name} leaving your school?",
            "started_on": period.started_on,
        }

    def summary_rows(self, cleaned):
        return [
            SummaryRow("Name", self.period().teacher.full_name, "date", "name"),
            SummaryRow("Leaving date", format_date(cleaned["date"]["left_on"]), "date"),
        ]

    def confirmation(self):
        return HttpResponseRedirect(reverse(self.confirmation_url_name, kwargs=self.url_kwargs()))

    def get(self, request, *args, **kwargs):
        if self.period().finished_on is not None:
            return self.confirmation()
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.period().finished_on is not None:  # submitted twice, or reported elsewhere
            self.store().clear()
            return self.confirmation()
        return super().post(request, *args, **kwargs)

    def done(self, cleaned, token):
        period = self.period()
        if period.finished_on is not None:  # submitted twice
            self.store().clear()
            return self.confirmation()
        try:
            self.report(period, cleaned["date"]["left_on"])
        except ParticipantError as error:
            messages.error(self.request, str(error))
            return HttpResponseRedirect(self.step_url(CHECK_ANSWERS))
        self.store().clear()
        return self.confirmation()


class ReportECTLeavingWizard(ReportLeavingWizard):
    title = "Report that an ECT is leaving"
    url_name = "schools:ect_leaving"
    confirmation_url_name = "schools:ect_left"

    def period(self):
        return self.ect_period()

    def back_url_for_first_step(self) -> str:
        return reverse("schools:ect", kwargs=self.url_kwargs())

    def report(self, period, left_on):
        changes.report_ect_leaving(period=period, left_on=left_on, by=self.actor)


class ReportMentorLeavingWizard(ReportLeavingWizard):
    title = "Report that a mentor is leaving"
    url_name = "schools:mentor_leaving"
    confirmation_url_name = "schools:mentor_left"

    def period(self):
        return self.mentor_period()

    def back_url_for_first_step(self) -> str:
        return reverse("schools:mentor", kwargs=self.url_kwargs())

    def report(self, period, left_on):
        changes.report_mentor_leaving(period=period, left_on=left_on, by=self.actor)


class ECTLeftView(SchoolPageMixin, View):
    def get(self, request, period_id: int):
        period = ect_detail(self.ect_period())
        if period.finished_on is None:
            return HttpResponseRedirect(reverse("schools:ect", kwargs={"period_id": period.pk}))
        return render(
            request,
            "schools/left.html",
            {
                "period": period,
                "told": [r.description for r in ect_registration_recipients(period)[1:]],
                "holding": period.progress.current_period,
                "is_ect": True,
            },
        )


class MentorLeftView(SchoolPageMixin, View):
    def get(self, request, period_id: int):
        period = self.mentor_period()
        if period.finished_on is None:
            return HttpResponseRedirect(reverse("schools:mentor", kwargs={"period_id": period.pk}))
        return render(request, "schools/left.html", {"period": period, "is_ect": False})


# --- changing one detail ----------------------------------------------------------------------


class ChangeECTDetailView(SchoolPageMixin, View, metaclass=ABCMeta):
    """One question about a current ECT; the answer goes to one service, then back to the page."""

    form_class = None
    success_message = ""

    def form_kwargs(self, period) -> dict:
        return {}

    def initial(self, period) -> dict:
        return {}

    @abstractmethod
    def change(self, period, cleaned):
        """Call the one service that makes this change."""

    def render_form(self, form, period):
        return render(
            self.request,
            "wizard/step.html",
            {
                "form": form,
                "journey_title": period.teacher.full_name,
                "back_url": reverse("schools:ect", kwargs={"period_id": period.pk}),
            },
        )

    def get(self, request, period_id: int):
        period = self.ect_period(open_only=True)
        form = self.form_class(initial=self.initial(period), **self.form_kwargs(period))
        return self.render_form(form, period)

    def post(self, request, period_id: int):
        period = self.ect_period(open_only=True)
        form = self.form_class(data=request.POST, **self.form_kwargs(period))
        if form.is_valid():
            try:
                self.change(period, form.cleaned_data)
            except ParticipantError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, self.success_message.format(name=period.teacher.full_name)
                )
                return HttpResponseRedirect(reverse("schools:ect", kwargs={"period_id": period.pk}))
        return self.render_form(form, period)


class ChangeNameView(ChangeECTDetailView):
    form_class = forms.NameForm
    success_message = "Name changed to {name}"

    def form_kwargs(self, period):
        return {
            "title": f"Change {period.teacher.full_name}'s name",
            "first_name": period.teacher.first_name,
            "last_name": period.teacher.last_name,
        }

    def change(self, period, cleaned):
        teacher = changes.change_ect_name(
            period=period,
            first_name=cleaned["first_name"],
            last_name=cleaned["last_name"],
            by=self.actor,
        )
        period.teacher = teacher


class ChangeEmailView(ChangeECTDetailView):
    form_class = forms.EmailForm
    success_message = "{name}'s email address has been changed"

    def form_kwargs(self, period):
        return {
            "title": f"What is {period.teacher.full_name}'s email address?",
            "trn": period.teacher.trn,
        }

    def initial(self, period):
        return {"email": period.email}

    def change(self, period, cleaned):
        changes.change_ect_email(period=period, email=cleaned["email"], by=self.actor)


class ChangeWorkingPatternView(ChangeECTDetailView):
    form_class = forms.ChangeWorkingPatternForm
    success_message = "{name}'s working pattern has been changed"

    def form_kwargs(self, period):
        return {"title": f"Does {period.teacher.full_name} work full-time or part-time?"}

    def initial(self, period):
        return {
            "working_pattern": period.working_pattern,
            "fte": f"{period.fte.normalize():f}" if period.working_pattern == "part_time" else "",
        }

    def change(self, period, cleaned):
        changes.change_working_pattern(
            period=period,
            working_pattern=cleaned["working_pattern"],
            fte=cleaned["fte"],
            by=self.actor,
        )


class ChangeAppropriateBodyView(ChangeECTDetailView):
    form_class = forms.AppropriateBodyForm
    success_message = "{name}'s appropriate body has been changed"

    def form_kwargs(self, period):
        return {
            "title": f"Which appropriate body will {period.teacher.full_name} have?",
            "school": self.school,
            "initial_body": period.appropriate_body
            if period.appropriate_body
            and appropriate_bodies_for(self.school).filter(pk=period.appropriate_body_id).exists()
            else None,
        }

    def change(self, period, cleaned):
        changes.change_appropriate_body(
            period=period, appropriate_body=cleaned["appropriate_body"], by=self.actor
        )


class ChangeTrainingView(ChangeECTDetailView):
    form_class = forms.TrainingForm
    success_message = "{name}'s training has been changed"

    def form_kwargs(self, period):
        training = period.training_periods.ongoing().select_related("school_partnership").first()
        return {
            "title": f"How will {period.teacher.full_name} be trained?",
            "school": self.school,
            "academic_year": dates.academic_year_for(max(dates.today(), period.started_on)),
            "initial_partnership": training.school_partnership if training else None,
            "initial_programme": training.training_programme if training else "",
        }

    def change(self, period, cleaned):
        changes.change_training(
            period=period,
            training_programme=cleaned["training_programme"],
            school_partnership=cleaned["school_partnership"],
            by=self.actor,
        )
