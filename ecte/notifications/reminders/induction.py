"""Reminders about the induction's statutory deadlines and requests between appropriate
bodies, read from the induction app's records."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Exists, OuterRef

from ecte.calendar.dates import add_working_days, working_days_between
from ecte.formatting import format_date
from ecte.notifications.recipients import (
    appropriate_body_users_by_body,
    induction_tutors_by_school,
    link_to,
)
from ecte.notifications.reminders import reminder
from ecte.notifications.reminders._common import Field, local_date, unsent
from ecte.notifications.services import notify

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
        request
        for request in unsent(
            ReleaseRequest.objects.filter(
                status="pending",
                created_at__date__lte=on - timedelta(days=RELEASE_WORKING_DAYS),
            ),
            RELEASE_UNANSWERED,
            "release-request:",
            Field("pk"),
            ":unanswered",
        ).select_related("teacher", "requested_by", "held_by")
        if working_days_between(local_date(request.created_at), on) >= RELEASE_WORKING_DAYS
    ]
    users = appropriate_body_users_by_body(request.held_by_id for request in requests)
    sent = 0
    for request in requests:
        teacher = request.teacher
        sent += len(
            notify(
                recipients=users[request.held_by_id],
                kind=RELEASE_UNANSWERED,
                subject=f"Release request waiting: {teacher.full_name}",
                body=(
                    f"{request.requested_by.name} asked you on "
                    f"{format_date(local_date(request.created_at))} to release "
                    f"{teacher.full_name} (TRN {teacher.trn}) so that they can claim them. "
                    "You have not answered yet.\n\nRelease the teacher, or decline and say why."
                ),
                link=link_to("induction:release_request", request.pk),
                key=f"release-request:{request.pk}:unanswered",
            )
        )
    return sent


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
    ).select_related("teacher", "ect_at_school_period")
    due = []
    for assessment in candidates:
        elapsed = working_days_between(assessment.meeting_on, on)
        if elapsed > REPORT_WORKING_DAYS:
            due.append((assessment, "late"))
        elif elapsed >= REPORT_REMINDER_AT:
            due.append((assessment, "due"))
    tutors = induction_tutors_by_school(a.ect_at_school_period.school_id for a, _ in due)
    sent = 0
    for assessment, occasion in due:
        name = assessment.teacher.full_name
        what = assessment.get_kind_display().lower()
        deadline = format_date(add_working_days(assessment.meeting_on, REPORT_WORKING_DAYS))
        if occasion == "due":
            subject = f"Send {name}'s {what} report by {deadline}"
            body = (
                f"The {what} meeting for {name} was on {format_date(assessment.meeting_on)}. "
                f"The report must reach their appropriate body by {deadline}, 10 working days "
                "after the meeting, once the headteacher has signed it off."
            )
        else:
            subject = f"{name}'s {what} report is late"
            body = (
                f"The {what} report for {name} was due at their appropriate body on {deadline}, "
                "10 working days after the meeting. Get it signed off and send it now."
            )
        sent += len(
            notify(
                recipients=tutors[assessment.ect_at_school_period.school_id],
                kind=REPORT_DUE,
                subject=subject,
                body=body,
                link=link_to("schools:ect", assessment.ect_at_school_period_id),
                key=f"assessment:{assessment.pk}:report-{occasion}",
            )
        )
    return sent


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
    ).select_related("teacher", "appropriate_body")
    due = []
    for assessment in candidates:
        elapsed = working_days_between(assessment.sent_to_appropriate_body_on, on)
        if elapsed > DECISION_WORKING_DAYS:
            due.append((assessment, "late"))
        elif elapsed >= DECISION_REMINDER_AT:
            due.append((assessment, "due"))
    users = appropriate_body_users_by_body(a.appropriate_body_id for a, _ in due)
    sent = 0
    for assessment, occasion in due:
        teacher = assessment.teacher
        received = format_date(assessment.sent_to_appropriate_body_on)
        deadline = format_date(
            add_working_days(assessment.sent_to_appropriate_body_on, DECISION_WORKING_DAYS)
        )
        if occasion == "due":
            subject = f"Decide {teacher.full_name}'s induction by {deadline}"
            body = (
                f"You received the final assessment for {teacher.full_name} (TRN {teacher.trn}) "
                f"on {received}. Record your decision (pass, fail or extension) by {deadline}, "
                "20 working days after receiving it."
            )
        else:
            subject = f"Decision overdue: {teacher.full_name}"
            body = (
                f"Your decision on {teacher.full_name}'s induction (TRN {teacher.trn}) was due "
                f"on {deadline}, 20 working days after you received the final assessment on "
                f"{received}. Record it now."
            )
        sent += len(
            notify(
                recipients=users[assessment.appropriate_body_id],
                kind=DECISION_DUE,
                subject=subject,
                body=body,
                link=link_to("induction:teacher", teacher.pk),
                key=f"final-assessment:{assessment.pk}:decision-{occasion}",
            )
        )
    return sent
