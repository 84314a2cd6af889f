"""Reminders about the training programme: the module sequence to confirm, mentor meetings
missed against the cadence, and engagement below the threshold at the end of a half-term.

They read the programmes app through its own functions (sequencing, participation,
cadence), so a reminder says what the induction tutor's and mentor's pages say.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Exists, Max, Min, OuterRef, Q
from django.urls import reverse

from ecte.calendar import dates
from ecte.formatting import format_date
from ecte.notifications.recipients import (
    induction_tutor_ids_by_school,
    links_to,
    mentor_user_ids_by_teacher,
)
from ecte.notifications.reminders import reminder
from ecte.notifications.reminders._common import Field, full_name, unsent, untold
from ecte.notifications.services import Notice, notify_many

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


def schools_to_confirm_sequence(schools: list, academic_year: int) -> list:
    """Of `schools`, those whose "Confirm module sequence" task is not started or in
    progress (`programmes.selectors.module_sequence_task`), found for every school at once:
    provider-led (or not chosen yet) with a provider whose programme for the year has a
    flexible sequence, and no confirmed sequence of their own or their trust's for it."""
    from programmes import sequencing
    from programmes.models import ModuleSequence

    if sequencing.is_locked(academic_year):
        return []
    choices = sequencing.school_programme_choices(schools, academic_year)
    confirmed = ModuleSequence.objects.filter(
        academic_year=academic_year, confirmed_at__isnull=False
    )
    by_trust = set(
        confirmed.filter(trust__isnull=False).values_list("trust_id", "lead_provider_id")
    )
    by_school = set(
        confirmed.filter(school__isnull=False).values_list("school_id", "lead_provider_id")
    )
    flexible: dict[int, bool] = {}
    found = []
    for school in schools:
        choice = choices[school.pk]
        if choice.training_programme and choice.training_programme != sequencing.PROVIDER_LED:
            continue
        provider = choice.lead_provider
        if provider is None:
            continue
        if provider.pk not in flexible:
            programme = sequencing.programme_for(provider, academic_year)
            flexible[provider.pk] = programme is not None and sequencing.is_flexible(programme)
        if not flexible[provider.pk]:
            continue
        if (school.trust_id, provider.pk) in by_trust or (school.pk, provider.pk) in by_school:
            continue
        found.append(school)
    return found


@reminder("module_sequence_not_confirmed", kind=SEQUENCE)
def remind_module_sequence(on: datetime.date) -> int:
    """Tell the induction tutors of each school with ECTs on a flexible programme and no
    confirmed sequence (a draft, or nothing) to confirm it before the deadline."""
    from participants.models import ECTAtSchoolPeriod
    from programmes import sequencing
    from schools.models import School

    year = dates.academic_year_for(on)
    occasion = sequence_occasion(on, year)
    if occasion is None:
        return 0
    deadline = format_date(sequencing.sequence_deadline(year))
    suffix = f":sequence:{year}:{occasion}-working-days"
    schools = list(
        unsent(
            School.objects.filter(
                Exists(ECTAtSchoolPeriod.objects.ongoing().filter(school_id=OuterRef("pk")))
            ),
            SEQUENCE,
            "school:",
            Field("pk"),
            suffix,
        ).only("pk", "name", "trust")
    )
    schools = schools_to_confirm_sequence(schools, year)
    tutors = induction_tutor_ids_by_school(school.pk for school in schools)
    link = f"{reverse('school_programme:module_sequence')}?year={year}"
    return notify_many(
        kind=SEQUENCE,
        notices=[
            Notice(
                recipient_id=user_id,
                key=f"school:{school.pk}{suffix}",
                subject=f"Confirm your ECTs' module sequence by {deadline}",
                body=(
                    f"{school.name} has not confirmed the order its early career teachers "
                    f"take their modules in this year. Confirm it by {deadline}, the end of "
                    "Autumn half-term 1.\n\nIf you do not, your ECTs follow the lead "
                    "provider's designed order for the rest of the year."
                ),
                link=link,
            )
            for school in schools
            for user_id in tutors[school.pk]
        ],
    )


# --- mentor meetings missed -----------------------------------------------------------------


