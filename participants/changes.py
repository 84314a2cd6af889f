"""Changes an induction tutor reports after registration: leaving, and each detail of an ECT.

Each is one transaction that locks the teacher, checks the rule, writes the change
and an event (with the before and after values), and queues in the same transaction
the notices for whoever needs to know, sent once it commits: the appropriate body and
the lead provider see every change.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from ecte.calendar import dates
from ecte.events.record import Actor, record_event
from ecte.formatting import format_date
from participants import errors, notifications
from participants.models import (
    ECTAtSchoolPeriod,
    MentorAtSchoolPeriod,
    Teacher,
    TrainingPeriod,
    TrainingProgramme,
    WorkingPattern,
)
from participants.registration import (
    check_appropriate_body,
    check_email_free,
    check_partnership,
    latest_start_date,
)
from participants.services import (
    ParticipantError,
    finish_ect_at_school,
    start_training,
    with_note,
)


def _lock(period: ECTAtSchoolPeriod) -> ECTAtSchoolPeriod:
    Teacher.objects.select_for_update().get(pk=period.teacher_id)
    period = (
        ECTAtSchoolPeriod.objects.select_for_update(of=("self",))
        .select_related("teacher", "school", "appropriate_body")
        .get(pk=period.pk)
    )
    if period.finished_on is not None:
        raise ParticipantError(errors.ALREADY_FINISHED)
    return period


def _interested_emails(period: ECTAtSchoolPeriod) -> list[str]:
    """The appropriate bodies (chosen, and holding if another) and the lead provider."""
    emails: list[str] = []
    for recipient in notifications.ect_registration_recipients(period)[1:]:
        emails.extend(recipient.emails)
    return sorted(set(emails))


def _tell(period: ECTAtSchoolPeriod, what: str) -> None:
    # Inside the caller's transaction: the notice and its queued email commit with the change,
    # or neither does.
    notifications.ect_changed(period.pk, what=what, recipients=_interested_emails(period))


def _check_leaving_date(started_on: datetime.date, left_on: datetime.date) -> None:
    if left_on < started_on:
        raise ParticipantError(errors.FINISHES_BEFORE_START)
    latest = latest_start_date()
    if left_on > latest:
        raise ParticipantError(errors.LEAVING_TOO_FAR_AHEAD.format(latest=format_date(latest)))


@transaction.atomic
def report_ect_leaving(
    *, period: ECTAtSchoolPeriod, left_on: datetime.date, by: Actor, note: str | None = None
) -> ECTAtSchoolPeriod:
    """The ECT leaves the school: their period, mentorship and training end on `left_on`.

    The appropriate body holding their induction then sees a leaver to release (rule 14),
    and the lead provider sees them leave."""
    period = _lock(period)
    _check_leaving_date(period.started_on, left_on)
    _tell(period, f"leaving on {format_date(left_on)}")
    return finish_ect_at_school(period=period, finished_on=left_on, by=by, note=note)


@transaction.atomic
def report_mentor_leaving(
    *, period: MentorAtSchoolPeriod, left_on: datetime.date, by: Actor, note: str | None = None
) -> MentorAtSchoolPeriod:
    """The mentor leaves the school: their period, their mentorships and training end."""
    Teacher.objects.select_for_update().get(pk=period.teacher_id)
    period = (
        MentorAtSchoolPeriod.objects.select_for_update()
        .select_related("teacher", "school")
        .get(pk=period.pk)
    )
    if period.finished_on is not None:
        raise ParticipantError(errors.ALREADY_FINISHED)
    _check_leaving_date(period.started_on, left_on)
    period.finished_on = left_on
    period.save(update_fields=["finished_on"])
    for open_row in (*period.mentorships.ongoing(), *period.training_periods.ongoing()):
        open_row.finished_on = max(left_on, open_row.started_on)
        open_row.save(update_fields=["finished_on"])
    record_event(
        event_type="mentor_left_school",
        heading=f"{period.teacher.full_name} stopped mentoring at {period.school.name}",
        body=with_note("", note),
        by=by,
        teacher=period.teacher,
        school=period.school,
        mentor_at_school_period=period,
        before={"finished_on": None},
        after={"finished_on": left_on},
    )
    return period


@transaction.atomic
def change_ect_name(
    *,
    period: ECTAtSchoolPeriod,
    first_name: str,
    last_name: str,
    by: Actor,
    note: str | None = None,
) -> Teacher:
    period = _lock(period)
    teacher = period.teacher
    before = teacher.full_name
    if (teacher.first_name, teacher.last_name) == (first_name, last_name):
        raise ParticipantError(errors.NOTHING_CHANGED)
    teacher.first_name, teacher.last_name = first_name, last_name
    teacher.save(update_fields=["first_name", "last_name", "updated_at"])
    record_event(
        event_type="teacher_name_changed",
        heading=f"{before}'s name was changed to {teacher.full_name}",
        body=with_note("", note),
        by=by,
        teacher=teacher,
        school=period.school,
        ect_at_school_period=period,
        before={"name": before},
        after={"name": teacher.full_name},
    )
    _tell(period, f"name changed from {before} to {teacher.full_name}")
    return teacher


@transaction.atomic
def change_ect_email(*, period: ECTAtSchoolPeriod, email: str, by: Actor) -> ECTAtSchoolPeriod:
    period = _lock(period)
    if period.email.lower() == email.lower():
        raise ParticipantError(errors.NOTHING_CHANGED)
    check_email_free(email, trn=period.teacher.trn)
    before = period.email
    period.email = email
    period.save(update_fields=["email"])
    record_event(
        event_type="ect_email_changed",
        heading=f"{period.teacher.full_name}'s email address was changed",
        by=by,
        teacher=period.teacher,
        school=period.school,
        ect_at_school_period=period,
        before={"email": before},
        after={"email": email},
    )
    _tell(period, "email address changed")
    return period


@transaction.atomic
def change_working_pattern(
    *, period: ECTAtSchoolPeriod, working_pattern: str, fte: Decimal, by: Actor
) -> ECTAtSchoolPeriod:
    """Full-time, or part-time with a full-time equivalent: it sets how long induction lasts
    (rule 4: pro rata, SG 2.30-2.36)."""
    period = _lock(period)
    if working_pattern == WorkingPattern.FULL_TIME:
        fte = Decimal("1")
    elif not (Decimal("0") < fte < Decimal("1")):
        raise ParticipantError(errors.PART_TIME_FTE)
    if (period.working_pattern, period.fte) == (working_pattern, fte):
        raise ParticipantError(errors.NOTHING_CHANGED)
    before = {"working_pattern": period.working_pattern, "fte": period.fte}
    period.working_pattern, period.fte = working_pattern, fte
    period.save(update_fields=["working_pattern", "fte"])
    label = period.get_working_pattern_display().lower()
    if working_pattern == WorkingPattern.PART_TIME:
        label += f" ({fte.normalize():f} FTE)"
    record_event(
        event_type="ect_working_pattern_changed",
        heading=f"{period.teacher.full_name} now works {label}",
        by=by,
        teacher=period.teacher,
        school=period.school,
        ect_at_school_period=period,
        before=before,
        after={"working_pattern": working_pattern, "fte": fte},
    )
    _tell(period, f"working pattern changed to {label}")
    return period


@transaction.atomic
def change_appropriate_body(
    *, period: ECTAtSchoolPeriod, appropriate_body, by: Actor
) -> ECTAtSchoolPeriod:
    """The appropriate body the school chooses for the ECT (rule 17). The one already holding
    their induction keeps it until it releases them (rule 14)."""
    period = _lock(period)
    if period.appropriate_body_id == appropriate_body.pk:
        raise ParticipantError(errors.NOTHING_CHANGED)
    check_appropriate_body(period.school, appropriate_body)
    before = period.appropriate_body
    period.appropriate_body = appropriate_body
    period.save(update_fields=["appropriate_body"])
    record_event(
        event_type="ect_appropriate_body_changed",
        heading=f"{period.school.name} chose {appropriate_body.name} as {period.teacher.full_name}'s appropriate body",
        by=by,
        teacher=period.teacher,
        school=period.school,
        appropriate_body=appropriate_body,
        ect_at_school_period=period,
        before={"appropriate_body": before.name if before else None},
        after={"appropriate_body": appropriate_body.name},
    )
    emails = sorted(
        set(_interested_emails(period))
        | set(notifications._appropriate_body_emails(before) if before else ())
    )
    notifications.ect_changed(
        period.pk, what=f"appropriate body changed to {appropriate_body.name}", recipients=emails
    )
    return period


@transaction.atomic
def change_training(
    *, period: ECTAtSchoolPeriod, training_programme: str, school_partnership=None, by: Actor
) -> TrainingPeriod:
    """Change the ECT's programme or lead provider: their current training ends yesterday and
    the new one starts today. Training that has not begun yet is replaced instead."""
    period = _lock(period)
    if training_programme == TrainingProgramme.SCHOOL_LED:
        school_partnership = None
    today = dates.today()
    starts_on = max(today, period.started_on)
    check_partnership(period.school, school_partnership, dates.academic_year_for(starts_on))
    current = period.training_periods.ongoing().select_for_update(of=("self",)).first()
    old_emails = _interested_emails(period)
    if current is not None and (current.training_programme, current.school_partnership_id) == (
        training_programme,
        school_partnership.pk if school_partnership else None,
    ):
        raise ParticipantError(errors.NOTHING_CHANGED)
    if current is not None and current.started_on >= starts_on:
        # Training that has not begun yet is corrected in place; the event keeps the old value.
        before = {
            "training_programme": current.training_programme,
            "school_partnership": current.school_partnership,
        }
        current.training_programme = training_programme
        current.school_partnership = school_partnership
        current.save(update_fields=["training_programme", "school_partnership"])
        training = current
        record_event(
            event_type="training_changed",
            heading=f"{period.teacher.full_name}'s training was changed before it began",
            by=by,
            teacher=period.teacher,
            school=period.school,
            lead_provider=school_partnership.lead_provider if school_partnership else None,
            training_period=training,
            before=before,
            after={
                "training_programme": training_programme,
                "school_partnership": school_partnership,
            },
        )
    else:
        if current is not None:
            current.finished_on = starts_on - datetime.timedelta(days=1)
            current.save(update_fields=["finished_on"])
        training = start_training(
            ect_period=period,
            training_programme=training_programme,
            school_partnership=school_partnership,
            started_on=starts_on,
            by=by,
        )
    provider = school_partnership.lead_provider.name if school_partnership else None
    what = (
        f"training changed to provider-led with {provider}"
        if provider
        else "training changed to school-led"
    )
    emails = sorted(set(old_emails) | set(_interested_emails(period)))
    notifications.ect_changed(period.pk, what=what, recipients=emails)
    return training
