"""Read an uploaded CSV into rows of values, and each row's problems, in plain English.

Headers are matched loosely (case, spaces and punctuation ignored), so both our
own column names and the Get information about schools (GIAS) download's, such as
"TypeOfEstablishment (name)", are understood. GIAS files come in Windows-1252.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from participants.models import InductionStatus
from schools.models import SchoolPhase, SchoolType

MAX_BYTES = 50 * 1024 * 1024
MAX_ROWS = 200_000


class ImportFileError(Exception):
    """The file cannot be read as an import at all (not a CSV, missing columns, empty)."""


@dataclass
class Parsed:
    columns: list[str]
    rows: list[dict] = field(default_factory=list)  # valid rows, values JSON-ready
    errors: list[dict] = field(default_factory=list)  # {"row", "column", "message"}
    row_count: int = 0


def _normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", header.strip().lower()).strip("_")


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _date(value: str) -> datetime.date:
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    raise ValueError(value)


def read_csv(data: bytes, aliases: dict[str, str], required: list[str]) -> tuple[list, list]:
    """(the canonical columns found, [(line number, {column: value})])."""
    if len(data) > MAX_BYTES:
        raise ImportFileError("The file must be smaller than 50MB")
    text = _decode(data)
    if "\x00" in text:
        # PostgreSQL cannot store NUL in text or jsonb (not even in an error message quoting
        # the cell); no CSV a person saved contains one.
        raise ImportFileError(
            "The selected file must be a CSV: it contains a NUL character, "
            "so it may be a spreadsheet saved in another format"
        )
    reader = csv.reader(io.StringIO(text))
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise ImportFileError("The selected file is empty") from error
    mapping = {}
    for index, name in enumerate(header):
        column = aliases.get(_normalise(name))
        if column and column not in mapping.values():
            mapping[index] = column
    missing = [column for column in required if column not in mapping.values()]
    if missing:
        raise ImportFileError(
            "The file must have a header row with the columns: " + ", ".join(missing)
        )
    rows = []
    try:
        for line_number, values in enumerate(reader, start=2):
            if not any(value.strip() for value in values):
                continue
            if len(rows) >= MAX_ROWS:
                raise ImportFileError(f"The file must have at most {MAX_ROWS:,} rows")
            rows.append(
                (
                    line_number,
                    {
                        column: (values[index].strip() if index < len(values) else "")
                        for index, column in mapping.items()
                    },
                )
            )
    except csv.Error as error:
        raise ImportFileError(f"The file is not a valid CSV: {error}") from error
    if not rows:
        raise ImportFileError("The file has no rows under its header")
    return list(mapping.values()), rows


def _choice(value: str, choices, extra: dict[str, str] | None = None) -> str | None:
    wanted = _normalise(value)
    for choice_value, label in choices:
        if wanted in {_normalise(choice_value), _normalise(str(label))}:
            return choice_value
    return (extra or {}).get(wanted)


# --- teacher records -----------------------------------------------------------------------

TEACHER_ALIASES = {
    "trn": "trn",
    "teacher_reference_number": "trn",
    "first_name": "first_name",
    "firstname": "first_name",
    "forename": "first_name",
    "last_name": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "date_of_birth": "date_of_birth",
    "dob": "date_of_birth",
    "birth_date": "date_of_birth",
    "qts_date": "qts_awarded_on",
    "qts_awarded_on": "qts_awarded_on",
    "qts_award_date": "qts_awarded_on",
    "induction_status": "induction_status",
}
TEACHER_REQUIRED = ["trn", "first_name", "last_name", "date_of_birth"]
TEACHER_LABELS = {
    "trn": "TRN",
    "first_name": "First name",
    "last_name": "Last name",
    "date_of_birth": "Date of birth",
    "qts_awarded_on": "QTS date",
    "induction_status": "Induction status",
}


def parse_teacher_records(data: bytes, *, today: datetime.date) -> Parsed:
    columns, rows = read_csv(data, TEACHER_ALIASES, TEACHER_REQUIRED)
    parsed = Parsed(columns=columns, row_count=len(rows))
    seen: dict[str, int] = {}
    for line, row in rows:
        problems = []

        def problem(column: str, message: str, line=line, problems=problems) -> None:
            problems.append({"row": line, "column": TEACHER_LABELS[column], "message": message})

        trn = row["trn"]
        if not re.fullmatch(r"[0-9]{7}", trn):
            problem("trn", "TRN must be 7 digits")
        elif trn in seen:
            problem("trn", f"TRN {trn} is also on row {seen[trn]}")
        else:
            seen[trn] = line
        for column in ("first_name", "last_name"):
            if not row[column]:
                problem(column, f"Enter the teacher's {TEACHER_LABELS[column].lower()}")
            elif len(row[column]) > 100:
                problem(column, f"{TEACHER_LABELS[column]} must be 100 characters or fewer")
        born = qts = None
        try:
            born = _date(row["date_of_birth"])
            if born >= today:
                problem("date_of_birth", "Date of birth must be in the past")
                born = None
        except ValueError:
            problem("date_of_birth", "Date of birth must be a real date, like 2001-04-27")
        if row.get("qts_awarded_on"):
            try:
                qts = _date(row["qts_awarded_on"])
                if qts > today:
                    problem("qts_awarded_on", "QTS date must be today or in the past")
                elif born and qts <= born:
                    problem("qts_awarded_on", "QTS date must be after the date of birth")
            except ValueError:
                problem("qts_awarded_on", "QTS date must be a real date, like 2026-07-20")
        status = InductionStatus.REQUIRED_TO_COMPLETE.value
        if row.get("induction_status"):
            status = _choice(row["induction_status"], InductionStatus.choices)
            if status is None:
                problem(
                    "induction_status",
                    "Induction status must be one of: "
                    + ", ".join(label for _, label in InductionStatus.choices),
                )
        if problems:
            parsed.errors += problems
            continue
        parsed.rows.append(
            {
                "trn": trn,
                "first_name": row["first_name"],
                "last_name": row["last_name"],
                "date_of_birth": born.isoformat(),
                "qts_awarded_on": qts.isoformat() if qts else None,
                "induction_status": status,
            }
        )
    return parsed


# --- schools (GIAS) ------------------------------------------------------------------------

SCHOOL_ALIASES = {
    "urn": "urn",
    "name": "name",
    "establishmentname": "name",
    "school_name": "name",
    "type": "school_type",
    "school_type": "school_type",
    "typeofestablishment_name": "school_type",
    "typeofestablishment": "school_type",
    "phase": "phase",
    "phaseofeducation_name": "phase",
    "phaseofeducation": "phase",
    "local_authority": "local_authority",
    "la_name": "local_authority",
    "la": "local_authority",
    "trust": "trust",
    "trusts_name": "trust",
    "status": "status",
    "establishmentstatus_name": "status",
    "open_closed": "status",
    "opendate": "opened_on",
    "opened_on": "opened_on",
    "open_date": "opened_on",
    "closedate": "closed_on",
    "closed_on": "closed_on",
    "close_date": "closed_on",
}
SCHOOL_REQUIRED = ["urn", "name", "school_type", "phase", "local_authority", "status"]
SCHOOL_LABELS = {
    "urn": "URN",
    "name": "Name",
    "school_type": "Type",
    "phase": "Phase",
    "local_authority": "Local authority",
    "trust": "Trust",
    "status": "Open or closed",
    "opened_on": "Open date",
    "closed_on": "Close date",
}
# GIAS establishment types, grouped into the service's types.
GIAS_TYPES = {
    "community_school": SchoolType.COMMUNITY,
    "voluntary_aided_school": SchoolType.VOLUNTARY_AIDED,
    "voluntary_controlled_school": SchoolType.VOLUNTARY_CONTROLLED,
    "foundation_school": SchoolType.FOUNDATION,
    "foundation_special_school": SchoolType.COMMUNITY_SPECIAL,
    "academy_converter": SchoolType.ACADEMY,
    "academy_sponsor_led": SchoolType.ACADEMY,
    "academy_special_converter": SchoolType.ACADEMY,
    "academy_special_sponsor_led": SchoolType.ACADEMY,
    "academy_alternative_provision_converter": SchoolType.ACADEMY,
    "academy_alternative_provision_sponsor_led": SchoolType.ACADEMY,
    "academy_16_19_converter": SchoolType.ACADEMY,
    "academy_16_to_19_sponsor_led": SchoolType.ACADEMY,
    "city_technology_college": SchoolType.ACADEMY,
    "free_schools": SchoolType.FREE_SCHOOL,
    "free_schools_special": SchoolType.FREE_SCHOOL,
    "free_schools_alternative_provision": SchoolType.FREE_SCHOOL,
    "free_schools_16_to_19": SchoolType.FREE_SCHOOL,
    "studio_schools": SchoolType.FREE_SCHOOL,
    "university_technical_college": SchoolType.FREE_SCHOOL,
    "community_special_school": SchoolType.COMMUNITY_SPECIAL,
    "pupil_referral_unit": SchoolType.PUPIL_REFERRAL_UNIT,
    "local_authority_nursery_school": SchoolType.COMMUNITY,
    "other_independent_school": SchoolType.INDEPENDENT,
    "other_independent_special_school": SchoolType.INDEPENDENT_SPECIAL,
    "non_maintained_special_school": SchoolType.INDEPENDENT_SPECIAL,
}
GIAS_PHASES = {
    "middle_deemed_primary": SchoolPhase.MIDDLE,
    "middle_deemed_secondary": SchoolPhase.MIDDLE,
    "16_plus": SchoolPhase.SIXTEEN_PLUS,
    "all_through": SchoolPhase.ALL_THROUGH,
    "not_applicable": SchoolPhase.NOT_APPLICABLE,
}
OPEN_STATUSES = {"open", "open_but_proposed_to_close", "proposed_to_open"}


def parse_schools(data: bytes, *, today: datetime.date) -> Parsed:
    columns, rows = read_csv(data, SCHOOL_ALIASES, SCHOOL_REQUIRED)
    parsed = Parsed(columns=columns, row_count=len(rows))
    seen: dict[str, int] = {}
    for line, row in rows:
        problems = []

        def problem(column: str, message: str, line=line, problems=problems) -> None:
            problems.append({"row": line, "column": SCHOOL_LABELS[column], "message": message})

        urn = row["urn"]
        if not re.fullmatch(r"[0-9]{6}", urn):
            problem("urn", "URN must be 6 digits")
        elif urn in seen:
            problem("urn", f"URN {urn} is also on row {seen[urn]}")
        else:
            seen[urn] = line
        if not row["name"]:
            problem("name", "Enter the school's name")
        elif len(row["name"]) > 255:
            problem("name", "Name must be 255 characters or fewer")
        school_type = _choice(row["school_type"], SchoolType.choices, GIAS_TYPES)
        if school_type is None:
            problem("school_type", f"Type '{row['school_type']}' is not a school type we know")
        phase = _choice(row["phase"], SchoolPhase.choices, GIAS_PHASES)
        if phase is None:
            problem("phase", f"Phase '{row['phase']}' is not a phase of education we know")
        if not row["local_authority"]:
            problem("local_authority", "Enter the local authority")
        elif len(row["local_authority"]) > 100:
            problem("local_authority", "Local authority must be 100 characters or fewer")
        if len(row.get("trust", "")) > 255:
            problem("trust", "Trust must be 255 characters or fewer")
        dates: dict[str, datetime.date | None] = {"opened_on": None, "closed_on": None}
        for column in ("opened_on", "closed_on"):
            if row.get(column):
                try:
                    dates[column] = _date(row[column])
                except ValueError:
                    problem(column, f"{SCHOOL_LABELS[column]} must be a real date, like 2026-09-01")
        status = _normalise(row["status"])
        if status == "closed":
            if dates["closed_on"] is None and "closed_on" not in {p["column"] for p in problems}:
                problem("closed_on", "Enter the date a closed school closed")
        elif status in OPEN_STATUSES:
            dates["closed_on"] = None
        else:
            problem("status", "Open or closed must be Open or Closed")
        if dates["opened_on"] and dates["closed_on"] and dates["closed_on"] < dates["opened_on"]:
            problem("closed_on", "Close date must be on or after the open date")
        if problems:
            parsed.errors += problems
            continue
        parsed.rows.append(
            {
                "urn": urn,
                "name": row["name"],
                "school_type": school_type,
                "phase": phase,
                "local_authority": row["local_authority"],
                "trust": row.get("trust", ""),
                "opened_on": dates["opened_on"].isoformat() if dates["opened_on"] else None,
                "closed_on": dates["closed_on"].isoformat() if dates["closed_on"] else None,
            }
        )
    return parsed
