"""Bulk uploads: validate every row first, then apply them through the same services as the
single-ECT journeys, in a Celery task that reports its progress.

Applying is exactly-once per row: each row's change and the upload's progress counter
commit together, so a task that stops half way and runs again carries on from the next
row, and a task run twice does nothing the second time.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from ecte.events.record import Actor, record_event
from induction import bulk
from induction.errors import InductionError
from induction.models import (
    AppropriateBody,
    BulkUpload,
    BulkUploadKind,
    BulkUploadStatus,
    InductionPeriod,
)
from induction.services.periods import _on_commit_notify, claim_ect, record_pass, release_ect
from participants.models import Teacher, TeacherRecord
from participants.services import teacher_from_record

UPLOAD_NOT_READY = "This upload has already been confirmed or has errors to fix"


def create_bulk_upload(
    *, appropriate_body: AppropriateBody, kind: str, filename: str, content: bytes, by: Actor
) -> BulkUpload:
    """Read and validate the file; nothing about any teacher changes yet."""
    if kind not in BulkUploadKind.values:
        raise InductionError("Select what the file does")
    try:
        parsed = bulk.read_csv(content, kind)
    except bulk.FileProblem as problem:
        raise InductionError(str(problem)) from None
    validated = bulk.validate(parsed, kind, appropriate_body)
    return BulkUpload.objects.create(
        appropriate_body=appropriate_body,
        kind=kind,
        filename=filename[:255],
        uploaded_by=by.user,
        uploaded_by_role=by.role_label,
        status=BulkUploadStatus.READY if validated.is_valid else BulkUploadStatus.INVALID,
        raw_rows=bulk.raw_rows_of(parsed),
        rows=validated.rows if validated.is_valid else [],
        errors=validated.errors,
        row_count=len(validated.rows) if validated.is_valid else 0,
    )


@transaction.atomic
def start_bulk_upload(
    *, upload: BulkUpload, appropriate_body: AppropriateBody, by: Actor
) -> BulkUpload:
    """The appropriate body checked its answers: queue the rows to be applied."""
    upload = BulkUpload.objects.select_for_update().get(pk=upload.pk)
    if upload.appropriate_body_id != appropriate_body.pk:
        raise InductionError("This upload is not yours")
    if upload.status != BulkUploadStatus.READY:
        raise InductionError(UPLOAD_NOT_READY)
    upload.status = BulkUploadStatus.QUEUED
    upload.save(update_fields=["status"])
    record_event(
        event_type="bulk_upload_started",
        heading=(
            f"{appropriate_body.name} uploaded {upload.row_count} rows: "
            f"{upload.get_kind_display().lower()}"
        ),
        by=by,
        appropriate_body=appropriate_body,
        after={"upload": upload.pk, "rows": upload.row_count},
    )
    _on_commit_notify("apply_bulk_upload", upload.pk)
    return upload


BATCH_SIZE = 50


def _apply_row(upload: BulkUpload, row: dict, by: Actor, teachers: dict, periods: dict) -> None:
    """One row, through the same service as the single-ECT journey. The service is atomic: a
    refused row rolls back to its own savepoint and the batch goes on."""
    ab = upload.appropriate_body
    if upload.kind == BulkUploadKind.CLAIM:
        if row["teacher_id"] is None:  # only in the register when the file was checked
            teacher = teacher_from_record(record=TeacherRecord.objects.get(trn=row["trn"]))
        else:
            teacher = teachers.get(row["teacher_id"]) or Teacher.objects.get(pk=row["teacher_id"])
        claim_ect(
            teacher=teacher,
            appropriate_body=ab,
            started_on=datetime.date.fromisoformat(row["started_on"]),
            induction_programme=row["induction_programme"],
            by=by,
        )
        return
    arguments = {
        "period": periods.get(row["period_id"])
        or InductionPeriod.objects.select_related("teacher").get(pk=row["period_id"]),
        "finished_on": datetime.date.fromisoformat(row["finished_on"]),
        "number_of_terms": Decimal(row["number_of_terms"]),
        "by": by,
        "appropriate_body": ab,
    }
    if row["outcome"] == "pass":
        record_pass(**arguments)
    else:
        release_ect(**arguments)


def _apply_batch(upload: BulkUpload, first: int, by: Actor) -> None:
    """Apply rows from `first`, up to BATCH_SIZE, and count them, in one transaction: the
    rows and the progress counter commit together, so each row is applied exactly once."""
    with transaction.atomic():
        # The upload's row lock serialises two runs of the task.
        processed, failures = (
            BulkUpload.objects.select_for_update()
            .values_list("processed_count", "failures")
            .get(pk=upload.pk)
        )
        if processed != first:
            return
        rows = upload.rows[first : first + BATCH_SIZE]
        teachers = Teacher.objects.in_bulk([r["teacher_id"] for r in rows if r.get("teacher_id")])
        periods = InductionPeriod.objects.select_related("teacher").in_bulk(
            [r["period_id"] for r in rows if r.get("period_id")]
        )
        applied = 0
        for row in rows:
            try:
                _apply_row(upload, row, by, teachers, periods)
            except InductionError as error:
                failures = [
                    *failures,
                    {"line": row["line"], "trn": row["trn"], "message": str(error)},
                ]
            else:
                applied += 1
        BulkUpload.objects.filter(pk=upload.pk).update(
            processed_count=first + len(rows),
            applied_count=F("applied_count") + applied,
            failures=failures,
        )


def apply_bulk_upload(upload_id: int) -> BulkUpload:
    """Apply the rows not yet applied, batch by batch, reporting progress as it goes."""
    with transaction.atomic():
        upload = (
            BulkUpload.objects.select_for_update(of=("self",))
            .select_related("appropriate_body", "uploaded_by")
            .get(pk=upload_id)
        )
        if upload.status not in (BulkUploadStatus.QUEUED, BulkUploadStatus.PROCESSING):
            return upload
        if upload.status == BulkUploadStatus.QUEUED:
            upload.status = BulkUploadStatus.PROCESSING
            upload.started_at = timezone.now()
            upload.save(update_fields=["status", "started_at"])
    by = Actor(user=upload.uploaded_by, role_label=upload.uploaded_by_role or "Bulk upload")
    for first in range(upload.processed_count, upload.row_count, BATCH_SIZE):
        _apply_batch(upload, first, by)
    BulkUpload.objects.filter(pk=upload.pk).update(
        status=BulkUploadStatus.DONE, finished_at=timezone.now()
    )
    upload.refresh_from_db()
    return upload
