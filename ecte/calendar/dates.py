"""Academic years, terms, half-terms and working days: the one place the service asks.

Induction is counted in terms and its deadlines in working days, so every part
of the service must agree on what "the spring term" or "10 working days after
the meeting" means. Everything here is a pure function of its arguments and of
the `AcademicYear` table; nothing touches the database at import time.

Academic years
    An academic year runs from 1 September to 31 August and is identified by the
    calendar year it starts in: 2026 is "2026 to 2027".

Terms and half-terms
    Three terms (autumn, spring, summer), each split into two half-terms, give
    six half-terms numbered 1 to 6. A term runs from the first day of its first
    half-term to the last day of its second, so the half-term holiday in the
    middle belongs to the term but to no half-term. The holidays between terms
    belong to neither.

Half-term dates
    An `AcademicYear` row, edited in the Django admin, holds the dates for a
    year. When a year has no row the service uses these England defaults, where
    Y is the start year. They are deterministic approximations of a typical
    English state school year, not any local authority's published dates:

    1. Autumn 1 starts on the first Wednesday on or after 1 September Y (leaving
       Monday and Tuesday for training days) and ends on the Friday before the
       October half-term week. That week is the last full Monday-to-Friday week
       of October: the one starting on the last Monday on or before 27 October.
    2. Autumn 2 starts on the Monday after the October half-term week and ends
       on the latest Friday on or before 20 December.
    3. Spring 1 starts on the first Monday on or after 4 January Y+1, which is
       always clear of the New Year bank holidays, and ends on the Friday before
       the February half-term week: the week starting on the first Monday on or
       after 12 February.
    4. Spring 2 starts on the Monday after the February half-term week and ends
       on the Friday before Holy Week (9 days before Easter Sunday, from
       `dateutil.easter`). The Easter holiday is the fortnight of Holy Week and
       the week of Easter Monday, so it always holds Good Friday and Easter
       Monday, whether Easter falls in March or April.
    5. Summer 1 starts on the Monday after Easter week (8 days after Easter
       Sunday) and ends on the Friday before the spring bank holiday week: the
       week starting on the last Monday of May. The rule uses the last Monday
       even in years such as 2022 when the bank holiday itself moved.
    6. Summer 2 starts on the Monday after the spring bank holiday week and ends
       on the latest Friday on or before 22 July Y+1.

Working days
    A working day is a Monday to Friday that is not an England and Wales bank
    holiday, as listed by the `holidays` package (GB, subdivision ENG), which
    includes substitute days and one-off holidays such as coronations. School
    holidays are working days: deadlines run through them.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from django.utils import timezone

__all__ = [
    "HalfTerm",
    "Term",
    "academic_year_bounds",
    "academic_year_for",
    "academic_year_label",
    "add_working_days",
    "bank_holidays",
    "default_half_term_dates",
    "default_half_terms",
    "half_term_name",
    "half_term_for",
    "half_term_on_or_after",
    "half_terms",
    "is_working_day",
    "term_for",
    "terms",
    "today",
    "working_days_between",
]

TERM_NAMES: tuple[str, str, str] = ("autumn", "spring", "summer")
HALF_TERM_NUMBERS: range = range(1, 7)

MONDAY, WEDNESDAY, FRIDAY = 0, 2, 4
_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)


def half_term_name(number: int) -> str:
    """The name users read: from "Autumn half-term 1" (1) to "Summer half-term 2" (6)."""
    if number not in HALF_TERM_NUMBERS:
        raise ValueError(f"A half-term number is 1 to 6, not {number}")
    term, half = divmod(number - 1, 2)
    return f"{TERM_NAMES[term].capitalize()} half-term {half + 1}"


@dataclass(frozen=True, order=True, slots=True)
class HalfTerm:
    """One of the six half-terms of an academic year, numbered 1 to 6.

    Ordering follows (academic_year, number), so half-terms sort by time.
    """

    academic_year: int
    number: int
    starts_on: date
    ends_on: date

    @property
    def term(self) -> str:
        """The term's name: autumn for half-terms 1-2, spring for 3-4, summer for 5-6."""
        return TERM_NAMES[self.term_number - 1]

    @property
    def term_number(self) -> int:
        """The term this half-term belongs to, 1 to 3."""
        return (self.number + 1) // 2

    @property
    def name(self) -> str:
        """What users read, for example "Autumn half-term 1"."""
        return half_term_name(self.number)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.starts_on <= day <= self.ends_on


