import datetime
from decimal import Decimal

import pytest

from induction.selectors import induction_progress_for
from tests.factories import ExtensionFactory, InductionPeriodFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def test_progress_reads_x_of_6_terms_plus_extensions():
    teacher = TeacherFactory()
    InductionPeriodFactory(
        teacher=teacher,
        started_on=datetime.date(2025, 9, 1),
        finished_on=datetime.date(2026, 3, 31),
        number_of_terms=Decimal("2.5"),
    )
    InductionPeriodFactory(teacher=teacher, started_on=datetime.date(2026, 4, 20))
    ExtensionFactory(teacher=teacher, number_of_terms=Decimal("1"))
    progress = induction_progress_for([teacher.pk])[teacher.pk]
    assert progress.terms_label == "2.5 of 6 terms, plus a 1 term extension"
    assert progress.terms_required == Decimal("7")
    assert progress.status == "In progress"


def test_progress_of_a_teacher_with_no_periods_is_not_started():
    teacher = TeacherFactory()
    progress = induction_progress_for([teacher.pk])[teacher.pk]
    assert progress.terms_label == "0 of 6 terms"
    assert progress.status == "Not started"


def test_progress_for_many_teachers_takes_three_queries(django_assert_num_queries):
    teachers = [TeacherFactory() for _ in range(5)]
    for teacher in teachers:
        InductionPeriodFactory(teacher=teacher)
    with django_assert_num_queries(3):
        progress = induction_progress_for([t.pk for t in teachers])
    assert {p.status for p in progress.values()} == {"In progress"}