@dataclass(frozen=True)
class MissedRun:
    """The latest windows that ended with no meeting, one after another."""

    starts_on: datetime.date  # the first missed window's start: names the run
    windows: int


def run_of_missed(windows: list, held: list[datetime.date], on: datetime.date) -> MissedRun | None:
    """Meetings missed in a row up to `on` in `windows` (those overlapping the mentoring up
    to `on`), given the days meetings were held since it started; None when the latest
    window that ended had a meeting, or one was held in the current one."""
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


class YearOfWindows:
    """One cadence's windows over the academic year, searched by day: the set-based form of
    `cadence.windows_between` and `run_of_missed` for a sweep over every mentorship."""

    def __init__(self, half_terms, *, every_weeks, focuses):
        from programmes import cadence

        self.windows = [
            window
            for half_term in half_terms
            for window in cadence.half_term_windows(
                half_term, every_weeks=every_weeks, focuses=list(focuses) or None
            )
        ]
        self.starts = [window.starts_on for window in self.windows]
        self.ends = [window.ends_on for window in self.windows]

    def between(self, from_day: datetime.date, to_day: datetime.date) -> list:
        """The windows overlapping [from_day, to_day], as `cadence.windows_between`."""
        return self.windows[bisect_left(self.ends, from_day) : bisect_right(self.starts, to_day)]

    def missed(
        self,
        from_day: datetime.date,
        on: datetime.date,
        last_before: datetime.date | None,
        first_from: datetime.date | None,
    ) -> MissedRun | None | bool:
        """`run_of_missed` from two days only: the last meeting before `on` that fell in a
        half-term, and the first on or after `on` (both on or after `from_day`). False when
        those two cannot decide it (the last fell outside every window, or the mentoring
        starts after `on`): the caller then reads every meeting."""
        if from_day > on:
            return False
        low, high = bisect_left(self.ends, from_day), bisect_right(self.starts, on)
        current = self.windows[high - 1] if high > low and self.ends[high - 1] >= on else None
        if current is not None and (
            (last_before is not None and last_before >= current.starts_on)
            or (first_from is not None and first_from <= current.ends_on)
        ):
            return None
        ended = high - 1 if current is not None else high
        first_missed = low
        if last_before is not None:
            held_in = bisect_right(self.starts, last_before) - 1
            if held_in < 0 or self.ends[held_in] < last_before:
                return False
            first_missed = held_in + 1
        if ended <= first_missed:
            return None
        return MissedRun(starts_on=self.starts[first_missed], windows=ended - first_missed)


def _meeting_days_around(on: datetime.date, half_terms) -> dict[int, tuple]:
    """{ongoing mentorship id: (the last meeting day before `on` in a half-term, the first on
    or after `on`)}: one aggregate over this year's meetings."""
    from programmes.models import MentorMeeting

    in_half_term = Q()
    for half_term in half_terms:
        in_half_term |= Q(held_on__range=(half_term.starts_on, half_term.ends_on))
    rows = (
        MentorMeeting.objects.filter(
            mentorship__finished_on__isnull=True, held_on__gte=half_terms[0].starts_on
        )
        .values("mentorship_id")
        .annotate(
            last_before=Max("held_on", filter=Q(held_on__lt=on) & in_half_term),
            first_from=Min("held_on", filter=Q(held_on__gte=on)),
        )
        .values_list("mentorship_id", "last_before", "first_from")
    )
    return {mentorship_id: (last, first) for mentorship_id, last, first in rows}


