"""The ECT's pages: my programme (timeline, modules, electives or focus areas, seminars) and
my meetings and actions (read-only, from the mentor's log)."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from ecte.accounts.access import ECTRequiredMixin
from ecte.calendar import dates
from ecte.events.record import Actor
from ecte.pagination import page_of, pagination, showing
from programmes import access, participation, presenters
from programmes.errors import ProgrammeError
from programmes.forms import ChoicesForm
from programmes.services import study


class MyProgrammeMixin(ECTRequiredMixin):
    """The signed-in ECT's own programme this year; nobody else's is reachable."""

    def load(self):
        self.catalogue = participation.Catalogue(dates.academic_year_for(dates.today()))
        period = (
            participation.ect_periods_queryset().filter(teacher=self.role.teacher).ongoing().first()
        )
        if period is None:
            raise Http404
        self.ect = participation.ect_programmes([period], self.catalogue)[period.pk]
        self.records = participation.study_records_for([self.role.teacher.pk])[self.role.teacher.pk]

    def load_module(self, code: str):
        self.load()
        self.module = self.ect.module(code) if self.ect.has_content else None
        if self.module is None:
            raise Http404

    def actor(self) -> Actor:
        return Actor.for_membership(self.role)

    def module_url(self) -> str:
        return reverse("my_programme:module", args=[self.module.code])


class MyProgrammeView(MyProgrammeMixin, View):
    def get(self, request):
        self.load()
        attended = participation.attendance_for([self.role.teacher.pk])[self.role.teacher.pk]
        return render(
            request,
            "programmes/my_programme.html",
            presenters.my_programme(self.ect, self.records, attended),
        )


class ModuleView(MyProgrammeMixin, View):
    def form(self, data=None):
        if not self.ect.choosable_items(self.module):
            return None
        return ChoicesForm(data, ect=self.ect, module=self.module, records=self.records)

    def render_page(self, form):
        return render(
            self.request,
            "programmes/module.html",
            {**presenters.module_page(self.ect, self.module, self.records), "form": form},
        )

    def get(self, request, code: str):
        self.load_module(code)
        return self.render_page(self.form())

    def post(self, request, code: str):
        """Save the electives or focus area chosen."""
        self.load_module(code)
        form = self.form(request.POST)
        if form is None:
            raise Http404
        if not form.is_valid():
            return self.render_page(form)
        try:
            study.choices_save(
                teacher=self.role.teacher,
                module_code=self.module.code,
                chosen=form.cleaned_data["chosen"],
                by=self.actor(),
            )
        except ProgrammeError as error:
            form.add_error("chosen", str(error))
            return self.render_page(form)
        messages.success(
            request, f"Your {form.kind_many if not form.single else form.kind_one} saved"
        )
        return redirect(self.module_url())


class MarkStudyView(MyProgrammeMixin, View):
    def post(self, request, code: str, item_id: int):
        self.load_module(code)
        item = next((i for i in self.ect.items(self.module) if i.pk == item_id), None)
        if item is None:
            raise Http404
        try:
            if request.POST.get("done") == "no":
                study.study_mark_not_done(teacher=self.role.teacher, item=item, by=self.actor())
            else:
                study.study_mark_done(teacher=self.role.teacher, item=item, by=self.actor())
        except ProgrammeError as error:
            messages.error(request, str(error))
        return redirect(self.module_url())


DROP_INS_PER_PAGE = 25


class MyMeetingsView(ECTRequiredMixin, View):
    def get(self, request):
        meetings = list(
            access.meetings_visible_to(self.role).select_related(
                "focus", "mentorship__mentor_at_school_period__teacher"
            )
        )
        # A drop-in every week or fortnight for two years: a page at a time.
        drop_ins = page_of(
            access.drop_ins_visible_to(self.role)
            .select_related("focus_action")
            .order_by("-held_on", "-id"),
            request.GET,
            per_page=DROP_INS_PER_PAGE,
        )
        actions = list(access.actions_visible_to(self.role).select_related("set_in"))
        return render(
            request,
            "programmes/my_meetings.html",
            {
                "meetings": presenters.meeting_rows(meetings, self.role, "my_programme:meeting"),
                "drop_ins": presenters.drop_in_rows(drop_ins.object_list, self.role),
                "drop_ins_showing": showing(drop_ins, "drop-ins", "drop-in"),
                "drop_ins_pagination": pagination(drop_ins, request.GET),
                "actions": presenters.action_rows(actions),
            },
        )


class MyMeetingView(ECTRequiredMixin, View):
    def get(self, request, pk: int):
        meeting = get_object_or_404(
            access.meetings_visible_to(self.role).select_related("focus"), pk=pk
        )
        return render(
            request,
            "programmes/meeting.html",
            {
                "meeting": presenters.meeting_detail(meeting),
                "ect_name": self.role.teacher.full_name,
                "back_url": reverse("my_programme:meetings"),
                "change_url": None,
            },
        )
