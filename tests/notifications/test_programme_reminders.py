"""The programme reminders (issue 6, item 2), with the clock moved across working days,
weekends and bank holidays, and each sweep run twice to show it sends once.

Autumn half-term 1 of 2026 to 2027 ends on Friday 23 October 2026 (the module sequence
deadline); Autumn half-term 2 runs from 2 November to Friday 18 December. Friday 25 and
Monday 28 December 2026 and Friday 1 January 2027 are bank holidays.
"""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from ecte.accounts.models import Role
from ecte.notifications import reminders
from ecte.notifications.models import Notification
from programmes.models import MentorMeeting, Session, SessionAttendance, StudyItem, StudyRecord
from tests.factories import MembershipFactory, SchoolFactory, TrustFactory
from tests.notifications.factories import NotificationOptOutFactory
from tests.programmes.factories import (
    BPN_FILE,
    ModuleSequenceFactory,
    ect_on_programme,
    load_programme,
)

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


def on(year, month, day, hour=7):
    return time_machine.travel(datetime.datetime(year, month, day, hour, tzinfo=LONDON), tick=False)


def sweep(name, *, commit):
    with commit():
        return reminders.run(name)


@pytest.fixture
def niot():
    return load_programme()


@pytest.fixture
def school():
    school = SchoolFactory(name="Brookfield Primary")
    school.tutor = MembershipFactory(school=school).user
    return school


# --- module sequence not confirmed: 10 and 3 working days before the end of Autumn 1 -------


def test_tutors_are_reminded_to_confirm_the_sequence_10_and_3_working_days_before(
    niot, school, commit
):
    with on(2026, 9, 1):
        ect_on_programme(niot, school=school)
    with on(2026, 10, 8):  # Thursday: 11 working days to go
        assert sweep("module_sequence_not_confirmed", commit=commit) == 0
    with on(2026, 10, 9):  # Friday: 10 working days before Friday 23 October
        assert sweep("module_sequence_not_confirmed", commit=commit) == 1
        assert sweep("module_sequence_not_confirmed", commit=commit) == 0
    with on(2026, 10, 11):  # Sunday: nothing is sent at weekends
        assert sweep("module_sequence_not_confirmed", commit=commit) == 0
    with on(2026, 10, 12):  # Monday: the 10-day reminder was sent already
        assert sweep("module_sequence_not_confirmed", commit=commit) == 0
    with on(2026, 10, 20):  # Tuesday: 3 working days before
        assert sweep("module_sequence_not_confirmed", commit=commit) == 1
    with on(2026, 10, 23):  # the deadline itself: both reminders were sent
        assert sweep("module_sequence_not_confirmed", commit=commit) == 0
    with on(2026, 10, 26):  # locked after the deadline
        assert sweep("module_sequence_not_confirmed", commit=commit) == 0
    subjects = list(Notification.objects.order_by("pk").values_list("subject", flat=True))
    assert subjects == ["Confirm your ECTs' module sequence by 23 October 2026"] * 2
    notification = Notification.objects.first()
    assert notification.recipient == school.tutor
    assert notification.link == "/school/module-sequence/?year=2026"
    assert "Brookfield Primary has not confirmed the order" in notification.body
    assert [email.to for email in mail.outbox] == [[school.tutor.email]] * 2


def test_a_sweep_first_run_within_3_working_days_sends_only_the_last_reminder(niot, school, commit):
    with on(2026, 9, 1):
        ect_on_programme(niot, school=school)
    with on(2026, 10, 21):
        assert sweep("module_sequence_not_confirmed", commit=commit) == 1
    assert Notification.objects.get().key.endswith(":3-working-days")


