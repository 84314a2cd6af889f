"""Request an export, watch it being built (no JavaScript needed), download it."""

from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from ecte.accounts.access import AnyRoleRequiredMixin
from ecte.exports import presenters, services
from ecte.exports.datasets import DATASETS
from ecte.exports.forms import ExportForm
from ecte.exports.models import ExportStatus
from ecte.exports.selectors import KIND_FOR_ROLE, can_export, exports_for

RECENT = 10


class ExportRoleRequiredMixin(AnyRoleRequiredMixin):
    """Induction tutors, appropriate bodies, lead providers and DfE staff export; mentors
    and ECTs do not."""

    def dispatch(self, request, *args, **kwargs):
        role = request.active_role
        if role and not can_export(role):
            raise PermissionDenied("Exports are not available in your current role.")
        return super().dispatch(request, *args, **kwargs)


class ExportListView(ExportRoleRequiredMixin, View):
    def _render(self, request, form, status=200):
        dataset = DATASETS[KIND_FOR_ROLE[self.role.role]]
        exports = list(exports_for(role=self.role)[:RECENT])
        return render(
            request,
            "exports/list.html",
            {
                "form": form,
                "dataset": dataset,
                "rows": [presenters.export_row(export) for export in exports],
            },
            status=status,
        )

    def get(self, request):
        return self._render(request, ExportForm())

    def post(self, request):
        form = ExportForm(request.POST)
        if not form.is_valid():
            return self._render(request, form)
        export = services.request_export(
            role=self.role, file_format=form.cleaned_data["file_format"]
        )
        return redirect("exports:detail", export.pk)


class ExportDetailView(ExportRoleRequiredMixin, View):
    """The progress page: a Refresh link, not an automatic refresh (axe's meta-refresh rule,
    WCAG 2.2.1: a page must not change under the user)."""

    def get(self, request, export_id: int):
        export = get_object_or_404(exports_for(role=self.role), pk=export_id)
        return render(request, "exports/detail.html", presenters.detail(export))


class ExportDownloadView(ExportRoleRequiredMixin, View):
    def get(self, request, export_id: int):
        export = get_object_or_404(exports_for(role=self.role), pk=export_id)
        return download(export)


def download(export):
    """The file, while it is ready and not expired; otherwise not found."""
    if (
        export.status != ExportStatus.READY
        or not export.file
        or export.expires_at <= timezone.now()
    ):
        raise Http404("This export is not available")
    return FileResponse(
        default_storage.open(export.file.name, "rb"),
        as_attachment=True,
        filename=export.filename,
    )
