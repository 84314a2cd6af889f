"""The database itself refuses bad induction rows, whatever code writes them."""

import datetime
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from induction.models import Extension, InductionPeriod
from tests.factories import AppropriateBodyFactory, InductionPeriodFactory, TeacherFactory

pytestmark = pytest.mark.django_db

SEPT_2024 = datetime.date(2024, 9, 2)
JULY_2025 = datetime.date(2025, 7, 18)


def closed(**kwargs):
    defaults = {"started_on": SEPT_2024, "finished_on": JULY_2025, "number_of_terms": Decimal("3")}
    return InductionPeriodFactory(**{**defaults, **kwargs})


def test_induction_period_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        closed(finished_on=SEPT_2024 - datetime.timedelta(days=1))


def test_a_teacher_has_at_most_one_open_induction_period():
    teacher = TeacherFactory()
    InductionPeriodFactory(teacher=teacher, started_on=SEPT_2024)
    with pytest.raises(IntegrityError):
        InductionPeriodFactory(teacher=teacher, started_on=datetime.date(2026, 9, 1))


def test_induction_periods_of_a_teacher_never_overlap():
    teacher = TeacherFactory()
    closed(teacher=teacher)
    with pytest.raises(IntegrityError):
        closed(teacher=teacher, started_on=JULY_2025, finished_on=datetime.date(2025, 12, 19))


def test_only_one_appropriate_body_holds_a_teacher_at_a_time():
    teacher = TeacherFactory()
    InductionPeriodFactory(teacher=teacher, started_on=SEPT_2024)
    with pytest.raises(IntegrityError):
        InductionPeriodFactory(
            teacher=teacher,
            appropriate_body=AppropriateBodyFactory(),
            started_on=datetime.date(2025, 1, 6),
        )


def test_a_teacher_has_one_outcome_only():
    teacher = TeacherFactory()
    closed(teacher=teacher, outcome="pass")
    with pytest.raises(IntegrityError):
        closed(
            teacher=teacher,
            started_on=datetime.date(2025, 9, 1),
            finished_on=datetime.date(2025, 12, 19),
            outcome="fail",
        )


def test_outcome_only_on_a_closed_period():
    with pytest.raises(IntegrityError):
        InductionPeriodFactory(outcome="pass")


def test_outcome_must_be_pass_or_fail():
    with pytest.raises(IntegrityError):
        closed(outcome="maybe")


def test_a_closed_period_records_its_terms():
    with pytest.raises(IntegrityError), transaction.atomic():
        closed(number_of_terms=None)
    with pytest.raises(IntegrityError):
        InductionPeriodFactory(number_of_terms=Decimal("2"))


@pytest.mark.parametrize("terms", [Decimal("-0.5"), Decimal("16.01"), Decimal("17")])
def test_terms_are_between_0_and_16(terms):
    with pytest.raises(IntegrityError):
        closed(number_of_terms=terms)


@pytest.mark.parametrize("terms", [Decimal("0"), Decimal("1.25"), Decimal("16")])
def test_terms_at_the_edges_are_accepted(terms):
    assert closed(number_of_terms=terms).number_of_terms == terms


@pytest.mark.parametrize("terms", [Decimal("0"), Decimal("-1"), Decimal("16.5")])
def test_an_extension_is_more_than_0_and_at_most_16_terms(terms):
    with pytest.raises(IntegrityError):
        Extension.objects.create(
            teacher=TeacherFactory(),
            appropriate_body=AppropriateBodyFactory(),
            number_of_terms=terms,
        )


def test_refused_rows_are_not_saved():
    teacher = TeacherFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        InductionPeriodFactory(teacher=teacher, outcome="pass")
    assert not InductionPeriod.objects.filter(teacher=teacher).exists()
