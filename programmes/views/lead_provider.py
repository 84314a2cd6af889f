"""The lead provider's pages: participants at partnered schools, partnerships to confirm or
decline, seminar registers and self-study uploads (issue 5, item 10). A lead provider reads
engagement, never mentor meeting content (item 11)."""

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from ecte.accounts.access import LeadProviderRequiredMixin
from ecte.calendar import dates
from ecte.events.record import Actor
from ecte.pagination import page_of, pagination, showing
from programmes import access, errors, presenters, selectors, uploads
from programmes.errors import ProgrammeError
from programmes.models import SessionAttendance
from programmes.services import lead_providers as services

UPLOAD_ERRORS_KEY = "programmes:self_study_upload_errors"


def this_year() -> int:
    return dates.academic_year_for(dates.today())


class LeadProviderHomeView(LeadProviderRequiredMixin, View):
    """Participants at partnered schools, 50 a page: tens of thousands at national scale."""

    def get(self, request):
        lead_provider = self.role.lead_provider
        page = page_of(
            selectors.participant_training_ids(lead_provider),
            request.GET,
            count=selectors.participant_count(lead_provider),
        )
        trainings = selectors.trainings_in_order(page.object_list)
        return render(
            request,
            "programmes/home.html",
            {
                "lead_provider": lead_provider,
                "participants": selectors.as_participants(trainings, this_year()),
                "page": page,
                "showing": showing(page, "participants in training", "participant in training"),
                "pagination": pagination(page, request.GET),
            },
        )


class PartnershipsView(LeadProviderRequiredMixin, View):
    def get(self, request):
        year = this_year()
        partnerships = list(
            access.partnerships_of(self.role.lead_provider)
            .filter(academic_year__gte=year)
            .select_related("school", "delivery_partner")
            .order_by("academic_year", "school__name")
        )
        return render(
            request,
            "programmes/partnerships.html",
            {
                "lead_provider": self.role.lead_provider,
                "waiting": [p for p in partnerships if not p.confirmed_at and not p.declined_at],
                "answered": [p for p in partnerships if p.confirmed_at or p.declined_at],
            },
        )


class PartnershipMixin(LeadProviderRequiredMixin):
    def partnership(self, pk: int):
        return get_object_or_404(
            access.partnerships_of(self.role.lead_provider).select_related(
                "school", "delivery_partner"
            ),
            pk=pk,
        )


class ConfirmPartnershipView(PartnershipMixin, View):
    def post(self, request, pk: int):
        partnership = self.partnership(pk)
        try:
            services.partnership_confirm(
                partnership=partnership, by=Actor.for_membership(self.role)
            )
        except ProgrammeError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                f"Partnership with {partnership.school.name} confirmed. The school has been told.",
            )
        return redirect("programmes:partnerships")


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label="Why are you declining?",
        help_text="The school's induction tutors will see this",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={"required": "Enter why you are declining the partnership"},
    )


