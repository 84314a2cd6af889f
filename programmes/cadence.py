"""When mentor meetings and lesson drop-ins are due (rules 18-20). Pure functions.

Each half-term is cut into windows: one a week in year 1, one a fortnight in year 2
(the programme year's cadence, as data), and 1/FTE times as far apart for a part-time
ECT (rule 4, pro rata). Year 2 meetings follow the fixed focus
weeks when the programme has them (NIoT: weeks 1, 3 and 6), each window running up to
the next focus week. A window is met when something was logged on a day inside it.
School holidays have no windows, so nothing falls due in them.
"""

from __future__ import annotations

import bisect
import datetime
import functools
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from ecte.calendar.dates import HalfTerm

ONE_DAY = datetime.timedelta(days=1)
ONE_WEEK = datetime.timedelta(days=7)


@dataclass(frozen=True)
class Window:
    half_term: HalfTerm
    starts_on: datetime.date
    ends_on: datetime.date
    week: int  # the week of the half-term it starts in, from 1
    focus: object | None = None  # a MeetingFocus for year 2 meetings

    def __contains__(self, day: object) -> bool:
        return isinstance(day, datetime.date) and self.starts_on <= day <= self.ends_on


def monday_of(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def week_of(half_term: HalfTerm, day: datetime.date) -> int:
    """Week 1 is the week (Monday to Sunday) the half-term starts in."""
    return (monday_of(day) - monday_of(half_term.starts_on)).days // 7 + 1


def _week_starts(half_term: HalfTerm, week: int) -> datetime.date:
    return max(monday_of(half_term.starts_on) + (week - 1) * ONE_WEEK, half_term.starts_on)


def half_term_windows(
    half_term: HalfTerm, *, every_weeks: int | Decimal, focuses: list | None = None
) -> list[Window]:
    """The windows of one half-term: at the focus weeks if given, else every `every_weeks`."""
    if not focuses:
        return list(_regular_windows(half_term, every_weeks))
    weeks_in_half_term = week_of(half_term, half_term.ends_on)
    starts = [(focus.week, focus) for focus in sorted(focuses, key=lambda f: f.week)]
    starts = [
        (_week_starts(half_term, week), focus)
        for week, focus in starts
        if week <= weeks_in_half_term
    ]
    return _windows(half_term, starts)


@functools.lru_cache(maxsize=4096)
def _regular_windows(half_term: HalfTerm, every_weeks: int | Decimal) -> tuple[Window, ...]:
    # The same few half-terms and paces for every ECT a page or a sweep looks at: worked out
    # once per process (half-terms and windows are frozen values).
    return tuple(_windows(half_term, [(day, None) for day in _every(half_term, every_weeks)]))


def _windows(half_term: HalfTerm, starts: list) -> list[Window]:
    windows = []
    ends = [starts_on - ONE_DAY for starts_on, _ in starts[1:]] + [half_term.ends_on]
    for (starts_on, focus), ends_on in zip(starts, ends, strict=True):
        week = week_of(half_term, starts_on)
        windows.append(Window(half_term, starts_on, ends_on, week, focus))
    return windows


def _every(half_term: HalfTerm, every_weeks) -> list[datetime.date]:
    """Window starts every `every_weeks` from the Monday of week 1. A part-time ECT's pace can
    be a fraction of weeks (weekly at 0.8 FTE: every 8.75 days), so starts are counted in days
    from week 1 and need not fall on a Monday."""
    step = max(Decimal(str(every_weeks)), Decimal("1")) * 7
    first_monday = monday_of(half_term.starts_on)
    starts, index = [], 0
    while True:
        offset = int((step * index).to_integral_value(rounding=ROUND_HALF_UP))
        day = first_monday + datetime.timedelta(days=offset)
        if day > half_term.ends_on:
            return starts
        starts.append(max(day, half_term.starts_on))
        index += 1


def windows_between(
    half_terms: list[HalfTerm],
    *,
    every_weeks: int | Decimal,
    focuses: list | None = None,
    from_day: datetime.date,
    to_day: datetime.date,
) -> list[Window]:
    """Windows that overlap [from_day, to_day]: what was due while the mentoring ran."""
    return [
        window
        for half_term in half_terms
        for window in half_term_windows(half_term, every_weeks=every_weeks, focuses=focuses)
        if window.ends_on >= from_day and window.starts_on <= to_day
    ]


@dataclass(frozen=True)
class Due:
    """How one kind of log stands against its cadence on a day."""

    current: Window | None  # the window containing the day (None in a holiday)
    met_now: datetime.date | None  # when it was logged in the current window
    expected: int  # windows that have ended since the mentoring started
    held: int  # of those, how many had a log
    last_missed: Window | None  # the latest ended window with nothing logged
    overdue: bool  # the most recent window that has ended had nothing logged


def due(
    half_terms: list[HalfTerm],
    *,
    every_weeks: int | Decimal,
    focuses: list | None = None,
    logged_on: list[datetime.date],
    from_day: datetime.date,
    today: datetime.date,
) -> Due:
    """The cadence against the dates logs were held on, from `from_day` up to `today`."""
    windows = windows_between(
        half_terms, every_weeks=every_weeks, focuses=focuses, from_day=from_day, to_day=today
    )
    current = next((w for w in windows if today in w), None)
    ended = [w for w in windows if w.ends_on < today]
    # A term of weekly logs for each of a mentor's ECTs: find each window's first log by
    # bisecting the sorted days, not by testing every day against every window.
    every_day = sorted(logged_on)
    days = every_day[bisect.bisect_left(every_day, from_day) :]

    def has_log(window: Window) -> bool:
        first = bisect.bisect_left(days, window.starts_on)
        return first < len(days) and days[first] <= window.ends_on

    met = [has_log(window) for window in ended]
    missed = [window for window, held in zip(ended, met, strict=True) if not held]
    met_now = None
    if current is not None:
        # The latest log up to the window's end, if it is inside the window: a log before
        # from_day counts here (the mentoring may have started mid-window).
        last = bisect.bisect_right(every_day, current.ends_on)
        if last and every_day[last - 1] >= current.starts_on:
            met_now = every_day[last - 1]
    return Due(
        current=current,
        met_now=met_now,
        expected=len(ended),
        held=sum(met),
        last_missed=missed[-1] if missed else None,
        overdue=bool(ended) and not met[-1],
    )
