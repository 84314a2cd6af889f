"""Every change an import makes: read and preview an upload, then apply it with a note.

Applying writes every valid row in one transaction (an upsert keyed on TRN or URN)
and one event saying who imported what and why. Rows with errors are never applied.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from ecte.calendar import dates
from ecte.events.record import Actor, record_event
from ecte.imports import parsers
from ecte.imports.models import ImportBatch, ImportKind, ImportStatus

BATCH_SIZE = 1_000
NOTE_REQUIRED = "Enter a note saying why you are making this import"
ALREADY_APPLIED = "This file has already been imported"


class ImportNotAllowed(Exception):
    """An import that cannot be made, with a message to show."""


ImportFileError = parsers.ImportFileError


def _name(user) -> str:
    return user.full_name or user.email


def _chunks(items: list, size: int = BATCH_SIZE):
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- what each kind reads and writes -------------------------------------------------------


def _teacher_fields(row: dict) -> dict:
    return {
        "first_name": row["first_name"],
        "last_name": row["last_name"],
        "date_of_birth": datetime.date.fromisoformat(row["date_of_birth"]),
        "qts_awarded_on": (
            datetime.date.fromisoformat(row["qts_awarded_on"]) if row["qts_awarded_on"] else None
        ),
        "induction_status": row["induction_status"],
    }


def _school_fields(row: dict, columns: list[str], trust_ids: dict[str, int]) -> dict:
    fields = {
        "name": row["name"],
        "school_type": row["school_type"],
        "phase": row["phase"],
        "local_authority": row["local_authority"],
        "closed_on": datetime.date.fromisoformat(row["closed_on"]) if row["closed_on"] else None,
    }
    if "trust" in columns:
        fields["trust_id"] = trust_ids.get(row["trust"]) if row["trust"] else None
    if "opened_on" in columns:
        fields["opened_on"] = (
            datetime.date.fromisoformat(row["opened_on"]) if row["opened_on"] else None
        )
    return fields


def _existing(kind: str, keys: list[str]) -> dict[str, dict]:
    from participants.models import TeacherRecord
    from schools.models import School

    found: dict[str, dict] = {}
    for chunk in _chunks(keys):
        if kind == ImportKind.TEACHER_RECORDS:
            for record in TeacherRecord.objects.filter(trn__in=chunk).values():
                found[record["trn"]] = record
        else:
            for school in School.objects.filter(urn__in=chunk).select_related("trust"):
                found[school.urn] = {
                    "name": school.name,
                    "school_type": school.school_type,
                    "phase": school.phase,
                    "local_authority": school.local_authority,
                    "closed_on": school.closed_on,
                    "opened_on": school.opened_on,
                    "trust_name": school.trust.name if school.trust else "",
                }
    return found


def _classify(batch: ImportBatch) -> tuple[int, int, int]:
    """(new, changed, unchanged) rows, compared with the records as they are now."""
    key = "trn" if batch.kind == ImportKind.TEACHER_RECORDS else "urn"
    existing = _existing(batch.kind, [row[key] for row in batch.rows])
    created = updated = unchanged = 0
    for row in batch.rows:
        current = existing.get(row[key])
        if current is None:
            created += 1
            continue
        if batch.kind == ImportKind.TEACHER_RECORDS:
            wanted = _teacher_fields(row)
        else:
            wanted = _school_fields(row, batch.columns, {})
            wanted.pop("trust_id", None)
            if "trust" in batch.columns:
                wanted["trust_name"] = row["trust"]
        if any(current.get(field) != value for field, value in wanted.items()):
            updated += 1
        else:
            unchanged += 1
    return created, updated, unchanged


# --- the actions ---------------------------------------------------------------------------


@transaction.atomic
def upload(*, kind: str, data: bytes, filename: str, user) -> ImportBatch:
    """Read a file and keep what it would change, for the preview. Nothing is applied."""
    parse = {
        ImportKind.TEACHER_RECORDS: parsers.parse_teacher_records,
        ImportKind.SCHOOLS: parsers.parse_schools,
    }[kind]
    parsed = parse(data, today=dates.today())
    batch = ImportBatch(
        kind=kind,
        filename=filename[:255],
        columns=parsed.columns,
        rows=parsed.rows,
        errors=parsed.errors,
        row_count=parsed.row_count,
        uploaded_by=user,
        uploaded_by_name=_name(user),
    )
    batch.created_count, batch.updated_count, batch.unchanged_count = _classify(batch)
    batch.save()
    return batch


def _apply_teacher_records(batch: ImportBatch, now) -> None:
    from participants.models import TeacherRecord

    fields = ["first_name", "last_name", "date_of_birth", "qts_awarded_on", "induction_status"]
    for chunk in _chunks(batch.rows):
        TeacherRecord.objects.bulk_create(
            [
                TeacherRecord(trn=row["trn"], updated_at=now, **_teacher_fields(row))
                for row in chunk
            ],
            update_conflicts=True,
            unique_fields=["trn"],
            update_fields=[*fields, "updated_at"],
        )


def _apply_schools(batch: ImportBatch) -> None:
    from schools.models import School, Trust

    trust_ids: dict[str, int] = {}
    if "trust" in batch.columns:
        names = sorted({row["trust"] for row in batch.rows if row["trust"]})
        for chunk in _chunks(names):
            Trust.objects.bulk_create([Trust(name=name) for name in chunk], ignore_conflicts=True)
            trust_ids.update(Trust.objects.filter(name__in=chunk).values_list("name", "pk"))
    update_fields = ["name", "school_type", "phase", "local_authority", "closed_on"]
    if "trust" in batch.columns:
        update_fields.append("trust_id")
    if "opened_on" in batch.columns:
        update_fields.append("opened_on")
    for chunk in _chunks(batch.rows):
        School.objects.bulk_create(
            [
                School(urn=row["urn"], **_school_fields(row, batch.columns, trust_ids))
                for row in chunk
            ],
            update_conflicts=True,
            unique_fields=["urn"],
            update_fields=update_fields,
        )


@transaction.atomic
def apply_import(*, batch: ImportBatch, user, note: str) -> ImportBatch:
    """Write the previewed valid rows, once, with who did it and why."""
    note = (note or "").strip()
    if not note:
        raise ImportNotAllowed(NOTE_REQUIRED)
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status == ImportStatus.APPLIED:
        raise ImportNotAllowed(ALREADY_APPLIED)
    batch.created_count, batch.updated_count, batch.unchanged_count = _classify(batch)
    now = timezone.now()
    if batch.kind == ImportKind.TEACHER_RECORDS:
        _apply_teacher_records(batch, now)
    else:
        _apply_schools(batch)
    batch.status = ImportStatus.APPLIED
    batch.note = note
    batch.applied_at = now
    batch.save()
    what = batch.get_kind_display().lower()
    record_event(
        event_type=f"{batch.kind}_imported",
        heading=(
            f"{_name(user)} imported {what} from {batch.filename}: {batch.created_count} new, "
            f"{batch.updated_count} changed"
        )[:255],
        body=note,
        by=Actor(user=user, role_label="DfE staff"),
        after={
            "import": batch.pk,
            "created": batch.created_count,
            "updated": batch.updated_count,
            "unchanged": batch.unchanged_count,
            "rows_with_errors": batch.error_row_count,
        },
    )
    return batch
