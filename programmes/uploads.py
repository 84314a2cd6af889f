"""A lead provider's self-study completions as a CSV file: read it, check every row, and say
exactly what is wrong with each bad row. Nothing is saved unless every row is right.

The file has a header row and three columns:

    trn,activity_code,completed_on
    1234567,Y1-B-CORE,2026-11-20

`activity_code` is a study item's code in the provider's programme for the year (the
codes are in its programme file); `completed_on` is a date like 2026-11-20 or 20/11/2026.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from ecte.calendar import dates
from programmes.models import StudyItem, StudyKind

COLUMNS = ("trn", "activity_code", "completed_on")
MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000

FILE_NOT_CSV = "The selected file must be a CSV"
FILE_TOO_BIG = "The selected file must be smaller than 2MB"
FILE_EMPTY = "The selected file is empty"
FILE_COLUMNS = (
    "The file must have a header row with the columns trn, activity_code and completed_on"
)
FILE_TOO_MANY_ROWS = "The file must have no more than 20,000 rows"
ROW_TRN = "TRN must be 7 digits, like 1234567"
ROW_NOT_PARTICIPANT = "TRN {trn} is not one of your participants"
ROW_UNKNOWN_CODE = "There is no activity {code} in your {year} programme"
ROW_NOT_THEIR_PROGRAMME = "{code} is not in this participant's programme ({who})"
ROW_DATE = "Enter the completion date as a real date, like 2026-11-20"
ROW_DATE_FUTURE = "The completion date must be today or in the past"
ROW_DATE_BEFORE_YEAR = "The completion date must be in the {year} academic year"
ROW_DUPLICATE = "This TRN and activity are already on row {row}"
ROW_MISSING = "Enter a value for {column}"


@dataclass
class RowError:
    row: int
    trn: str
    activity_code: str
    problem: str


@dataclass
class Checked:
    rows: list[tuple] = field(default_factory=list)  # (teacher, item, completed_on)
    errors: list[RowError] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and not self.errors and bool(self.rows)


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


def _date(text: str) -> datetime.date | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def read(raw: bytes) -> tuple[list[dict], str]:
    """The rows as dicts keyed by column, or a file-level problem."""
    if len(raw) > MAX_BYTES:
        return [], FILE_TOO_BIG
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], FILE_NOT_CSV
    if not text.strip():
        return [], FILE_EMPTY
    try:
        reader = csv.DictReader(io.StringIO(text))
        header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
        if not set(COLUMNS) <= set(header):
            return [], FILE_COLUMNS
        reader.fieldnames = header
        rows = []
        for row in reader:
            rows.append({column: (row.get(column) or "").strip() for column in COLUMNS})
            if len(rows) > MAX_ROWS:
                return [], FILE_TOO_MANY_ROWS
    except csv.Error:
        return [], FILE_NOT_CSV
    if not rows:
        return [], FILE_EMPTY
    return rows, ""


def check(raw: bytes, *, lead_provider, participants: list, academic_year: int) -> Checked:
    """Every row checked against the provider's participants and programme for the year."""
    rows, problem = read(raw)
    if problem:
        return Checked(file_error=problem)
    year_label = dates.academic_year_label(academic_year)
    first_day, _ = dates.academic_year_bounds(academic_year)
    today = dates.today()
    items = {
        item.code: item
        for item in StudyItem.objects.filter(
            programme__lead_provider=lead_provider, programme__academic_year=academic_year
        ).select_related("module__programme_year")
    }
    by_trn = {participant.teacher.trn: participant for participant in participants}
    result = Checked()
    seen: dict[tuple[str, str], int] = {}
    for number, row in enumerate(rows, start=2):  # row 1 is the header
        trn, code, when = row["trn"], row["activity_code"].upper(), row["completed_on"]

        def refuse(message: str, trn=trn, code=code, number=number) -> None:
            result.errors.append(RowError(number, trn, code, message))

        missing = [column for column in COLUMNS if not row[column]]
        if missing:
            refuse(ROW_MISSING.format(column=missing[0]))
            continue
        if not re.fullmatch(r"\d{7}", trn):
            refuse(ROW_TRN)
            continue
        participant = by_trn.get(trn)
        if participant is None:
            refuse(ROW_NOT_PARTICIPANT.format(trn=trn))
            continue
        item = items.get(code)
        if item is None:
            refuse(ROW_UNKNOWN_CODE.format(code=code, year=year_label))
            continue
        if not _in_their_programme(item, participant):
            refuse(ROW_NOT_THEIR_PROGRAMME.format(code=code, who=participant.label))
            continue
        completed_on = _date(when)
        if completed_on is None:
            refuse(ROW_DATE)
            continue
        if completed_on > today:
            refuse(ROW_DATE_FUTURE)
            continue
        if completed_on < first_day:
            refuse(ROW_DATE_BEFORE_YEAR.format(year=year_label))
            continue
        if (trn, code) in seen:
            refuse(ROW_DUPLICATE.format(row=seen[(trn, code)]))
            continue
        seen[(trn, code)] = number
        result.rows.append((participant.teacher, item, completed_on))
    return result


def _in_their_programme(item: StudyItem, participant) -> bool:
    if item.kind == StudyKind.MENTOR_SELF_STUDY:
        return participant.kind == "mentor"
    return (
        participant.kind == "ect" and item.module.programme_year.number == participant.year_number
    )


def error_report(errors: list[RowError]) -> str:
    """The bad rows as CSV, to fix and upload again."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["row", "trn", "activity_code", "problem"])
    for error in errors:
        writer.writerow([error.row, error.trn, error.activity_code, error.problem])
    return out.getvalue()
