"""Rule 7 (Reg 8, SG 2.30, 3.6-3.7): 30 or more days absent in a year of induction extend that
year by the days absent. A year of induction is the time it takes to serve three
full-time-equivalent terms (SG 2.30, "or equivalent for part-time teachers", SG 3.6), counted
through the teacher's induction periods on the school calendar, not a calendar year."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from induction.absence import absence_by_year
from induction.models import AbsenceKind

pytestmark = pytest.mark.django_db

d = datetime.date


@dataclass
class Span:
    started_on: datetime.date
    finished_on: datetime.date | None = None
    fte: Decimal = Decimal("1")


@dataclass
class Off:
    started_on: datetime.date
    days: int
    kind: str = AbsenceKind.ABSENCE
    extension_requested: bool = False


def years(absences, periods, ect_periods=None):
    return absence_by_year(absences, periods=periods, ect_periods=ect_periods or periods)


def test_a_full_time_ects_first_year_of_induction_is_three_terms_of_the_school_year():
    (first,) = years([Off(d(2026, 10, 1), 5)], [Span(d(2026, 9, 1))])
    assert first.year == 1
    assert first.starts_on == d(2026, 9, 2)  # the first school day of autumn 2026
    assert first.ends_on == d(2027, 7, 16)  # the last school day of summer 2027


def test_absence_after_the_summer_holiday_is_in_the_second_year_for_a_full_time_ect():
    (second,) = years([Off(d(2027, 9, 8), 31)], [Span(d(2026, 9, 1))])
    assert second.year == 2
    assert second.extension_days == 31


def test_a_part_time_ects_first_year_of_induction_lasts_two_school_years():
    part_time = Span(d(2026, 9, 1), fte=Decimal("0.5"))
    (first,) = years([Off(d(2027, 9, 8), 31)], [Span(d(2026, 9, 1))], [part_time])
    assert first.year == 1
    assert first.ends_on is not None and first.ends_on.year == 2028
    assert "at 0.5 FTE" in first.dates
    assert first.extension_days == 31


def test_absence_in_different_years_of_induction_is_not_added_together():
    result = years([Off(d(2027, 3, 1), 20), Off(d(2027, 10, 4), 20)], [Span(d(2026, 9, 1))])
    assert [(y.year, y.absence_days, y.extension_days) for y in result] == [(1, 20, 0), (2, 20, 0)]


def test_thirty_days_in_one_year_extend_that_year_by_the_days_absent():
    (first,) = years([Off(d(2027, 1, 11), 30)], [Span(d(2026, 9, 1))])
    assert first.extension_days == 30
    assert first.ends_on > d(2027, 7, 16)  # 30 school days later: into the autumn term
    assert first.ends_on.month in (9, 10)
    assert "extended by 30 school days" in first.dates


def test_absence_in_the_extension_of_year_one_counts_in_year_one():
    result = years([Off(d(2027, 1, 11), 30), Off(d(2027, 9, 8), 5)], [Span(d(2026, 9, 1))])
    assert [(y.year, y.absence_days) for y in result] == [(1, 35)]


def test_a_gap_between_schools_does_not_count_towards_a_year_of_induction():
    periods = [
        Span(d(2026, 9, 1), d(2026, 12, 18)),  # one term
        Span(d(2027, 9, 1)),  # then a school year away, then back
    ]
    (first,) = years([Off(d(2028, 3, 1), 10)], periods)
    assert first.year == 1
    assert first.ends_on.year == 2028 and first.ends_on.month in (3, 4)


def test_absence_starting_between_periods_belongs_to_the_year_that_resumes():
    periods = [Span(d(2026, 9, 1), d(2027, 7, 16)), Span(d(2027, 9, 1))]
    (second,) = years([Off(d(2027, 8, 2), 3)], periods)
    assert second.year == 2


def test_family_leave_extends_only_when_asked():
    (first,) = years(
        [
            Off(d(2026, 11, 2), 40, kind=AbsenceKind.FAMILY_LEAVE),
            Off(d(2027, 3, 1), 10, kind=AbsenceKind.FAMILY_LEAVE, extension_requested=True),
        ],
        [Span(d(2026, 9, 1))],
    )
    assert first.absence_days == 0
    assert first.extension_days == 10
    assert "40 days of statutory family leave, which extend induction only if" in first.explanation


def test_before_any_claim_the_years_follow_the_ect_posts():
    (first,) = absence_by_year(
        [Off(d(2026, 10, 1), 3)], periods=[], ect_periods=[Span(d(2026, 9, 1))]
    )
    assert first.starts_on == d(2026, 9, 2)


def test_no_absence_means_no_years_and_no_calendar_queries(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert years([], [Span(d(2026, 9, 1))]) == []
