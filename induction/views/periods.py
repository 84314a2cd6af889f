"""Release, record an outcome, reduce, correct: the appropriate body's changes to a period."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from ecte.formatting import format_date, format_terms
from ecte.wizard import SummaryRow, WizardView
from induction.deadlines import appeal_deadline
from induction.forms import (
    AppealNoticeForm,
    CorrectionForm,
    EndDateForm,
    ExtensionForm,
    OutcomeForm,
    ReductionForm,
    TermsForm,
)
from induction.models import InductionPeriod
from induction.services import (
    InductionError,
    correct_induction_period,
    extend_induction,
    record_fail,
    record_pass,
    reduce_induction,
    release_ect,
)
from induction.terms import suggest_terms
from induction.views.base import AppropriateBodyView
from participants.models import ECTAtSchoolPeriod


class PeriodWizard(AppropriateBodyView, WizardView):
    """A journey about the open period this body holds for one teacher."""

    verb = ""

    @property
    def teacher(self):
        if not hasattr(self, "_teacher"):
            self._teacher = self.get_teacher(self.kwargs["teacher_id"])
        return self._teacher

    @property
    def period(self) -> InductionPeriod:
        if not hasattr(self, "_period"):
            self._period = self.get_open_period(self.teacher)
        return self._period

    @property
    def title(self) -> str:
        return f"{self.verb} {self.teacher.full_name}"

    def store_key(self) -> str:
        return f"{self.url_name}:{self.period.pk}"

    def url_kwargs(self) -> dict:
        return {"teacher_id": self.teacher.pk}

    def back_url_for_first_step(self) -> str:
        return reverse("induction:teacher", args=[self.teacher.pk])

    def suggestion(self):
        answers = self.earlier_answers().get("end-date")
        if not answers:
            return None
        return suggest_terms(
            teacher=self.teacher,
            started_on=self.period.started_on,
            finished_on=answers["finished_on"],
        )

    def end_date_kwargs(self) -> dict:
        return {"period": self.period}

    def finish(self, make_change, success: str):
        try:
            make_change()
        except InductionError as error:
            messages.error(self.request, str(error))
            return HttpResponseRedirect(self.step_url("check-answers"))
        self.store().clear()
        messages.success(self.request, success)
        return HttpResponseRedirect(reverse("induction:teacher", args=[self.teacher.pk]))


class EndDateWithLeavingDate(EndDateForm):
    """The end date, suggested from the day the ECT left their school when the school said."""

    def __init__(self, *args, left_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        if left_on and not self.is_bound:
            self.initial["finished_on"] = left_on


class ReleaseWizard(PeriodWizard):
    steps = {"end-date": EndDateWithLeavingDate, "terms": TermsForm}
    url_name = "induction:release"
    verb = "Release"
    submit_text = "Release ECT"

    def form_kwargs(self, step: str) -> dict:
        if step == "end-date":
            left = (
                ECTAtSchoolPeriod.objects.filter(teacher=self.teacher, finished_on__isnull=False)
                .order_by("-finished_on")
                .values_list("finished_on", flat=True)
                .first()
            )
            return {"period": self.period, "left_on": left}
        return {"suggestion": self.suggestion()}

    def summary_rows(self, cleaned):
        return [
            SummaryRow("End date", format_date(cleaned["end-date"]["finished_on"]), "end-date"),
            SummaryRow("Terms served", format_terms(cleaned["terms"]["number_of_terms"]), "terms"),
        ]

    def done(self, cleaned, token):
        return self.finish(
            lambda: release_ect(
                period=self.period,
                finished_on=cleaned["end-date"]["finished_on"],
                number_of_terms=cleaned["terms"]["number_of_terms"],
                by=self.actor,
                appropriate_body=self.appropriate_body,
            ),
            f"You have released {self.teacher.full_name}",
        )


DECISIONS = {"pass": "Passed induction", "fail": "Failed induction", "extend": "Extend induction"}


class OutcomeWizard(PeriodWizard):
    """Pass, fail or extend, on the latest period only, once (rule 12)."""

    steps = {
        "decision": OutcomeForm,
        "end-date": EndDateForm,
        "terms": TermsForm,
        "appeal": AppealNoticeForm,
        "extension": ExtensionForm,
    }
    url_name = "induction:outcome"
    verb = "Record an outcome for"
    submit_text = "Record outcome"

    def decision(self) -> str:
        return (self.store().answers("decision") or {}).get("outcome", "")

    def step_is_needed(self, step: str) -> bool:
        decision = self.decision()
        if step in ("end-date", "terms"):
            return decision in ("pass", "fail")
        if step == "appeal":
            return decision == "fail"
        if step == "extension":
            return decision == "extend"
        return True

    def form_kwargs(self, step: str) -> dict:
        if step in ("end-date", "appeal"):
            return {"period": self.period}
        if step == "terms":
            return {"suggestion": self.suggestion()}
        return {}

    def summary_rows(self, cleaned):
        decision = cleaned["decision"]["outcome"]
        rows = [SummaryRow("Decision", DECISIONS[decision], "decision")]
        if decision == "extend":
            rows.append(
                SummaryRow(
                    "Extension",
                    format_terms(cleaned["extension"]["number_of_terms"]),
                    "extension",
                )
            )
            return rows
        rows += [
            SummaryRow("End date", format_date(cleaned["end-date"]["finished_on"]), "end-date"),
            SummaryRow("Terms served", format_terms(cleaned["terms"]["number_of_terms"]), "terms"),
        ]
        if decision == "fail":
            told = cleaned["appeal"]["told_of_right_to_appeal_on"]
            rows.append(
                SummaryRow(
                    "Told of the right to appeal",
                    f"{format_date(told)} (they can appeal until {format_date(appeal_deadline(told))})",
                    "appeal",
                )
            )
        return rows

    def done(self, cleaned, token):
        decision = cleaned["decision"]["outcome"]
        name = self.teacher.full_name
        if decision == "extend":
            return self.finish(
                lambda: extend_induction(
                    teacher=self.teacher,
                    appropriate_body=self.appropriate_body,
                    number_of_terms=cleaned["extension"]["number_of_terms"],
                    by=self.actor,
                ),
                f"You have extended {name}’s induction",
            )
        common = {
            "period": self.period,
            "finished_on": cleaned["end-date"]["finished_on"],
            "number_of_terms": cleaned["terms"]["number_of_terms"],
            "by": self.actor,
            "appropriate_body": self.appropriate_body,
        }
        if decision == "pass":
            return self.finish(lambda: record_pass(**common), f"{name} has passed induction")
        told = cleaned["appeal"]["told_of_right_to_appeal_on"]
        return self.finish(
            lambda: record_fail(told_of_right_to_appeal_on=told, **common),
            f"{name} has failed induction",
        )


class ReduceView(AppropriateBodyView, View):
    template_name = "induction/reduce.html"

    def context(self, teacher, form):
        return {"teacher": teacher, "form": form}

    def get(self, request, teacher_id: int):
        teacher = self.get_teacher(teacher_id)
        self.get_open_period(teacher)
        return render(request, self.template_name, self.context(teacher, ReductionForm()))

    def post(self, request, teacher_id: int):
        teacher = self.get_teacher(teacher_id)
        self.get_open_period(teacher)
        form = ReductionForm(request.POST)
        if form.is_valid():
            try:
                reduce_induction(
                    teacher=teacher,
                    appropriate_body=self.appropriate_body,
                    terms_required=form.cleaned_data["terms_required"],
                    teacher_consented_on=form.cleaned_data["teacher_consented_on"],
                    reason=form.cleaned_data["reason"],
                    by=self.actor,
                )
            except InductionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, f"You have reduced {teacher.full_name}’s induction")
                return HttpResponseRedirect(reverse("induction:teacher", args=[teacher.pk]))
        return render(request, self.template_name, self.context(teacher, form))


class CorrectPeriodView(AppropriateBodyView, View):
    """Correct this body's own period or outcome, with a reason (rule 13). Another body's
    periods are not found."""

    template_name = "induction/correct.html"

    def get_period(self, period_id: int) -> InductionPeriod:
        return get_object_or_404(
            InductionPeriod.objects.select_related("teacher", "appropriate_body"),
            pk=period_id,
            appropriate_body=self.appropriate_body,
        )

    def get(self, request, period_id: int):
        period = self.get_period(period_id)
        form = CorrectionForm(initial=CorrectionForm.initial_for(period))
        return render(request, self.template_name, {"period": period, "form": form})

    def post(self, request, period_id: int):
        period = self.get_period(period_id)
        form = CorrectionForm(request.POST)
        if form.is_valid():
            try:
                correct_induction_period(
                    period=period,
                    appropriate_body=self.appropriate_body,
                    reason=form.cleaned_data["reason"],
                    by=self.actor,
                    **form.changes(),
                )
            except InductionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "The correction has been saved")
                return HttpResponseRedirect(reverse("induction:teacher", args=[period.teacher_id]))
        return render(request, self.template_name, {"period": period, "form": form})