def test_a_confirmed_or_fixed_sequence_or_a_school_without_ects_is_not_reminded(niot, commit):
    confirmed = SchoolFactory()
    MembershipFactory(school=confirmed)
    by_trust = SchoolFactory(trust=TrustFactory())
    MembershipFactory(school=by_trust)
    fixed = SchoolFactory()
    MembershipFactory(school=fixed)
    without_ects = SchoolFactory()
    MembershipFactory(school=without_ects)
    with on(2026, 9, 1):
        ect_on_programme(niot, school=confirmed)
        ModuleSequenceFactory(school=confirmed, lead_provider=niot.lead_provider)
        ect_on_programme(niot, school=by_trust)
        ModuleSequenceFactory(school=None, trust=by_trust.trust, lead_provider=niot.lead_provider)
        ect_on_programme(load_programme(BPN_FILE), school=fixed)
    with on(2026, 10, 9):
        assert sweep("module_sequence_not_confirmed", commit=commit) == 0


def test_a_draft_sequence_is_not_confirmed_so_is_reminded(niot, school, commit):
    with on(2026, 9, 1):
        ect_on_programme(niot, school=school)
        ModuleSequenceFactory(school=school, lead_provider=niot.lead_provider, confirmed_at=None)
    with on(2026, 10, 9):
        assert sweep("module_sequence_not_confirmed", commit=commit) == 1


def test_a_tutor_who_turned_sequence_reminders_off_is_not_reminded(niot, school, commit):
    with on(2026, 9, 1):
        ect_on_programme(niot, school=school)
        NotificationOptOutFactory(
            user=school.tutor,
            kind="module_sequence_not_confirmed",
            until=datetime.date(2026, 12, 18),
        )
    with on(2026, 10, 9):
        assert sweep("module_sequence_not_confirmed", commit=commit) == 0


# --- mentor meetings missed twice in a row: the mentor, then the tutor ----------------------


@pytest.fixture
def mentoring(niot, school):
    """A year 1 ECT (one meeting a week) whose last meeting was on Wednesday 2 December."""
    with on(2026, 9, 1):
        mentorship = ect_on_programme(niot, school=school)
    mentor = mentorship.mentor_at_school_period.teacher
    mentor.user = MembershipFactory(role=Role.MENTOR, school=None, teacher=mentor).user
    MentorMeeting.objects.create(
        mentorship=mentorship,
        held_on=datetime.date(2026, 12, 2),
        minutes=30,
        meeting_model="notes",
        notes="Behaviour",
        logged_by=mentor.user,
    )
    return mentorship


def test_the_mentor_then_the_tutor_is_told_of_meetings_missed_in_a_row(mentoring, school, commit):
    mentor = mentoring.mentor_at_school_period.teacher
    ect_name = mentoring.ect_at_school_period.teacher.full_name
    with on(2026, 12, 14):  # Monday: one week (7 to 13 December) missed
        assert sweep("mentor_meetings_missed", commit=commit) == 0
    with on(2026, 12, 21):  # Monday: the weeks of 7 and 14 December missed
        assert sweep("mentor_meetings_missed", commit=commit) == 1
        assert sweep("mentor_meetings_missed", commit=commit) == 0
    told = Notification.objects.get()
    assert told.recipient == mentor.user
    assert told.subject == f"Mentor meetings with {ect_name} have been missed"
    assert told.link == f"/mentor/ects/{mentoring.ect_at_school_period.pk}/"
    with on(2026, 12, 28):  # a bank holiday: nothing is sent
        assert sweep("mentor_meetings_missed", commit=commit) == 0
    with on(2026, 12, 29):  # the school holiday has no meetings due, so nothing more
        assert sweep("mentor_meetings_missed", commit=commit) == 0
    with on(2027, 1, 11):  # Monday: the week of 4 January missed too, the third in a row
        assert sweep("mentor_meetings_missed", commit=commit) == 1
        assert sweep("mentor_meetings_missed", commit=commit) == 0
    tutor_told = Notification.objects.get(recipient=school.tutor)
    assert tutor_told.subject == f"{mentor.full_name} has missed mentor meetings with {ect_name}"
    assert "The mentor has been reminded." in tutor_told.body
    assert sorted(email.to[0] for email in mail.outbox) == sorted(
        [mentor.user.email, school.tutor.email]
    )


def test_a_meeting_held_this_week_stops_the_reminder(mentoring, commit):
    # Two weeks missed before Christmas, but a meeting on the first day of the new term.
    MentorMeeting.objects.create(
        mentorship=mentoring,
        held_on=datetime.date(2027, 1, 4),
        minutes=30,
        meeting_model="notes",
        notes="Planning",
        logged_by=mentoring.mentor_at_school_period.teacher.user,
    )
    with on(2027, 1, 5):
        assert sweep("mentor_meetings_missed", commit=commit) == 0


