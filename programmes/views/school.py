"""The induction tutor's programme pages: the module sequence (issue 3, item 8) and engagement."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from ecte.accounts.access import InductionTutorRequiredMixin
from ecte.calendar import dates
from ecte.events.record import Actor
from programmes import presenters, sequencing
from programmes.errors import ProgrammeError
from programmes.forms import ModuleSequenceForm
from programmes.selectors import module_sequence_task
from programmes.sequencing import PROVIDER_LED
from programmes.services import sequences as sequence_services


def year_from(request) -> int:
    """The academic year asked for: this one, or the next (schools set up from May). Else 404."""
    current = dates.academic_year_for(dates.today())
    raw = request.GET.get("year") or request.POST.get("year") or str(current)
    if not raw.isdigit() or int(raw) not in (current, current + 1):
        raise Http404
    return int(raw)


class SchoolSequenceMixin(InductionTutorRequiredMixin):
    """The tutor's school, the year, and its flexible programme (404 when there is none)."""

    def load(self):
        self.school = self.role.school
        self.year = year_from(self.request)
        choice = sequencing.school_programme_choice(self.school, self.year)
        programme = (
            sequencing.programme_for(choice.lead_provider, self.year)
            if choice.lead_provider is not None and choice.training_programme == PROVIDER_LED
            else None
        )
        self.programme = programme if programme and sequencing.is_flexible(programme) else None
        self.sequence = (
            sequencing.effective_sequence(self.school, self.programme) if self.programme else None
        )
        self.modules = sequencing.sequence_modules(self.programme) if self.programme else []

    def editable_or_404(self):
        if self.programme is None or not presenters.sequence_is_editable(
            self.school, self.sequence, self.year
        ):
            raise Http404

    def url(self, name: str) -> str:
        return f"{reverse(f'school_programme:{name}')}?year={self.year}"

    def actor(self) -> Actor:
        return Actor.for_membership(self.role)


class ModuleSequenceView(SchoolSequenceMixin, View):
    def get(self, request):
        self.load()
        context = {
            "school": self.school,
            "year": self.year,
            "year_label": dates.academic_year_label(self.year),
            "task": module_sequence_task(self.school, self.year),
            "programme": self.programme,
        }
        if self.programme is not None:
            context.update(
                presenters.sequence_page(self.school, self.programme, self.sequence, self.year)
            )
            context["choose_url"] = self.url("module_sequence_choose")
            context["check_url"] = self.url("module_sequence_check")
            context["keep_url"] = self.url("module_sequence_keep")
        return render(request, "programmes/module_sequence.html", context)


class ChooseModuleSequenceView(SchoolSequenceMixin, View):
    def form(self, data=None):
        form = ModuleSequenceForm(data, modules=self.modules)
        if data is None:
            codes = self.sequence.draft or self.sequence.codes
            form.initial = ModuleSequenceForm.initial_for(self.modules, codes)
        return form

    def render_form(self, form):
        return render(
            self.request,
            "programmes/module_sequence_choose.html",
            {
                "form": form,
                "year": self.year,
                "year_label": dates.academic_year_label(self.year),
                "provider": self.programme.lead_provider,
                "back_url": self.url("module_sequence"),
            },
        )

    def get(self, request):
        self.load()
        self.editable_or_404()
        return self.render_form(self.form())

    def post(self, request):
        self.load()
        self.editable_or_404()
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            sequence_services.module_sequence_save_draft(
                school=self.school,
                lead_provider=self.programme.lead_provider,
                academic_year=self.year,
                codes=form.codes(),
                by=self.actor(),
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
            return self.render_form(form)
        return redirect(self.url("module_sequence_check"))


class CheckModuleSequenceView(SchoolSequenceMixin, View):
    def get(self, request):
        self.load()
        self.editable_or_404()
        if not self.sequence.draft:
            return redirect(self.url("module_sequence_choose"))
        return render(
            request,
            "programmes/module_sequence_check.html",
            {
                "year": self.year,
                "year_label": dates.academic_year_label(self.year),
                "rows": presenters.sequence_rows(
                    self.programme,
                    self.sequence.draft,
                    self.year,
                    self.url("module_sequence_choose"),
                ),
                "deadline": sequencing.sequence_deadline(self.year),
                "back_url": self.url("module_sequence_choose"),
            },
        )

    def post(self, request):
        self.load()
        self.editable_or_404()
        if not self.sequence.draft:
            return redirect(self.url("module_sequence_choose"))
        try:
            sequence_services.module_sequence_confirm(
                school=self.school,
                lead_provider=self.programme.lead_provider,
                academic_year=self.year,
                codes=self.sequence.draft,
                by=self.actor(),
            )
        except ProgrammeError as error:
            messages.error(request, str(error))
            return redirect(self.url("module_sequence"))
        messages.success(request, "Module sequence confirmed")
        return redirect(self.url("module_sequence"))


class KeepDesignedOrderView(SchoolSequenceMixin, View):
    def post(self, request):
        self.load()
        self.editable_or_404()
        try:
            sequence_services.module_sequence_confirm(
                school=self.school,
                lead_provider=self.programme.lead_provider,
                academic_year=self.year,
                codes=sequencing.designed_order(self.programme),
                by=self.actor(),
            )
        except ProgrammeError as error:
            messages.error(request, str(error))
            return redirect(self.url("module_sequence"))
        messages.success(request, "Module sequence confirmed: your ECTs follow the designed order")
        return redirect(self.url("module_sequence"))
