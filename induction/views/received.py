"""What schools sent the appropriate body: assessments, at-risk reviews and support plans."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from induction.deadlines import decision_deadline, recommendation_deadline, report_deadline
from induction.models import Assessment, AssessmentKind, ProgressReview, SupportPlan
from induction.services.reviews import mark_received_as_read
from induction.views.base import AppropriateBodyView


class ReceivedView(AppropriateBodyView, View):
    """One record sent to this appropriate body; anything sent elsewhere is not found."""

    def get_record(self, kind: str, record_id: int):
        ab = self.appropriate_body
        if kind == "assessment":
            queryset = Assessment.objects.filter(
                appropriate_body=ab, sent_to_appropriate_body_on__isnull=False
            )
        elif kind == "review":
            queryset = ProgressReview.objects.filter(
                appropriate_body=ab, sent_to_appropriate_body_at__isnull=False
            )
        elif kind == "support-plan":
            queryset = SupportPlan.objects.filter(appropriate_body=ab, status="approved")
        else:
            raise Http404
        return get_object_or_404(
            queryset.select_related("teacher", "ect_at_school_period__school"), pk=record_id
        )

    def get(self, request, kind: str, record_id: int):
        record = self.get_record(kind, record_id)
        context = {"record": record, "kind": kind}
        if kind == "assessment":
            context["report"] = report_deadline(
                record.meeting_on, record.sent_to_appropriate_body_on
            )
            if record.kind == AssessmentKind.FINAL:
                context["recommendation"] = recommendation_deadline(
                    record.induction_completed_on or record.meeting_on,
                    record.sent_to_appropriate_body_on,
                )
                context["decision"] = decision_deadline(record.sent_to_appropriate_body_on, None)
        return render(request, "induction/received.html", context)

    def post(self, request, kind: str, record_id: int):
        record = self.get_record(kind, record_id)
        mark_received_as_read(record=record, appropriate_body=self.appropriate_body, by=self.actor)
        messages.success(request, "Marked as read")
        return HttpResponseRedirect(reverse("induction:home"))
