"""Each reminder, with the clock moved across working days, weekends and bank holidays, and
each sweep run twice to show it sends once.

Christmas 2026: Friday 25 December and Monday 28 December (for Boxing Day, a Saturday)
are bank holidays, as is Friday 1 January 2027.
"""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from ecte.notifications import reminders
from ecte.notifications.models import Notification
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorshipFactory,
    SchoolFactory,
)
from tests.notifications.factories import (
    NotificationOptOutFactory,
    assessment,
    progress_review,
    release_request,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def on(year, month, day, hour=7):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=LONDON), tick=False)


def sweep(name, *, commit):
    with commit():
        return reminders.run(name)


@pytest.fixture
def school():
    school = SchoolFactory()
    school.tutor = MembershipFactory(school=school).user
    return school


# --- ECT without a mentor: 5 working days after registration --------------------------------


def test_an_ect_without_a_mentor_is_reminded_5_working_days_after_registration(school, commit):
    with on(2026, 12, 21, 14):  # Monday
        period = ECTAtSchoolPeriodFactory(school=school)
    with on(2026, 12, 29):  # 4 working days later: the 25th and 28th are bank holidays
        assert sweep("ect_without_mentor", commit=commit) == 0
    with on(2026, 12, 30):  # the 5th working day
        assert sweep("ect_without_mentor", commit=commit) == 1
        assert sweep("ect_without_mentor", commit=commit) == 0
    notification = Notification.objects.get()
    assert notification.recipient == school.tutor
    assert notification.subject == f"Assign a mentor to {period.teacher.full_name}"
    assert notification.link == f"/school/ects/{period.pk}/"
    assert [email.to for email in mail.outbox] == [[school.tutor.email]]


def test_an_ect_with_a_mentor_is_not_reminded(school, commit):
    with on(2026, 12, 1):
        MentorshipFactory(ect_at_school_period=ECTAtSchoolPeriodFactory(school=school))
    with on(2027, 1, 4):
        assert sweep("ect_without_mentor", commit=commit) == 0


def test_nothing_is_sent_at_weekends_and_on_bank_holidays(school, commit):
    with on(2026, 12, 1):
        ECTAtSchoolPeriodFactory(school=school)
    with on(2026, 12, 26):  # Saturday
        assert sweep("ect_without_mentor", commit=commit) == 0
    with on(2026, 12, 28):  # Boxing Day's substitute bank holiday
        assert sweep("ect_without_mentor", commit=commit) == 0
    with on(2026, 12, 29):
        assert sweep("ect_without_mentor", commit=commit) == 1


# --- registered ECT not claimed: 10 working days, to the appropriate body and the tutor -----


@pytest.fixture
def appropriate_body():
    body = AppropriateBodyFactory(email="hub@example.org")
    body.user = MembershipFactory(appropriate_body_user=True, appropriate_body=body).user
    return body


def test_an_unclaimed_ect_is_reminded_to_both_sides_after_10_working_days(
    school, appropriate_body, commit
):
    with on(2026, 12, 14, 10):  # Monday
        period = ECTAtSchoolPeriodFactory(school=school, appropriate_body=appropriate_body)
    with on(2026, 12, 29):  # 9 working days later
        assert sweep("ect_not_claimed", commit=commit) == 0
    with on(2026, 12, 30):
        assert sweep("ect_not_claimed", commit=commit) == 2
        assert sweep("ect_not_claimed", commit=commit) == 0
    with on(2027, 1, 4):
        assert sweep("ect_not_claimed", commit=commit) == 0
    by_recipient = {n.recipient: n for n in Notification.objects.all()}
    name = period.teacher.full_name
    assert by_recipient[appropriate_body.user].subject == f"Claim {name} from {school.name}"
    assert by_recipient[school.tutor].subject == (
        f"{appropriate_body.name} has not claimed {name} yet"
    )
    assert "hub@example.org" in by_recipient[school.tutor].body


