"""Reminders that follow the school terms: check and report changes at the start of each
term, and record a progress review by the end of it."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q

from ecte.calendar import dates
from ecte.formatting import format_date
from ecte.notifications.recipients import induction_tutor_ids_by_school, link_to, links_to
from ecte.notifications.reminders import reminder
from ecte.notifications.reminders._common import Field, full_name, unsent
from ecte.notifications.services import Notice, notify_many

START_OF_TERM = "start_of_term_check"
REVIEW_DUE = "progress_review_due"
# The start of term reminder goes out on the first working day of the term, or on the
# next few if the sweep did not run that day.
START_OF_TERM_WORKING_DAYS = 5
# SG 2.48-2.54: a progress review in every term without a formal assessment. The tutor is
# reminded in the last two weeks of the term, and told it is overdue in the first two
# working weeks after it ended.
REVIEW_DUE_DAYS_BEFORE_END = 13
OVERDUE_FOR_WORKING_DAYS = 10


@reminder("start_of_term_check", kind=START_OF_TERM)
def remind_start_of_term(on: date) -> int:
    """Ask the induction tutor of every school with ECTs or mentors to check their details."""
    from participants.models import ECTAtSchoolPeriod, MentorAtSchoolPeriod
    from schools.models import School

    term = dates.term_for(on)
    if term is None:
        return 0
    if dates.working_days_between(term.starts_on - timedelta(days=1), on) > (
        START_OF_TERM_WORKING_DAYS
    ):
        return 0
    in_term = Q(started_on__lte=term.ends_on) & (
        Q(finished_on__isnull=True) | Q(finished_on__gte=term.starts_on)
    )
    has_people = Exists(
        ECTAtSchoolPeriod.objects.filter(in_term, school_id=OuterRef("pk"))
    ) | Exists(MentorAtSchoolPeriod.objects.filter(in_term, school_id=OuterRef("pk")))
    occasion = f":term:{term.academic_year}-{term.number}:check"
    schools = list(
        unsent(
            School.objects.filter(has_people), START_OF_TERM, "school:", Field("pk"), occasion
        ).values_list("pk", "name")
    )
    tutors = induction_tutor_ids_by_school(pk for pk, _ in schools)
    link = link_to("schools:home")
    return notify_many(
        kind=START_OF_TERM,
        notices=[
            Notice(
                recipient_id=user_id,
                key=f"school:{pk}{occasion}",
                subject=f"{term.label} has started: check your ECTs' and mentors' details",
                body=(
                    f"The {term.label.lower()} has started. Check the details of the early "
                    f"career teachers and mentors at {name}, and tell us about any "
                    "change: someone who has left, a new mentor, a change of working pattern "
                    "or of appropriate body.\n\nThe appropriate body and lead provider see "
                    "the changes as soon as you report them."
                ),
                link=link,
            )
            for pk, name in schools
            for user_id in tutors[pk]
        ],
    )


def _terms_to_check(on: date) -> list[tuple[dates.Term, str]]:
    """(term, occasion): the current term in its last two weeks ("due"), and a term that
    ended in the last two working weeks ("overdue")."""
    found = []
    current = dates.term_for(on)
    if current is not None and on >= current.ends_on - timedelta(days=REVIEW_DUE_DAYS_BEFORE_END):
        found.append((current, "due"))
    year = dates.academic_year_for(on)
    ended = [t for t in (*dates.terms(year - 1), *dates.terms(year)) if t.ends_on < on]
    if ended:
        last = ended[-1]
        if dates.working_days_between(last.ends_on, on) <= OVERDUE_FOR_WORKING_DAYS:
            found.append((last, "overdue"))
    return found


@reminder("progress_review_due", kind=REVIEW_DUE)
def remind_progress_reviews_due(on: date) -> int:
    """Tell induction tutors of each ECT in induction with no progress review (or formal
    assessment) recorded this term: due in the term's last two weeks, overdue after it."""
    from induction.models import Assessment, InductionPeriod, ProgressReview
    from participants.models import ECTAtSchoolPeriod

    sent = 0
    for term, occasion in _terms_to_check(on):
        last_fortnight = term.ends_on - timedelta(days=REVIEW_DUE_DAYS_BEFORE_END)
        until = term.ends_on if occasion == "due" else on
        in_induction = Exists(
            InductionPeriod.objects.filter(
                teacher_id=OuterRef("teacher_id"), started_on__lte=last_fortnight
            ).filter(Q(finished_on__isnull=True) | Q(finished_on__gte=term.ends_on))
        )
        reviewed = Exists(
            ProgressReview.objects.filter(
                teacher_id=OuterRef("teacher_id"), reviewed_on__range=(term.starts_on, until)
            )
        ) | Exists(
            Assessment.objects.filter(
                teacher_id=OuterRef("teacher_id"), meeting_on__range=(term.starts_on, until)
            )
        )
        suffix = f":term:{term.academic_year}-{term.number}:review-{occasion}"
        periods = list(
            unsent(
                ECTAtSchoolPeriod.objects.filter(
                    Q(finished_on__isnull=True) | Q(finished_on__gte=term.ends_on),
                    started_on__lte=last_fortnight,
                )
                .filter(in_induction)
                .exclude(reviewed),
                REVIEW_DUE,
                "ect-period:",
                Field("pk"),
                suffix,
            ).values_list("pk", "school_id", "teacher__first_name", "teacher__last_name")
        )
        tutors = induction_tutor_ids_by_school(school_id for _, school_id, _, _ in periods)
        link = links_to("schools:ect")
        notices = []
        for pk, school_id, first_name, last_name in periods:
            name = full_name(first_name, last_name)
            if occasion == "due":
                subject = f"Progress review due for {name} by {format_date(term.ends_on)}"
                body = (
                    f"Record a progress review for {name} before the {term.label.lower()} "
                    f"ends on {format_date(term.ends_on)}, unless their formal assessment "
                    "falls this term.\n\nEarly career teachers have a progress review in every "
                    "term without a formal assessment. It is sent to their appropriate body."
                )
            else:
                subject = f"Progress review overdue for {name}"
                body = (
                    f"No progress review or formal assessment was recorded for {name} in the "
                    f"{term.label.lower()}, which ended on {format_date(term.ends_on)}.\n\n"
                    "Record it now: it is sent to their appropriate body."
                )
            notices += [
                Notice(
                    recipient_id=user_id,
                    key=f"ect-period:{pk}{suffix}",
                    subject=subject,
                    body=body,
                    link=link(pk),
                )
                for user_id in tutors[school_id]
            ]
        sent += notify_many(kind=REVIEW_DUE, notices=notices)
    return sent
