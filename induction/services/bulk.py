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
    InductionOutcome,
    InductionPeriod,
)
from induction.services.periods import (
    Claim,
    Closing,
    claim_ects,
    close_periods,
    queue_induction_task,
)
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
    queue_induction_task("apply_bulk_upload", upload.pk)
    return upload


BATCH_SIZE = 50


def _close_rows(upload: BulkUpload, rows: list[dict], by: Actor, periods: dict, failures):
    """Release or pass a batch of rows with one call of the service behind `release_ect` and
    `record_pass`: each row under the same rules, a refused row saved nowhere and reported on
    its own line."""
    closings = [
        Closing(
            period=periods.get(row["period_id"])
            or InductionPeriod.objects.get(pk=row["period_id"]),
            finished_on=datetime.date.fromisoformat(row["finished_on"]),
            number_of_terms=Decimal(row["number_of_terms"]),
            outcome=InductionOutcome.PASS if row["outcome"] == "pass" else "",
        )
        for row in rows
    ]
    results = close_periods(closings=closings, by=by, appropriate_body=upload.appropriate_body)
    return _count(rows, results, failures)


def _count(rows: list[dict], results: list, failures):
    applied = 0
    for row, result in zip(rows, results, strict=True):
        if isinstance(result, InductionError):
            failures = [
                *failures,
                {"line": row["line"], "trn": row["trn"], "message": str(result)},
            ]
        else:
            applied += 1
    return applied, failures


def _claim_rows(upload: BulkUpload, rows: list[dict], by: Actor, teachers: dict, failures):
    """Claim a batch of rows with one call of the claim service: each row under the same rules
    as a single claim, a refused row saved nowhere and reported on its own line."""
    claims = []
    for row in rows:
        if row["teacher_id"] is None:  # only in the register when the file was checked
            teacher = teacher_from_record(record=TeacherRecord.objects.get(trn=row["trn"]))
        else:
            teacher = teachers.get(row["teacher_id"]) or Teacher.objects.get(pk=row["teacher_id"])
        claims.append(
            Claim(
                teacher=teacher,
                started_on=datetime.date.fromisoformat(row["started_on"]),
                induction_programme=row["induction_programme"],
            )
        )
    results = claim_ects(claims=claims, appropriate_body=upload.appropriate_body, by=by)
    return _count(rows, results, failures)


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
        if upload.kind == BulkUploadKind.CLAIM:
            applied, failures = _claim_rows(upload, rows, by, teachers, failures)
        else:
            applied, failures = _close_rows(upload, rows, by, periods, failures)
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
