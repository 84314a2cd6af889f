"""Registering an ECT or a mentor once, for everyone who needs to know.

The induction tutor's journeys look the teacher up in the register of teacher
records (`look_up_ect`, `look_up_mentor`) and check each answer with the same
functions the services run again, under a row lock, when the tutor confirms.

Two submissions of one journey (refresh, back button, double click) carry the
journey's token: the second finds the period the first made and returns it.
Two tutors registering one teacher at once queue on the register row's lock;
the second then finds the teacher registered and is told so.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Q

from ecte.calendar import dates
from ecte.events.record import Actor, record_event
from ecte.formatting import format_date
from induction.models import InductionOutcome, InductionPeriod
from participants import errors
from participants.mentor_training import MentorTrainingStatus, mentor_training_status
from participants.models import (
    ECTAtSchoolPeriod,
    InductionStatus,
    MentorAtSchoolPeriod,
    Teacher,
    TeacherRecord,
    TrainingProgramme,
    WorkingPattern,
)
from participants.services import (
    ParticipantError,
    finish_ect_at_school,
    start_ect_at_school,
    start_mentor_at_school,
    start_training,
)

# The ECF reforms, and so this service's records, began on 1 September 2021.
EARLIEST_START = datetime.date(2021, 9, 1)
MONTHS_AHEAD = 4


def latest_start_date() -> datetime.date:
    """Registration and leaving dates may be at most 4 months ahead of today."""
    return dates.today() + relativedelta(months=MONTHS_AHEAD)


class RegistrationExit(ParticipantError):
    """The teacher cannot be registered at all; the journey ends on an explanation page."""

    def __init__(self, message: str, *, kind: str, period=None):
        super().__init__(message)
        self.kind = kind
        self.period = period


# --- the register lookup ----------------------------------------------------------------


@dataclass
class ECTLookup:
    """What the register and the service already know about a TRN, for the ECT journey."""

    record: TeacherRecord
    teacher: Teacher | None
    transfer_from: ECTAtSchoolPeriod | None = None
    previous_periods: list[ECTAtSchoolPeriod] = field(default_factory=list)

    @property
    def waiting_for_qts(self) -> bool:
        return self.record.qts_awarded_on is None


@dataclass
class MentorLookup:
    record: TeacherRecord
    teacher: Teacher | None
    other_schools: list[str] = field(default_factory=list)

    def training_status(self, academic_year: int) -> MentorTrainingStatus:
        return mentor_training_status(self.record, academic_year)


def find_record(*, trn: str, date_of_birth: datetime.date, lock: bool = False) -> TeacherRecord:
    records = TeacherRecord.objects.filter(trn=trn)
    if lock:
        records = records.select_for_update()
    record = records.first()
    if record is None or record.date_of_birth != date_of_birth:
        raise RegistrationExit(errors.NOT_FOUND, kind="not_found")
    return record


def _check_induction_not_over(record: TeacherRecord, teacher: Teacher | None) -> None:
    """Rule 2 (Reg 9, SG 1.13): one induction only, and none for the exempt."""
    outcome = ""
    if teacher is not None:
        outcome = (
            InductionPeriod.objects.filter(teacher=teacher)
            .exclude(outcome="")
            .values_list("outcome", flat=True)
            .first()
            or ""
        )
    name = record.full_name
    if outcome == InductionOutcome.PASS or record.induction_status == InductionStatus.PASSED:
        raise RegistrationExit(errors.ALREADY_PASSED.format(name=name), kind="passed")
    if outcome == InductionOutcome.FAIL or record.induction_status == InductionStatus.FAILED:
        raise RegistrationExit(errors.ALREADY_FAILED.format(name=name), kind="failed")
    if record.induction_status == InductionStatus.EXEMPT:
        raise RegistrationExit(errors.EXEMPT.format(name=name), kind="exempt")


def _ect_lookup(record: TeacherRecord, teacher: Teacher | None, school) -> ECTLookup:
    _check_induction_not_over(record, teacher)
    lookup = ECTLookup(record=record, teacher=teacher)
    if teacher is None:
        return lookup
    periods = list(
        ECTAtSchoolPeriod.objects.filter(teacher=teacher)
        .select_related("school")
        .order_by("-started_on")
    )
    for period in periods:
        if period.finished_on is None:
            if period.school_id == school.pk:
                raise RegistrationExit(
                    errors.ALREADY_REGISTERED_HERE.format(name=record.full_name),
                    kind="registered_here",
                    period=period,
                )
            lookup.transfer_from = period
        else:
            lookup.previous_periods.append(period)
    return lookup


def look_up_ect(*, trn: str, date_of_birth: datetime.date, school) -> ECTLookup:
    """Find an ECT to register, or raise RegistrationExit saying why they cannot be."""
    record = find_record(trn=trn, date_of_birth=date_of_birth)
    return _ect_lookup(record, Teacher.objects.filter(trn=trn).first(), school)


def _mentor_lookup(record, teacher, school, for_ect_period) -> MentorLookup:
    name = record.full_name
    if for_ect_period is not None and for_ect_period.teacher.trn == record.trn:
        raise RegistrationExit(
            errors.CANNOT_MENTOR_THEMSELVES.format(name=name), kind="mentor_is_ect"
        )
    lookup = MentorLookup(record=record, teacher=teacher)
    if teacher is None:
        return lookup
    for period in (
        MentorAtSchoolPeriod.objects.ongoing().filter(teacher=teacher).select_related("school")
    ):
        if period.school_id == school.pk:
            raise RegistrationExit(
                errors.ALREADY_MENTOR_HERE.format(name=name), kind="mentor_here", period=period
            )
        lookup.other_schools.append(period.school.name)
    return lookup


def look_up_mentor(
    *, trn: str, date_of_birth: datetime.date, school, for_ect_period=None
) -> MentorLookup:
    """Find a mentor to register (they may mentor at several schools), or raise RegistrationExit."""
    record = find_record(trn=trn, date_of_birth=date_of_birth)
    return _mentor_lookup(record, Teacher.objects.filter(trn=trn).first(), school, for_ect_period)


# --- the answers' rules -----------------------------------------------------------------


def check_start_date(
    started_on: datetime.date,
    *,
    transfer_from: ECTAtSchoolPeriod | None = None,
    previous_periods=(),
) -> None:
    """Not before September 2021, at most 4 months ahead, and after any previous school's start."""
    if started_on < EARLIEST_START:
        raise ParticipantError(errors.START_BEFORE_2021)
    latest = latest_start_date()
    if started_on > latest:
        raise ParticipantError(errors.START_TOO_FAR_AHEAD.format(latest=format_date(latest)))
    if transfer_from is not None and started_on <= transfer_from.started_on:
        raise ParticipantError(
            errors.START_NOT_AFTER_PREVIOUS_SCHOOL.format(
                school=transfer_from.school.name, started=format_date(transfer_from.started_on)
            )
        )
    for period in previous_periods:
        if started_on <= period.finished_on:
            raise ParticipantError(
                errors.START_NOT_AFTER_LEAVING_PREVIOUS_SCHOOL.format(
                    school=period.school.name, finished=format_date(period.finished_on)
                )
            )


