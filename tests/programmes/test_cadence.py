"""When drop-ins and meetings are due: weekly in year 1, fortnightly in year 2 with the
half-term's meeting focuses in weeks 1, 3 and 6 (rules 18-19)."""

from dataclasses import dataclass
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from ecte.calendar.dates import default_half_terms
from programmes import cadence

HALF_TERMS = default_half_terms(2026)  # Autumn 2 runs from Monday 2 November to Friday 18 December
AUTUMN_2 = HALF_TERMS[1]


@dataclass(frozen=True)
class Focus:
    number: int
    week: int


FOCUSES = [Focus(1, 1), Focus(2, 3), Focus(3, 6)]


def spans(windows):
    return [(w.starts_on, w.ends_on) for w in windows]


def test_year_1_has_a_window_each_week_of_the_half_term():
    windows = cadence.half_term_windows(AUTUMN_2, every_weeks=1)
    assert len(windows) == 7
    assert spans(windows)[:2] == [
        (date(2026, 11, 2), date(2026, 11, 8)),
        (date(2026, 11, 9), date(2026, 11, 15)),
    ]
    assert windows[-1].ends_on == date(2026, 12, 18)


def test_year_2_drop_ins_are_fortnightly():
    windows = cadence.half_term_windows(AUTUMN_2, every_weeks=2)
    assert [w.week for w in windows] == [1, 3, 5, 7]


def test_year_2_meetings_follow_the_focus_weeks_1_3_and_6():
    windows = cadence.half_term_windows(AUTUMN_2, every_weeks=2, focuses=FOCUSES)
    assert spans(windows) == [
        (date(2026, 11, 2), date(2026, 11, 15)),
        (date(2026, 11, 16), date(2026, 12, 6)),
        (date(2026, 12, 7), date(2026, 12, 18)),
    ]
    assert [w.focus.number for w in windows] == [1, 2, 3]


def test_a_half_term_starting_midweek_starts_its_first_window_that_day():
    first = cadence.half_term_windows(HALF_TERMS[0], every_weeks=1)[0]
    assert (first.starts_on, first.ends_on) == (date(2026, 9, 2), date(2026, 9, 6))


def test_weekly_drop_ins_all_held_are_not_overdue():
    logged = [date(2026, 11, 4), date(2026, 11, 11), date(2026, 11, 18)]
    due = cadence.due(
        HALF_TERMS,
        every_weeks=1,
        logged_on=logged,
        from_day=date(2026, 11, 2),
        today=date(2026, 11, 23),
    )
    assert (due.expected, due.held, due.overdue) == (3, 3, False)
    assert (due.current.starts_on, due.met_now) == (date(2026, 11, 23), None)


def test_missing_last_weeks_drop_in_is_overdue():
    logged = [date(2026, 11, 4), date(2026, 11, 11)]
    due = cadence.due(
        HALF_TERMS,
        every_weeks=1,
        logged_on=logged,
        from_day=date(2026, 11, 2),
        today=date(2026, 11, 23),
    )
    assert (due.expected, due.held, due.overdue) == (3, 2, True)
    assert due.last_missed.starts_on == date(2026, 11, 16)


def test_a_log_this_week_meets_the_current_window():
    due = cadence.due(
        HALF_TERMS,
        every_weeks=1,
        logged_on=[date(2026, 11, 24)],
        from_day=date(2026, 11, 23),
        today=date(2026, 11, 25),
    )
    assert (due.expected, due.met_now, due.overdue) == (0, date(2026, 11, 24), False)


def test_nothing_falls_due_in_the_october_holiday():
    due = cadence.due(
        HALF_TERMS,
        every_weeks=1,
        logged_on=[],
        from_day=date(2026, 10, 26),
        today=date(2026, 10, 28),
    )
    assert due.current is None
    assert due.expected == 0


def test_windows_before_the_mentoring_started_are_not_expected():
    due = cadence.due(
        HALF_TERMS,
        every_weeks=1,
        logged_on=[],
        from_day=date(2026, 11, 16),
        today=date(2026, 11, 23),
    )
    assert due.expected == 1


def test_week_of_counts_from_the_week_the_half_term_starts():
    assert cadence.week_of(AUTUMN_2, date(2026, 11, 2)) == 1
    assert cadence.week_of(AUTUMN_2, date(2026, 12, 7)) == 6


_AUTUMN = st.dates(min_value=date(2026, 9, 1), max_value=date(2027, 1, 31))


@settings(max_examples=200, deadline=None)
@given(
    logged_on=st.lists(_AUTUMN, max_size=40),
    from_day=_AUTUMN,
    today=_AUTUMN,
    every_weeks=st.sampled_from([1, 2]),
)
def test_a_window_is_met_exactly_when_a_day_inside_it_was_logged(
    logged_on, from_day, today, every_weeks
):
    """Whatever the days logged, in any order and with repeats: the same answer as testing
    every day against every window (the bisected search is only faster)."""
    due = cadence.due(
        HALF_TERMS,
        every_weeks=every_weeks,
        logged_on=logged_on,
        from_day=from_day,
        today=today,
    )
    windows = cadence.windows_between(
        HALF_TERMS, every_weeks=every_weeks, from_day=from_day, to_day=today
    )
    ended = [w for w in windows if w.ends_on < today]
    met = [any(day in w and day >= from_day for day in logged_on) for w in ended]
    missed = [w for w, held in zip(ended, met, strict=True) if not held]
    assert (due.expected, due.held) == (len(ended), sum(met))
    assert due.last_missed == (missed[-1] if missed else None)
    assert due.overdue == (bool(ended) and not met[-1])
    current = next((w for w in windows if today in w), None)
    in_current = [day for day in logged_on if current is not None and day in current]
    assert due.met_now == max(in_current, default=None)
