"""Reminders about registrations: an ECT with no mentor, an ECT the appropriate body has not
claimed."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q

from ecte.calendar.dates import working_days_between
from ecte.formatting import format_date
from ecte.notifications.recipients import (
    appropriate_body_user_ids_by_body,
    induction_tutor_ids_by_school,
    link_to,
    links_to,
)
from ecte.notifications.reminders import reminder
from ecte.notifications.reminders._common import TEACHER_NAME, Field, full_name, local_date, unsent
from ecte.notifications.services import Notice, notify_many

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


def _registered_at_least(rows: list, working_days: int, on: date) -> list:
    """Rows (created_at first) registered at least `working_days` working days before `on`."""
    return [row for row in rows if working_days_between(local_date(row[0]), on) >= working_days]


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
    ).values_list("created_at", "pk", "school_id", "school__name", *TEACHER_NAME)
    due = _registered_at_least(list(candidates), MENTOR_WORKING_DAYS, on)
    tutors = induction_tutor_ids_by_school(row[2] for row in due)
    link = links_to("schools:ect")
    notices = []
    for created_at, pk, school_id, school_name, first_name, last_name in due:
        name = full_name(first_name, last_name)
        notice = {
            "key": f"ect-period:{pk}:no-mentor",
            "subject": f"Assign a mentor to {name}",
            "body": (
                f"You registered {name} as an early career teacher at {school_name} "
                f"on {format_date(local_date(created_at))}. They do not have a "
                "mentor yet.\n\nEvery early career teacher must have a dedicated mentor. "
                "Assign one, or register a new mentor."
            ),
            "link": link(pk),
        }
        notices += [Notice(recipient_id=user_id, **notice) for user_id in tutors[school_id]]
    return notify_many(kind=NO_MENTOR, notices=notices)


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
    ).values_list(
        "created_at",
        "pk",
        "school_id",
        "school__name",
        "school__urn",
        "appropriate_body_id",
        "appropriate_body__name",
        "appropriate_body__email",
        "teacher__trn",
        *TEACHER_NAME,
    )
    due = _registered_at_least(list(candidates), CLAIM_WORKING_DAYS, on)
    tutors = induction_tutor_ids_by_school(row[2] for row in due)
    bodies = appropriate_body_user_ids_by_body(row[5] for row in due)
    link = links_to("schools:ect")
    notices = []
    for row in due:
        created_at, pk, school_id, school, urn, body_id, body, body_email, trn = row[:9]
        name = full_name(*row[9:])
        registered_on = format_date(local_date(created_at))
        key = f"ect-period:{pk}:appropriate-body:{body_id}:not-claimed"
        to_body = {
            "key": key,
            "subject": f"Claim {name} from {school}",
            "body": (
                f"{school} (URN {urn}) registered {name} (TRN {trn}) as an early career "
                f"teacher on {registered_on} and chose {body} as their appropriate body.\n\n"
                "You have not claimed them yet. Claim them to start their induction period, "
                "or tell the school if you will not be their appropriate body."
            ),
            "link": link_to("induction:claim_find"),
        }
        to_tutor = {
            "key": key,
            "subject": f"{body} has not claimed {name} yet",
            "body": (
                f"You registered {name} on {registered_on}. {body}, the appropriate body you "
                "chose, has not claimed them yet, so their induction has not started in this "
                f"service.\n\nContact {body}"
                + (f" at {body_email}" if body_email else "")
                + ", or change the appropriate body if you chose the wrong one."
            ),
            "link": link(pk),
        }
        notices += [Notice(recipient_id=user_id, **to_body) for user_id in bodies[body_id]]
        notices += [Notice(recipient_id=user_id, **to_tutor) for user_id in tutors[school_id]]
    return notify_many(kind=NOT_CLAIMED, notices=notices)
