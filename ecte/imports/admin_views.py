"""DfE staff's tools in the admin: imports (upload, preview, confirm) and the national export.

Added to the admin site by `ECTEAdminSite.get_urls`, each wrapped in `admin_view`
(staff, password and authenticator code) and further limited to superusers or
staff with the matching model permission.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from ecte.exports import services as export_services
from ecte.exports.presenters import detail as export_detail
from ecte.exports.selectors import national_exports
from ecte.exports.views import download
from ecte.imports import services
from ecte.imports.forms import ConfirmForm, NationalExportForm, UploadForm
from ecte.imports.models import ImportBatch, ImportKind, ImportStatus

KIND_PERMISSIONS = {
    ImportKind.TEACHER_RECORDS: "participants.change_teacherrecord",
    ImportKind.SCHOOLS: "schools.change_school",
}
KIND_HELP = {
    ImportKind.TEACHER_RECORDS: (
        "Columns: TRN, First name, Last name, Date of birth, QTS date (may be blank) and "
        "Induction status (Required to complete, In progress, Passed, Failed or Exempt). "
        "Dates as 2001-04-27 or 27/04/2001. Records are matched on TRN."
    ),
    ImportKind.SCHOOLS: (
        "A Get information about schools (GIAS) download, or a CSV with the columns URN, "
        "Name, Type, Phase, Local authority, Trust (may be blank) and Open or closed (with "
        "Close date for a closed school). Schools are matched on URN."
    ),
}


def _require(request, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied


def upload_view(site, kind: str):
    def view(request):
        _require(request, KIND_PERMISSIONS[kind])
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            file = form.cleaned_data["file"]
            try:
                batch = services.upload(
                    kind=kind, data=file.read(), filename=file.name, user=request.user
                )
            except services.ImportFileError as error:
                form.add_error("file", str(error))
            else:
                return redirect("admin:imports_preview", batch.pk)
        context = {
            **site.each_context(request),
            "title": f"Import {ImportKind(kind).label.lower()}",
            "form": form,
            "help": KIND_HELP[kind],
            "recent": ImportBatch.objects.filter(kind=kind)[:10],
        }
        return TemplateResponse(request, "admin/imports/upload.html", context)

    return view


def preview_view(site):
    def view(request, batch_id: int):
        batch = get_object_or_404(ImportBatch, pk=batch_id)
        _require(request, KIND_PERMISSIONS[batch.kind])
        form = ConfirmForm(request.POST or None)
        if request.method == "POST" and batch.status == ImportStatus.PREVIEW and form.is_valid():
            try:
                batch = services.apply_import(
                    batch=batch, user=request.user, note=form.cleaned_data["note"]
                )
            except services.ImportNotAllowed as error:
                form.add_error("note", str(error))
            else:
                messages.success(
                    request,
                    f"Imported {batch.created_count} new and {batch.updated_count} changed rows",
                )
                return redirect("admin:imports_preview", batch.pk)
        errors = Paginator(batch.errors, 200).get_page(request.GET.get("page"))
        context = {
            **site.each_context(request),
            "title": f"Check the {batch.get_kind_display().lower()} import",
            "batch": batch,
            "form": form,
            "errors": errors,
            "valid_count": len(batch.rows),
            "upload_url": reverse(
                "admin:imports_teacher_records"
                if batch.kind == ImportKind.TEACHER_RECORDS
                else "admin:imports_schools"
            ),
        }
        return TemplateResponse(request, "admin/imports/preview.html", context)

    return view


def national_export_view(site):
    def view(request):
        _require(request, "exports.view_export")
        form = NationalExportForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            export_services.request_national_export(
                user=request.user, file_format=form.cleaned_data["file_format"]
            )
            messages.success(request, "The export has started. Refresh this page to see it.")
            return redirect("admin:exports_national")
        exports = [
            export_detail(
                export,
                download_url=reverse("admin:exports_national_download", args=[export.pk]),
                refresh_url=reverse("admin:exports_national"),
            )
            for export in national_exports()[:20]
        ]
        context = {
            **site.each_context(request),
            "title": "Export the national induction dataset",
            "form": form,
            "exports": exports,
        }
        return TemplateResponse(request, "admin/exports/national.html", context)

    return view


def national_download_view(site):
    def view(request, export_id: int):
        _require(request, "exports.view_export")
        return download(get_object_or_404(national_exports(), pk=export_id))

    return view