def test_a_claimed_ect_or_one_without_qts_is_not_reminded(school, appropriate_body, commit):
    with on(2026, 11, 2):
        claimed = ECTAtSchoolPeriodFactory(school=school, appropriate_body=appropriate_body)
        InductionPeriodFactory(teacher=claimed.teacher, appropriate_body=appropriate_body)
        ECTAtSchoolPeriodFactory(
            school=school, appropriate_body=appropriate_body, teacher__qts_awarded_on=None
        )
    with on(2026, 12, 1):
        assert sweep("ect_not_claimed", commit=commit) == 0


# --- start of term: check and report changes (non-statutory) --------------------------------


def test_tutors_are_asked_to_check_their_details_at_the_start_of_each_term(school, commit):
    with on(2026, 9, 1):
        ECTAtSchoolPeriodFactory(school=school)
    empty_school_tutor = MembershipFactory().user  # a school with nobody registered
    with on(2027, 1, 1):  # a bank holiday in the holidays
        assert sweep("start_of_term_check", commit=commit) == 0
    with on(2027, 1, 4):  # the spring term starts
        assert sweep("start_of_term_check", commit=commit) == 1
        assert sweep("start_of_term_check", commit=commit) == 0
    notification = Notification.objects.get()
    assert notification.recipient == school.tutor != empty_school_tutor
    assert notification.subject.startswith("Spring term 2027 has started")
    assert not notification.statutory
    assert "/notifications/stop/" in mail.outbox[0].body


def test_the_start_of_term_reminder_is_not_sent_late_in_the_term(school, commit):
    with on(2026, 9, 1):
        ECTAtSchoolPeriodFactory(school=school)
    with on(2027, 1, 12):  # the 7th working day of the spring term
        assert sweep("start_of_term_check", commit=commit) == 0


def test_a_tutor_who_opted_out_is_not_asked_this_term(school, commit):
    with on(2026, 9, 1):
        ECTAtSchoolPeriodFactory(school=school)
    NotificationOptOutFactory(
        user=school.tutor, kind="start_of_term_check", until=datetime.date(2027, 3, 19)
    )
    with on(2027, 1, 4):
        assert sweep("start_of_term_check", commit=commit) == 0
    with on(2027, 4, 5):  # the summer term starts: the opt-out has ended
        assert sweep("start_of_term_check", commit=commit) == 1


# --- release request unanswered: 5 working days, to the holding appropriate body ------------


def test_an_unanswered_release_request_is_reminded_after_5_working_days(appropriate_body, commit):
    period = InductionPeriodFactory(appropriate_body=appropriate_body)
    with on(2026, 12, 21, 11):
        request = release_request(induction_period=period, requested_by=AppropriateBodyFactory())
    with on(2026, 12, 29):
        assert sweep("release_request_unanswered", commit=commit) == 0
    with on(2026, 12, 30):
        assert sweep("release_request_unanswered", commit=commit) == 1
        assert sweep("release_request_unanswered", commit=commit) == 0
    notification = Notification.objects.get()
    assert notification.recipient == appropriate_body.user
    assert notification.link == f"/appropriate-body/release-requests/{request.pk}/"


# --- progress review due in the last two weeks of term, overdue after it --------------------


def test_a_progress_review_is_due_in_the_last_two_weeks_of_term_then_overdue(school, commit):
    with on(2026, 9, 1):
        period = ECTAtSchoolPeriodFactory(school=school)
        InductionPeriodFactory(teacher=period.teacher)
    # The autumn term 2026 ends on Friday 18 December.
    with on(2026, 12, 4):
        assert sweep("progress_review_due", commit=commit) == 0
    with on(2026, 12, 7):
        assert sweep("progress_review_due", commit=commit) == 1
        assert sweep("progress_review_due", commit=commit) == 0
    with on(2027, 1, 4):  # the next working day after the holidays
        assert sweep("progress_review_due", commit=commit) == 1
        assert sweep("progress_review_due", commit=commit) == 0
    subjects = sorted(Notification.objects.values_list("subject", flat=True))
    name = period.teacher.full_name
    assert subjects == [
        f"Progress review due for {name} by 18 December 2026",
        f"Progress review overdue for {name}",
    ]


def test_no_progress_review_reminder_once_it_is_recorded(school, commit):
    with on(2026, 9, 1):
        period = ECTAtSchoolPeriodFactory(school=school)
        InductionPeriodFactory(teacher=period.teacher)
        progress_review(ect_at_school_period=period, reviewed_on=datetime.date(2026, 11, 20))
    with on(2026, 12, 7):
        assert sweep("progress_review_due", commit=commit) == 0


