"""The mentor's pages: an ECT's log, logging drop-ins and meetings, changing them, my training."""

import abc

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from ecte.accounts.access import MentorRequiredMixin
from ecte.calendar import dates
from ecte.events.record import Actor
from ecte.pagination import page_of, pagination, showing
from programmes import access, participation, presenters, selectors
from programmes.errors import ProgrammeError
from programmes.forms import DropInForm, MeetingForm
from programmes.models import ActionStatus
from programmes.presenters.logs import more_logs_link
from programmes.services import mentoring as services
from programmes.services import study


class MentoringMixin(MentorRequiredMixin):
    """The ECT (by their ECT at school period) and the mentorship: only ECTs the signed-in
    mentor mentors now; anyone else's is not found."""

    def load_ect(self, period_id: int):
        mentorship = (
            access.mentorships_of_mentor(self.role.teacher)
            .filter(ect_at_school_period_id=period_id)
            .select_related("ect_at_school_period__teacher", "ect_at_school_period__school")
            .first()
        )
        if mentorship is None:
            raise Http404
        self.mentorship = mentorship
        self.catalogue = participation.Catalogue(dates.academic_year_for(dates.today()))
        self.ect = participation.ect_programme(mentorship.ect_at_school_period, self.catalogue)

    def active_actions(self):
        return list(
            access.actions_visible_to(self.role)
            .filter(
                ect=self.mentorship.ect_at_school_period.teacher, status__in=ActionStatus.active()
            )
            .order_by("created_at")
        )

    def actor(self) -> Actor:
        return Actor.for_membership(self.role)

    def ect_url(self) -> str:
        return reverse("mentoring:ect", args=[self.mentorship.ect_at_school_period_id])

    def page(self, template: str, **context):
        return render(
            self.request,
            template,
            {
                "ect_name": self.mentorship.ect_at_school_period.teacher.full_name,
                "back_url": self.ect_url(),
                **context,
            },
        )


# The ECT's page shows the latest logs only: a mentor logs a drop-in every week or two, so a
# full history would make the page grow with every week of the induction.
LATEST_LOGS = 10
LOG_PAGE_SIZE = 25
NEWEST_FIRST = ("-held_on", "-id")


class MentorECTView(MentoringMixin, View):
    def get(self, request, period_id: int):
        self.load_ect(period_id)
        drop_ins = access.drop_ins_visible_to(self.role).filter(mentorship=self.mentorship)
        meetings = access.meetings_visible_to(self.role).filter(mentorship=self.mentorship)
        # The cadence (rules 18-19) needs every date held, and nothing else about the logs.
        drop_in_dates = list(drop_ins.order_by(*NEWEST_FIRST).values_list("held_on", flat=True))
        meeting_dates = list(meetings.order_by(*NEWEST_FIRST).values_list("held_on", flat=True))
        actions = list(
            access.actions_visible_to(self.role)
            .filter(ect=self.mentorship.ect_at_school_period.teacher)
            .select_related("set_in")
            .order_by("-created_at")
        )
        status = participation.mentoring_status(
            self.ect, self.mentorship, drop_in_dates, meeting_dates
        )
        return render(
            request,
            "programmes/mentor_ect.html",
            {
                "period": self.mentorship.ect_at_school_period,
                "card": presenters.mentor_card(
                    {"mentorship": self.mentorship, "ect": self.ect, "status": status}
                ),
                "drop_ins": presenters.drop_in_rows(
                    drop_ins.select_related("focus_action").order_by(*NEWEST_FIRST)[:LATEST_LOGS],
                    self.role,
                ),
                "drop_ins_more": more_logs_link(
                    len(drop_in_dates),
                    LATEST_LOGS,
                    reverse("mentoring:drop_ins", args=[period_id]),
                    "drop-ins",
                ),
                "meetings": presenters.meeting_rows(
                    meetings.select_related("focus").order_by(*NEWEST_FIRST)[:LATEST_LOGS],
                    self.role,
                ),
                "meetings_more": more_logs_link(
                    len(meeting_dates),
                    LATEST_LOGS,
                    reverse("mentoring:meetings", args=[period_id]),
                    "meetings",
                ),
                "actions": presenters.action_rows(actions),
            },
        )