def test_a_new_run_of_missed_meetings_is_a_new_occasion(mentoring, commit):
    with on(2026, 12, 21):
        assert sweep("mentor_meetings_missed", commit=commit) == 1
    MentorMeeting.objects.create(
        mentorship=mentoring,
        held_on=datetime.date(2027, 1, 5),
        minutes=30,
        meeting_model="notes",
        notes="Back after the holiday",
        logged_by=mentoring.mentor_at_school_period.teacher.user,
    )
    with on(2027, 1, 18):  # the weeks of 4 January (held) then 11 January (missed)
        assert sweep("mentor_meetings_missed", commit=commit) == 0
    with on(2027, 1, 25):  # 11 and 18 January missed: a new run
        assert sweep("mentor_meetings_missed", commit=commit) == 1
    assert Notification.objects.count() == 2


# --- engagement below 75% at the end of a half-term ---------------------------------------


def _done(teacher, programme, *codes):
    for code in codes:
        StudyRecord.objects.create(
            teacher=teacher,
            item=StudyItem.objects.get(programme=programme, code=code),
            completed_on=datetime.date(2026, 10, 1),
            completion_source="participant",
        )


def _attended(teacher, programme, code):
    SessionAttendance.objects.create(
        session=Session.objects.get(programme=programme, code=code), teacher=teacher, attended=True
    )


def test_the_tutor_is_told_of_engagement_below_75_percent_after_the_half_term(niot, school, commit):
    with on(2026, 9, 1):
        slow = ect_on_programme(niot, school=school).ect_at_school_period
        keen = ect_on_programme(niot, school=school).ect_at_school_period
    _done(keen.teacher, niot, "Y1-A-CORE", "Y1-A-DIAG", "Y1-A-E1", "Y1-A-E4")
    _attended(keen.teacher, niot, "Y1-SEM-INTRO")
    _attended(keen.teacher, niot, "Y1-SEM-A")
    _attended(slow.teacher, niot, "Y1-SEM-INTRO")
    with on(2026, 10, 23):  # the half-term's last day: not ended yet
        assert sweep("engagement_below_expected", commit=commit) == 0
    with on(2026, 10, 26):  # Monday after
        assert sweep("engagement_below_expected", commit=commit) == 1
        assert sweep("engagement_below_expected", commit=commit) == 0
    notification = Notification.objects.get()
    assert notification.recipient == school.tutor
    assert notification.subject == f"{slow.teacher.full_name}'s engagement is below 75%"
    assert "At the end of Autumn half-term 1" in notification.body
    assert "- Self-study: 0 of 4 (0%)" in notification.body
    assert "- Seminars: 1 of 2 (50%)" in notification.body
    assert notification.link == f"/school/engagement/ects/{slow.pk}/"


def test_engagement_is_looked_at_for_two_working_weeks_across_bank_holidays(niot, school, commit):
    with on(2026, 9, 1):
        ect_on_programme(niot, school=school)
    # Autumn half-term 2 ends on Friday 18 December; with the bank holidays of 25 and 28
    # December and 1 January, its 10th working day after is Wednesday 6 January.
    with on(2026, 12, 25):
        assert sweep("engagement_below_expected", commit=commit) == 0
    with on(2027, 1, 7):  # the 11th working day: too late
        assert sweep("engagement_below_expected", commit=commit) == 0
    with on(2027, 1, 6):
        assert sweep("engagement_below_expected", commit=commit) == 1
    assert "At the end of Autumn half-term 2" in Notification.objects.get().body


def test_an_ect_without_a_programme_is_not_reminded_of_engagement(school, commit):
    from tests.factories import ECTAtSchoolPeriodFactory

    with on(2026, 9, 1):
        ECTAtSchoolPeriodFactory(school=school)
    with on(2026, 10, 26):
        assert sweep("engagement_below_expected", commit=commit) == 0
