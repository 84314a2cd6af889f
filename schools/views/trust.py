"""The trust induction lead's pages: the trust's schools, and the module sequence the trust
decides for them (rule 24: "a trust may decide it for all its schools")."""

from django.contrib import messages
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from ecte.accounts.access import TrustInductionLeadRequiredMixin, schools_for_trust
from ecte.calendar import dates
from ecte.events.record import Actor
from programmes import presenters, sequencing
from programmes.errors import ProgrammeError
from programmes.forms import ModuleSequenceForm
from programmes.services import sequences as sequence_services
from programmes.views.school import year_from
from schools.presenters import trust_school_rows


class TrustPageMixin(TrustInductionLeadRequiredMixin):
    """A trust induction lead page: the trust is the active role's, never the URL's."""

    @property
    def trust(self):
        return self.role.trust

    def school_sequences(self, year: int) -> list[sequencing.TrustSchoolSequence]:
        schools = (
            schools_for_trust(self.trust)
            .annotate(
                ect_count=Count(
                    "ect_at_school_periods",
                    filter=Q(ect_at_school_periods__finished_on__isnull=True),
                )
            )
            .order_by("name")
        )
        return sequencing.trust_school_sequences(schools, self.trust, year)


class TrustHomeView(TrustPageMixin, View):
    def get(self, request):
        year = year_from(request)
        rows = self.school_sequences(year)
        programmes = sequencing.trust_flexible_programmes(rows)
        return render(
            request,
            "trust/home.html",
            {
                "trust": self.trust,
                "year": year,
                "year_label": dates.academic_year_label(year),
                "school_rows": trust_school_rows(rows),
                "school_count": len(rows),
                "sequence_links": [
                    {
                        "provider": programme.lead_provider,
                        "href": f"{reverse('schools:trust_module_sequence', args=[programme.lead_provider_id])}?year={year}",
                    }
                    for programme in programmes
                ],
            },
        )


class TrustSequenceMixin(TrustPageMixin):
    """The year, the provider's flexible programme and the trust's schools following it (404
    when none of the trust's schools follows that provider's flexible programme)."""

    def load(self):
        self.year = year_from(self.request)
        rows = self.school_sequences(self.year)
        self.rows = [
            row
            for row in rows
            if row.trust_can_decide and row.programme.lead_provider_id == self.kwargs["provider_id"]
        ]
        if not self.rows:
            raise Http404
        self.programme = self.rows[0].programme
        self.provider = self.programme.lead_provider
        self.modules = sequencing.sequence_modules(self.programme)
        self.sequence = sequencing.trust_sequence(self.trust, self.provider, self.year)

    @property
    def confirmed_codes(self) -> list[str]:
        if self.sequence is not None and self.sequence.confirmed_at is not None:
            return self.sequence.codes
        return sequencing.designed_order(self.programme)

    @property
    def draft(self) -> list[str]:
        return list(self.sequence.draft_codes) if self.sequence is not None else []

    @property
    def editable(self) -> bool:
        return not sequencing.is_locked(self.year)

    def editable_or_404(self):
        if not self.editable:
            raise Http404

    def url(self, name: str) -> str:
        return f"{reverse(f'schools:{name}', args=[self.provider.pk])}?year={self.year}"

    def actor(self) -> Actor:
        return Actor.for_membership(self.role)

    def base_context(self) -> dict:
        return {
            "trust": self.trust,
            "provider": self.provider,
            "year": self.year,
            "year_label": dates.academic_year_label(self.year),
        }


class TrustModuleSequenceView(TrustSequenceMixin, View):
    def get(self, request, provider_id: int):
        self.load()
        decided = self.sequence is not None and self.sequence.confirmed_at is not None
        context = self.base_context() | {
            "decided": presenters.trust_decided_text(self.sequence) if decided else "",
            "is_decided": decided,
            "schools": [row.school for row in self.rows],
            "timeline_table": presenters.timeline_table(
                presenters.timeline_rows(self.programme, self.confirmed_codes, self.year)
            ),
            "deadline": sequencing.sequence_deadline(self.year),
            "editable": self.editable,
            "locked_reason": "" if self.editable else sequencing.locked_reason(self.year),
            "draft_pending": self.editable and bool(self.draft),
            "late_joiner": presenters.late_joiner_text(self.programme),
            "choose_url": self.url("trust_module_sequence_choose"),
            "check_url": self.url("trust_module_sequence_check"),
            "keep_url": self.url("trust_module_sequence_keep"),
        }
        return render(request, "trust/module_sequence.html", context)


class TrustChooseModuleSequenceView(TrustSequenceMixin, View):
    def form(self, data=None):
        form = ModuleSequenceForm(data, modules=self.modules)
        if data is None:
            form.initial = ModuleSequenceForm.initial_for(
                self.modules, self.draft or self.confirmed_codes
            )
        return form

    def render_form(self, form):
        return render(
            self.request,
            "trust/module_sequence_choose.html",
            self.base_context() | {"form": form, "back_url": self.url("trust_module_sequence")},
        )

    def get(self, request, provider_id: int):
        self.load()
        self.editable_or_404()
        return self.render_form(self.form())

    def post(self, request, provider_id: int):
        self.load()
        self.editable_or_404()
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            sequence_services.module_sequence_save_draft(
                trust=self.trust,
                lead_provider=self.provider,
                academic_year=self.year,
                codes=form.codes(),
                by=self.actor(),
            )
        except ProgrammeError as error:
            form.add_error(None, str(error))
            return self.render_form(form)
        return redirect(self.url("trust_module_sequence_check"))


class TrustCheckModuleSequenceView(TrustSequenceMixin, View):
    def get(self, request, provider_id: int):
        self.load()
        self.editable_or_404()
        if not self.draft:
            return redirect(self.url("trust_module_sequence_choose"))
        return render(
            request,
            "trust/module_sequence_check.html",
            self.base_context()
            | {
                "rows": presenters.sequence_rows(
                    self.programme,
                    self.draft,
                    self.year,
                    self.url("trust_module_sequence_choose"),
                ),
                "schools": [row.school for row in self.rows],
                "deadline": sequencing.sequence_deadline(self.year),
                "back_url": self.url("trust_module_sequence_choose"),
                "confirm_label": "Confirm the sequence for your schools",
            },
        )

    def post(self, request, provider_id: int):
        self.load()
        self.editable_or_404()
        if not self.draft:
            return redirect(self.url("trust_module_sequence_choose"))
        return self.confirm(self.draft, "Module sequence confirmed for the trust’s schools")

    def confirm(self, codes: list[str], message: str):
        try:
            sequence_services.module_sequence_confirm(
                trust=self.trust,
                lead_provider=self.provider,
                academic_year=self.year,
                codes=codes,
                by=self.actor(),
            )
        except ProgrammeError as error:
            messages.error(self.request, str(error))
            return redirect(self.url("trust_module_sequence"))
        messages.success(self.request, message)
        return redirect(self.url("trust_module_sequence"))


class TrustKeepDesignedOrderView(TrustCheckModuleSequenceView):
    def get(self, request, provider_id: int):
        raise Http404

    def post(self, request, provider_id: int):
        self.load()
        self.editable_or_404()
        return self.confirm(
            sequencing.designed_order(self.programme),
            "Module sequence confirmed: the trust’s schools follow the designed order",
        )
