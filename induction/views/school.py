"""The school's review and assessment pages (induction tutor and headteacher), and the ECT's own
read-only view of them. Mentors have no page here: they never record or edit assessments."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from ecte.accounts.access import ECTRequiredMixin, InductionTutorRequiredMixin
from ecte.calendar.dates import today
from ecte.events.record import Actor
from induction.models import Absence, Assessment, AssessmentKind, SupportPlan
from induction.schedule import PROGRESS_REVIEW
from induction.school_forms import AbsenceForm, AssessmentForm, ProgressReviewForm, SupportPlanForm
from induction.selectors.school import school_ect, school_ects
from induction.services import (
    InductionError,
    approve_support_plan,
    record_absence,
    record_assessment,
    record_progress_review,
    send_assessment,
    sign_off_assessment,
    update_support_plan,
)
from induction.terms import suggest_terms
from participants.models import ECTAtSchoolPeriod

KINDS = {kind.value: kind.label for kind in AssessmentKind}


class SchoolView(InductionTutorRequiredMixin):
    @property
    def school(self):
        return self.role.school

    @property
    def actor(self) -> Actor:
        return Actor.for_membership(self.role)

    def get_ect_period(self, teacher_id: int) -> ECTAtSchoolPeriod:
        """The teacher's latest time as an ECT at this school; anyone else is not found."""
        period = (
            ECTAtSchoolPeriod.objects.filter(school=self.school, teacher_id=teacher_id)
            .select_related("teacher", "school", "appropriate_body")
            .order_by("-started_on")
            .first()
        )
        if period is None:
            raise Http404
        return period

    def ect_url(self, ect_period) -> str:
        return reverse("school_reviews:ect", args=[ect_period.teacher_id])

    def render_with_error(self, request, template, context, form, error):
        form.add_error(None, str(error))
        return render(request, template, {**context, "form": form})


class ReviewsHomeView(SchoolView, View):
    def get(self, request):
        return render(
            request,
            "induction/school/home.html",
            {"school": self.school, "ects": school_ects(self.school)},
        )


class ECTView(SchoolView, View):
    def get(self, request, teacher_id: int):
        ect_period = self.get_ect_period(teacher_id)
        return render(
            request,
            "induction/school/ect.html",
            {**school_ect(ect_period), "is_headteacher": self.role.is_headteacher},
        )


class RecordProgressReviewView(SchoolView, View):
    template_name = "induction/school/progress_review.html"

    def form(self, ect_period, data=None):
        page = school_ect(ect_period)
        terms = [
            (item.term_number, f"Term {item.term_number} (due by {item.due_on:%-d %B %Y})")
            for item in page["schedule"]
            if item.kind == PROGRESS_REVIEW
        ] or [(1, "Term 1")]
        initial = {"term_number": str(self.request.GET.get("term") or terms[0][0])}
        return ProgressReviewForm(data, terms=terms, initial=initial)

    def get(self, request, teacher_id: int):
        ect_period = self.get_ect_period(teacher_id)
        return render(
            request, self.template_name, {"ect_period": ect_period, "form": self.form(ect_period)}
        )

    def post(self, request, teacher_id: int):
        ect_period = self.get_ect_period(teacher_id)
        form = self.form(ect_period, request.POST)
        context = {"ect_period": ect_period}
        if not form.is_valid():
            return render(request, self.template_name, {**context, "form": form})
        try:
            review = record_progress_review(
                ect_period=ect_period, membership=self.role, by=self.actor, **form.cleaned_data
            )
        except InductionError as error:
            return self.render_with_error(request, self.template_name, context, form, error)
        if not review.satisfactory_progress:
            messages.success(
                request,
                "Progress review sent to the appropriate body. Now write the support plan",
            )
            return HttpResponseRedirect(
                reverse("school_reviews:support_plan", args=[review.support_plan.pk])
            )
        messages.success(request, "Progress review recorded and sent to the appropriate body")
        return HttpResponseRedirect(self.ect_url(ect_period))


class RecordAssessmentView(SchoolView, View):
    template_name = "induction/school/assessment_form.html"

    def form(self, ect_period, kind, data=None):
        suggested_terms = suggested_days = None
        if kind == AssessmentKind.INTERIM:
            finished = ect_period.finished_on or today()
            suggested_terms = suggest_terms(
                teacher=ect_period.teacher,
                started_on=ect_period.started_on,
                finished_on=max(finished, ect_period.started_on),
            ).terms
            last = (
                Assessment.objects.filter(ect_at_school_period=ect_period)
                .order_by("-meeting_on")
                .values_list("meeting_on", flat=True)
                .first()
            )
            absences = Absence.objects.filter(ect_at_school_period=ect_period)
            if last:
                absences = absences.filter(started_on__gt=last)
            suggested_days = sum(absences.values_list("days", flat=True))
        return AssessmentForm(
            data, kind=kind, suggested_terms=suggested_terms, suggested_days=suggested_days
        )

    def context(self, ect_period, kind):
        return {"ect_period": ect_period, "kind": kind, "kind_label": KINDS[kind]}

    def get(self, request, teacher_id: int, kind: str):
        if kind not in KINDS:
            raise Http404
        ect_period = self.get_ect_period(teacher_id)
        return render(
            request,
            self.template_name,
            {**self.context(ect_period, kind), "form": self.form(ect_period, kind)},
        )

    def post(self, request, teacher_id: int, kind: str):
        if kind not in KINDS:
            raise Http404
        ect_period = self.get_ect_period(teacher_id)
        form = self.form(ect_period, kind, request.POST)
        context = self.context(ect_period, kind)
        if not form.is_valid():
            return render(request, self.template_name, {**context, "form": form})
        term_number = next(
            (item.term_number for item in school_ect(ect_period)["schedule"] if item.kind == kind),
            None,
        )
        try:
            assessment = record_assessment(
                ect_period=ect_period,
                kind=kind,
                term_number=term_number,
                membership=self.role,
                by=self.actor,
                **form.cleaned_data,
            )
        except InductionError as error:
            return self.render_with_error(request, self.template_name, context, form, error)
        messages.success(request, f"{assessment.get_kind_display()} recorded")
        return HttpResponseRedirect(reverse("school_reviews:assessment", args=[assessment.pk]))