@reminder("mentor_meetings_missed", kind=MEETINGS_MISSED)
def remind_mentor_meetings_missed(on: datetime.date) -> int:
    """Tell the mentor when two meetings in a row were missed, and the induction tutor when
    a third was missed as well.

    Set-based for the whole country: the cadences in a few queries, each mentorship's
    meetings reduced by the database to two days, the runs found by searching each
    cadence's windows, the occasions already told left out in one query, and the rest
    created in bulk."""
    from participants.models import ECTAtSchoolPeriod, Mentorship
    from programmes import participation
    from programmes.models import MentorMeeting

    catalogue = participation.Catalogue(dates.academic_year_for(on), today=on)
    ongoing = Mentorship.objects.ongoing()
    cadences = participation.meeting_cadences(
        ECTAtSchoolPeriod.objects.filter(pk__in=ongoing.values("ect_at_school_period_id")),
        catalogue,
    )
    days = _meeting_days_around(on, catalogue.half_terms)
    years: dict[tuple, YearOfWindows] = {}
    runs: dict[int, MissedRun] = {}
    undecided: dict[int, tuple] = {}
    whom: dict[int, tuple[int, int, int]] = {}  # (ECT period, school, mentor teacher)
    mentorships = ongoing.values_list(
        "pk",
        "started_on",
        "ect_at_school_period_id",
        "ect_at_school_period__school_id",
        "mentor_at_school_period__teacher_id",
    )
    for mentorship_id, started_on, period_id, school_id, mentor_id in mentorships:
        cadence = cadences.get(period_id)
        if cadence is None:
            continue  # no programme, so no cadence to miss
        key = (cadence.every_weeks, tuple(focus.pk for focus in cadence.focuses))
        if key not in years:
            years[key] = YearOfWindows(
                catalogue.half_terms, every_weeks=cadence.every_weeks, focuses=cadence.focuses
            )
        from_day = max(started_on, cadence.joined_on)
        last_before, first_from = days.get(mentorship_id, (None, None))
        run = years[key].missed(
            from_day,
            on,
            last_before if last_before is not None and last_before >= from_day else None,
            first_from if first_from is not None and first_from >= from_day else None,
        )
        whom[mentorship_id] = (period_id, school_id, mentor_id)
        if run is False:
            undecided[mentorship_id] = (years[key], from_day)
        elif run is not None and run.windows >= MISSED_IN_A_ROW_FOR_MENTOR:
            runs[mentorship_id] = run
    if undecided:
        held = defaultdict(list)
        for mentorship_id, day in MentorMeeting.objects.filter(
            mentorship_id__in=list(undecided)
        ).values_list("mentorship_id", "held_on"):
            held[mentorship_id].append(day)
        for mentorship_id, (year, from_day) in undecided.items():
            run = run_of_missed(
                year.between(from_day, on), [d for d in held[mentorship_id] if d >= from_day], on
            )
            if run is not None and run.windows >= MISSED_IN_A_ROW_FOR_MENTOR:
                runs[mentorship_id] = run
    return _tell_of_missed_meetings(runs, whom)


def _missed_key(mentorship_id: int, run: MissedRun) -> str:
    return f"mentorship:{mentorship_id}:meetings-missed-from:{run.starts_on.isoformat()}"


