"""Every change the exports app makes: request an export, build it, let it expire."""

from __future__ import annotations

import logging
import os
import tempfile
import uuid
from datetime import timedelta

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from ecte.accounts.models import Membership, Role
from ecte.exports.datasets import DATASETS
from ecte.exports.models import Export, ExportFormat, ExportKind, ExportStatus
from ecte.exports.selectors import KIND_FOR_ROLE, organisation_of
from ecte.exports.writers import WRITERS
from ecte.notifications import outbox
from ecte.notifications.services import notify

logger = logging.getLogger(__name__)

BUILD_TASK = "exports.build_export"
# Issue 6: files are kept for 7 days, then a beat job deletes them.
KEEP_FOR = timedelta(days=7)


class ExportError(Exception):
    """An export that cannot be requested."""


def _requester_name(user) -> str:
    return user.full_name or user.email


@transaction.atomic
def request_export(*, role: Membership, file_format: str) -> Export:
    """Queue the export the role may run, for the organisation it acts for."""
    if role.role not in KIND_FOR_ROLE:
        raise ExportError(f"{role.get_role_display()} users cannot export data.")
    if file_format not in ExportFormat.values:
        raise ExportError("Select CSV or Excel spreadsheet")
    organisation_role, organisation_id = organisation_of(role)
    export = Export.objects.create(
        kind=KIND_FOR_ROLE[role.role],
        file_format=file_format,
        organisation_role=organisation_role,
        organisation_id=organisation_id,
        organisation_name=role.organisation_name,
        requested_by=role.user,
        requested_by_name=_requester_name(role.user),
    )
    outbox.enqueue(BUILD_TASK, export.pk)
    return export


@transaction.atomic
def request_national_export(*, user, file_format: str) -> Export:
    """DfE staff's national dataset, from the admin."""
    if not user.is_staff:
        raise ExportError("Only DfE staff can export the national dataset.")
    if file_format not in ExportFormat.values:
        raise ExportError("Select CSV or Excel spreadsheet")
    export = Export.objects.create(
        kind=ExportKind.NATIONAL,
        file_format=file_format,
        organisation_role=Role.DFE_STAFF,
        organisation_id=None,
        organisation_name="Department for Education",
        requested_by=user,
        requested_by_name=_requester_name(user),
    )
    outbox.enqueue(BUILD_TASK, export.pk)
    return export


def _start(export_id: int) -> Export | None:
    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export_id)
        if export.status in {ExportStatus.READY, ExportStatus.EXPIRED}:
            return None
        export.status = ExportStatus.RUNNING
        export.started_at = timezone.now()
        export.rows_written = 0
        export.error = ""
        export.save(update_fields=["status", "started_at", "rows_written", "error"])
        return export


def build_export(*, export_id: int) -> bool:
    """Write the file (streaming, constant memory), store it, and tell the requester.

    Safe to run twice: a built export is left alone; a failed or interrupted one is
    built again from the start. Progress is committed as it goes, for the progress page.
    """
    export = _start(export_id)
    if export is None:
        return False
    dataset = DATASETS[export.kind]
    organisation_id = export.organisation_id
    suffix = f".{export.file_format}"
    handle, path = tempfile.mkstemp(suffix=suffix, prefix="export-")
    os.close(handle)
    try:
        row_count = dataset.count(organisation_id)
        Export.objects.filter(pk=export.pk).update(row_count=row_count)

        def progress(written: int) -> None:
            Export.objects.filter(pk=export.pk).update(rows_written=written)

        writer = WRITERS[export.file_format]
        kwargs = {"title": dataset.title} if export.file_format == ExportFormat.XLSX else {}
        written = writer(path, dataset.header, dataset.rows(organisation_id), progress, **kwargs)
        with open(path, "rb") as file:
            name = default_storage.save(f"exports/{uuid.uuid4().hex}{suffix}", File(file))
    except Exception as error:
        Export.objects.filter(pk=export.pk).update(
            status=ExportStatus.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        raise
    finally:
        os.unlink(path)
    with transaction.atomic():
        export = Export.objects.select_for_update().get(pk=export.pk)
        if export.status == ExportStatus.READY:
            # Another run of the same export finished first (two runs can overlap when a
            # slow run outlives the broker's visibility timeout): keep its file, not two.
            default_storage.delete(name)
            return False
        finished_at = timezone.now()
        export.file.name = name
        export.status = ExportStatus.READY
        export.row_count = written
        export.rows_written = written
        export.finished_at = finished_at
        export.expires_at = finished_at + KEEP_FOR
        export.save()
        if export.requested_by_id:
            notify(
                recipients=[export.requested_by],
                kind="export_ready",
                subject=f"Your export is ready: {export.get_kind_display().lower()}",
                body=(
                    f"The {export.get_kind_display().lower()} export you asked for is ready to "
                    f"download. It has {written} rows. It will be deleted after 7 days."
                ),
                link=_detail_link(export),
                key=f"export:{export.pk}:ready",
            )
    return True


def _detail_link(export: Export) -> str:
    from django.urls import reverse

    if export.organisation_role == Role.DFE_STAFF:
        return reverse("admin:exports_national")
    return reverse("exports:detail", args=[export.pk])


def delete_expired_exports() -> int:
    """Delete the files of exports past their expiry; the rows stay, marked expired."""
    deleted = 0
    now = timezone.now()
    for export_id in Export.objects.filter(
        status=ExportStatus.READY, expires_at__lte=now
    ).values_list("pk", flat=True):
        with transaction.atomic():
            export = Export.objects.select_for_update().get(pk=export_id)
            if export.status != ExportStatus.READY:
                continue
            name = export.file.name
            export.status = ExportStatus.EXPIRED
            export.file = ""
            export.save(update_fields=["status", "file"])
            if name:
                transaction.on_commit(lambda name=name: default_storage.delete(name))
            deleted += 1
    return deleted