class AssessmentView(SchoolView, View):
    """One assessment: the headteacher signs it off, then it is sent to the appropriate body."""

    def get_assessment(self, assessment_id: int) -> Assessment:
        return get_object_or_404(
            Assessment.objects.select_related(
                "teacher", "ect_at_school_period__school", "appropriate_body"
            ),
            pk=assessment_id,
            ect_at_school_period__school=self.school,
        )

    def render_page(self, request, assessment, error=None):
        from induction.selectors.school import _decorate_assessment

        return render(
            request,
            "induction/school/assessment.html",
            {
                "assessment": _decorate_assessment(assessment),
                "is_headteacher": self.role.is_headteacher,
                "error": error,
                "support_plan": SupportPlan.objects.filter(assessment=assessment).first(),
            },
        )

    def get(self, request, assessment_id: int):
        return self.render_page(request, self.get_assessment(assessment_id))

    def post(self, request, assessment_id: int):
        assessment = self.get_assessment(assessment_id)
        action = request.POST.get("action")
        try:
            if action == "sign-off":
                sign_off_assessment(assessment=assessment, membership=self.role, by=self.actor)
                messages.success(request, "Signed off")
            elif action == "send":
                send_assessment(assessment=assessment, membership=self.role, by=self.actor)
                messages.success(request, "Sent to the appropriate body")
            else:
                raise Http404
        except InductionError as error:
            return self.render_page(request, assessment, error=str(error))
        return HttpResponseRedirect(reverse("school_reviews:assessment", args=[assessment.pk]))


class SupportPlanView(SchoolView, View):
    template_name = "induction/school/support_plan.html"

    def get_plan(self, plan_id: int) -> SupportPlan:
        return get_object_or_404(
            SupportPlan.objects.select_related("teacher", "ect_at_school_period__school"),
            pk=plan_id,
            ect_at_school_period__school=self.school,
        )

    def context(self, plan, form):
        return {"plan": plan, "form": form, "is_headteacher": self.role.is_headteacher}

    def get(self, request, plan_id: int):
        plan = self.get_plan(plan_id)
        form = SupportPlanForm(
            initial={
                "areas_for_improvement": plan.areas_for_improvement,
                "objectives": plan.objectives,
                "support": plan.support,
            }
        )
        return render(request, self.template_name, self.context(plan, form))

    def post(self, request, plan_id: int):
        plan = self.get_plan(plan_id)
        if request.POST.get("action") == "approve":
            form = SupportPlanForm(
                {
                    "areas_for_improvement": plan.areas_for_improvement,
                    "objectives": plan.objectives,
                    "support": plan.support,
                }
            )
            form.full_clean()  # bound, so the service's refusal can be shown at the top
            try:
                approve_support_plan(plan=plan, membership=self.role, by=self.actor)
            except InductionError as error:
                return self.render_with_error(
                    request, self.template_name, self.context(plan, form), form, error
                )
            messages.success(request, "Support plan approved and shared with the appropriate body")
            return HttpResponseRedirect(self.ect_url(plan.ect_at_school_period))
        form = SupportPlanForm(request.POST)
        if not form.is_valid():
            return render(request, self.template_name, self.context(plan, form))
        try:
            update_support_plan(plan=plan, membership=self.role, by=self.actor, **form.cleaned_data)
        except InductionError as error:
            return self.render_with_error(
                request, self.template_name, self.context(plan, form), form, error
            )
        messages.success(request, "Support plan saved")
        return HttpResponseRedirect(reverse("school_reviews:support_plan", args=[plan.pk]))


class RecordAbsenceView(SchoolView, View):
    template_name = "induction/school/absence.html"

    def get(self, request, teacher_id: int):
        ect_period = self.get_ect_period(teacher_id)
        return render(
            request, self.template_name, {"ect_period": ect_period, "form": AbsenceForm()}
        )

    def post(self, request, teacher_id: int):
        ect_period = self.get_ect_period(teacher_id)
        form = AbsenceForm(request.POST)
        context = {"ect_period": ect_period}
        if not form.is_valid():
            return render(request, self.template_name, {**context, "form": form})
        try:
            record_absence(
                ect_period=ect_period, membership=self.role, by=self.actor, **form.cleaned_data
            )
        except InductionError as error:
            return self.render_with_error(request, self.template_name, context, form, error)
        messages.success(request, "Absence recorded")
        return HttpResponseRedirect(self.ect_url(ect_period))


class OwnReviewsView(ECTRequiredMixin, View):
    """The ECT's own reviews and assessments now live with the ECT's pages: keep old links."""

    def get(self, request):
        return redirect("participants:own_reviews")