class MentorLogListView(MentoringMixin, View):
    """Every drop-in or every meeting logged for one ECT, newest first, a page at a time."""

    kind = "drop_ins"  # or "meetings"

    def get(self, request, period_id: int):
        self.load_ect(period_id)
        if self.kind == "drop_ins":
            logs = (
                access.drop_ins_visible_to(self.role)
                .filter(mentorship=self.mentorship)
                .select_related("focus_action")
            )
        else:
            logs = (
                access.meetings_visible_to(self.role)
                .filter(mentorship=self.mentorship)
                .select_related("focus")
            )
        page = page_of(logs.order_by(*NEWEST_FIRST), request.GET, per_page=LOG_PAGE_SIZE)
        if self.kind == "drop_ins":
            rows = presenters.drop_in_rows(page.object_list, self.role)
            noun, one, heading = "drop-ins", "drop-in", "Lesson drop-ins"
        else:
            rows = presenters.meeting_rows(page.object_list, self.role)
            noun, one, heading = "meetings", "meeting", "Mentor meetings"
        return self.page(
            "programmes/mentor_log_list.html",
            kind=self.kind,
            heading=heading,
            rows=rows,
            showing=showing(page, noun, one),
            pagination=pagination(page, request.GET),
        )


class LogFormView(MentoringMixin, View, abc.ABC):
    """A mentor's form about one ECT: find what it is about (scoped to the mentor), show the
    form, call one service, turn its refusal into an error at the top, redirect after POST."""

    template = "programmes/log_form.html"
    url_kwarg = "pk"  # the ECT at school period's id when logging, the log's when changing
    heading: str
    success_message: str

    @abc.abstractmethod
    def load(self, pk: int) -> None:
        """Find the ECT (and the log being changed) or raise Http404."""

    @abc.abstractmethod
    def form(self, data=None): ...

    @abc.abstractmethod
    def save(self, form) -> None:
        """Call the one service for this action."""

    def extra_context(self) -> dict:
        return {}

    def success_url(self) -> str:
        return self.ect_url()

    def render_form(self, form):
        return self.page(self.template, form=form, heading=self.heading, **self.extra_context())

    def get(self, request, **kwargs):
        self.load(kwargs[self.url_kwarg])
        return self.render_form(self.form())

    def post(self, request, **kwargs):
        self.load(kwargs[self.url_kwarg])
        form = self.form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            self.save(form)
        except ProgrammeError as error:
            form.add_error(None, str(error))
            return self.render_form(form)
        messages.success(request, self.success_message)
        return redirect(self.success_url())


def drop_in_arguments(form) -> dict:
    return {
        "held_on": form.cleaned_data["held_on"],
        "minutes": form.cleaned_data["minutes"],
        "mode": form.cleaned_data["mode"],
        "notes": form.cleaned_data["notes"],
        "focus_action": form.focus_action,
    }


class LogDropInView(LogFormView):
    url_kwarg = "period_id"
    heading = "Log a lesson drop-in"
    success_message = "Lesson drop-in logged"

    def load(self, pk: int) -> None:
        self.load_ect(pk)

    def form(self, data=None):
        return DropInForm(
            data, ect=self.ect, mentorship=self.mentorship, actions=self.active_actions()
        )

    def save(self, form) -> None:
        services.drop_in_log(mentorship=self.mentorship, by=self.actor(), **drop_in_arguments(form))


class MeetingFormView(LogFormView):
    template = "programmes/log_meeting.html"

    def extra_context(self) -> dict:
        return {"model_hint": presenters.meeting_model_hint(self.ect)}


class LogMeetingView(MeetingFormView):
    url_kwarg = "period_id"
    heading = "Log a mentor meeting"
    success_message = "Mentor meeting logged"

    def load(self, pk: int) -> None:
        self.load_ect(pk)

    def form(self, data=None):
        form = MeetingForm(
            data, ect=self.ect, mentorship=self.mentorship, actions=self.active_actions()
        )
        if data is None and "focus" in form.fields:
            focus = self.ect.focus_on(dates.today())
            if focus is not None:
                form.initial["focus"] = str(focus.pk)
        return form

    def save(self, form) -> None:
        services.meeting_log(
            mentorship=self.mentorship, by=self.actor(), **form.service_arguments()
        )


