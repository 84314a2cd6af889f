"""The school's schedule for an ECT who moved school (item 10): terms of induction run on from
the previous school, gaps between schools count for nothing, and the new school sees the part
of the schedule that falls due once the ECT is there."""

import datetime
from decimal import Decimal

import pytest

from induction.schedule import FINAL, FORMAL, PROGRESS_REVIEW
from induction.selectors.school import school_ect
from tests.factories import ECTAtSchoolPeriodFactory

pytestmark = pytest.mark.django_db

d = datetime.date


def test_the_new_school_carries_on_from_the_terms_served_at_the_old_one():
    old = ECTAtSchoolPeriodFactory(started_on=d(2026, 9, 1), finished_on=d(2027, 4, 2))
    new = ECTAtSchoolPeriodFactory(teacher=old.teacher, started_on=d(2027, 4, 5))
    items = school_ect(new)["schedule"]
    assert [(i.term_number, i.kind, i.due_on) for i in items] == [
        (3, FORMAL, d(2027, 7, 16)),
        (4, PROGRESS_REVIEW, d(2027, 12, 17)),
        (5, PROGRESS_REVIEW, d(2028, 4, 7)),
        (6, FINAL, d(2028, 7, 21)),
    ]


def test_the_new_school_skips_a_year_out_between_schools():
    old = ECTAtSchoolPeriodFactory(started_on=d(2026, 9, 1), finished_on=d(2026, 12, 18))
    new = ECTAtSchoolPeriodFactory(teacher=old.teacher, started_on=d(2027, 9, 1))
    items = school_ect(new)["schedule"]
    assert [(i.term_number, i.kind, i.due_on) for i in items][:2] == [
        (2, PROGRESS_REVIEW, d(2027, 12, 17)),
        (3, FORMAL, d(2028, 4, 7)),
    ]
    assert items[-1].kind == FINAL and items[-1].due_on == d(2029, 3, 23)


def test_a_part_time_post_at_the_new_school_is_counted_pro_rata():
    old = ECTAtSchoolPeriodFactory(started_on=d(2026, 9, 1), finished_on=d(2027, 7, 16))
    new = ECTAtSchoolPeriodFactory(teacher=old.teacher, started_on=d(2027, 9, 1), part_time=True)
    assert new.fte == Decimal("0.5")
    items = school_ect(new)["schedule"]
    # 3 terms were served at the old school: the formal assessment is behind them, and the
    # other 3 at 0.5 FTE take six terms, to the summer of 2029.
    assert [(i.term_number, i.kind) for i in items] == [
        (4, PROGRESS_REVIEW),
        (5, PROGRESS_REVIEW),
        (6, PROGRESS_REVIEW),
        (7, PROGRESS_REVIEW),
        (8, PROGRESS_REVIEW),
        (9, FINAL),
    ]
    assert items[-1].due_on == d(2029, 7, 20)
