from django.shortcuts import render
from django.views import View

from ecte.accounts.access import InductionTutorRequiredMixin
from schools.selectors import current_ects, current_mentors


class SchoolHomeView(InductionTutorRequiredMixin, View):
    def get(self, request):
        school = self.role.school
        return render(
            request,
            "schools/home.html",
            {"school": school, "ects": current_ects(school), "mentors": current_mentors(school)},
        )
