"""Release requests: the new appropriate body asks; the holder releases or declines (rule 14)."""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from induction.forms import DeclineForm, ReleaseRequestForm
from induction.models import InductionPeriod, ReleaseRequest
from induction.services import InductionError, decline_release_request, request_release
from induction.views.base import AppropriateBodyView
from induction.views.claim import claimable_teachers


class AskToReleaseView(AppropriateBodyView, View):
    """Shown when another appropriate body holds the teacher: who, and a button to ask."""

    template_name = "induction/ask_to_release.html"

    def context(self, teacher, form):
        holding = (
            InductionPeriod.objects.ongoing()
            .filter(teacher=teacher)
            .select_related("appropriate_body")
            .first()
        )
        pending = (
            ReleaseRequest.objects.filter(
                teacher=teacher, requested_by=self.appropriate_body, status="pending"
            ).first()
            if holding
            else None
        )
        return {"teacher": teacher, "holding": holding, "pending": pending, "form": form}

    def get_teacher(self, teacher_id: int):
        return get_object_or_404(
            claimable_teachers(self.request, self.appropriate_body), pk=teacher_id
        )

    def get(self, request, teacher_id: int):
        teacher = self.get_teacher(teacher_id)
        return render(request, self.template_name, self.context(teacher, ReleaseRequestForm()))

    def post(self, request, teacher_id: int):
        teacher = self.get_teacher(teacher_id)
        form = ReleaseRequestForm(request.POST)
        if form.is_valid():
            try:
                release_request = request_release(
                    teacher=teacher,
                    requested_by=self.appropriate_body,
                    message=form.cleaned_data["message"],
                    by=self.actor,
                )
            except InductionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"You have asked {release_request.held_by.name} to release {teacher.full_name}",
                )
                return HttpResponseRedirect(reverse("induction:release_requests"))
        return render(request, self.template_name, self.context(teacher, form))


class ReleaseRequestsView(AppropriateBodyView, View):
    """Requests to this body waiting for an answer, and every request it sent with its status."""

    def get(self, request):
        from induction.selectors import appropriate_body as lists

        return render(
            request,
            "induction/release_requests.html",
            {
                "received": list(lists.release_requests_received(self.appropriate_body)),
                "sent": list(lists.release_requests_sent(self.appropriate_body)[:200]),
            },
        )


class ReleaseRequestView(AppropriateBodyView, View):
    """The holder's answer to one request: release (the release journey) or decline, saying why."""

    template_name = "induction/release_request.html"

    def get_request(self, request_id: int) -> ReleaseRequest:
        return get_object_or_404(
            ReleaseRequest.objects.select_related("teacher", "requested_by", "held_by"),
            pk=request_id,
            held_by=self.appropriate_body,
        )

    def get(self, request, request_id: int):
        release_request = self.get_request(request_id)
        return render(
            request, self.template_name, {"release_request": release_request, "form": DeclineForm()}
        )

    def post(self, request, request_id: int):
        release_request = self.get_request(request_id)
        form = DeclineForm(request.POST)
        if form.is_valid():
            try:
                decline_release_request(
                    request=release_request,
                    appropriate_body=self.appropriate_body,
                    reason=form.cleaned_data["reason"],
                    by=self.actor,
                )
            except InductionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request,
                    f"You have declined to release {release_request.teacher.full_name}",
                )
                return HttpResponseRedirect(reverse("induction:release_requests"))
        return render(
            request, self.template_name, {"release_request": release_request, "form": form}
        )
