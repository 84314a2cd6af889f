import datetime
from decimal import Decimal

import pytest

from ecte.events.models import Event
from ecte.events.record import Actor
from participants import errors
from participants.models import ECTAtSchoolPeriod, Mentorship
from participants.services import (
    ParticipantError,
    assign_mentor,
    finish_ect_at_school,
    start_ect_at_school,
    start_mentor_at_school,
    start_training,
)
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    SchoolFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db
SEPT = datetime.date(2026, 9, 1)
actor = Actor.system("Test")


def test_registering_an_ect_writes_the_period_and_an_event():
    teacher, school = TeacherFactory(), SchoolFactory()
    period = start_ect_at_school(
        teacher=teacher, school=school, started_on=SEPT, email="a@b.org", by=actor
    )
    assert period.fte == Decimal("1")
    assert Event.objects.get(ect_at_school_period=period).heading == (
        f"{teacher.full_name} was registered as an ECT at {school.name}"
    )


@pytest.mark.parametrize("fte", [Decimal("0"), Decimal("1"), Decimal("1.2")])
def test_part_time_needs_an_fte_between_0_and_1(fte):
    with pytest.raises(ParticipantError, match="Part-time hours must be more than 0"):
        start_ect_at_school(
            teacher=TeacherFactory(),
            school=SchoolFactory(),
            started_on=SEPT,
            email="a@b.org",
            working_pattern="part_time",
            fte=fte,
            by=actor,
        )


def test_an_ect_cannot_be_registered_twice_over_the_same_dates():
    period = ECTAtSchoolPeriodFactory()
    with pytest.raises(ParticipantError, match=errors.ECT_PERIOD_OVERLAPS):
        start_ect_at_school(
            teacher=period.teacher,
            school=SchoolFactory(),
            started_on=datetime.date(2026, 10, 1),
            email="a@b.org",
            by=actor,
        )
    assert ECTAtSchoolPeriod.objects.filter(teacher=period.teacher).count() == 1


def test_leaving_closes_the_open_mentorship_and_training():
    mentorship = MentorshipFactory()
    ect = mentorship.ect_at_school_period
    finish_ect_at_school(period=ect, finished_on=datetime.date(2026, 12, 18), by=actor)
    mentorship.refresh_from_db()
    assert mentorship.finished_on == datetime.date(2026, 12, 18)


def test_leaving_before_starting_is_refused():
    ect = ECTAtSchoolPeriodFactory()
    with pytest.raises(ParticipantError, match=errors.FINISHES_BEFORE_START):
        finish_ect_at_school(period=ect, finished_on=datetime.date(2026, 8, 1), by=actor)


def test_a_mentor_cannot_be_assigned_to_themselves():
    ect = ECTAtSchoolPeriodFactory()
    own = MentorAtSchoolPeriodFactory(teacher=ect.teacher, school=ect.school)
    with pytest.raises(ParticipantError, match=errors.MENTOR_IS_ECT):
        assign_mentor(ect_period=ect, mentor_period=own, started_on=SEPT, by=actor)


def test_a_mentor_must_be_at_the_ects_school():
    ect = ECTAtSchoolPeriodFactory()
    elsewhere = MentorAtSchoolPeriodFactory()
    with pytest.raises(ParticipantError, match=errors.MENTOR_AT_OTHER_SCHOOL):
        assign_mentor(ect_period=ect, mentor_period=elsewhere, started_on=SEPT, by=actor)


def test_a_new_mentor_ends_the_previous_mentorship_the_day_before():
    mentorship = MentorshipFactory()
    ect = mentorship.ect_at_school_period
    new_mentor = MentorAtSchoolPeriodFactory(school=ect.school)
    assign_mentor(
        ect_period=ect, mentor_period=new_mentor, started_on=datetime.date(2026, 11, 2), by=actor
    )
    mentorship.refresh_from_db()
    assert mentorship.finished_on == datetime.date(2026, 11, 1)
    assert (
        Mentorship.objects.ongoing().get(ect_at_school_period=ect).mentor_at_school_period
        == new_mentor
    )


def test_a_mentor_may_be_registered_at_a_second_school():
    teacher = TeacherFactory()
    start_mentor_at_school(
        teacher=teacher, school=SchoolFactory(), started_on=SEPT, email="m@a.org", by=actor
    )
    start_mentor_at_school(
        teacher=teacher, school=SchoolFactory(), started_on=SEPT, email="m@b.org", by=actor
    )
    assert teacher.mentor_at_school_periods.count() == 2


def test_provider_led_training_needs_a_partnership():
    with pytest.raises(ParticipantError, match=errors.PROVIDER_LED_NEEDS_PARTNERSHIP):
        start_training(
            ect_period=ECTAtSchoolPeriodFactory(),
            training_programme="provider_led",
            started_on=SEPT,
            by=actor,
        )