def check_email_free(email: str, *, trn: str) -> None:
    """An email address names one person: no other open ECT or mentor (another TRN) uses it."""
    others = Q(email__iexact=email, finished_on__isnull=True) & ~Q(teacher__trn=trn)
    if (
        ECTAtSchoolPeriod.objects.filter(others).exists()
        or MentorAtSchoolPeriod.objects.filter(others).exists()
    ):
        raise ParticipantError(errors.EMAIL_IN_USE)


def check_appropriate_body(school, appropriate_body) -> None:
    from schools.selectors import appropriate_bodies_for

    if (
        appropriate_body is not None
        and not appropriate_bodies_for(school).filter(pk=appropriate_body.pk).exists()
    ):
        raise ParticipantError(errors.APPROPRIATE_BODY_NOT_ALLOWED)


def check_partnership(school, school_partnership, academic_year: int) -> None:
    if school_partnership is not None and (
        school_partnership.school_id != school.pk
        or school_partnership.academic_year != academic_year
    ):
        raise ParticipantError(errors.PARTNERSHIP_NOT_THIS_SCHOOLS)


# --- registering ------------------------------------------------------------------------


def _teacher_for(record: TeacherRecord, first_name: str, last_name: str, by: Actor) -> Teacher:
    """The service's teacher for the record, locked, with the name the tutor confirmed."""
    teacher, created = Teacher.objects.get_or_create(
        trn=record.trn,
        defaults={
            "first_name": first_name,
            "last_name": last_name,
            "date_of_birth": record.date_of_birth,
            "qts_awarded_on": record.qts_awarded_on,
        },
    )
    teacher = Teacher.objects.select_for_update().get(pk=teacher.pk)
    if created:
        return teacher
    changed = {}
    if teacher.qts_awarded_on is None and record.qts_awarded_on is not None:
        teacher.qts_awarded_on = record.qts_awarded_on
        changed["qts_awarded_on"] = record.qts_awarded_on
    before_name = teacher.full_name
    if (teacher.first_name, teacher.last_name) != (first_name, last_name):
        teacher.first_name, teacher.last_name = first_name, last_name
        changed["first_name"], changed["last_name"] = first_name, last_name
    if changed:
        teacher.save(update_fields=[*changed, "updated_at"])
        if "first_name" in changed:
            record_event(
                event_type="teacher_name_changed",
                heading=f"{before_name}'s name was changed to {teacher.full_name}",
                by=by,
                teacher=teacher,
                before={"name": before_name},
                after={"name": teacher.full_name},
            )
    return teacher


