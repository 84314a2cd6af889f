from django.shortcuts import get_object_or_404, render
from django.views import View

from ecte.accounts.access import (
    AnyRoleRequiredMixin,
    ECTRequiredMixin,
    MentorRequiredMixin,
    teachers_visible_to,
)
from participants.selectors import mentees_of, teacher_summary


class MentorHomeView(MentorRequiredMixin, View):
    def get(self, request):
        return render(
            request, "participants/mentor_home.html", {"mentorships": mentees_of(self.role.teacher)}
        )


class ECTHomeView(ECTRequiredMixin, View):
    def get(self, request):
        return render(request, "participants/ect_home.html", teacher_summary(self.role.teacher))


class TeacherView(AnyRoleRequiredMixin, View):
    """A teacher's record, for any role that may see it; anyone else gets 'Page not found'."""

    def get(self, request, teacher_id: int):
        teacher = get_object_or_404(teachers_visible_to(self.role), pk=teacher_id)
        return render(request, "participants/teacher.html", teacher_summary(teacher))
