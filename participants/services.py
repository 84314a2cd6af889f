"""Changes to who works where: ECT and mentor periods at schools, mentorships, training.

The registration journeys of the induction tutor issue call these. Each
checks under a row lock what the PostgreSQL constraints also refuse, so the
same rules hold on the embedded SQLite default.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from ecte.events.record import Actor, record_event
from participants import errors
from participants.models import (
    ECTAtSchoolPeriod,
    MentorAtSchoolPeriod,
    Mentorship,
    Teacher,
    TeacherRecord,
    TrainingPeriod,
    TrainingProgramme,
    WorkingPattern,
)
from participants.selectors import mentor_is_induction_tutor


class ParticipantError(Exception):
    """A change the rules do not allow; the message is for the user."""


def with_note(body: str, note: str | None) -> str:
    """An event's body with the note of the DfE staff member who made the change in admin,
    so the timeline says why as well as who."""
    note = (note or "").strip()
    return "\n".join(part for part in (body, note and f"Note: {note}") if part)


def _overlaps(queryset, started_on: datetime.date, finished_on: datetime.date | None):
    """Periods in queryset that share a day with [started_on, finished_on] (None: open-ended)."""
    queryset = queryset.filter(Q(finished_on__isnull=True) | Q(finished_on__gte=started_on))
    if finished_on is not None:
        queryset = queryset.filter(started_on__lte=finished_on)
    return queryset


@transaction.atomic
def teacher_from_record(*, record: TeacherRecord) -> Teacher:
    """The service's teacher for a register record, created on first registration."""
    teacher, _ = Teacher.objects.get_or_create(
        trn=record.trn,
        defaults={
            "first_name": record.first_name,
            "last_name": record.last_name,
            "date_of_birth": record.date_of_birth,
            "qts_awarded_on": record.qts_awarded_on,
        },
    )
    return teacher


@transaction.atomic
def start_ect_at_school(
    *,
    teacher: Teacher,
    school,
    started_on: datetime.date,
    email: str,
    working_pattern: str = WorkingPattern.FULL_TIME,
    fte: Decimal = Decimal("1"),
    appropriate_body=None,
    registration_token: str = "",
    by: Actor,
) -> ECTAtSchoolPeriod:
    teacher = Teacher.objects.select_for_update().get(pk=teacher.pk)
    if working_pattern == WorkingPattern.FULL_TIME:
        fte = Decimal("1")
    elif not (Decimal("0") < fte < Decimal("1")):
        raise ParticipantError(errors.PART_TIME_FTE)
    if _overlaps(ECTAtSchoolPeriod.objects.filter(teacher=teacher), started_on, None).exists():
        raise ParticipantError(errors.ECT_PERIOD_OVERLAPS)
    period = ECTAtSchoolPeriod.objects.create(
        teacher=teacher,
        school=school,
        started_on=started_on,
        email=email,
        working_pattern=working_pattern,
        fte=fte,
        appropriate_body=appropriate_body,
        registration_token=registration_token,
    )
    record_event(
        event_type="ect_registered",
        heading=f"{teacher.full_name} was registered as an ECT at {school.name}",
        by=by,
        teacher=teacher,
        school=school,
        ect_at_school_period=period,
        after={
            "started_on": started_on,
            "working_pattern": working_pattern,
            "fte": fte,
            "email": email,
        },
    )
    return period


@transaction.atomic
def finish_ect_at_school(
    *, period: ECTAtSchoolPeriod, finished_on: datetime.date, by: Actor, note: str | None = None
) -> ECTAtSchoolPeriod:
    period = (
        ECTAtSchoolPeriod.objects.select_for_update()
        .select_related("teacher", "school")
        .get(pk=period.pk)
    )
    if period.finished_on is not None:
        raise ParticipantError(errors.ALREADY_FINISHED)
    if finished_on < period.started_on:
        raise ParticipantError(errors.FINISHES_BEFORE_START)
    period.finished_on = finished_on
    period.save(update_fields=["finished_on"])
    training = period.training_periods.ongoing().select_related("school_partnership").first()
    for open_row in (*period.mentorships.ongoing(), *period.training_periods.ongoing()):
        open_row.finished_on = max(finished_on, open_row.started_on)
        open_row.save(update_fields=["finished_on"])
    # The appropriate body holding their induction has a leaver to release (rule 14), and the
    # lead provider sees them leave: the event names both.
    from induction.models import InductionPeriod

    holding = InductionPeriod.objects.ongoing().filter(teacher_id=period.teacher_id).first()
    record_event(
        event_type="ect_left_school",
        heading=f"{period.teacher.full_name} left {period.school.name}",
        body=with_note("", note),
        by=by,
        teacher=period.teacher,
        school=period.school,
        appropriate_body_id=holding.appropriate_body_id if holding else period.appropriate_body_id,
        lead_provider_id=(
            training.school_partnership.lead_provider_id
            if training and training.school_partnership
            else None
        ),
        ect_at_school_period=period,
        before={"finished_on": None},
        after={"finished_on": finished_on},
    )
    return period


