"""Rule 8: a progress review in every term without a formal assessment; formal assessments at the
end of terms 3 and 6, pro rata for part-time ECTs; the guidance's rules for a start mid-term and for
a review within a term of an assessment (SG 2.48-2.55, 3.4)."""

import datetime
from decimal import Decimal

import pytest

from induction.schedule import FINAL, FORMAL, PROGRESS_REVIEW, HalfTermCalendar, build_schedule

pytestmark = pytest.mark.django_db

d = datetime.date
SEPT = d(2026, 9, 1)


def schedule(started_on=SEPT, fte="1", terms_required="6", **kwargs):
    return build_schedule(
        started_on=started_on,
        fte_on=lambda day: Decimal(fte),
        terms_required=Decimal(terms_required),
        **kwargs,
    )


def shape(items):
    return [(item.term_number, item.kind, item.due_on) for item in items]


def test_a_full_time_ect_has_reviews_in_terms_1_2_4_5_and_assessments_at_the_end_of_3_and_6():
    assert shape(schedule()) == [
        (1, PROGRESS_REVIEW, d(2026, 12, 18)),
        (2, PROGRESS_REVIEW, d(2027, 3, 19)),
        (3, FORMAL, d(2027, 7, 16)),
        (4, PROGRESS_REVIEW, d(2027, 12, 17)),
        (5, PROGRESS_REVIEW, d(2028, 4, 7)),
        (6, FINAL, d(2028, 7, 21)),
    ]


def test_a_half_time_ect_is_assessed_after_the_equivalent_of_3_and_6_terms():
    items = schedule(fte="0.5")
    assert [(i.term_number, i.kind) for i in items if i.kind != PROGRESS_REVIEW] == [
        (6, FORMAL),
        (12, FINAL),
    ]
    # Still a progress review every term, whatever the working pattern (SG 2.48).
    assert len([i for i in items if i.kind == PROGRESS_REVIEW]) == 10
    assert items[-1].due_on == d(2030, 7, 19)


def test_an_ect_who_joins_halfway_through_a_term_is_reviewed_halfway_through_the_next():
    items = schedule(started_on=d(2026, 11, 2))
    assert shape(items)[:3] == [
        (1, PROGRESS_REVIEW, d(2027, 2, 12)),
        (2, PROGRESS_REVIEW, d(2027, 5, 28)),
        (3, FORMAL, d(2027, 10, 22)),
    ]


def test_a_start_in_the_holidays_counts_from_the_next_half_term():
    items = schedule(started_on=d(2026, 10, 28))
    assert items[0].due_on == d(2027, 2, 12)
    assert items[0].starts_on == d(2026, 11, 2)


def test_no_review_is_needed_less_than_a_term_before_an_assessment():
    """At 0.7 FTE the equivalent of 3 terms is reached early in the fifth term: the fourth
    term's review would fall less than a term before the formal assessment."""
    items = schedule(fte="0.7")
    assert [(i.term_number, i.kind) for i in items][:4] == [
        (1, PROGRESS_REVIEW),
        (2, PROGRESS_REVIEW),
        (3, PROGRESS_REVIEW),
        (5, FORMAL),
    ]
    formal = items[3]
    assert formal.due_on == d(2028, 2, 11)  # the end of the first half of the spring term


def test_an_induction_reduced_to_one_term_has_only_the_final_assessment():
    """SG 3.4."""
    assert shape(schedule(terms_required="1")) == [(1, FINAL, d(2026, 12, 18))]


def test_an_induction_reduced_to_three_terms_has_no_separate_formal_assessment():
    assert [i.kind for i in schedule(terms_required="3")] == [
        PROGRESS_REVIEW,
        PROGRESS_REVIEW,
        FINAL,
    ]


def test_an_extension_moves_the_final_assessment():
    items = schedule(terms_required="7")
    assert [(i.term_number, i.kind) for i in items if i.kind != PROGRESS_REVIEW] == [
        (3, FORMAL),
        (7, FINAL),
    ]


def test_absence_that_extends_induction_moves_the_final_assessment_by_the_days_absent():
    items = schedule(absence_extension_days=35)
    assert items[-1].kind == FINAL
    assert items[-1].due_on == d(2028, 9, 11)  # 35 working days after 21 July 2028


def test_terms_served_before_joining_count_towards_the_assessments():
    """2.5 terms served elsewhere: 3 are reached halfway through the first term here, 6 halfway
    through the fourth, so the third term's review falls less than a term before it."""
    items = schedule(prior_terms=Decimal("2.5"))
    assert shape(items) == [
        (1, FORMAL, d(2026, 10, 23)),
        (2, PROGRESS_REVIEW, d(2027, 3, 19)),
        (4, FINAL, d(2027, 10, 22)),
    ]