# --- formal assessment report: due 10 working days after the meeting (at 7, and late) -------


def test_an_assessment_report_is_reminded_at_7_working_days_and_when_late(school, commit):
    with on(2026, 9, 1):
        period = ECTAtSchoolPeriodFactory(school=school)
        assessment(ect_at_school_period=period, meeting_on=datetime.date(2026, 12, 11))
    with on(2026, 12, 21):  # 6 working days after the meeting
        assert sweep("assessment_report_due", commit=commit) == 0
    with on(2026, 12, 22):  # 7
        assert sweep("assessment_report_due", commit=commit) == 1
        assert sweep("assessment_report_due", commit=commit) == 0
    with on(2026, 12, 29):  # 10: the deadline itself, not yet late
        assert sweep("assessment_report_due", commit=commit) == 0
    with on(2026, 12, 30):
        assert sweep("assessment_report_due", commit=commit) == 1
        assert sweep("assessment_report_due", commit=commit) == 0
    name = period.teacher.full_name
    assert sorted(Notification.objects.values_list("subject", flat=True)) == sorted(
        [
            f"Send {name}'s formal assessment report by 29 December 2026",
            f"{name}'s formal assessment report is late",
        ]
    )


def test_a_sent_assessment_report_is_not_reminded(school, commit):
    with on(2026, 9, 1):
        period = ECTAtSchoolPeriodFactory(school=school)
        assessment(
            ect_at_school_period=period,
            meeting_on=datetime.date(2026, 12, 11),
            signed_off_at=timezone.now(),
            sent_to_appropriate_body_on=datetime.date(2026, 12, 14),
        )
    with on(2026, 12, 30):
        assert sweep("assessment_report_due", commit=commit) == 0


# --- appropriate body decision: due 20 working days after the recommendation (at 15, late) --


def _final_assessment(school, appropriate_body):
    period = ECTAtSchoolPeriodFactory(school=school, appropriate_body=appropriate_body)
    InductionPeriodFactory(teacher=period.teacher, appropriate_body=appropriate_body)
    return assessment(
        ect_at_school_period=period,
        kind="final",
        recommendation="pass",
        appropriate_body=appropriate_body,
        meeting_on=datetime.date(2026, 12, 3),
        signed_off_at=timezone.now(),
        sent_to_appropriate_body_on=datetime.date(2026, 12, 7),
    )


def test_a_decision_is_reminded_at_15_working_days_and_when_late(school, appropriate_body, commit):
    with on(2026, 12, 7):
        final = _final_assessment(school, appropriate_body)
    with on(2026, 12, 29):  # 14 working days after receiving it
        assert sweep("decision_due", commit=commit) == 0
    with on(2026, 12, 30):  # 15
        assert sweep("decision_due", commit=commit) == 1
        assert sweep("decision_due", commit=commit) == 0
    with on(2027, 1, 7):  # 20 (1 January is a bank holiday): due today, not late
        assert sweep("decision_due", commit=commit) == 0
    with on(2027, 1, 8):
        assert sweep("decision_due", commit=commit) == 1
    name = final.teacher.full_name
    assert sorted(Notification.objects.values_list("subject", flat=True)) == [
        f"Decide {name}'s induction by 7 January 2027",
        f"Decision overdue: {name}",
    ]
    assert {n.recipient for n in Notification.objects.all()} == {appropriate_body.user}


def test_no_decision_reminder_once_the_outcome_is_recorded(school, appropriate_body, commit):
    with on(2026, 12, 7):
        final = _final_assessment(school, appropriate_body)
    final.teacher.induction_periods.update(
        finished_on=datetime.date(2026, 12, 10), number_of_terms=Decimal("6"), outcome="pass"
    )
    with on(2026, 12, 30):
        assert sweep("decision_due", commit=commit) == 0


def test_each_reminder_has_a_beat_scheduled_task():
    from ecte.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    reminders._load()
    for name in reminders.REMINDERS:
        assert f"notifications.remind.{name}" in scheduled
        assert f"notifications.remind.{name}" in app.tasks
