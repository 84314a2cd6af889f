"""Reminders about the training programme: the module sequence to confirm, mentor meetings
missed against the cadence, and engagement below the threshold at the end of a half-term.

They read the programmes app through its own functions (sequencing, participation,
cadence), so a reminder says what the induction tutor's and mentor's pages say.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from ecte.calendar import dates
from ecte.formatting import format_date
from ecte.notifications.recipients import (
    induction_tutors_by_school,
    link_to,
    mentor_users_by_teacher,
)
from ecte.notifications.reminders import reminder
from ecte.notifications.services import notify

SEQUENCE = "module_sequence_not_confirmed"
MEETINGS_MISSED = "mentor_meetings_missed"
ENGAGEMENT = "engagement_below_expected"

# Rule 25: the sequence is confirmed by the end of Autumn half-term 1. Tutors are reminded
# 10 working days before, and again 3 working days before.
SEQUENCE_REMINDERS_AT = (10, 3)
# The mentor is told when two meetings in a row were missed; the tutor when the next one
# was missed too.
MISSED_IN_A_ROW_FOR_MENTOR = 2
MISSED_IN_A_ROW_FOR_TUTOR = 3
# Engagement is looked at once a half-term has ended, for up to two working weeks (the
# sweep may not run on the first day; the holiday usually covers the rest).
ENGAGEMENT_FOR_WORKING_DAYS = 10
DEFAULT_ENGAGEMENT_THRESHOLD = 75


# --- module sequence ------------------------------------------------------------------------


def sequence_occasion(on: datetime.date, academic_year: int) -> int | None:
    """10 or 3: the reminder due on `on` (the nearer one once both have passed), or None
    before 10 working days are left or after the deadline."""
    from programmes import sequencing

    deadline = sequencing.sequence_deadline(academic_year)
    if on > deadline:
        return None
    left = dates.working_days_between(on, deadline)
    due = [days for days in SEQUENCE_REMINDERS_AT if left <= days]
    return min(due) if due else None


@reminder("module_sequence_not_confirmed", kind=SEQUENCE)
def remind_module_sequence(on: datetime.date) -> int:
    """Tell the induction tutors of each school with ECTs on a flexible programme and no
    confirmed sequence (a draft, or nothing) to confirm it before the deadline."""
    from participants.models import ECTAtSchoolPeriod
    from programmes import selectors, sequencing
    from schools.models import School

    year = dates.academic_year_for(on)
    occasion = sequence_occasion(on, year)
    if occasion is None:
        return 0
    deadline = format_date(sequencing.sequence_deadline(year))
    schools = list(
        School.objects.filter(
            Exists(ECTAtSchoolPeriod.objects.ongoing().filter(school_id=OuterRef("pk")))
        ).only("pk", "name", "trust")
    )
    tutors = induction_tutors_by_school(school.pk for school in schools)
    sent = 0
    for school in schools:
        if not tutors[school.pk]:
            continue
        task = selectors.module_sequence_task(school, year)
        if task["status"] not in (selectors.NOT_STARTED, selectors.IN_PROGRESS):
            continue
        sent += len(
            notify(
                recipients=tutors[school.pk],
                kind=SEQUENCE,
                subject=f"Confirm your ECTs' module sequence by {deadline}",
                body=(
                    f"{school.name} has not confirmed the order its early career teachers "
                    f"take their modules in this year. Confirm it by {deadline}, the end of "
                    "Autumn half-term 1.\n\nIf you do not, your ECTs follow the lead "
                    "provider's designed order for the rest of the year."
                ),
                link=task["href"] or "",
                key=f"school:{school.pk}:sequence:{year}:{occasion}-working-days",
            )
        )
    return sent


# --- mentor meetings missed -----------------------------------------------------------------


@dataclass(frozen=True)
class MissedRun:
    """The latest windows that ended with no meeting, one after another."""

    starts_on: datetime.date  # the first missed window's start: names the run
    windows: int


def missed_run(
    ect, mentorship, meeting_days: list[datetime.date], on: datetime.date
) -> MissedRun | None:
    """Meetings missed in a row up to `on`, against the ECT's cadence (rules 18-19); None
    when the latest window that ended had a meeting, or one was held in the current one."""
    from programmes import cadence

    from_day = max(mentorship.started_on, ect.joined_on)
    windows = cadence.windows_between(
        ect.catalogue.half_terms,
        every_weeks=ect.meeting_every_weeks,
        focuses=ect.meeting_focuses,
        from_day=from_day,
        to_day=on,
    )
    held = [day for day in meeting_days if day >= from_day]
    current = next((w for w in windows if on in w), None)
    if current is not None and any(day in current for day in held):
        return None
    run = []
    for window in reversed([w for w in windows if w.ends_on < on]):
        if any(day in window for day in held):
            break
        run.append(window)
    if not run:
        return None
    return MissedRun(starts_on=run[-1].starts_on, windows=len(run))


@reminder("mentor_meetings_missed", kind=MEETINGS_MISSED)
def remind_mentor_meetings_missed(on: datetime.date) -> int:
    """Tell the mentor when two meetings in a row were missed, and the induction tutor when
    a third was missed as well."""
    from participants.models import Mentorship
    from programmes import participation

    catalogue = participation.Catalogue(dates.academic_year_for(on), today=on)
    mentorships = {
        m.ect_at_school_period_id: m
        for m in Mentorship.objects.ongoing().select_related("mentor_at_school_period__teacher")
    }
    periods = list(participation.ect_periods_queryset().filter(pk__in=list(mentorships)))
    programmes = participation.ect_programmes(periods, catalogue)
    _, meetings = participation.logs_for(m.pk for m in mentorships.values())
    mentors = mentor_users_by_teacher(
        m.mentor_at_school_period.teacher_id for m in mentorships.values()
    )
    tutors = induction_tutors_by_school(period.school_id for period in periods)
    sent = 0
    for period in periods:
        ect = programmes[period.pk]
        if ect.programme_year is None:
            continue  # no programme, so no cadence to miss
        mentorship = mentorships[period.pk]
        run = missed_run(ect, mentorship, [m.held_on for m in meetings[mentorship.pk]], on)
        if run is None or run.windows < MISSED_IN_A_ROW_FOR_MENTOR:
            continue
        name = period.teacher.full_name
        key = f"mentorship:{mentorship.pk}:meetings-missed-from:{run.starts_on.isoformat()}"
        mentor = mentorship.mentor_at_school_period.teacher
        sent += len(
            notify(
                recipients=mentors[mentor.pk],
                kind=MEETINGS_MISSED,
                subject=f"Mentor meetings with {name} have been missed",
                body=(
                    f"No mentor meeting with {name} has been recorded for the last "
                    f"{run.windows} meetings due, since {format_date(run.starts_on)}.\n\n"
                    "Hold the next meeting and record it. If you have held meetings, record "
                    "them so that the induction tutor can see them."
                ),
                link=link_to("mentoring:ect", period.pk),
                key=f"{key}:mentor",
            )
        )
        if run.windows >= MISSED_IN_A_ROW_FOR_TUTOR:
            sent += len(
                notify(
                    recipients=tutors[period.school_id],
                    kind=MEETINGS_MISSED,
                    subject=f"{mentor.full_name} has missed mentor meetings with {name}",
                    body=(
                        f"No mentor meeting between {mentor.full_name} and {name} has been "
                        f"recorded for the last {run.windows} meetings due, since "
                        f"{format_date(run.starts_on)}. The mentor has been reminded.\n\n"
                        "Check that meetings are being held and recorded."
                    ),
                    link=link_to("school_programme:engagement_ect", period.pk),
                    key=f"{key}:tutor",
                )
            )
    return sent


# --- engagement -------------------------------------------------------------------------------


def half_term_just_ended(on: datetime.date) -> dates.HalfTerm | None:
    """The half-term that ended in the last two working weeks before `on`, if any."""
    year = dates.academic_year_for(on)
    ended = [ht for ht in (*dates.half_terms(year - 1), *dates.half_terms(year)) if ht.ends_on < on]
    if not ended:
        return None
    last = ended[-1]
    if dates.working_days_between(last.ends_on, on) > ENGAGEMENT_FOR_WORKING_DAYS:
        return None
    return last


@reminder("engagement_below_expected", kind=ENGAGEMENT)
def remind_engagement_below_expected(on: datetime.date) -> int:
    """Tell the induction tutor of each ECT whose self-study or seminar engagement was below
    the programme's threshold (75%) at the end of the half-term (rule 29)."""
    from programmes import participation

    half_term = half_term_just_ended(on)
    if half_term is None:
        return 0
    # Measured as it stood the day after the half-term ended: what was due in it, counted.
    catalogue = participation.Catalogue(
        half_term.academic_year, today=half_term.ends_on + datetime.timedelta(days=1)
    )
    periods = list(
        participation.ect_periods_queryset().ongoing().filter(started_on__lte=half_term.ends_on)
    )
    programmes = participation.ect_programmes(periods, catalogue)
    teacher_ids = [period.teacher_id for period in periods]
    records = participation.study_records_for(teacher_ids)
    attended = participation.attendance_for(teacher_ids)
    tutors = induction_tutors_by_school(period.school_id for period in periods)
    occasion = f"{half_term.academic_year}-{half_term.number}"
    sent = 0
    for period in periods:
        ect = programmes[period.pk]
        if not ect.has_content:
            continue
        threshold = ect.programme.engagement_threshold or DEFAULT_ENGAGEMENT_THRESHOLD
        measures = {
            "self-study": participation.self_study_engagement(ect, records[period.teacher_id]),
            "seminars": participation.seminar_engagement(ect, attended[period.teacher_id]),
        }
        below = {label: p for label, p in measures.items() if p.below(threshold)}
        if not below:
            continue
        name = period.teacher.full_name
        lines = "\n".join(
            f"- {label.capitalize()}: {p.done} of {p.expected} ({p.percent}%)"
            for label, p in below.items()
        )
        sent += len(
            notify(
                recipients=tutors[period.school_id],
                kind=ENGAGEMENT,
                subject=f"{name}'s engagement is below {threshold}%",
                body=(
                    f"At the end of {half_term.name}, {name}'s engagement with their training "
                    f"was below the expected {threshold}%:\n\n{lines}\n\nTalk to {name} and "
                    "their mentor about how to catch up."
                ),
                link=link_to("school_programme:engagement_ect", period.pk),
                key=f"ect-period:{period.pk}:engagement:{occasion}",
            )
        )
    return sent
