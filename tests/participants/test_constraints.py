"""The database itself refuses bad participant rows, whatever code writes them."""

import datetime
from decimal import Decimal

import pytest
from django.db import DataError, IntegrityError, transaction

from participants.models import (
    ECTAtSchoolPeriod,
    Mentorship,
    Teacher,
    TeacherRecord,
    TrainingPeriod,
)
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    MentorAtSchoolPeriodFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TeacherFactory,
)

pytestmark = pytest.mark.django_db

SEPT = datetime.date(2026, 9, 1)


def refused(**kwargs):
    return pytest.raises(IntegrityError, **kwargs)


def refused_or_too_long():
    # A value longer than the column is refused before the check constraint runs.
    return pytest.raises((IntegrityError, DataError))


@pytest.mark.parametrize("trn", ["123456", "12345678", "12345a7", "", " 123456"])
def test_teacher_trn_must_be_7_digits(trn):
    with refused_or_too_long():
        Teacher.objects.create(trn=trn, first_name="A", last_name="B")


@pytest.mark.parametrize("trn", ["123456", "abcdefg"])
def test_teacher_record_trn_must_be_7_digits(trn):
    with refused():
        TeacherRecord.objects.create(trn=trn, first_name="A", last_name="B", date_of_birth=SEPT)


def test_teacher_trn_is_unique():
    Teacher.objects.create(trn="1234567", first_name="A", last_name="B")
    with refused():
        Teacher.objects.create(trn="1234567", first_name="C", last_name="D")


def test_ect_at_school_period_cannot_end_before_it_starts():
    with refused():
        ECTAtSchoolPeriodFactory(started_on=SEPT, finished_on=SEPT - datetime.timedelta(days=1))


def test_ect_at_school_period_may_end_on_the_day_it_starts():
    period = ECTAtSchoolPeriodFactory(started_on=SEPT, finished_on=SEPT)
    assert period.pk


def test_a_teacher_has_at_most_one_open_ect_at_school_period():
    teacher = TeacherFactory()
    ECTAtSchoolPeriodFactory(teacher=teacher, started_on=datetime.date(2025, 9, 1))
    with refused():
        ECTAtSchoolPeriodFactory(teacher=teacher, started_on=datetime.date(2026, 9, 1))


def test_ect_at_school_periods_of_a_teacher_never_overlap():
    teacher = TeacherFactory()
    ECTAtSchoolPeriodFactory(
        teacher=teacher,
        started_on=datetime.date(2025, 9, 1),
        finished_on=datetime.date(2026, 3, 31),
    )
    with refused():
        ECTAtSchoolPeriodFactory(
            teacher=teacher,
            started_on=datetime.date(2026, 3, 31),
            finished_on=datetime.date(2026, 7, 1),
        )


def test_ect_at_school_periods_may_follow_each_other_day_after_day():
    teacher = TeacherFactory()
    ECTAtSchoolPeriodFactory(
        teacher=teacher,
        started_on=datetime.date(2025, 9, 1),
        finished_on=datetime.date(2026, 3, 31),
    )
    assert ECTAtSchoolPeriodFactory(teacher=teacher, started_on=datetime.date(2026, 4, 1)).pk


def test_an_open_period_overlaps_every_later_one():
    teacher = TeacherFactory()
    ECTAtSchoolPeriodFactory(
        teacher=teacher, started_on=datetime.date(2026, 1, 5), finished_on=None
    )
    with refused():
        ECTAtSchoolPeriodFactory(
            teacher=teacher,
            started_on=datetime.date(2025, 9, 1),
            finished_on=datetime.date(2026, 2, 1),
        )


@pytest.mark.parametrize(
    ("pattern", "fte"),
    [
        ("full_time", Decimal("0.5")),
        ("part_time", Decimal("1")),
        ("part_time", Decimal("0")),
        ("part_time", Decimal("-0.5")),
    ],
)
def test_fte_must_match_the_working_pattern(pattern, fte):
    with refused():
        ECTAtSchoolPeriodFactory(working_pattern=pattern, fte=fte)