@dataclass(frozen=True, slots=True)
class Term:
    """The autumn, spring or summer term, including its half-term holiday."""

    academic_year: int
    name: str
    number: int
    starts_on: date
    ends_on: date

    @property
    def label(self) -> str:
        """For example "Autumn term 2026" or "Spring term 2027".

        Schools name a term by the calendar year it falls in, so the spring and
        summer terms of the 2026 to 2027 year carry 2027.
        """
        return f"{self.name.capitalize()} term {self.starts_on.year}"

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.starts_on <= day <= self.ends_on


# --- academic years ---------------------------------------------------------


def academic_year_for(day: date) -> int:
    """The start year of the academic year containing `day` (31 August 2027 gives 2026)."""
    return day.year if day.month >= 9 else day.year - 1


def academic_year_label(start_year: int) -> str:
    """How users read an academic year: "2026 to 2027" (GOV.UK style, not "2026/27")."""
    return f"{start_year} to {start_year + 1}"


def academic_year_bounds(start_year: int) -> tuple[date, date]:
    """The first and last days of the academic year: 1 September and 31 August."""
    return date(start_year, 9, 1), date(start_year + 1, 8, 31)


# --- default half-term dates ------------------------------------------------


def _on_or_after(day: date, weekday: int) -> date:
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def _on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def default_half_term_dates(start_year: int) -> list[tuple[date, date]]:
    """The England default (starts_on, ends_on) of half-terms 1 to 6.

    See the module docstring for the rules. Used when a year has no
    `AcademicYear` row, and to prefill a new row in the admin.
    """
    next_year = start_year + 1
    october_break = _on_or_before(date(start_year, 10, 27), MONDAY)
    february_break = _on_or_after(date(next_year, 2, 12), MONDAY)
    easter_sunday = easter(next_year)
    spring_bank_holiday_week = _on_or_before(date(next_year, 5, 31), MONDAY)
    friday_before = timedelta(days=3)
    return [
        (_on_or_after(date(start_year, 9, 1), WEDNESDAY), october_break - friday_before),
        (october_break + _ONE_WEEK, _on_or_before(date(start_year, 12, 20), FRIDAY)),
        (_on_or_after(date(next_year, 1, 4), MONDAY), february_break - friday_before),
        (february_break + _ONE_WEEK, easter_sunday - timedelta(days=9)),
        (easter_sunday + timedelta(days=8), spring_bank_holiday_week - friday_before),
        (spring_bank_holiday_week + _ONE_WEEK, _on_or_before(date(next_year, 7, 22), FRIDAY)),
    ]


def _build_half_terms(start_year: int, dates: Iterable[tuple[date, date]]) -> list[HalfTerm]:
    return [
        HalfTerm(academic_year=start_year, number=number, starts_on=starts_on, ends_on=ends_on)
        for number, (starts_on, ends_on) in zip(HALF_TERM_NUMBERS, dates, strict=True)
    ]


def default_half_terms(start_year: int) -> list[HalfTerm]:
    """The England default half-terms, ignoring the database (for previews and tests)."""
    return _build_half_terms(start_year, default_half_term_dates(start_year))


# --- half-terms and terms, from the database when a row exists --------------