class ChangeDropInView(LogFormView):
    heading = "Change a lesson drop-in"
    success_message = "Lesson drop-in changed"

    def load(self, pk: int) -> None:
        self.drop_in = get_object_or_404(
            access.drop_ins_visible_to(self.role).filter(logged_by=self.request.user), pk=pk
        )
        self.load_ect(self.drop_in.mentorship.ect_at_school_period_id)
        if not presenters.can_change(self.drop_in, self.request.user):
            raise Http404

    def form(self, data=None):
        actions = self.active_actions()
        if self.drop_in.focus_action and self.drop_in.focus_action not in actions:
            actions.append(self.drop_in.focus_action)
        form = DropInForm(data, ect=self.ect, mentorship=self.mentorship, actions=actions)
        if data is None:
            form.initial = {
                "held_on": self.drop_in.held_on,
                "minutes": self.drop_in.minutes,
                "mode": self.drop_in.mode,
                "focus_action": str(self.drop_in.focus_action_id or ""),
                "notes": self.drop_in.notes,
            }
        return form

    def save(self, form) -> None:
        services.drop_in_change(drop_in=self.drop_in, by=self.actor(), **drop_in_arguments(form))


class MeetingView(MentoringMixin, View):
    def get(self, request, pk: int):
        meeting = get_object_or_404(
            access.meetings_visible_to(self.role).select_related("focus"), pk=pk
        )
        self.load_ect(meeting.mentorship.ect_at_school_period_id)
        return self.page(
            "programmes/meeting.html",
            meeting=presenters.meeting_detail(meeting, request.user),
            change_url=reverse("mentoring:change_meeting", args=[meeting.pk])
            if presenters.can_change(meeting, request.user)
            else None,
        )


class ChangeMeetingView(MeetingFormView):
    heading = "Change a mentor meeting"
    success_message = "Mentor meeting changed"

    def load(self, pk: int) -> None:
        self.meeting = get_object_or_404(
            access.meetings_visible_to(self.role).filter(logged_by=self.request.user), pk=pk
        )
        self.load_ect(self.meeting.mentorship.ect_at_school_period_id)
        if not presenters.can_change(self.meeting, self.request.user):
            raise Http404

    def form(self, data=None):
        form = MeetingForm(
            data,
            ect=self.ect,
            mentorship=self.mentorship,
            editing=True,
            model=self.meeting.meeting_model,
        )
        if data is None:
            form.initial = {
                name: getattr(self.meeting, name)
                for name in (
                    "held_on",
                    "minutes",
                    "praise",
                    "probe",
                    "plan",
                    "practice",
                    "follow_up_on",
                    "notes",
                )
            }
            form.initial["focus"] = str(self.meeting.focus_id or "")
        return form

    def extra_context(self) -> dict:
        return {
            **super().extra_context(),
            "back_url": reverse("mentoring:meeting", args=[self.meeting.pk]),
        }

    def save(self, form) -> None:
        services.meeting_change(meeting=self.meeting, by=self.actor(), **form.service_arguments())

    def success_url(self) -> str:
        return reverse("mentoring:meeting", args=[self.meeting.pk])


class MyTrainingView(MentorRequiredMixin, View):
    """My training: training or non-training mentor, what is required, and my engagement."""

    def get(self, request):
        return render(
            request,
            "programmes/my_training.html",
            selectors.mentor_training_page(self.role.teacher),
        )


class MarkMentorStudyView(MentorRequiredMixin, View):
    def post(self, request, item_id: int):
        catalogue = participation.Catalogue(dates.academic_year_for(dates.today()))
        item = next(
            (i for i in participation.items_of(self.role.teacher, catalogue) if i.pk == item_id),
            None,
        )
        if item is None:
            raise Http404
        try:
            if request.POST.get("done") == "no":
                study.study_mark_not_done(
                    teacher=self.role.teacher, item=item, by=Actor.for_membership(self.role)
                )
            else:
                study.study_mark_done(
                    teacher=self.role.teacher, item=item, by=Actor.for_membership(self.role)
                )
        except ProgrammeError as error:
            messages.error(request, str(error))
        return redirect("mentoring:training")