@dataclass(frozen=True)
class Registered:
    period: ECTAtSchoolPeriod | MentorAtSchoolPeriod
    created: bool


@transaction.atomic
def register_ect(
    *,
    school,
    trn: str,
    date_of_birth: datetime.date,
    first_name: str,
    last_name: str,
    email: str,
    started_on: datetime.date,
    working_pattern: str,
    fte: Decimal,
    appropriate_body,
    training_programme: str,
    school_partnership=None,
    transfer_from_id: int | None = None,
    token: str,
    by: Actor,
) -> Registered:
    """Register an ECT at the school, once; the notices to the ECT, the appropriate body and
    the lead provider are queued in the same transaction and sent once it commits.

    A teacher with no QTS yet may be registered: they wait for QTS, and the appropriate body
    cannot start induction until then (SG 2.10). A teacher at another school transfers: that
    school's period ends the day before this one starts, and both schools and both
    appropriate bodies see it. `transfer_from_id` is the period the tutor was shown; if the
    teacher has moved since, the tutor must start again.
    """
    record = find_record(trn=trn, date_of_birth=date_of_birth, lock=True)
    existing = (
        ECTAtSchoolPeriod.objects.filter(registration_token=token, school=school).first()
        if token
        else None
    )
    if existing is not None:
        return Registered(period=existing, created=False)

    teacher = Teacher.objects.filter(trn=trn).first()
    lookup = _ect_lookup(record, teacher, school)
    if lookup.transfer_from is not None and lookup.transfer_from.pk != transfer_from_id:
        raise RegistrationExit(
            errors.REGISTERED_ELSEWHERE_MEANWHILE.format(
                name=record.full_name, school=lookup.transfer_from.school.name
            ),
            kind="registered_elsewhere",
        )
    check_start_date(
        started_on, transfer_from=lookup.transfer_from, previous_periods=lookup.previous_periods
    )
    check_email_free(email, trn=trn)
    check_appropriate_body(school, appropriate_body)
    if training_programme == TrainingProgramme.SCHOOL_LED:
        school_partnership = None
    check_partnership(school, school_partnership, dates.academic_year_for(started_on))

    teacher = _teacher_for(record, first_name, last_name, by)
    transfer_from = lookup.transfer_from
    if transfer_from is not None:
        finish_ect_at_school(
            period=transfer_from,
            finished_on=started_on - datetime.timedelta(days=1),
            by=by,
        )
    period = start_ect_at_school(
        teacher=teacher,
        school=school,
        started_on=started_on,
        email=email,
        working_pattern=working_pattern,
        fte=fte if working_pattern == WorkingPattern.PART_TIME else Decimal("1"),
        appropriate_body=appropriate_body,
        registration_token=token,
        by=by,
    )
    start_training(
        ect_period=period,
        training_programme=training_programme,
        school_partnership=school_partnership,
        started_on=started_on,
        by=by,
    )
    if transfer_from is not None:
        holding = InductionPeriod.objects.ongoing().filter(teacher=teacher).first()
        record_event(
            event_type="ect_transferred",
            heading=f"{teacher.full_name} moved from {transfer_from.school.name} to {school.name}",
            body=(
                f"Their time at {transfer_from.school.name} ended on "
                f"{format_date(started_on - datetime.timedelta(days=1))}."
            ),
            by=by,
            teacher=teacher,
            school=transfer_from.school,
            appropriate_body=holding.appropriate_body if holding else None,
            ect_at_school_period=period,
            before={"school": transfer_from.school.name},
            after={"school": school.name},
        )
    from participants import notifications

    # Inside the transaction: the notices and their queued emails commit with the registration.
    notifications.ect_registered(period.pk)
    return Registered(period=period, created=True)


