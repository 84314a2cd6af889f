"""Bulk CSV uploads: read a file, validate every row before anything changes.

Claims: TRN, date of birth, induction programme, start date.
Releases and passes: TRN, date of birth, end date, number of terms, outcome
("release" or "pass"; a fail is never recorded in bulk: each one needs the date
the ECT was told of the right to appeal, so it goes through the teacher's page).

Validation reads in a fixed number of queries whatever the number of rows, and
applies the same rule functions as the services (`claim_problem`). The services
check everything again when the rows are applied.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from induction import errors
from induction.models import MAX_TERMS, BulkUploadKind, InductionPeriod, InductionProgramme
from induction.services.periods import ClaimFacts, claim_facts_for, claim_problem
from participants.models import Teacher, TeacherRecord

MAX_ROWS = 1000

COLUMNS = {
    BulkUploadKind.CLAIM: ["TRN", "Date of birth", "Induction programme", "Start date"],
    BulkUploadKind.RELEASE: ["TRN", "Date of birth", "End date", "Number of terms", "Outcome"],
}
EXAMPLES = {
    BulkUploadKind.CLAIM: [["1234567", "12/04/1998", "Provider-led", "01/09/2026"]],
    BulkUploadKind.RELEASE: [
        ["1234567", "12/04/1998", "18/12/2026", "1", "Release"],
        ["7654321", "03/11/1997", "16/07/2027", "6", "Pass"],
    ],
}

# File-level problems
NOT_UTF8 = "The selected file must be a CSV saved as UTF-8"
EMPTY = "The selected file has no rows under its headings"
NUL_CHARACTER = "The selected file must be a CSV: it contains a NUL character, so it may be a spreadsheet saved in another format"
TOO_MANY_ROWS = f"The selected file must have no more than {MAX_ROWS:,} rows"
MISSING_COLUMNS = "The selected file must have these column headings: {columns}"

# Row problems
TRN_INVALID = "Teacher reference number must be 7 digits, like 1234567"
DATE_INVALID = "{label} must be a real date, like 27/03/2026"
DATE_MISSING = "Enter the {label}"
NOT_FOUND = "No teacher was found with this TRN and date of birth"
DUPLICATE = "This TRN appears more than once in the file"
PROGRAMME_INVALID = "Induction programme must be provider-led or school-led"
OUTCOME_INVALID = "Outcome must be release or pass"
FAIL_NOT_IN_BULK = (
    "A fail cannot be recorded in bulk: record it on the teacher's page, with the date they were "
    "told of their right to appeal"
)
NOT_HELD_BY_YOU = "You do not hold this teacher's induction"
TERMS_INVALID = "Number of terms must be a number, like 1.5"

_PROGRAMMES = {
    "provider-led": InductionProgramme.PROVIDER_LED,
    "provider led": InductionProgramme.PROVIDER_LED,
    "provider_led": InductionProgramme.PROVIDER_LED,
    "school-led": InductionProgramme.SCHOOL_LED,
    "school led": InductionProgramme.SCHOOL_LED,
    "school_led": InductionProgramme.SCHOOL_LED,
}
_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


class FileProblem(Exception):
    """The file as a whole cannot be read; the message is for the user."""


@dataclass
class Parsed:
    header: list[str]
    rows: list[list[str]]  # data rows, as typed
    lines: list[int]  # the file line of each row (the header is line 1)


@dataclass
class Validated:
    rows: list[dict] = field(default_factory=list)  # one per valid row, ready to apply
    errors: list[dict] = field(default_factory=list)  # {"line", "trn", "message"}

    @property
    def is_valid(self) -> bool:
        return not self.errors


def _key(heading: str) -> str:
    return re.sub(r"[\s_]+", " ", heading.strip().lower())


def read_csv(content: bytes, kind: str) -> Parsed:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileProblem(NOT_UTF8) from None
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text or jsonb; no CSV a person saved contains one.
        raise FileProblem(NUL_CHARACTER)
    reader = csv.reader(io.StringIO(text))
    all_rows = [[cell.strip() for cell in row] for row in reader]
    if not all_rows:
        raise FileProblem(EMPTY)
    header, *body = all_rows
    wanted = [_key(column) for column in COLUMNS[kind]]
    positions = {_key(heading): index for index, heading in enumerate(header)}
    if any(column not in positions for column in wanted):
        raise FileProblem(MISSING_COLUMNS.format(columns=", ".join(COLUMNS[kind])))
    rows, lines = [], []
    for line, row in enumerate(body, start=2):
        if not any(row):
            continue
        rows.append([row[positions[c]] if positions[c] < len(row) else "" for c in wanted])
        lines.append(line)
    if not rows:
        raise FileProblem(EMPTY)
    if len(rows) > MAX_ROWS:
        raise FileProblem(TOO_MANY_ROWS)
    return Parsed(header=[*COLUMNS[kind]], rows=rows, lines=lines)


def _date(value: str, label: str) -> datetime.date:
    if not value:
        raise ValueError(DATE_MISSING.format(label=label.lower()))
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, pattern).date()  # noqa: DTZ007 - a date
        except ValueError:
            continue
    raise ValueError(DATE_INVALID.format(label=label))


def _terms(value: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(TERMS_INVALID) from None
    if not number.is_finite() or number < 0 or number > MAX_TERMS:
        raise ValueError(errors.TERMS_OUT_OF_RANGE)
    if number != round(number, 2):
        raise ValueError(errors.TERMS_TOO_PRECISE)
    return number


class _Lookup:
    """Teachers and register records for every TRN in the file: two queries."""

    def __init__(self, trns):
        trns = set(trns)
        self.teachers = {t.trn: t for t in Teacher.objects.filter(trn__in=trns)}
        self.records = {r.trn: r for r in TeacherRecord.objects.filter(trn__in=trns)}

    def find(self, trn: str, date_of_birth: datetime.date):
        """(teacher or None, record or None) for a TRN whose date of birth matches."""
        teacher = self.teachers.get(trn)
        if teacher is not None and teacher.date_of_birth == date_of_birth:
            return teacher, self.records.get(trn)
        record = self.records.get(trn)
        if record is not None and record.date_of_birth == date_of_birth:
            return teacher, record
        return None, None


def _common(row: list[str], seen: set[str], problems: list[str]):
    trn, date_of_birth = row[0].replace(" ", ""), None
    if not re.fullmatch(r"\d{7}", trn):
        problems.append(TRN_INVALID)
    elif trn in seen:
        problems.append(DUPLICATE)
    seen.add(trn)
    try:
        date_of_birth = _date(row[1], "Date of birth")
    except ValueError as error:
        problems.append(str(error))
    return trn, date_of_birth


def validate(parsed: Parsed, kind: str, appropriate_body) -> Validated:
    """Every row checked, every problem reported with its line; nothing is changed."""
    lookup = _Lookup(row[0].replace(" ", "") for row in parsed.rows)
    if kind == BulkUploadKind.CLAIM:
        return _validate_claims(parsed, appropriate_body, lookup)
    return _validate_releases(parsed, appropriate_body, lookup)


def _validate_claims(parsed: Parsed, appropriate_body, lookup: _Lookup) -> Validated:
    result = Validated()
    facts = claim_facts_for(lookup.teachers.values())
    seen: set[str] = set()
    for line, row in zip(parsed.lines, parsed.rows, strict=True):
        problems: list[str] = []
        trn, date_of_birth = _common(row, seen, problems)
        programme = _PROGRAMMES.get(row[2].strip().lower())
        if programme is None:
            problems.append(PROGRAMME_INVALID)
        try:
            started_on = _date(row[3], "Start date")
        except ValueError as error:
            problems.append(str(error))
            started_on = None
        teacher = record = None
        if date_of_birth and not problems:
            teacher, record = lookup.find(trn, date_of_birth)
            if teacher is None and record is None:
                problems.append(NOT_FOUND)
        if not problems:
            subject = teacher or Teacher(trn=trn, qts_awarded_on=record.qts_awarded_on)
            teacher_facts = facts.get(teacher.pk) if teacher else None
            if teacher_facts is None:
                teacher_facts = ClaimFacts(
                    register_status=record.induction_status if record else None
                )
            problem = claim_problem(
                teacher=subject,
                appropriate_body=appropriate_body,
                started_on=started_on,
                facts=teacher_facts,
            )
            if problem:
                problems.append(problem)
        if problems:
            result.errors += [{"line": line, "trn": trn, "message": p} for p in problems]
            continue
        result.rows.append(
            {
                "line": line,
                "trn": trn,
                "name": (teacher or record).full_name,
                "teacher_id": teacher.pk if teacher else None,
                "induction_programme": programme,
                "started_on": started_on.isoformat(),
            }
        )
    return result


def _validate_releases(parsed: Parsed, appropriate_body, lookup: _Lookup) -> Validated:
    result = Validated()
    open_periods = {
        p.teacher_id: p
        for p in InductionPeriod.objects.ongoing().filter(
            teacher_id__in=[t.pk for t in lookup.teachers.values()]
        )
    }
    seen: set[str] = set()
    for line, row in zip(parsed.lines, parsed.rows, strict=True):
        problems: list[str] = []
        trn, date_of_birth = _common(row, seen, problems)
        finished_on = terms = None
        try:
            finished_on = _date(row[2], "End date")
        except ValueError as error:
            problems.append(str(error))
        try:
            terms = _terms(row[3])
        except ValueError as error:
            problems.append(str(error))
        outcome = row[4].strip().lower() or "release"
        if outcome == "fail":
            problems.append(FAIL_NOT_IN_BULK)
        elif outcome not in ("release", "pass"):
            problems.append(OUTCOME_INVALID)
        teacher = period = None
        if date_of_birth and not problems:
            teacher, _ = lookup.find(trn, date_of_birth)
            if teacher is None:
                problems.append(NOT_FOUND)
            else:
                period = open_periods.get(teacher.pk)
                if period is None or period.appropriate_body_id != appropriate_body.pk:
                    problems.append(NOT_HELD_BY_YOU)
                elif finished_on < period.started_on:
                    problems.append(errors.ENDS_BEFORE_START.format(start=period.started_on))
        if problems:
            result.errors += [{"line": line, "trn": trn, "message": p} for p in problems]
            continue
        result.rows.append(
            {
                "line": line,
                "trn": trn,
                "name": teacher.full_name,
                "teacher_id": teacher.pk,
                "period_id": period.pk,
                "finished_on": finished_on.isoformat(),
                "number_of_terms": str(terms),
                "outcome": outcome,
            }
        )
    return result


def raw_rows_of(parsed: Parsed) -> list[list]:
    """What is kept of the file: a header, then each row as typed with its line first."""
    return [["Line", *parsed.header]] + [
        [line, *row] for line, row in zip(parsed.lines, parsed.rows, strict=True)
    ]


def error_csv(raw_rows: list[list], problems: list[dict]) -> str:
    """The rows with problems, as uploaded, with an Error column to fix them by."""
    by_line: dict[int, list[str]] = {}
    for problem in problems:
        by_line.setdefault(problem["line"], []).append(problem["message"])
    out = io.StringIO()
    writer = csv.writer(out)
    (_, *header), *rows = raw_rows
    writer.writerow([*header, "Line", "Error"])
    for line, *row in rows:
        if line in by_line:
            writer.writerow([*row, line, "; ".join(by_line[line])])
    return out.getvalue()


def template_csv(kind: str) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS[kind])
    writer.writerows(EXAMPLES[kind])
    return out.getvalue()