@transaction.atomic
def start_mentor_at_school(
    *,
    teacher: Teacher,
    school,
    started_on: datetime.date,
    email: str,
    registration_token: str = "",
    by: Actor,
) -> MentorAtSchoolPeriod:
    teacher = Teacher.objects.select_for_update().get(pk=teacher.pk)
    existing = MentorAtSchoolPeriod.objects.filter(teacher=teacher, school=school)
    if _overlaps(existing, started_on, None).exists():
        raise ParticipantError(errors.MENTOR_PERIOD_OVERLAPS)
    period = MentorAtSchoolPeriod.objects.create(
        teacher=teacher,
        school=school,
        started_on=started_on,
        email=email,
        registration_token=registration_token,
    )
    record_event(
        event_type="mentor_registered",
        heading=f"{teacher.full_name} was registered as a mentor at {school.name}",
        by=by,
        teacher=teacher,
        school=school,
        mentor_at_school_period=period,
        after={"started_on": started_on, "email": email},
    )
    return period


@transaction.atomic
def assign_mentor(
    *,
    ect_period: ECTAtSchoolPeriod,
    mentor_period: MentorAtSchoolPeriod,
    started_on: datetime.date,
    induction_tutor_reason: str = "",
    by: Actor,
    note: str | None = None,
) -> Mentorship:
    """Pair an ECT with a mentor at their school, ending any current pairing the day before.

    Rule 15 (SG 2.45): the induction tutor and the mentor should be different people; when
    they are the same, the tutor must say why."""
    ect_period = (
        ECTAtSchoolPeriod.objects.select_for_update()
        .select_related("teacher", "school")
        .get(pk=ect_period.pk)
    )
    if ect_period.teacher_id == mentor_period.teacher_id:
        raise ParticipantError(errors.MENTOR_IS_ECT)
    if ect_period.school_id != mentor_period.school_id:
        raise ParticipantError(errors.MENTOR_AT_OTHER_SCHOOL)
    induction_tutor_reason = induction_tutor_reason.strip()
    if mentor_is_induction_tutor(mentor_period):
        if not induction_tutor_reason:
            raise ParticipantError(errors.INDUCTION_TUTOR_REASON_NEEDED)
    else:
        induction_tutor_reason = ""
    current = ect_period.mentorships.ongoing().first()
    if current is not None:
        if started_on <= current.started_on:
            raise ParticipantError(errors.MENTORSHIP_STARTS_TOO_EARLY)
        current.finished_on = started_on - datetime.timedelta(days=1)
        current.save(update_fields=["finished_on"])
    mentorship = Mentorship.objects.create(
        ect_at_school_period=ect_period,
        mentor_at_school_period=mentor_period,
        started_on=started_on,
        induction_tutor_reason=induction_tutor_reason,
    )
    record_event(
        event_type="mentor_assigned",
        heading=f"{mentor_period.teacher.full_name} was assigned as {ect_period.teacher.full_name}'s mentor",
        body=with_note(
            f"The induction tutor is also the mentor because: {induction_tutor_reason}"
            if induction_tutor_reason
            else "",
            note,
        ),
        by=by,
        teacher=ect_period.teacher,
        school=ect_period.school,
        ect_at_school_period=ect_period,
        mentor_at_school_period=mentor_period,
        mentorship=mentorship,
        after={"mentor": mentor_period.teacher.full_name, "started_on": started_on},
    )
    return mentorship


@transaction.atomic
def start_training(
    *,
    ect_period: ECTAtSchoolPeriod | None = None,
    mentor_period: MentorAtSchoolPeriod | None = None,
    training_programme: str,
    school_partnership=None,
    started_on: datetime.date,
    by: Actor,
) -> TrainingPeriod:
    if (ect_period is None) == (mentor_period is None):
        raise ValueError("Training belongs to an ECT or a mentor")
    if training_programme == TrainingProgramme.PROVIDER_LED and school_partnership is None:
        raise ParticipantError(errors.PROVIDER_LED_NEEDS_PARTNERSHIP)
    if training_programme == TrainingProgramme.SCHOOL_LED:
        school_partnership = None
    period = TrainingPeriod.objects.create(
        ect_at_school_period=ect_period,
        mentor_at_school_period=mentor_period,
        training_programme=training_programme,
        school_partnership=school_partnership,
        started_on=started_on,
    )
    owner = ect_period or mentor_period
    provider = school_partnership.lead_provider if school_partnership else None
    record_event(
        event_type="training_started",
        heading=(
            f"{owner.teacher.full_name} started {period.get_training_programme_display().lower()} training"
            + (f" with {provider.name}" if provider else "")
        ),
        by=by,
        teacher=owner.teacher,
        school=owner.school,
        lead_provider=provider,
        training_period=period,
        after={"training_programme": training_programme, "started_on": started_on},
    )
    return period
