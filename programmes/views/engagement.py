"""The induction tutor's engagement dashboard (issue 5, item 9): per ECT self-study and seminar
engagement against what is due so far, electives chosen, meetings and drop-ins held against
expected; per training mentor their engagement; the 75% threshold marked; CSV download;
drill-down to an ECT, whose mentoring log the tutor may read (item 11)."""

import csv

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from ecte.accounts.access import InductionTutorRequiredMixin
from ecte.calendar import dates
from programmes import access, participation, presenters, selectors


def _catalogue() -> participation.Catalogue:
    return participation.Catalogue(dates.academic_year_for(dates.today()))


class EngagementView(InductionTutorRequiredMixin, View):
    def get(self, request):
        catalogue = _catalogue()
        engagement = selectors.school_engagement(self.role.school, catalogue)
        return render(
            request,
            "programmes/engagement.html",
            {
                "school": self.role.school,
                "year_label": dates.academic_year_label(catalogue.academic_year),
                "rows": presenters.engagement_rows(engagement),
                "mentors": engagement["mentors"],
            },
        )


class EngagementCSVView(InductionTutorRequiredMixin, View):
    def get(self, request):
        catalogue = _catalogue()
        engagement = selectors.school_engagement(self.role.school, catalogue)
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        year = catalogue.academic_year
        response["Content-Disposition"] = (
            f'attachment; filename="engagement-{self.role.school.urn}-{year}.csv"'
        )
        writer = csv.writer(response)
        writer.writerow(presenters.CSV_HEADER)
        writer.writerows(presenters.engagement_csv_rows(engagement))
        return response


class ECTEngagementView(InductionTutorRequiredMixin, View):
    """One ECT of the school: their modules, seminars and mentoring log."""

    def get(self, request, period_id: int):
        period = get_object_or_404(access.ect_periods_at_school(self.role.school), pk=period_id)
        catalogue = _catalogue()
        ect = participation.ect_programme(period, catalogue)
        teacher = period.teacher
        records = participation.study_records_for([teacher.pk])[teacher.pk]
        attended = participation.attendance_for([teacher.pk])[teacher.pk]
        meetings = list(
            access.meetings_visible_to(self.role)
            .filter(mentorship__ect_at_school_period=period)
            .select_related("focus")
        )
        drop_ins = list(
            access.drop_ins_visible_to(self.role)
            .filter(mentorship__ect_at_school_period=period)
            .select_related("focus_action")
        )
        actions = list(
            access.actions_visible_to(self.role).filter(ect=teacher).select_related("set_in")
        )
        return render(
            request,
            "programmes/engagement_ect.html",
            {
                "period": period,
                "programme": presenters.my_programme(ect, records, attended),
                "modules": presenters.module_rows(ect, records) if ect.has_content else [],
                "self_study": participation.self_study_engagement(ect, records),
                "seminars": participation.seminar_engagement(ect, attended),
                "threshold": ect.programme.engagement_threshold if ect.programme else 75,
                "meetings": presenters.meeting_rows(
                    meetings, self.role, "school_programme:meeting"
                ),
                "drop_ins": presenters.drop_in_rows(drop_ins, self.role),
                "actions": presenters.action_rows(actions),
            },
        )


class TutorMeetingView(InductionTutorRequiredMixin, View):
    def get(self, request, pk: int):
        meeting = get_object_or_404(
            access.meetings_visible_to(self.role).select_related(
                "focus", "mentorship__ect_at_school_period__teacher"
            ),
            pk=pk,
        )
        period = meeting.mentorship.ect_at_school_period
        return render(
            request,
            "programmes/meeting.html",
            {
                "meeting": presenters.meeting_detail(meeting),
                "ect_name": period.teacher.full_name,
                "back_url": reverse("school_programme:engagement_ect", args=[period.pk]),
                "change_url": None,
            },
        )
