"""Correct this appropriate body's own extension or reduction, with a reason (rule 13).

Another body's extensions and reductions are not found: they are read-only.
"""

from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from induction.forms import ExtensionCorrectionForm, ReductionCorrectionForm
from induction.models import Extension, Reduction
from induction.services import InductionError
from induction.services.corrections import correct_extension, correct_reduction
from induction.views.base import AppropriateBodyView


class CorrectRecordView(AppropriateBodyView, View):
    """Find the record among this body's own, bind the form, then call the subclass's
    `correct(record, cleaned)`, which calls one service."""

    model = None
    form_class = None
    template_name = ""

    def get_record(self, record_id: int):
        return get_object_or_404(
            self.model.objects.select_related("teacher", "appropriate_body"),
            pk=record_id,
            appropriate_body=self.appropriate_body,
        )

    def render_form(self, record, form):
        return render(
            self.request,
            self.template_name,
            {"record": record, "teacher": record.teacher, "form": form},
        )

    def get(self, request, record_id: int):
        record = self.get_record(record_id)
        return self.render_form(
            record, self.form_class(initial=self.form_class.initial_for(record))
        )

    def post(self, request, record_id: int):
        record = self.get_record(record_id)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.correct(record, form.cleaned_data)
            except InductionError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "The correction has been saved")
                return HttpResponseRedirect(reverse("induction:teacher", args=[record.teacher_id]))
        return self.render_form(record, form)


class CorrectExtensionView(CorrectRecordView):
    model = Extension
    form_class = ExtensionCorrectionForm
    template_name = "induction/correct_extension.html"

    def correct(self, record, cleaned: dict) -> None:
        correct_extension(
            extension=record,
            appropriate_body=self.appropriate_body,
            number_of_terms=cleaned["number_of_terms"],
            reason=cleaned["reason"],
            by=self.actor,
        )


class CorrectReductionView(CorrectRecordView):
    model = Reduction
    form_class = ReductionCorrectionForm
    template_name = "induction/correct_reduction.html"

    def correct(self, record, cleaned: dict) -> None:
        correct_reduction(
            reduction=record,
            appropriate_body=self.appropriate_body,
            terms_required=cleaned["terms_required"],
            teacher_consented_on=cleaned["teacher_consented_on"],
            reason=cleaned["reason"],
            by=self.actor,
        )
