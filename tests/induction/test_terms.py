"""Rules 4 and 5: terms served are full-time-equivalent calendar terms, to two decimals, and
employment of less than a term does not count. The suggestion is what the appropriate body
sees when it releases an ECT or records an outcome."""

import datetime
from decimal import Decimal

import pytest

from ecte.calendar.models import AcademicYear
from induction.terms import suggest_terms
from tests.factories import ECTAtSchoolPeriodFactory, TeacherFactory

pytestmark = pytest.mark.django_db

# The England default calendar for 2026 to 2027 (see ecte.calendar.dates):
# autumn 1: 2 Sep - 23 Oct, autumn 2: 2 Nov - 18 Dec, spring 1: 4 Jan - 12 Feb,
# spring 2: 22 Feb - 19 Mar, summer 1: 5 Apr - 28 May, summer 2: 7 Jun - 16 Jul.
SEPT = datetime.date(2026, 9, 1)


def ect(**kwargs):
    return ECTAtSchoolPeriodFactory(started_on=SEPT, **kwargs).teacher


def test_a_full_autumn_term_is_one_term():
    suggestion = suggest_terms(
        teacher=ect(), started_on=SEPT, finished_on=datetime.date(2026, 12, 18)
    )
    assert suggestion.terms == Decimal("1.00")
    assert suggestion.explanation == "From 1 September 2026 to 18 December 2026 is 1 term in post"


def test_a_full_time_ect_leaving_after_two_and_a_half_terms_has_served_2_5():
    suggestion = suggest_terms(
        teacher=ect(), started_on=SEPT, finished_on=datetime.date(2027, 5, 28)
    )
    assert suggestion.terms == Decimal("2.50")


def test_a_half_time_ect_leaving_after_two_and_a_half_terms_has_served_1_25():
    """SG 2.34's own example."""
    teacher = ect(part_time=True)
    suggestion = suggest_terms(
        teacher=teacher, started_on=SEPT, finished_on=datetime.date(2027, 5, 28)
    )
    assert suggestion.terms == Decimal("1.25")
    assert suggestion.terms_in_post == Decimal("2.50")
    assert suggestion.explanation == (
        "From 1 September 2026 to 28 May 2027 is 2.5 terms in post at 0.5 FTE: "
        "1.25 terms full-time equivalent"
    )


def test_the_school_holidays_count_for_nothing():
    """Leaving during the October half-term holiday counts the first half-term only."""
    teacher = ect()  # still in post, so the minimum of one term can still be reached
    suggestion = suggest_terms(
        teacher=teacher, started_on=SEPT, finished_on=datetime.date(2026, 10, 30)
    )
    assert suggestion.terms == Decimal("0.50")
    assert suggestion.counts


def test_part_of_a_half_term_counts_by_its_working_days_net_of_bank_holidays():
    """Summer 1 2027 has 39 working days (the early May and spring bank holidays excluded):
    leaving on Friday 23 April, after 15 of them, adds 15/39 of half a term."""
    teacher = ect()
    suggestion = suggest_terms(
        teacher=teacher, started_on=SEPT, finished_on=datetime.date(2027, 4, 23)
    )
    assert suggestion.terms == Decimal("2.19")  # 2 + 0.5 * 15 / 39 = 2.192...


def test_a_change_of_working_pattern_counts_each_day_at_its_own_fte():
    teacher = TeacherFactory()
    ECTAtSchoolPeriodFactory(
        teacher=teacher, started_on=SEPT, finished_on=datetime.date(2026, 12, 31)
    )
    ECTAtSchoolPeriodFactory(teacher=teacher, started_on=datetime.date(2027, 1, 1), part_time=True)
    suggestion = suggest_terms(
        teacher=teacher, started_on=SEPT, finished_on=datetime.date(2027, 2, 12)
    )
    assert suggestion.terms == Decimal("1.25")  # a full-time term and a half-time half-term
    assert suggestion.explanation.endswith(
        "1.5 terms in post part-time: 1.25 terms full-time equivalent"
    )


def test_employment_of_less_than_a_term_does_not_count():
    """Rule 5 (SG 2.33): short-term supply under a term does not count towards induction."""
    teacher = ect(finished_on=datetime.date(2026, 11, 20))
    suggestion = suggest_terms(
        teacher=teacher, started_on=SEPT, finished_on=datetime.date(2026, 11, 20)
    )
    assert suggestion.terms == Decimal("0")
    assert not suggestion.counts
    assert suggestion.explanation.endswith(
        "Employment of less than one term does not count towards induction"
    )


def test_a_post_of_a_term_or_more_counts_even_if_the_period_with_this_body_was_short():
    teacher = ect(finished_on=datetime.date(2027, 3, 19))
    suggestion = suggest_terms(
        teacher=teacher,
        started_on=datetime.date(2027, 1, 4),
        finished_on=datetime.date(2027, 2, 12),
    )
    assert suggestion.terms == Decimal("0.50")
    assert suggestion.counts


def test_half_term_dates_edited_in_the_admin_change_the_suggestion():
    year = AcademicYear.defaults_for(2026)
    year.half_term_1_ends_on = datetime.date(2026, 10, 16)  # a two-week October break
    year.save()
    teacher = ect()
    suggestion = suggest_terms(
        teacher=teacher, started_on=SEPT, finished_on=datetime.date(2026, 10, 20)
    )
    assert suggestion.terms == Decimal("0.50")