def _half_terms_by_year(start_years: Iterable[int]) -> dict[int, list[HalfTerm]]:
    """Half-terms of several years: stored rows, else the defaults. Kept between requests
    only while no academic year has changed (ecte.reference_cache), so that dates edited
    in the admin take effect on the next request; otherwise one query."""
    from ecte import reference_cache
    from ecte.calendar.models import AcademicYear  # the app registry is not ready at import

    wanted = sorted(set(start_years))
    version = reference_cache.current_version()
    found = {year: reference_cache.get(("half_terms", year), version) for year in wanted}
    missing = [year for year, value in found.items() if value is reference_cache.MISSING]
    if missing:
        stored = {
            row.start_year: row for row in AcademicYear.objects.filter(start_year__in=missing)
        }
        for year in missing:
            found[year] = stored[year].half_terms() if year in stored else default_half_terms(year)
            reference_cache.put(("half_terms", year), version, found[year])
    return found


def half_terms(start_year: int) -> list[HalfTerm]:
    """The six half-terms of an academic year, in order (one database query)."""
    return _half_terms_by_year([start_year])[start_year]


def _terms_from(half_terms_of_year: list[HalfTerm]) -> list[Term]:
    return [
        Term(
            academic_year=first.academic_year,
            name=first.term,
            number=first.term_number,
            starts_on=first.starts_on,
            ends_on=second.ends_on,
        )
        for first, second in zip(half_terms_of_year[::2], half_terms_of_year[1::2], strict=True)
    ]


def terms(start_year: int) -> list[Term]:
    """The autumn, spring and summer terms of an academic year, in order."""
    return _terms_from(half_terms(start_year))


def half_term_for(day: date) -> HalfTerm | None:
    """The half-term containing `day`, or None in the school holidays."""
    return next((ht for ht in half_terms(academic_year_for(day)) if day in ht), None)


def half_term_on_or_after(day: date) -> HalfTerm:
    """The half-term containing `day` or, in a holiday, the next one to start.

    After the summer term this is autumn half-term 1 of the next academic year.
    """
    year = academic_year_for(day)
    by_year = _half_terms_by_year([year, year + 1])
    return next(ht for ht in (*by_year[year], *by_year[year + 1]) if ht.ends_on >= day)


def term_for(day: date) -> Term | None:
    """The term containing `day` (half-term holidays included), or None between terms."""
    return next((term for term in terms(academic_year_for(day)) if day in term), None)


# --- working days -----------------------------------------------------------


@functools.lru_cache(maxsize=256)
def bank_holidays(year: int) -> frozenset[date]:
    """England and Wales bank holidays in a calendar year, substitute days included.

    A holiday falling at a weekend is listed on its own date as well as on its
    substitute weekday (Boxing Day 2026: Saturday 26 and Monday 28 December).
    Cached per year: the `holidays` package computes the list on each call, and
    working-day arithmetic asks for it once per day it steps over.
    """
    import holidays  # deferred so that importing this module stays cheap

    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_working_day(day: date) -> bool:
    """True for Monday to Friday when it is not a bank holiday in England."""
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def add_working_days(day: date, count: int) -> date:
    """The date `count` working days after `day` (before it when `count` is negative).

    `day` itself is never counted, so 10 working days after a Friday meeting is
    a Friday two weeks later when no bank holiday intervenes. A count of 0 gives
    `day` when it is a working day, otherwise the next working day.
    """
    step = _ONE_DAY if count >= 0 else -_ONE_DAY
    if count == 0:
        while not is_working_day(day):
            day += step
        return day
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def _weekdays_up_to(day: date) -> int:
    """Mondays to Fridays from 1 January of year 1 (a Monday) up to and including `day`."""
    weeks, extra_days = divmod(day.toordinal(), 7)
    return weeks * 5 + min(extra_days, 5)


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end`; 0 when `end` <= `start`.

    The inverse of `add_working_days`: for count >= 1,
    `working_days_between(day, add_working_days(day, count)) == count`.
    Computed arithmetically, so long ranges cost no more than short ones.
    """
    if end <= start:
        return 0
    weekday_holidays = sum(
        1
        for year in range(start.year, end.year + 1)
        for holiday in bank_holidays(year)
        if start < holiday <= end and holiday.weekday() < 5
    )
    return _weekdays_up_to(end) - _weekdays_up_to(start) - weekday_holidays


def today() -> date:
    """Today in the service's time zone (Europe/London), not the server's UTC date."""
    return timezone.localdate()
