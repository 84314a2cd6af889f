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


def _apply_row(upload: BulkUpload, row: dict, by: Actor) -> None:
    ab = upload.appropriate_body
    if upload.kind == BulkUploadKind.CLAIM:
        teacher_id = row["teacher_id"]
        if teacher_id is None:
            record = TeacherRecord.objects.get(trn=row["trn"])
            teacher = teacher_from_record(record=record)
        else:
            teacher = Teacher.objects.get(pk=teacher_id)
        claim_ect(
            teacher=teacher,
            appropriate_body=ab,
            started_on=datetime.date.fromisoformat(row["started_on"]),
            induction_programme=row["induction_programme"],
            by=by,
        )
        return
    period = InductionPeriod.objects.select_related("teacher").get(pk=row["period_id"])
    arguments = {
        "period": period,
        "finished_on": datetime.date.fromisoformat(row["finished_on"]),
        "number_of_terms": Decimal(row["number_of_terms"]),
        "by": by,
        "appropriate_body": ab,
    }
    if row["outcome"] == "pass":
        record_pass(**arguments)
    else:
        release_ect(**arguments)


def apply_bulk_upload(upload_id: int) -> BulkUpload:
    """Apply the rows not yet applied, each in its own transaction with the progress counter."""
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
    for index in range(upload.processed_count, upload.row_count):
        row = upload.rows[index]
        with transaction.atomic():
            # The upload's row lock serialises two runs of the task: a row is applied once.
            processed, failures = (
                BulkUpload.objects.select_for_update()
                .values_list("processed_count", "failures")
                .get(pk=upload.pk)
            )
            if processed > index:
                continue
            try:
                with transaction.atomic():
                    _apply_row(upload, row, by)
            except InductionError as error:
                failures = [
                    *failures,
                    {"line": row["line"], "trn": row["trn"], "message": str(error)},
                ]
                BulkUpload.objects.filter(pk=upload.pk).update(
                    processed_count=index + 1, failures=failures
                )
            else:
                BulkUpload.objects.filter(pk=upload.pk).update(
                    processed_count=index + 1, applied_count=F("applied_count") + 1
                )
    BulkUpload.objects.filter(pk=upload.pk).update(
        status=BulkUploadStatus.DONE, finished_at=timezone.now()
    )
    upload.refresh_from_db()
    return upload
