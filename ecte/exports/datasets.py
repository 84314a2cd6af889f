"""What each export contains: a header, a row count and a row iterator per organisation.

Each dataset reads with a fixed number of queries, whatever its size: one query
with joins and subqueries, streamed from a server-side cursor in chunks. Values
are plain (strings, dates, numbers, None); the writers format them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Concat

from ecte.calendar.dates import add_working_days
from ecte.exports.models import ExportKind

CHUNK = 2_000
# Reg 11: the appropriate body decides within 20 working days of the final recommendation.
DECISION_WORKING_DAYS = 20


@dataclass(frozen=True)
class Dataset:
    title: str
    heading: str  # completes "Export ..."
    description: str
    header: list[str]
    count: Callable[[int | None], int]
    rows: Callable[[int | None], Iterator[tuple]]


# --- shared subqueries ---------------------------------------------------------------------


def _count(queryset: QuerySet) -> Subquery:
    return Subquery(
        queryset.order_by().values("teacher_id").annotate(n=Count("pk")).values("n")[:1],
        output_field=IntegerField(),
    )


def _study_completed(teacher_ref: str = "teacher_id"):
    from programmes.models import StudyRecord

    return Coalesce(
        _count(
            StudyRecord.objects.filter(teacher_id=OuterRef(teacher_ref), completed_on__isnull=False)
        ),
        0,
    )


def _sessions_attended(teacher_ref: str = "teacher_id"):
    from programmes.models import SessionAttendance

    return Coalesce(
        _count(SessionAttendance.objects.filter(teacher_id=OuterRef(teacher_ref), attended=True)),
        0,
    )


def _extension_terms(teacher_ref: str, appropriate_body_ref: str | None = None):
    from induction.models import Extension

    extensions = Extension.objects.filter(teacher_id=OuterRef(teacher_ref))
    if appropriate_body_ref:
        extensions = extensions.filter(appropriate_body_id=OuterRef(appropriate_body_ref))
    return Subquery(
        extensions.order_by()
        .values("teacher_id")
        .annotate(total=Sum("number_of_terms"))
        .values("total")[:1],
        output_field=DecimalField(max_digits=5, decimal_places=2),
    )


def _latest_ect_period(teacher_ref: str, field: str):
    from participants.models import ECTAtSchoolPeriod

    return Subquery(
        ECTAtSchoolPeriod.objects.filter(teacher_id=OuterRef(teacher_ref))
        .order_by("-started_on")
        .values(field)[:1]
    )


# --- appropriate body: its induction records ---------------------------------------------

INDUCTION_HEADER = [
    "TRN",
    "First name",
    "Last name",
    "Date of birth",
    "School URN",
    "School name",
    "Induction start date",
    "Induction end date",
    "Terms served",
    "Induction programme",
    "Outcome",
    "Extension terms",
    "Final assessment received on",
    "Decision due by",
]


def _induction_periods(appropriate_body_id: int | None) -> QuerySet:
    from induction.models import InductionPeriod

    periods = InductionPeriod.objects.all()
    if appropriate_body_id is not None:
        periods = periods.filter(appropriate_body_id=appropriate_body_id)
    return periods


def _induction_rows(appropriate_body_id: int | None) -> Iterator[tuple]:
    from induction.models import Assessment

    final_received = Subquery(
        Assessment.objects.filter(
            teacher_id=OuterRef("teacher_id"),
            appropriate_body_id=OuterRef("appropriate_body_id"),
            kind="final",
            sent_to_appropriate_body_on__isnull=False,
        )
        .order_by("-sent_to_appropriate_body_on")
        .values("sent_to_appropriate_body_on")[:1]
    )
    national = appropriate_body_id is None
    fields = [
        "teacher__trn",
        "teacher__first_name",
        "teacher__last_name",
        "teacher__date_of_birth",
        "school_urn",
        "school_name",
        "started_on",
        "finished_on",
        "number_of_terms",
        "induction_programme",
        "outcome",
        "extension_terms",
        "final_received",
    ]
    if national:
        fields += ["appropriate_body__name", "lead_provider_name"]
    queryset = _induction_periods(appropriate_body_id).annotate(
        school_urn=_latest_ect_period("teacher_id", "school__urn"),
        school_name=_latest_ect_period("teacher_id", "school__name"),
        extension_terms=_extension_terms("teacher_id", None if national else "appropriate_body_id"),
        final_received=final_received,
    )
    if national:
        queryset = queryset.annotate(lead_provider_name=_lead_provider_of_teacher("teacher_id"))
    programmes = {"provider_led": "Provider-led", "school_led": "School-led"}
    outcomes = {"pass": "Passed", "fail": "Failed", "": ""}
    for row in (
        queryset.order_by("teacher__last_name", "teacher__first_name", "teacher_id", "started_on")
        .values_list(*fields)
        .iterator(chunk_size=CHUNK)
    ):
        (trn, first, last, born, urn, school, started, finished, terms, programme, outcome,
         extensions, received, *national_fields) = row  # fmt: skip
        decision_due = (
            add_working_days(received, DECISION_WORKING_DAYS) if received and not outcome else None
        )
        yield (
            trn,
            first,
            last,
            born,
            urn,
            school,
            started,
            finished,
            terms,
            programmes.get(programme, programme),
            outcomes.get(outcome, outcome),
            extensions or Decimal("0"),
            received,
            decision_due,
            *national_fields,
        )


def _lead_provider_of_teacher(teacher_ref: str):
    from participants.models import TrainingPeriod

    return Subquery(
        TrainingPeriod.objects.filter(
            ect_at_school_period__teacher_id=OuterRef(teacher_ref),
            school_partnership__isnull=False,
        )
        .order_by("-started_on")
        .values("school_partnership__lead_provider__name")[:1]
    )


# --- induction tutor: the school's ECTs and mentors ----------------------------------------

SCHOOL_HEADER = [
    "Role",
    "TRN",
    "First name",
    "Last name",
    "Email",
    "Start date",
    "End date",
    "Working pattern",
    "FTE",
    "Mentor",
    "Appropriate body",
    "Lead provider",
    "Delivery partner",
    "Self-study items completed",
    "Seminars and webinars attended",
]


def _current_training(period_field: str, field: str):
    from participants.models import TrainingPeriod

    return Subquery(
        TrainingPeriod.objects.filter(**{period_field: OuterRef("pk")})
        .order_by("-started_on")
        .values(field)[:1]
    )


def _school_ects(school_id: int):
    from participants.models import ECTAtSchoolPeriod, Mentorship

    mentor = Subquery(
        Mentorship.objects.filter(ect_at_school_period_id=OuterRef("pk"))
        .order_by("-started_on")
        .annotate(
            name=Concat(
                "mentor_at_school_period__teacher__first_name",
                Value(" "),
                "mentor_at_school_period__teacher__last_name",
            )
        )
        .values("name")[:1]
    )
    return ECTAtSchoolPeriod.objects.filter(school_id=school_id).annotate(
        mentor_name=mentor,
        lead_provider_name=_current_training(
            "ect_at_school_period_id", "school_partnership__lead_provider__name"
        ),
        delivery_partner_name=_current_training(
            "ect_at_school_period_id", "school_partnership__delivery_partner__name"
        ),
        study_completed=_study_completed(),
        sessions_attended=_sessions_attended(),
    )


def _school_mentors(school_id: int):
    from participants.models import MentorAtSchoolPeriod

    return MentorAtSchoolPeriod.objects.filter(school_id=school_id).annotate(
        lead_provider_name=_current_training(
            "mentor_at_school_period_id", "school_partnership__lead_provider__name"
        ),
        delivery_partner_name=_current_training(
            "mentor_at_school_period_id", "school_partnership__delivery_partner__name"
        ),
        study_completed=_study_completed(),
        sessions_attended=_sessions_attended(),
    )


def _school_rows(school_id: int) -> Iterator[tuple]:
    patterns = {"full_time": "Full-time", "part_time": "Part-time"}
    ects = (
        _school_ects(school_id)
        .order_by("teacher__last_name", "teacher__first_name", "started_on")
        .values_list(
            "teacher__trn",
            "teacher__first_name",
            "teacher__last_name",
            "email",
            "started_on",
            "finished_on",
            "working_pattern",
            "fte",
            "mentor_name",
            "appropriate_body__name",
            "lead_provider_name",
            "delivery_partner_name",
            "study_completed",
            "sessions_attended",
        )
        .iterator(chunk_size=CHUNK)
    )
    mentors = (
        _school_mentors(school_id)
        .order_by("teacher__last_name", "teacher__first_name", "started_on")
        .values_list(
            "teacher__trn",
            "teacher__first_name",
            "teacher__last_name",
            "email",
            "started_on",
            "finished_on",
            "lead_provider_name",
            "delivery_partner_name",
            "study_completed",
            "sessions_attended",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in ects:
        yield ("ECT", *row[:6], patterns.get(row[6], row[6]), *row[7:])
    for row in mentors:
        yield ("Mentor", *row[:6], None, None, None, None, *row[6:])


def _school_count(school_id: int) -> int:
    from participants.models import ECTAtSchoolPeriod, MentorAtSchoolPeriod

    return (
        ECTAtSchoolPeriod.objects.filter(school_id=school_id).count()
        + MentorAtSchoolPeriod.objects.filter(school_id=school_id).count()
    )


# --- lead provider: participants -----------------------------------------------------------

PARTICIPANT_HEADER = [
    "Role",
    "TRN",
    "First name",
    "Last name",
    "Email",
    "School URN",
    "School name",
    "Delivery partner",
    "Academic year",
    "Training start date",
    "Training end date",
    "Self-study items completed",
    "Seminars and webinars attended",
]


def _training_periods(lead_provider_id: int):
    from participants.models import TrainingPeriod

    return TrainingPeriod.objects.filter(school_partnership__lead_provider_id=lead_provider_id)


def _participant_rows(lead_provider_id: int) -> Iterator[tuple]:
    from django.db.models import F
    from django.db.models.functions import Coalesce as C

    queryset = (
        _training_periods(lead_provider_id)
        .annotate(
            teacher_ref=C(
                F("ect_at_school_period__teacher_id"), F("mentor_at_school_period__teacher_id")
            ),
        )
        .annotate(
            study_completed=_study_completed("teacher_ref"),
            sessions_attended=_sessions_attended("teacher_ref"),
        )
        .order_by("school_partnership__school__name", "id")
        .values_list(
            "ect_at_school_period_id",
            "ect_at_school_period__teacher__trn",
            "ect_at_school_period__teacher__first_name",
            "ect_at_school_period__teacher__last_name",
            "ect_at_school_period__email",
            "mentor_at_school_period__teacher__trn",
            "mentor_at_school_period__teacher__first_name",
            "mentor_at_school_period__teacher__last_name",
            "mentor_at_school_period__email",
            "school_partnership__school__urn",
            "school_partnership__school__name",
            "school_partnership__delivery_partner__name",
            "school_partnership__academic_year",
            "started_on",
            "finished_on",
            "study_completed",
            "sessions_attended",
        )
        .iterator(chunk_size=CHUNK)
    )
    for row in queryset:
        is_ect = row[0] is not None
        person = row[1:5] if is_ect else row[5:9]
        year = row[12]
        yield (
            "ECT" if is_ect else "Mentor",
            *person,
            row[9],
            row[10],
            row[11],
            f"{year} to {year + 1}",
            row[13],
            row[14],
            row[15],
            row[16],
        )


# --- the datasets --------------------------------------------------------------------------


def _need_id(organisation_id: int | None) -> int:
    if organisation_id is None:
        raise ValueError("This export belongs to an organisation")
    return organisation_id


DATASETS: dict[str, Dataset] = {
    ExportKind.APPROPRIATE_BODY: Dataset(
        title="Induction records",
        heading="induction records",
        description=(
            "Every induction period you hold or held: the teacher, their school, dates, terms "
            "served, outcome, extensions and when your decision is due."
        ),
        header=INDUCTION_HEADER,
        count=lambda org: _induction_periods(_need_id(org)).count(),
        rows=lambda org: _induction_rows(_need_id(org)),
    ),
    ExportKind.SCHOOL: Dataset(
        title="ECTs and mentors",
        heading="ECTs and mentors",
        description=(
            "Every early career teacher and mentor registered at your school, with their "
            "mentor, appropriate body, lead provider and engagement so far."
        ),
        header=SCHOOL_HEADER,
        count=lambda org: _school_count(_need_id(org)),
        rows=lambda org: _school_rows(_need_id(org)),
    ),
    ExportKind.LEAD_PROVIDER: Dataset(
        title="Participants",
        heading="participants",
        description=(
            "Every ECT and mentor training with you through a school partnership, with their "
            "school, delivery partner and engagement so far."
        ),
        header=PARTICIPANT_HEADER,
        count=lambda org: _training_periods(_need_id(org)).count(),
        rows=lambda org: _participant_rows(_need_id(org)),
    ),
    ExportKind.NATIONAL: Dataset(
        title="National induction dataset",
        heading="the national induction dataset",
        description=(
            "Every induction period in England: teacher, school, appropriate body, lead "
            "provider, dates, terms, outcomes and extensions."
        ),
        header=[*INDUCTION_HEADER, "Appropriate body", "Lead provider"],
        count=lambda org: _induction_periods(None).count(),
        rows=lambda org: _induction_rows(None),
    ),
}
