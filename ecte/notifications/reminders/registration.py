"""Reminders about registrations: an ECT with no mentor, an ECT the appropriate body has not
claimed."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q

from ecte.calendar.dates import working_days_between
from ecte.formatting import format_date
from ecte.notifications.recipients import (
    appropriate_body_users_by_body,
    induction_tutors_by_school,
    link_to,
)
from ecte.notifications.reminders import reminder
from ecte.notifications.reminders._common import Field, local_date, unsent
from ecte.notifications.services import notify

# Service practice: every ECT has a dedicated mentor from the start (SG 2.41-2.45), so
# the induction tutor is reminded a week after registering an ECT without one.
MENTOR_WORKING_DAYS = 5
# Service practice: the appropriate body claims (opens the induction period) soon after
# the school registers an ECT; after two working weeks both sides are reminded.
CLAIM_WORKING_DAYS = 10

NO_MENTOR = "ect_without_mentor"
NOT_CLAIMED = "ect_not_claimed"


def _ongoing_on(on: date) -> Q:
    return Q(finished_on__isnull=True) | Q(finished_on__gte=on)


def _registered_at_least(periods, working_days: int, on: date) -> list:
    return [
        period
        for period in periods
        if working_days_between(local_date(period.created_at), on) >= working_days
    ]


@reminder("ect_without_mentor", kind=NO_MENTOR)
def remind_ects_without_a_mentor(on: date) -> int:
    """Tell the induction tutors of an ECT who, 5 working days after registration, has no mentor."""
    from participants.models import ECTAtSchoolPeriod, Mentorship

    has_mentor = Exists(
        Mentorship.objects.filter(ect_at_school_period=OuterRef("pk")).filter(_ongoing_on(on))
    )
    candidates = unsent(
        ECTAtSchoolPeriod.objects.filter(_ongoing_on(on))
        .filter(created_at__date__lte=on - timedelta(days=MENTOR_WORKING_DAYS))
        .exclude(has_mentor),
        NO_MENTOR,
        "ect-period:",
        Field("pk"),
        ":no-mentor",
    ).select_related("teacher", "school")
    due = _registered_at_least(candidates, MENTOR_WORKING_DAYS, on)
    tutors = induction_tutors_by_school(period.school_id for period in due)
    sent = 0
    for period in due:
        name = period.teacher.full_name
        sent += len(
            notify(
                recipients=tutors[period.school_id],
                kind=NO_MENTOR,
                subject=f"Assign a mentor to {name}",
                body=(
                    f"You registered {name} as an early career teacher at {period.school.name} "
                    f"on {format_date(local_date(period.created_at))}. They do not have a "
                    "mentor yet.\n\nEvery early career teacher must have a dedicated mentor. "
                    "Assign one, or register a new mentor."
                ),
                link=link_to("schools:ect", period.pk),
                key=f"ect-period:{period.pk}:no-mentor",
            )
        )
    return sent


@reminder("ect_not_claimed", kind=NOT_CLAIMED)
def remind_ects_not_claimed(on: date) -> int:
    """Tell the appropriate body and the induction tutors about an ECT with QTS that the
    appropriate body the school chose has not claimed 10 working days after registration."""
    from induction.models import InductionPeriod
    from participants.models import ECTAtSchoolPeriod

    claimed = Exists(
        InductionPeriod.objects.filter(
            teacher_id=OuterRef("teacher_id"),
            appropriate_body_id=OuterRef("appropriate_body_id"),
        ).filter(Q(finished_on__isnull=True) | Q(finished_on__gte=OuterRef("started_on")))
    )
    # Rule 2: a teacher who has passed or failed never starts induction again.
    completed = Exists(
        InductionPeriod.objects.filter(teacher_id=OuterRef("teacher_id")).exclude(outcome="")
    )
    candidates = unsent(
        ECTAtSchoolPeriod.objects.filter(_ongoing_on(on))
        .filter(
            appropriate_body__isnull=False,
            # Rule 1: without QTS there is nothing to claim yet.
            teacher__qts_awarded_on__isnull=False,
            created_at__date__lte=on - timedelta(days=CLAIM_WORKING_DAYS),
        )
        .exclude(claimed)
        .exclude(completed),
        NOT_CLAIMED,
        "ect-period:",
        Field("pk"),
        ":appropriate-body:",
        Field("appropriate_body_id"),
        ":not-claimed",
    ).select_related("teacher", "school", "appropriate_body")
    due = _registered_at_least(candidates, CLAIM_WORKING_DAYS, on)
    tutors = induction_tutors_by_school(period.school_id for period in due)
    bodies = appropriate_body_users_by_body(period.appropriate_body_id for period in due)
    sent = 0
    for period in due:
        teacher, school, body = period.teacher, period.school, period.appropriate_body
        registered_on = format_date(local_date(period.created_at))
        key = f"ect-period:{period.pk}:appropriate-body:{body.pk}:not-claimed"
        sent += len(
            notify(
                recipients=bodies[body.pk],
                kind=NOT_CLAIMED,
                subject=f"Claim {teacher.full_name} from {school.name}",
                body=(
                    f"{school.name} (URN {school.urn}) registered {teacher.full_name} "
                    f"(TRN {teacher.trn}) as an early career teacher on {registered_on} and "
                    f"chose {body.name} as their appropriate body.\n\nYou have not claimed "
                    "them yet. Claim them to start their induction period, or tell the "
                    "school if you will not be their appropriate body."
                ),
                link=link_to("induction:claim_find"),
                key=key,
            )
        )
        sent += len(
            notify(
                recipients=tutors[school.pk],
                kind=NOT_CLAIMED,
                subject=f"{body.name} has not claimed {teacher.full_name} yet",
                body=(
                    f"You registered {teacher.full_name} on {registered_on}. {body.name}, the "
                    "appropriate body you chose, has not claimed them yet, so their induction "
                    f"has not started in this service.\n\nContact {body.name}"
                    + (f" at {body.email}" if body.email else "")
                    + ", or change the appropriate body if you chose the wrong one."
                ),
                link=link_to("schools:ect", period.pk),
                key=key,
            )
        )
    return sent