class DeclinePartnershipView(PartnershipMixin, View):
    def render_form(self, partnership, form):
        return render(
            self.request,
            "programmes/partnership_decline.html",
            {"partnership": partnership, "form": form},
        )

    def get(self, request, pk: int):
        partnership = self.partnership(pk)
        if partnership.confirmed_at or partnership.declined_at:
            raise Http404
        return self.render_form(partnership, DeclineForm())

    def post(self, request, pk: int):
        partnership = self.partnership(pk)
        form = DeclineForm(request.POST)
        if not form.is_valid():
            return self.render_form(partnership, form)
        try:
            services.partnership_decline(
                partnership=partnership,
                reason=form.cleaned_data["reason"],
                by=Actor.for_membership(self.role),
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
            return self.render_form(partnership, form)
        messages.success(
            request,
            f"Partnership with {partnership.school.name} declined. The school has been told.",
        )
        return redirect("programmes:partnerships")


class SessionsView(LeadProviderRequiredMixin, View):
    """This year's seminars and webinars, each with how much of its register is recorded."""

    def get(self, request):
        year = this_year()
        sessions = list(
            access.sessions_of(self.role.lead_provider)
            .filter(programme__academic_year=year)
            .select_related("programme_year")
            .order_by("audience", "programme_year__number", "position")
        )
        participants = selectors.lead_provider_participants(self.role.lead_provider, year)
        recorded = presenters.register_counts(sessions)
        return render(
            request,
            "programmes/sessions.html",
            {
                "year_label": dates.academic_year_label(year),
                "rows": presenters.session_rows(sessions, participants, recorded, year),
            },
        )


class RegisterView(LeadProviderRequiredMixin, View):
    """One session's register: tick who attended; everyone else listed is absent."""

    def load(self, pk: int):
        year = this_year()
        self.session = get_object_or_404(
            access.sessions_of(self.role.lead_provider)
            .filter(programme__academic_year=year)
            .select_related("programme_year", "programme"),
            pk=pk,
        )
        participants = selectors.session_participants(
            self.session, selectors.lead_provider_participants(self.role.lead_provider, year)
        )
        partner = self.request.GET.get("delivery_partner")
        self.partners = sorted({p.delivery_partner for p in participants}, key=lambda d: d.name)
        if partner and partner.isdigit():
            participants = [p for p in participants if p.delivery_partner.pk == int(partner)]
        self.participants = sorted(participants, key=lambda p: (p.school.name, p.teacher.last_name))
        self.year = year

    def render_page(self, error: str = ""):
        attended = dict(
            SessionAttendance.objects.filter(
                session=self.session, teacher__in=[p.teacher for p in self.participants]
            ).values_list("teacher_id", "attended")
        )
        return render(
            self.request,
            "programmes/register.html",
            {
                "session": self.session,
                "when": presenters.session_when(self.session, self.year),
                "items": presenters.register_items(self.participants, attended),
                "partner_items": presenters.partner_items(
                    self.partners, self.request.GET.get("delivery_partner", "")
                ),
                "error": error,
            },
        )

    def get(self, request, pk: int):
        self.load(pk)
        return self.render_page()

    def post(self, request, pk: int):
        self.load(pk)
        teachers = {str(p.teacher.pk): p.teacher for p in self.participants}
        ticked = request.POST.getlist("attended")
        if any(key not in teachers for key in ticked):
            return self.render_page(error=errors.REGISTER_NOT_A_PARTICIPANT)
        listed = list(teachers.values())
        try:
            count = services.register_record(
                session=self.session,
                listed=listed,
                attended=[teachers[key] for key in ticked],
                allowed=listed,
                by=Actor.for_membership(self.role),
            )
        except ProgrammeError as error:
            return self.render_page(error=str(error))
        messages.success(
            request, f"Register saved: {count} of {len(listed)} attended {self.session.title}"
        )
        return redirect(reverse("programmes:sessions"))


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Upload a CSV file",
        error_messages={"required": "Select a CSV file", "empty": uploads.FILE_EMPTY},
    )


class SelfStudyUploadView(LeadProviderRequiredMixin, View):
    def render_form(self, form, errors=()):
        return render(
            self.request,
            "programmes/self_study_upload.html",
            {
                "form": form,
                "errors": list(errors),
                "year_label": dates.academic_year_label(this_year()),
                "columns": uploads.COLUMNS,
            },
        )

    def get(self, request):
        return self.render_form(UploadForm())

    def post(self, request):
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form)
        year = this_year()
        checked = uploads.check(
            form.cleaned_data["file"].read(),
            lead_provider=self.role.lead_provider,
            participants=selectors.lead_provider_participants(self.role.lead_provider, year),
            academic_year=year,
        )
        if checked.file_error:
            form.add_error("file", checked.file_error)
            return self.render_form(form)
        if checked.errors:
            request.session[UPLOAD_ERRORS_KEY] = uploads.error_report(checked.errors)
            form.add_error(
                "file",
                f"{len(checked.errors)} {'row has a problem' if len(checked.errors) == 1 else 'rows have problems'}. "
                "Nothing was saved: fix the rows and upload the whole file again",
            )
            return self.render_form(form, checked.errors)
        count = services.self_study_record(
            lead_provider=self.role.lead_provider,
            rows=checked.rows,
            by=Actor.for_membership(self.role),
        )
        participants = len({teacher.pk for teacher, _, _ in checked.rows})
        messages.success(
            request,
            f"Recorded {count} self-study {'completion' if count == 1 else 'completions'} "
            f"for {participants} {'participant' if participants == 1 else 'participants'}",
        )
        return redirect("programmes:self_study")


class UploadErrorsView(LeadProviderRequiredMixin, View):
    def get(self, request):
        report = request.session.get(UPLOAD_ERRORS_KEY)
        if not report:
            raise Http404
        response = HttpResponse(report, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="self-study-upload-errors.csv"'
        return response