def _tell_of_missed_meetings(
    runs: dict[int, MissedRun], whom: dict[int, tuple[int, int, int]]
) -> int:
    from participants.models import Mentorship

    mentors = mentor_user_ids_by_teacher({whom[pk][2] for pk in runs})
    tutors = induction_tutor_ids_by_school(
        {whom[pk][1] for pk, run in runs.items() if run.windows >= MISSED_IN_A_ROW_FOR_TUTOR}
    )
    recipients: dict[str, list[int]] = {}
    for pk, run in runs.items():
        _, school_id, mentor_id = whom[pk]
        recipients[f"{_missed_key(pk, run)}:mentor"] = mentors[mentor_id]
        if run.windows >= MISSED_IN_A_ROW_FOR_TUTOR:
            recipients[f"{_missed_key(pk, run)}:tutor"] = tutors[school_id]
    # Only the people not told of a run yet (someone who joined since, such as a new tutor,
    # still is): a run everyone was told of is not written out again.
    recipients = untold(MEETINGS_MISSED, recipients)
    pending = {pk for pk, run in runs.items() if f"{_missed_key(pk, run)}:mentor" in recipients}
    pending |= {pk for pk, run in runs.items() if f"{_missed_key(pk, run)}:tutor" in recipients}
    if not pending:
        return 0
    names = {
        pk: (full_name(first, last), full_name(mentor_first, mentor_last))
        for pk, first, last, mentor_first, mentor_last in Mentorship.objects.filter(
            pk__in=sorted(pending)
        ).values_list(
            "pk",
            "ect_at_school_period__teacher__first_name",
            "ect_at_school_period__teacher__last_name",
            "mentor_at_school_period__teacher__first_name",
            "mentor_at_school_period__teacher__last_name",
        )
    }
    mentor_link = links_to("mentoring:ect")
    tutor_link = links_to("school_programme:engagement_ect")
    notices = []
    for pk in sorted(pending):
        run, key, period_id = runs[pk], _missed_key(pk, runs[pk]), whom[pk][0]
        name, mentor_name = names[pk]
        since = format_date(run.starts_on)
        notices += [
            Notice(
                recipient_id=user_id,
                key=f"{key}:mentor",
                subject=f"Mentor meetings with {name} have been missed",
                body=(
                    f"No mentor meeting with {name} has been recorded for the last "
                    f"{run.windows} meetings due, since {since}.\n\n"
                    "Hold the next meeting and record it. If you have held meetings, record "
                    "them so that the induction tutor can see them."
                ),
                link=mentor_link(period_id),
            )
            for user_id in recipients.get(f"{key}:mentor", [])
        ]
        notices += [
            Notice(
                recipient_id=user_id,
                key=f"{key}:tutor",
                subject=f"{mentor_name} has missed mentor meetings with {name}",
                body=(
                    f"No mentor meeting between {mentor_name} and {name} has been "
                    f"recorded for the last {run.windows} meetings due, since {since}. "
                    "The mentor has been reminded.\n\n"
                    "Check that meetings are being held and recorded."
                ),
                link=tutor_link(period_id),
            )
            for user_id in recipients.get(f"{key}:tutor", [])
        ]
    return notify_many(kind=MEETINGS_MISSED, notices=notices)


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
    from participants.models import TrainingPeriod
    from programmes import participation
    from programmes.models import Programme

    half_term = half_term_just_ended(on)
    if half_term is None:
        return 0
    # Measured as it stood the day after the half-term ended: what was due in it, counted.
    catalogue = participation.Catalogue(
        half_term.academic_year, today=half_term.ends_on + datetime.timedelta(days=1)
    )
    occasion = f"{half_term.academic_year}-{half_term.number}"
    suffix = f":engagement:{occasion}"
    # Only an ECT training with a provider that has a programme this year can have content
    # to engage with: the others are left in the database.
    with_a_programme = Exists(
        TrainingPeriod.objects.filter(
            ect_at_school_period=OuterRef("pk"),
            school_partnership__lead_provider__in=Programme.objects.filter(
                academic_year=half_term.academic_year
            ).values("lead_provider_id"),
        )
    )
    periods = list(
        unsent(
            participation.ect_periods_queryset()
            .ongoing()
            .filter(with_a_programme, started_on__lte=half_term.ends_on),
            ENGAGEMENT,
            "ect-period:",
            Field("pk"),
            suffix,
        )
    )
    catalogue.know_schools_without_sequences({period.school for period in periods})
    programmes = participation.ect_programmes(periods, catalogue)
    teacher_ids = [period.teacher_id for period in periods]
    records = participation.study_records_for(teacher_ids)
    attended = participation.attendance_for(teacher_ids)
    below_by_period = {}
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
        if below:
            below_by_period[period] = (threshold, below)
    tutors = induction_tutor_ids_by_school(period.school_id for period in below_by_period)
    link = links_to("school_programme:engagement_ect")
    notices = []
    for period, (threshold, below) in below_by_period.items():
        name = period.teacher.full_name
        lines = "\n".join(
            f"- {label.capitalize()}: {p.done} of {p.expected} ({p.percent}%)"
            for label, p in below.items()
        )
        notices += [
            Notice(
                recipient_id=user_id,
                key=f"ect-period:{period.pk}{suffix}",
                subject=f"{name}'s engagement is below {threshold}%",
                body=(
                    f"At the end of {half_term.name}, {name}'s engagement with their training "
                    f"was below the expected {threshold}%:\n\n{lines}\n\nTalk to {name} and "
                    "their mentor about how to catch up."
                ),
                link=link(period.pk),
            )
            for user_id in tutors[period.school_id]
        ]
    return notify_many(kind=ENGAGEMENT, notices=notices)
