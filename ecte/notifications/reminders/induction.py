"""Reminders about the induction's statutory deadlines and requests between appropriate
bodies, read from the induction app's records."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from ecte.calendar.dates import add_working_days, working_days_between
from ecte.formatting import format_date
from ecte.notifications.recipients import (
    appropriate_body_user_ids_by_body,
    induction_tutor_ids_by_school,
    links_to,
)
from ecte.notifications.reminders import reminder
from ecte.notifications.reminders._common import TEACHER_NAME, Field, full_name, local_date, unsent
from ecte.notifications.services import Notice, notify_many

RELEASE_UNANSWERED = "release_request_unanswered"
REPORT_DUE = "assessment_report_due"
DECISION_DUE = "decision_due"

# Service practice (rule 14): the holding appropriate body answers a release request.
RELEASE_WORKING_DAYS = 5
# SG 2.61: the school sends each assessment report within 10 working days of the meeting;
# the tutor is reminded at 7 (3 left) and told when it is late.
REPORT_WORKING_DAYS = 10
REPORT_REMINDER_AT = 7
# Reg 11: the appropriate body decides within 20 working days of receiving the final
# recommendation; reminded at 15 (5 left) and told when it is late.
DECISION_WORKING_DAYS = 20
DECISION_REMINDER_AT = 15


@reminder("release_request_unanswered", kind=RELEASE_UNANSWERED)
def remind_release_requests_unanswered(on: date) -> int:
    """Tell the appropriate body holding an ECT about a release request pending 5 working days."""
    from induction.models import ReleaseRequest

    requests = [
        row
        for row in unsent(
            ReleaseRequest.objects.filter(
                status="pending",
                created_at__date__lte=on - timedelta(days=RELEASE_WORKING_DAYS),
            ),
            RELEASE_UNANSWERED,
            "release-request:",
            Field("pk"),
            ":unanswered",
        ).values_list(
            "created_at", "pk", "held_by_id", "requested_by__name", "teacher__trn", *TEACHER_NAME
        )
        if working_days_between(local_date(row[0]), on) >= RELEASE_WORKING_DAYS
    ]
    users = appropriate_body_user_ids_by_body(row[2] for row in requests)
    link = links_to("induction:release_request")
    notices = []
    for created_at, pk, held_by_id, requested_by, trn, first_name, last_name in requests:
        name = full_name(first_name, last_name)
        notice = {
            "key": f"release-request:{pk}:unanswered",
            "subject": f"Release request waiting: {name}",
            "body": (
                f"{requested_by} asked you on {format_date(local_date(created_at))} to "
                f"release {name} (TRN {trn}) so that they can claim them. You have not "
                "answered yet.\n\nRelease the teacher, or decline and say why."
            ),
            "link": link(pk),
        }
        notices += [Notice(recipient_id=user_id, **notice) for user_id in users[held_by_id]]
    return notify_many(kind=RELEASE_UNANSWERED, notices=notices)


@reminder("assessment_report_due", kind=REPORT_DUE)
def remind_assessment_reports_due(on: date) -> int:
    """Tell the induction tutors of an assessment report not yet sent to the appropriate
    body, 7 working days after the meeting, and again when it is late."""
    from induction.models import Assessment

    candidates = unsent(
        Assessment.objects.filter(
            sent_to_appropriate_body_on__isnull=True,
            meeting_on__lte=on - timedelta(days=REPORT_REMINDER_AT),
        ),
        REPORT_DUE,
        "assessment:",
        Field("pk"),
        ":report-late",
    ).values_list(
        "meeting_on",
        "pk",
        "kind",
        "ect_at_school_period_id",
        "ect_at_school_period__school_id",
        *TEACHER_NAME,
    )
    due = []
    for row in candidates:
        elapsed = working_days_between(row[0], on)
        if elapsed > REPORT_WORKING_DAYS:
            due.append((row, "late"))
        elif elapsed >= REPORT_REMINDER_AT:
            due.append((row, "due"))
    tutors = induction_tutor_ids_by_school(row[4] for row, _ in due)
    kinds = dict(Assessment._meta.get_field("kind").flatchoices)
    link = links_to("schools:ect")
    notices = []
    for (meeting_on, pk, kind, period_id, school_id, *names), occasion in due:
        name = full_name(*names)
        what = str(kinds.get(kind, kind)).lower()
        deadline = format_date(add_working_days(meeting_on, REPORT_WORKING_DAYS))
        if occasion == "due":
            subject = f"Send {name}'s {what} report by {deadline}"
            body = (
                f"The {what} meeting for {name} was on {format_date(meeting_on)}. "
                f"The report must reach their appropriate body by {deadline}, 10 working days "
                "after the meeting, once the headteacher has signed it off."
            )
        else:
            subject = f"{name}'s {what} report is late"
            body = (
                f"The {what} report for {name} was due at their appropriate body on {deadline}, "
                "10 working days after the meeting. Get it signed off and send it now."
            )
        notice = {
            "key": f"assessment:{pk}:report-{occasion}",
            "subject": subject,
            "body": body,
            "link": link(period_id),
        }
        notices += [Notice(recipient_id=user_id, **notice) for user_id in tutors[school_id]]
    return notify_many(kind=REPORT_DUE, notices=notices)


@reminder("decision_due", kind=DECISION_DUE)
def remind_decisions_due(on: date) -> int:
    """Tell the appropriate body that received a final assessment and has not decided, 15
    working days after receiving it, and again when the 20 working days have passed."""
    from induction.models import Assessment, Extension, InductionPeriod

    decided = Exists(
        InductionPeriod.objects.filter(teacher_id=OuterRef("teacher_id")).exclude(outcome="")
    ) | Exists(
        Extension.objects.filter(
            teacher_id=OuterRef("teacher_id"),
            created_at__date__gte=OuterRef("sent_to_appropriate_body_on"),
        )
    )
    candidates = unsent(
        Assessment.objects.filter(
            kind="final",
            appropriate_body__isnull=False,
            sent_to_appropriate_body_on__lte=on - timedelta(days=DECISION_REMINDER_AT),
        ).exclude(decided),
        DECISION_DUE,
        "final-assessment:",
        Field("pk"),
        ":decision-late",
    ).values_list(
        "sent_to_appropriate_body_on",
        "pk",
        "appropriate_body_id",
        "teacher_id",
        "teacher__trn",
        *TEACHER_NAME,
    )
    due = []
    for row in candidates:
        elapsed = working_days_between(row[0], on)
        if elapsed > DECISION_WORKING_DAYS:
            due.append((row, "late"))
        elif elapsed >= DECISION_REMINDER_AT:
            due.append((row, "due"))
    users = appropriate_body_user_ids_by_body(row[2] for row, _ in due)
    link = links_to("induction:teacher")
    notices = []
    for (sent_on, pk, body_id, teacher_id, trn, *names), occasion in due:
        name = full_name(*names)
        received = format_date(sent_on)
        deadline = format_date(add_working_days(sent_on, DECISION_WORKING_DAYS))
        if occasion == "due":
            subject = f"Decide {name}'s induction by {deadline}"
            body = (
                f"You received the final assessment for {name} (TRN {trn}) "
                f"on {received}. Record your decision (pass, fail or extension) by {deadline}, "
                "20 working days after receiving it."
            )
        else:
            subject = f"Decision overdue: {name}"
            body = (
                f"Your decision on {name}'s induction (TRN {trn}) was due "
                f"on {deadline}, 20 working days after you received the final assessment on "
                f"{received}. Record it now."
            )
        notice = {
            "key": f"final-assessment:{pk}:decision-{occasion}",
            "subject": subject,
            "body": body,
            "link": link(teacher_id),
        }
        notices += [Notice(recipient_id=user_id, **notice) for user_id in users[body_id]]
    return notify_many(kind=DECISION_DUE, notices=notices)
