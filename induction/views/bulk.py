"""Bulk CSV uploads: upload, see every row's problems (and download them), check, confirm,
then watch the progress page, which refreshes itself without JavaScript."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views import View

from induction import bulk
from induction.forms import BulkUploadForm
from induction.models import BulkUpload, BulkUploadKind, BulkUploadStatus
from induction.services import InductionError
from induction.services.bulk import create_bulk_upload, start_bulk_upload
from induction.views.base import AppropriateBodyView

PREVIEW_ROWS = 50


def csv_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class BulkUploadView(AppropriateBodyView, View):
    template_name = "induction/bulk/upload.html"

    def context(self, form):
        return {
            "form": form,
            "uploads": list(
                BulkUpload.objects.filter(appropriate_body=self.appropriate_body)
                .defer("raw_rows", "rows")
                .order_by("-created_at")[:10]
            ),
            "columns": bulk.COLUMNS,
        }

    def get(self, request):
        return render(request, self.template_name, self.context(BulkUploadForm()))

    def post(self, request):
        form = BulkUploadForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                created = create_bulk_upload(
                    appropriate_body=self.appropriate_body,
                    kind=form.cleaned_data["kind"],
                    filename=upload.name,
                    content=upload.read(),
                    by=self.actor,
                )
            except InductionError as error:
                form.add_error("file", str(error))
            else:
                return HttpResponseRedirect(
                    reverse("induction:bulk_upload_detail", args=[created.pk])
                )
        return render(request, self.template_name, self.context(form))


class BulkTemplateView(AppropriateBodyView, View):
    def get(self, request, kind: str):
        if kind not in BulkUploadKind.values:
            raise Http404
        return csv_response(bulk.template_csv(kind), f"{kind}-template.csv")


class BulkUploadDetailView(AppropriateBodyView, View):
    """Errors, check your answers, progress or results, whichever the upload has reached."""

    def get_upload(self, upload_id: int) -> BulkUpload:
        return get_object_or_404(
            BulkUpload.objects.select_related("appropriate_body"),
            pk=upload_id,
            appropriate_body=self.appropriate_body,
        )

    def get(self, request, upload_id: int):
        upload = self.get_upload(upload_id)
        context = {"upload": upload}
        if upload.status == BulkUploadStatus.INVALID:
            context["problems"] = upload.errors[:500]
            template = "induction/bulk/errors.html"
        elif upload.status == BulkUploadStatus.READY:
            context["preview"] = upload.rows[:PREVIEW_ROWS]
            context["counts"] = _counts(upload)
            template = "induction/bulk/check.html"
        elif upload.status == BulkUploadStatus.DONE:
            template = "induction/bulk/done.html"
        else:
            template = "induction/bulk/progress.html"
        return render(request, template, context)

    def post(self, request, upload_id: int):
        upload = self.get_upload(upload_id)
        try:
            start_bulk_upload(upload=upload, appropriate_body=self.appropriate_body, by=self.actor)
        except InductionError as error:
            messages.error(request, str(error))
        return HttpResponseRedirect(reverse("induction:bulk_upload_detail", args=[upload.pk]))


def _counts(upload: BulkUpload) -> dict:
    counts = {"claim": 0, "release": 0, "pass": 0}
    for row in upload.rows:
        counts["claim" if upload.kind == BulkUploadKind.CLAIM else row["outcome"]] += 1
    return counts


class BulkErrorsCSVView(BulkUploadDetailView):
    def get(self, request, upload_id: int):
        upload = self.get_upload(upload_id)
        problems = upload.errors or upload.failures
        return csv_response(bulk.error_csv(upload.raw_rows, problems), f"errors-{upload.filename}")


class BulkProgressView(BulkUploadDetailView):
    """The progress as JSON, for the progress page's script."""

    def get(self, request, upload_id: int):
        upload = self.get_upload(upload_id)
        return JsonResponse(
            {
                "processed": upload.processed_count,
                "total": upload.row_count,
                "percent": upload.percent_done,
                "done": upload.status == BulkUploadStatus.DONE,
            }
        )

    def post(self, request, upload_id: int):
        raise Http404