def test_mentor_at_school_periods_never_overlap_at_one_school():
    teacher = TeacherFactory()
    school = SchoolFactory()
    MentorAtSchoolPeriodFactory(
        teacher=teacher,
        school=school,
        started_on=datetime.date(2025, 9, 1),
        finished_on=datetime.date(2026, 8, 31),
    )
    with refused():
        MentorAtSchoolPeriodFactory(
            teacher=teacher, school=school, started_on=datetime.date(2026, 8, 1)
        )


def test_a_mentor_may_mentor_at_several_schools_at_once():
    teacher = TeacherFactory()
    MentorAtSchoolPeriodFactory(teacher=teacher)
    assert MentorAtSchoolPeriodFactory(teacher=teacher).pk


def test_a_mentor_never_mentors_themselves():
    teacher = TeacherFactory()
    ect_period = ECTAtSchoolPeriodFactory(teacher=teacher)
    mentor_period = MentorAtSchoolPeriodFactory(teacher=teacher, school=ect_period.school)
    with refused(match="mentor cannot mentor themselves"):
        Mentorship.objects.create(
            ect_at_school_period=ect_period, mentor_at_school_period=mentor_period, started_on=SEPT
        )


def test_a_mentorship_cannot_be_changed_to_make_a_mentor_mentor_themselves():
    ect_period = ECTAtSchoolPeriodFactory()
    mentor_period = MentorAtSchoolPeriodFactory(school=ect_period.school)
    own_mentor_period = MentorAtSchoolPeriodFactory(
        teacher=ect_period.teacher, school=ect_period.school
    )
    mentorship = Mentorship.objects.create(
        ect_at_school_period=ect_period, mentor_at_school_period=mentor_period, started_on=SEPT
    )
    with refused(match="mentor cannot mentor themselves"):
        Mentorship.objects.filter(pk=mentorship.pk).update(
            mentor_at_school_period=own_mentor_period
        )


def test_an_ect_has_at_most_one_open_mentorship():
    ect_period = ECTAtSchoolPeriodFactory()
    first = MentorAtSchoolPeriodFactory(school=ect_period.school)
    second = MentorAtSchoolPeriodFactory(school=ect_period.school)
    Mentorship.objects.create(
        ect_at_school_period=ect_period, mentor_at_school_period=first, started_on=SEPT
    )
    with refused(), transaction.atomic():
        Mentorship.objects.create(
            ect_at_school_period=ect_period,
            mentor_at_school_period=second,
            started_on=SEPT + datetime.timedelta(days=30),
        )


def test_training_belongs_to_exactly_one_ect_or_mentor():
    ect_period = ECTAtSchoolPeriodFactory()
    mentor_period = MentorAtSchoolPeriodFactory(school=ect_period.school)
    with refused(), transaction.atomic():
        TrainingPeriod.objects.create(
            ect_at_school_period=ect_period,
            mentor_at_school_period=mentor_period,
            training_programme="school_led",
            started_on=SEPT,
        )
    with refused():
        TrainingPeriod.objects.create(training_programme="school_led", started_on=SEPT)


def test_provider_led_training_needs_a_partnership_and_school_led_has_none():
    ect_period = ECTAtSchoolPeriodFactory()
    with refused(), transaction.atomic():
        TrainingPeriod.objects.create(
            ect_at_school_period=ect_period, training_programme="provider_led", started_on=SEPT
        )
    partnership = SchoolPartnershipFactory(school=ect_period.school)
    with refused():
        TrainingPeriod.objects.create(
            ect_at_school_period=ect_period,
            training_programme="school_led",
            school_partnership=partnership,
            started_on=SEPT,
        )


def test_bad_ect_period_leaves_nothing_behind():
    teacher = TeacherFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        ECTAtSchoolPeriodFactory(
            teacher=teacher, started_on=SEPT, finished_on=datetime.date(2026, 8, 1)
        )
    assert not ECTAtSchoolPeriod.objects.filter(teacher=teacher).exists()
