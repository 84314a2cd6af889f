"""`__in` with more values than PostgreSQL's protocol carries parameters (65,535), as the
reminder sweeps and exports pass at national scale: the rows are found, not an error."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participants.models import ECTAtSchoolPeriod, Teacher
from tests.factories import ECTAtSchoolPeriodFactory, TeacherFactory

pytestmark = pytest.mark.django_db

MORE_THAN_THE_PROTOCOL_CARRIES = 70_000


def absent_ids(count=MORE_THAN_THE_PROTOCOL_CARRIES):
    return list(range(10**12, 10**12 + count))


def test_a_filter_on_seventy_thousand_ids_finds_the_rows():
    teachers = TeacherFactory.create_batch(3)
    wanted = [teachers[0].pk, teachers[2].pk]
    found = Teacher.objects.filter(pk__in=wanted + absent_ids())
    assert sorted(found.values_list("pk", flat=True)) == sorted(wanted)


def test_a_filter_through_a_foreign_key_on_seventy_thousand_values_finds_the_rows():
    period = ECTAtSchoolPeriodFactory()
    ECTAtSchoolPeriodFactory()
    by_id = ECTAtSchoolPeriod.objects.filter(teacher_id__in=[period.teacher_id, *absent_ids()])
    by_object = ECTAtSchoolPeriod.objects.filter(
        teacher__in=[period.teacher, *(Teacher(pk=pk) for pk in absent_ids(1_500))]
    )
    assert list(by_id) == [period]
    assert list(by_object) == [period]


def test_an_exclusion_on_seventy_thousand_ids_keeps_the_others():
    kept, left_out = TeacherFactory(), TeacherFactory()
    remaining = Teacher.objects.filter(pk__in=[kept.pk, left_out.pk]).exclude(
        pk__in=[left_out.pk, *absent_ids()]
    )
    assert list(remaining) == [kept]


def test_long_lists_of_text_and_dates_find_the_rows():
    period = ECTAtSchoolPeriodFactory(started_on=datetime.date(2026, 9, 1))
    trns = [period.teacher.trn, *(f"{n:07d}" for n in range(1_200))]
    days = [datetime.date(2026, 9, 1) + datetime.timedelta(days=n) for n in range(1_500)]
    assert list(Teacher.objects.filter(trn__in=trns)) == [period.teacher]
    assert list(ECTAtSchoolPeriod.objects.filter(started_on__in=days)) == [period]


def test_nulls_in_a_long_list_match_nothing_and_a_list_of_only_nulls_finds_nothing():
    teacher = TeacherFactory()
    assert list(Teacher.objects.filter(pk__in=[teacher.pk, None, *absent_ids(2_000)])) == [teacher]
    assert list(Teacher.objects.filter(pk__in=[None] * 2_000)) == []


def test_a_long_list_travels_as_one_parameter_and_a_short_one_as_django_writes_it():
    teacher = TeacherFactory()
    with CaptureQueriesContext(connection) as queries:
        list(Teacher.objects.filter(pk__in=[teacher.pk, *absent_ids(5_000)]))
        list(Teacher.objects.filter(pk__in=[teacher.pk, 1, 2]))
    long_sql, short_sql = (query["sql"] for query in queries.captured_queries)
    assert "= ANY(" in long_sql
    assert " IN (" in short_sql
