"""Claim an ECT: from the list of ECTs to claim, or by TRN and date of birth (rules 1-3, 17).

Finding a teacher by TRN and date of birth is what lets an appropriate body claim, or
ask for the release of, a teacher it has no other link to: the ids found are
remembered in the session and passed to the one scoping selector,
`teachers_for_appropriate_body(found_by_trn=...)`, by these two journeys only.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from ecte.formatting import format_date
from ecte.wizard import SummaryRow, WizardView
from induction import errors
from induction.forms import ClaimStartForm, FindTeacherForm, ProgrammeForm
from induction.models import InductionProgramme
from induction.selectors.appropriate_body import teachers_for_appropriate_body
from induction.services import InductionError, claim_ect
from induction.services.periods import claim_facts_for, eligibility_problem
from induction.views.base import AppropriateBodyView
from participants.services import teacher_from_record

FOUND_KEY = "induction:found-teachers"


def remember_found(request, teacher) -> None:
    found = set(request.session.get(FOUND_KEY, []))
    found.add(teacher.pk)
    request.session[FOUND_KEY] = sorted(found)


def claimable_teachers(request, appropriate_body):
    """Teachers this body may claim or ask about: those it can see, and those found by TRN and
    date of birth in this session."""
    return teachers_for_appropriate_body(
        appropriate_body, found_by_trn=request.session.get(FOUND_KEY, [])
    )


class FindTeacherView(AppropriateBodyView, View):
    template_name = "induction/claim_find.html"

    def get(self, request):
        return render(request, self.template_name, {"form": FindTeacherForm()})

    def post(self, request):
        form = FindTeacherForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form})
        teacher = form.teacher or teacher_from_record(record=form.record)
        remember_found(request, teacher)
        facts = claim_facts_for([teacher])[teacher.pk]
        problem = eligibility_problem(
            teacher=teacher, appropriate_body=self.appropriate_body, facts=facts
        )
        if problem is None:
            return HttpResponseRedirect(reverse("induction:claim", args=[teacher.pk, "start-date"]))
        if facts.open_period is not None and problem != errors.ALREADY_CLAIMED_BY_YOU:
            return HttpResponseRedirect(reverse("induction:ask_to_release", args=[teacher.pk]))
        return render(
            request, "induction/claim_refused.html", {"teacher": teacher, "problem": problem}
        )


class ClaimWizard(AppropriateBodyView, WizardView):
    steps = {"start-date": ClaimStartForm, "programme": ProgrammeForm}
    url_name = "induction:claim"
    submit_text = "Claim ECT"

    @property
    def title(self) -> str:
        return f"Claim {self.teacher.full_name}"

    @property
    def teacher(self):
        if not hasattr(self, "_teacher"):
            self._teacher = get_object_or_404(
                claimable_teachers(self.request, self.appropriate_body),
                pk=self.kwargs["teacher_id"],
            )
        return self._teacher

    def store_key(self) -> str:
        return f"{self.url_name}:{self.appropriate_body.pk}:{self.teacher.pk}"

    def url_kwargs(self) -> dict:
        return {"teacher_id": self.teacher.pk}

    def form_kwargs(self, step: str) -> dict:
        if step == "start-date":
            return {"teacher": self.teacher, "appropriate_body": self.appropriate_body}
        return {}

    def back_url_for_first_step(self) -> str:
        return reverse("induction:list", args=["to-claim"])

    def summary_rows(self, cleaned):
        programme = InductionProgramme(cleaned["programme"]["induction_programme"]).label
        return [
            SummaryRow(
                "Induction start date",
                format_date(cleaned["start-date"]["started_on"]),
                "start-date",
            ),
            SummaryRow("Induction programme", programme, "programme"),
        ]

    def done(self, cleaned, token):
        try:
            claim_ect(
                teacher=self.teacher,
                appropriate_body=self.appropriate_body,
                started_on=cleaned["start-date"]["started_on"],
                induction_programme=cleaned["programme"]["induction_programme"],
                by=self.actor,
            )
        except InductionError as error:
            messages.error(self.request, str(error))
            return HttpResponseRedirect(self.step_url("check-answers"))
        self.store().clear()
        messages.success(self.request, f"You have claimed {self.teacher.full_name}")
        return HttpResponseRedirect(reverse("induction:teacher", args=[self.teacher.pk]))
