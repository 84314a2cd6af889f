"""The reminder sweeps are set-based (issue 7, item 2: the whole sweep in under a minute
over national data): each reads and writes in a fixed number of statements, whatever the
number of schools, ECTs and people it tells."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ecte.accounts.models import Role
from ecte.notifications import reminders
from ecte.notifications.models import Notification, OutboxMessage
from programmes.models import MentorMeeting
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    SchoolFactory,
)
from tests.programmes.factories import ect_on_programme, load_programme

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def on(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 7, tzinfo=LONDON), tick=False)


def statements(name, django_capture_on_commit_callbacks) -> tuple[int, int]:
    """(notifications sent, statements run) by one sweep, its emails left queued."""
    with (
        django_capture_on_commit_callbacks(execute=False),
        CaptureQueriesContext(connection) as queries,
    ):
        sent = reminders.run(name)
    return sent, len(queries)


def _school():
    school = SchoolFactory()
    MembershipFactory(school=school)
    return school


def _mentoring(niot):
    mentorship = ect_on_programme(niot, school=_school())
    mentor = mentorship.mentor_at_school_period.teacher
    user = MembershipFactory(role=Role.MENTOR, school=None, teacher=mentor).user
    MentorMeeting.objects.create(
        mentorship=mentorship,
        held_on=datetime.date(2026, 11, 25),
        minutes=30,
        meeting_model="notes",
        notes="Planning",
        logged_by=user,
    )
    return mentorship


def test_missed_meetings_are_found_in_the_same_statements_for_one_ect_or_many(
    django_capture_on_commit_callbacks, reference_cache_off
):
    niot = load_programme()
    with on(2026, 9, 1):
        _mentoring(niot)
    with on(2026, 12, 14):  # the weeks of 30 November and 7 December missed
        one = statements("mentor_meetings_missed", django_capture_on_commit_callbacks)
    with on(2026, 9, 1):
        for _ in range(4):
            _mentoring(niot)
    with on(2026, 12, 14):
        many = statements("mentor_meetings_missed", django_capture_on_commit_callbacks)
        again = statements("mentor_meetings_missed", django_capture_on_commit_callbacks)
    assert (one[0], many[0], again[0]) == (1, 4, 0)
    assert many[1] == one[1]
    assert OutboxMessage.objects.count() == Notification.objects.count() == 5


def test_progress_reviews_are_found_in_the_same_statements_for_one_ect_or_many(
    django_capture_on_commit_callbacks, reference_cache_off
):
    def ect_in_induction():
        period = ECTAtSchoolPeriodFactory(school=_school())
        InductionPeriodFactory(teacher=period.teacher)

    with on(2026, 9, 1):
        ect_in_induction()
    with on(2026, 12, 7):
        one = statements("progress_review_due", django_capture_on_commit_callbacks)
    with on(2026, 9, 1):
        for _ in range(4):
            ect_in_induction()
    with on(2026, 12, 8):
        many = statements("progress_review_due", django_capture_on_commit_callbacks)
    assert (one[0], many[0]) == (1, 4)
    assert many[1] == one[1]


def test_start_of_term_checks_are_sent_in_the_same_statements_for_one_school_or_many(
    django_capture_on_commit_callbacks, reference_cache_off
):
    with on(2026, 9, 1):
        ECTAtSchoolPeriodFactory(school=_school())
    with on(2026, 9, 2):
        one = statements("start_of_term_check", django_capture_on_commit_callbacks)
    with on(2026, 9, 1):
        for _ in range(4):
            ECTAtSchoolPeriodFactory(school=_school())
    with on(2026, 9, 3):
        many = statements("start_of_term_check", django_capture_on_commit_callbacks)
    assert (one[0], many[0]) == (1, 4)
    assert many[1] == one[1]
