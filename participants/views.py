from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.views import View

from ecte.accounts.access import (
    AnyRoleRequiredMixin,
    ECTRequiredMixin,
    MentorRequiredMixin,
    teachers_visible_to,
)
from participants import own_reviews
from participants.selectors import mentees_of, teacher_summary
from programmes import pages as programme_pages


class MentorHomeView(MentorRequiredMixin, View):
    """My ECTs: each with this week's expected drop-in and meeting (programmes issue 5)."""

    def get(self, request):
        mentorships = mentees_of(self.role.teacher)
        return render(
            request,
            "participants/mentor_home.html",
            {
                "mentorships": mentorships,
                **programme_pages.mentor_home(self.role, mentorships),
            },
        )


class ECTHomeView(ECTRequiredMixin, View):
    """Your induction, and this year's programme (programmes issue 5)."""

    def get(self, request):
        return render(
            request,
            "participants/ect_home.html",
            {
                **teacher_summary(self.role.teacher),
                **programme_pages.ect_home(self.role),
                "reviews": own_reviews.own_reviews_summary(self.role.teacher),
            },
        )


class OwnReviewsView(ECTRequiredMixin, View):
    """Your reviews and assessments: what the school submitted, read-only (rule 8)."""

    def get(self, request):
        return render(
            request,
            "participants/own_reviews.html",
            own_reviews.own_reviews_page(self.role.teacher),
        )


class OwnRecordView(ECTRequiredMixin, View):
    """One of your submitted reviews, assessments or support plans; anyone else's is not
    found, and so is a draft."""

    def get(self, request, kind: str, pk: int):
        record = own_reviews.own_record(self.role.teacher, kind, pk)
        if record is None:
            raise Http404
        return render(
            request,
            "participants/own_record.html",
            {"teacher": self.role.teacher, **own_reviews.record_page(kind, record)},
        )


class TeacherView(AnyRoleRequiredMixin, View):
    """A teacher's record, for any role that may see it; anyone else gets 'Page not found'."""

    def get(self, request, teacher_id: int):
        teacher = get_object_or_404(teachers_visible_to(self.role), pk=teacher_id)
        return render(request, "participants/teacher.html", teacher_summary(teacher))
