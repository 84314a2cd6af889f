"""What the export pages show, prepared in Python."""

from django.urls import reverse

from ecte.exports.datasets import DATASETS
from ecte.exports.models import Export, ExportStatus
from ecte.formatting import format_datetime

STATUS_COLOURS = {
    ExportStatus.QUEUED: "grey",
    ExportStatus.RUNNING: "blue",
    ExportStatus.READY: "green",
    ExportStatus.FAILED: "red",
    ExportStatus.EXPIRED: "grey",
}


def status_tag(export: Export) -> dict:
    return {
        "text": export.get_status_display(),
        "classes": f"govuk-tag--{STATUS_COLOURS[export.status]}",
    }


def export_row(export: Export) -> dict:
    return {
        "export": export,
        "href": reverse("exports:detail", args=[export.pk]),
        "title": f"{export.get_kind_display()} ({export.get_file_format_display()})",
        "requested": format_datetime(export.created_at),
        "requested_by": export.requested_by_name,
        "tag": status_tag(export),
    }


def detail(export: Export, *, download_url: str | None = None, refresh_url: str = "") -> dict:
    return {
        "export": export,
        "dataset": DATASETS[export.kind],
        "tag": status_tag(export),
        "requested": format_datetime(export.created_at),
        "expires": format_datetime(export.expires_at) if export.expires_at else "",
        "download_url": download_url or reverse("exports:download", args=[export.pk]),
        "refresh_url": refresh_url or reverse("exports:detail", args=[export.pk]),
        "list_url": reverse("exports:list"),
        "in_progress": export.status in {ExportStatus.QUEUED, ExportStatus.RUNNING},
        "progress": (
            f"{export.rows_written:,} of {export.row_count:,} rows written"
            if export.row_count
            else "Waiting to start"
        ),
    }