@transaction.atomic
def register_mentor(
    *,
    school,
    trn: str,
    date_of_birth: datetime.date,
    first_name: str,
    last_name: str,
    email: str,
    started_on: datetime.date,
    school_partnership=None,
    for_ect_period: ECTAtSchoolPeriod | None = None,
    token: str,
    by: Actor,
) -> Registered:
    """Register a mentor at the school, once (they may mentor at several schools).

    A training mentor (rule 21) trains with the lead provider of `school_partnership`;
    the first year of their training is funded, and never another. `for_ect_period` is the
    ECT the tutor is finding a mentor for: the ECT cannot be their own mentor.
    """
    record = find_record(trn=trn, date_of_birth=date_of_birth, lock=True)
    existing = (
        MentorAtSchoolPeriod.objects.filter(registration_token=token, school=school).first()
        if token
        else None
    )
    if existing is not None:
        return Registered(period=existing, created=False)

    lookup = _mentor_lookup(record, Teacher.objects.filter(trn=trn).first(), school, for_ect_period)
    check_start_date(started_on)
    check_email_free(email, trn=trn)
    academic_year = dates.academic_year_for(started_on)
    check_partnership(school, school_partnership, academic_year)

    teacher = _teacher_for(record, first_name, last_name, by)
    period = start_mentor_at_school(
        teacher=teacher,
        school=school,
        started_on=started_on,
        email=email,
        registration_token=token,
        by=by,
    )
    status = lookup.training_status(academic_year)
    if status.is_training_mentor and school_partnership is not None:
        start_training(
            mentor_period=period,
            training_programme=TrainingProgramme.PROVIDER_LED,
            school_partnership=school_partnership,
            started_on=started_on,
            by=by,
        )
        if status.is_funded and record.mentor_training_funded_in is None:
            record.mentor_training_funded_in = academic_year
            record.save(update_fields=["mentor_training_funded_in", "updated_at"])
    from participants import notifications

    # Inside the transaction: the notice and its queued email commit with the registration.
    notifications.mentor_registered(period.pk)
    return Registered(period=period, created=True)