def test_a_schedule_asks_the_calendar_once_per_academic_year(
    django_assert_num_queries, reference_cache_off
):
    calendar = HalfTermCalendar()
    with django_assert_num_queries(2):  # 2026 to 2027 and 2027 to 2028
        schedule(calendar=calendar)
    with django_assert_num_queries(0):
        schedule(calendar=calendar, terms_required="5", fte="0.9")


# --- across schools: terms run through the ECT's posts, skipping gaps -----------------------


def full_time(day):
    return Decimal("1")


def test_a_move_without_a_gap_carries_on_counting_terms_of_induction():
    """Leaves at Easter and starts the next school on the first day of the summer term: the
    same schedule as staying put."""
    moved = build_schedule(
        started_on=SEPT,
        spans=[(SEPT, d(2027, 4, 2)), (d(2027, 4, 5), None)],
        fte_on=full_time,
        terms_required=Decimal("6"),
    )
    assert shape(moved) == shape(schedule())


def test_a_move_with_a_gap_skips_the_terms_between_schools():
    """One term, a school year away, then back: the gap counts for nothing, so the formal
    assessment comes after three terms served, not three terms of the calendar."""
    items = build_schedule(
        started_on=SEPT,
        spans=[(SEPT, d(2026, 12, 18)), (d(2027, 9, 1), None)],
        fte_on=full_time,
        terms_required=Decimal("6"),
    )
    assert shape(items) == [
        (1, PROGRESS_REVIEW, d(2026, 12, 18)),
        (2, PROGRESS_REVIEW, d(2027, 12, 17)),
        (3, FORMAL, d(2028, 4, 7)),
        (4, PROGRESS_REVIEW, d(2028, 7, 21)),
        (5, PROGRESS_REVIEW, d(2028, 12, 15)),
        (6, FINAL, d(2029, 3, 23)),
    ]
    assert items[1].starts_on == d(2027, 9, 1)


def test_a_gap_of_part_of_a_half_term_delays_the_assessment_by_that_part():
    """A week between schools at the start of the summer term: three terms are served only
    in the next autumn, and the summer term's review, less than a term before the formal
    assessment, is not needed (SG 2.49)."""
    items = build_schedule(
        started_on=SEPT,
        spans=[(SEPT, d(2027, 3, 26)), (d(2027, 4, 12), None)],
        fte_on=full_time,
        terms_required=Decimal("6"),
    )
    assert [(i.term_number, i.kind, i.due_on) for i in items][:3] == [
        (1, PROGRESS_REVIEW, d(2026, 12, 18)),
        (2, PROGRESS_REVIEW, d(2027, 3, 19)),
        (4, FORMAL, d(2027, 10, 22)),
    ]


def test_a_move_to_a_part_time_post_is_counted_pro_rata():
    """Full-time until the February half-term, then 0.5 FTE at a new school: 3 terms are
    served at the end of the first half of the fifth term, so the fourth term's review falls
    less than a term before the formal assessment and is not needed (SG 2.49)."""
    items = build_schedule(
        started_on=SEPT,
        spans=[(SEPT, d(2027, 2, 12)), (d(2027, 2, 22), None)],
        fte_on=lambda day: Decimal("1") if day < d(2027, 2, 20) else Decimal("0.5"),
        terms_required=Decimal("6"),
    )
    assert [(i.term_number, i.kind, i.due_on) for i in items] == [
        (1, PROGRESS_REVIEW, d(2026, 12, 18)),
        (2, PROGRESS_REVIEW, d(2027, 3, 19)),
        (3, PROGRESS_REVIEW, d(2027, 7, 16)),
        (5, FORMAL, d(2028, 2, 11)),
        (6, PROGRESS_REVIEW, d(2028, 7, 21)),
        (7, PROGRESS_REVIEW, d(2028, 12, 15)),
        (8, PROGRESS_REVIEW, d(2029, 3, 23)),
        (9, PROGRESS_REVIEW, d(2029, 7, 20)),
        (11, FINAL, d(2030, 2, 15)),
    ]


def test_a_schedule_stops_when_the_ect_leaves():
    items = build_schedule(
        started_on=SEPT,
        spans=[(SEPT, d(2027, 7, 16))],
        fte_on=full_time,
        terms_required=Decimal("6"),
    )
    assert [i.kind for i in items] == [PROGRESS_REVIEW, PROGRESS_REVIEW, FORMAL]
