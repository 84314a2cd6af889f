"""Academic years, default half-term dates and working days (ecte.calendar.dates).

Tests without the `django_db` mark are pure: they never touch the database.
"""

from dataclasses import FrozenInstanceError
from datetime import UTC, date, datetime, timedelta
from unittest import mock

import pytest
from dateutil.easter import easter
from django.utils import timezone

from ecte.calendar.dates import (
    HalfTerm,
    Term,
    academic_year_bounds,
    academic_year_for,
    academic_year_label,
    add_working_days,
    bank_holidays,
    default_half_terms,
    half_term_for,
    half_term_name,
    half_term_on_or_after,
    half_terms,
    is_working_day,
    term_for,
    terms,
    today,
    working_days_between,
)

MONDAY, WEDNESDAY, FRIDAY = 0, 2, 4


def _dates(start_year: int) -> list[tuple[date, date]]:
    return [(ht.starts_on, ht.ends_on) for ht in default_half_terms(start_year)]


# --- academic years ---------------------------------------------------------


def test_31_august_belongs_to_the_year_that_started_the_previous_september():
    assert academic_year_for(date(2027, 8, 31)) == 2026


def test_1_september_starts_a_new_academic_year():
    assert academic_year_for(date(2026, 9, 1)) == 2026


def test_new_years_day_belongs_to_the_year_that_started_the_previous_september():
    assert academic_year_for(date(2027, 1, 1)) == 2026


def test_29_february_belongs_to_the_year_that_started_the_previous_september():
    assert academic_year_for(date(2028, 2, 29)) == 2027


def test_an_academic_year_is_labelled_with_both_calendar_years():
    assert academic_year_label(2026) == "2026 to 2027"


def test_an_academic_year_runs_from_1_september_to_31_august():
    assert academic_year_bounds(2026) == (date(2026, 9, 1), date(2027, 8, 31))


def test_an_academic_year_holding_29_february_has_366_days():
    starts_on, ends_on = academic_year_bounds(2027)
    assert (ends_on - starts_on).days + 1 == 366
    assert date(2028, 2, 29) <= ends_on


def test_every_day_of_an_academic_year_maps_back_to_it():
    starts_on, ends_on = academic_year_bounds(2027)
    day = starts_on
    while day <= ends_on:
        assert academic_year_for(day) == 2027
        day += timedelta(days=1)
    assert academic_year_for(starts_on - timedelta(days=1)) == 2026
    assert academic_year_for(ends_on + timedelta(days=1)) == 2028


# --- half-term and term values ----------------------------------------------


def test_half_terms_are_named_by_term_and_half():
    assert [half_term_name(number) for number in range(1, 7)] == [
        "Autumn half-term 1",
        "Autumn half-term 2",
        "Spring half-term 1",
        "Spring half-term 2",
        "Summer half-term 1",
        "Summer half-term 2",
    ]


def test_a_half_term_number_outside_1_to_6_is_refused():
    with pytest.raises(ValueError):
        half_term_name(7)


def test_a_half_term_knows_its_term():
    assert [(ht.term, ht.term_number) for ht in default_half_terms(2026)] == [
        ("autumn", 1),
        ("autumn", 1),
        ("spring", 2),
        ("spring", 2),
        ("summer", 3),
        ("summer", 3),
    ]


def test_a_half_term_contains_its_first_and_last_days_only():
    half_term = HalfTerm(
        academic_year=2026, number=1, starts_on=date(2026, 9, 2), ends_on=date(2026, 10, 23)
    )
    assert date(2026, 9, 2) in half_term
    assert date(2026, 10, 23) in half_term
    assert date(2026, 9, 1) not in half_term
    assert date(2026, 10, 24) not in half_term


def test_half_terms_are_immutable_values():
    half_term = default_half_terms(2026)[0]
    assert half_term == default_half_terms(2026)[0]
    with pytest.raises(FrozenInstanceError):
        half_term.number = 2  # type: ignore[misc]


def test_half_terms_sort_in_time_order():
    later, earlier = default_half_terms(2027)[0], default_half_terms(2026)[5]
    assert sorted([later, earlier]) == [earlier, later]


def test_a_term_label_names_the_calendar_year_the_term_falls_in():
    autumn = Term(2026, "autumn", 1, date(2026, 9, 2), date(2026, 12, 18))
    spring = Term(2026, "spring", 2, date(2027, 1, 4), date(2027, 3, 19))
    assert autumn.label == "Autumn term 2026"
    assert spring.label == "Spring term 2027"


# --- default half-term dates ------------------------------------------------


@pytest.mark.parametrize(
    ("start_year", "first_day"),
    [
        (2026, date(2026, 9, 2)),  # 1 September is a Tuesday
        (2027, date(2027, 9, 1)),  # 1 September is itself a Wednesday
        (2022, date(2022, 9, 7)),  # 1 September is a Thursday
    ],
)
def test_autumn_term_starts_on_the_first_wednesday_on_or_after_1_september(start_year, first_day):
    assert _dates(start_year)[0][0] == first_day


@pytest.mark.parametrize(
    ("start_year", "autumn_1_ends_on", "autumn_2_starts_on"),
    [
        (2026, date(2026, 10, 23), date(2026, 11, 2)),  # holiday 26 to 30 October
        (2025, date(2025, 10, 24), date(2025, 11, 3)),  # Monday 27 is the latest possible
        (2024, date(2024, 10, 18), date(2024, 10, 28)),  # 28 October week runs into November
    ],
)
def test_october_half_term_is_the_last_full_week_of_october(
    start_year, autumn_1_ends_on, autumn_2_starts_on
):
    dates = _dates(start_year)
    assert dates[0][1] == autumn_1_ends_on
    assert dates[1][0] == autumn_2_starts_on


@pytest.mark.parametrize(
    ("start_year", "last_day"),
    [(2024, date(2024, 12, 20)), (2026, date(2026, 12, 18)), (2025, date(2025, 12, 19))],
)
def test_autumn_term_ends_on_the_latest_friday_on_or_before_20_december(start_year, last_day):
    assert _dates(start_year)[1][1] == last_day


@pytest.mark.parametrize(
    ("start_year", "first_day"),
    [
        (2026, date(2027, 1, 4)),  # 4 January is a Monday
        (2025, date(2026, 1, 5)),
        (2021, date(2022, 1, 10)),  # 4 January is a Tuesday; 3 January is a bank holiday
    ],
)
def test_spring_term_starts_on_the_first_monday_on_or_after_4_january(start_year, first_day):
    assert _dates(start_year)[2][0] == first_day
    assert is_working_day(first_day)


@pytest.mark.parametrize(
    ("start_year", "spring_1_ends_on", "spring_2_starts_on"),
    [
        (2026, date(2027, 2, 12), date(2027, 2, 22)),  # 12 February is a Friday
        (2023, date(2024, 2, 9), date(2024, 2, 19)),  # 12 February is a Monday
    ],
)
def test_february_half_term_is_the_week_starting_on_or_after_12_february(
    start_year, spring_1_ends_on, spring_2_starts_on
):
    dates = _dates(start_year)
    assert dates[2][1] == spring_1_ends_on
    assert dates[3][0] == spring_2_starts_on


@pytest.mark.parametrize(
    ("start_year", "spring_2_ends_on", "summer_1_starts_on"),
    [
        (2025, date(2026, 3, 27), date(2026, 4, 13)),  # Easter Sunday 5 April 2026
        (2026, date(2027, 3, 19), date(2027, 4, 5)),  # early Easter: 28 March 2027
        (2024, date(2025, 4, 11), date(2025, 4, 28)),  # late Easter: 20 April 2025
    ],
)
def test_easter_holiday_is_holy_week_and_the_week_of_easter_monday(
    start_year, spring_2_ends_on, summer_1_starts_on
):
    dates = _dates(start_year)
    assert dates[3][1] == spring_2_ends_on
    assert dates[4][0] == summer_1_starts_on


@pytest.mark.parametrize("start_year", range(1999, 2101))
def test_easter_holiday_always_holds_good_friday_and_easter_monday(start_year):
    easter_sunday = easter(start_year + 1)
    dates = _dates(start_year)
    assert dates[3][1] < easter_sunday - timedelta(days=2)  # Good Friday
    assert dates[4][0] > easter_sunday + timedelta(days=1)  # Easter Monday


@pytest.mark.parametrize(
    ("start_year", "summer_1_ends_on", "summer_2_starts_on"),
    [
        (2025, date(2026, 5, 22), date(2026, 6, 1)),  # spring bank holiday 25 May 2026
        (2026, date(2027, 5, 28), date(2027, 6, 7)),  # spring bank holiday 31 May 2027
        (2021, date(2022, 5, 27), date(2022, 6, 6)),  # last Monday of May even when moved
    ],
)
def test_may_half_term_is_the_week_of_the_last_monday_in_may(
    start_year, summer_1_ends_on, summer_2_starts_on
):
    dates = _dates(start_year)
    assert dates[4][1] == summer_1_ends_on
    assert dates[5][0] == summer_2_starts_on


@pytest.mark.parametrize(
    ("start_year", "last_day"),
    [(2025, date(2026, 7, 17)), (2027, date(2028, 7, 21)), (2026, date(2027, 7, 16))],
)
def test_summer_term_ends_on_the_latest_friday_on_or_before_22_july(start_year, last_day):
    assert _dates(start_year)[5][1] == last_day


def test_the_default_2026_to_2027_year_in_full():
    assert _dates(2026) == [
        (date(2026, 9, 2), date(2026, 10, 23)),
        (date(2026, 11, 2), date(2026, 12, 18)),
        (date(2027, 1, 4), date(2027, 2, 12)),
        (date(2027, 2, 22), date(2027, 3, 19)),
        (date(2027, 4, 5), date(2027, 5, 28)),
        (date(2027, 6, 7), date(2027, 7, 16)),
    ]


@pytest.mark.parametrize("start_year", range(1999, 2201))
def test_default_half_terms_are_in_order_inside_the_academic_year(start_year):
    first_day, last_day = academic_year_bounds(start_year)
    previous_end = first_day - timedelta(days=1)
    for half_term in default_half_terms(start_year):
        assert half_term.academic_year == start_year
        assert previous_end < half_term.starts_on < half_term.ends_on <= last_day
        # Every half-term is at least three school weeks long.
        assert (half_term.ends_on - half_term.starts_on).days >= 18
        previous_end = half_term.ends_on


@pytest.mark.parametrize("start_year", range(2000, 2101))
def test_default_half_terms_start_on_a_weekday_and_end_on_a_friday(start_year):
    half_terms_of_year = default_half_terms(start_year)
    assert half_terms_of_year[0].starts_on.weekday() == WEDNESDAY
    assert all(ht.starts_on.weekday() == MONDAY for ht in half_terms_of_year[1:])
    assert all(ht.ends_on.weekday() == FRIDAY for ht in half_terms_of_year)


def test_default_half_terms_are_deterministic():
    assert default_half_terms(2030) == default_half_terms(2030)


# --- bank holidays and working days -----------------------------------------


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),  # New Year's Day
        date(2026, 4, 3),  # Good Friday
        date(2026, 5, 4),  # early May bank holiday
        date(2026, 5, 25),  # spring bank holiday
        date(2026, 8, 31),  # summer bank holiday
        date(2026, 12, 25),  # Christmas Day
        date(2026, 12, 28),  # substitute for Boxing Day on Saturday 26th
        date(2027, 12, 27),  # substitute for Christmas Day on Saturday 25th
        date(2027, 12, 28),  # substitute for Boxing Day on Sunday 26th
        date(2022, 1, 3),  # substitute for New Year's Day on Saturday 1st
        date(2022, 6, 2),  # spring bank holiday moved for the Platinum Jubilee
        date(2022, 6, 3),  # Platinum Jubilee bank holiday
        date(2023, 5, 8),  # coronation bank holiday
    ],
)
def test_bank_holidays_in_england_are_not_working_days(day):
    assert day in bank_holidays(day.year)
    assert not is_working_day(day)


def test_easter_monday_is_not_a_working_day():
    assert not is_working_day(date(2026, 4, 6))
    assert not is_working_day(date(2027, 3, 29))


def test_boxing_day_on_a_saturday_gives_a_substitute_day_on_monday_28_december():
    assert date(2026, 12, 26).weekday() == 5
    assert date(2026, 12, 28) in bank_holidays(2026)
    assert not is_working_day(date(2026, 12, 28))
    assert is_working_day(date(2026, 12, 29))


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 2),  # 2 January: a bank holiday in Scotland only
        date(2026, 11, 30),  # St Andrew's Day: Scotland only
        date(2026, 3, 17),  # St Patrick's Day: Northern Ireland only
        date(2026, 7, 13),  # Battle of the Boyne substitute: Northern Ireland only
    ],
)
def test_bank_holidays_elsewhere_in_the_uk_are_working_days_in_england(day):
    assert is_working_day(day)


def test_weekends_are_not_working_days():
    assert not is_working_day(date(2026, 10, 3))  # Saturday
    assert not is_working_day(date(2026, 10, 4))  # Sunday


def test_school_holidays_are_still_working_days():
    assert is_working_day(date(2026, 10, 28))  # October half-term
    assert is_working_day(date(2026, 8, 12))  # summer holiday


def test_bank_holidays_list_a_weekend_holiday_and_its_substitute_day():
    # Boxing Day 2026 is a Saturday: listed, as is its substitute on Monday 28th.
    assert {date(2026, 12, 26), date(2026, 12, 28)} <= bank_holidays(2026)
    assert len(bank_holidays(2026)) == 9
    assert sum(day.weekday() < 5 for day in bank_holidays(2026)) == 8
    assert all(day.year == 2026 for day in bank_holidays(2026))


def test_bank_holidays_are_cached_per_year():
    assert bank_holidays(2026) is bank_holidays(2026)
    assert isinstance(bank_holidays(2026), frozenset)


def test_add_working_days_does_not_count_the_day_itself():
    assert add_working_days(date(2026, 3, 9), 1) == date(2026, 3, 10)


def test_ten_working_days_after_a_friday_is_the_friday_two_weeks_later():
    assert add_working_days(date(2026, 3, 6), 10) == date(2026, 3, 20)


def test_add_working_days_skips_weekends():
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)


def test_add_working_days_skips_the_christmas_bank_holidays():
    # Friday 25 (Christmas), the weekend and Monday 28 (Boxing Day substitute).
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)


def test_add_working_days_skips_the_easter_weekend():
    assert add_working_days(date(2026, 4, 2), 1) == date(2026, 4, 7)


def test_add_working_days_across_the_new_year():
    # Friday 1 January 2027 is New Year's Day.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert add_working_days(date(2026, 12, 18), 10) == date(2027, 1, 6)


def test_add_working_days_across_the_end_of_the_academic_year():
    # Monday 30 August 2027 is the summer bank holiday.
    assert add_working_days(date(2027, 8, 27), 1) == date(2027, 8, 31)
    assert add_working_days(date(2027, 8, 27), 2) == date(2027, 9, 1)


def test_add_working_days_lands_on_29_february_in_a_leap_year():
    assert add_working_days(date(2028, 2, 25), 2) == date(2028, 2, 29)


def test_adding_zero_working_days_to_a_working_day_returns_it():
    assert add_working_days(date(2026, 3, 9), 0) == date(2026, 3, 9)


def test_adding_zero_working_days_to_a_non_working_day_returns_the_next_working_day():
    assert add_working_days(date(2026, 3, 7), 0) == date(2026, 3, 9)  # Saturday
    assert add_working_days(date(2026, 4, 3), 0) == date(2026, 4, 7)  # Good Friday


def test_negative_working_days_go_backwards():
    assert add_working_days(date(2026, 12, 29), -1) == date(2026, 12, 24)
    assert add_working_days(date(2026, 3, 20), -10) == date(2026, 3, 6)
    assert add_working_days(date(2027, 1, 4), -1) == date(2026, 12, 31)


def test_working_days_between_a_day_and_itself_is_zero():
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 9)) == 0


def test_working_days_between_is_zero_when_the_end_is_before_the_start():
    assert working_days_between(date(2026, 3, 20), date(2026, 3, 9)) == 0


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 13)) == 4  # Monday to Friday
    assert working_days_between(date(2026, 3, 6), date(2026, 3, 13)) == 5  # Friday to Friday


def test_working_days_between_ignores_a_non_working_start_or_end():
    assert working_days_between(date(2026, 3, 7), date(2026, 3, 8)) == 0  # a weekend
    assert working_days_between(date(2026, 3, 7), date(2026, 3, 9)) == 1


def test_working_days_between_excludes_the_christmas_bank_holidays():
    # 15 weekdays, less 25 and 28 December 2026 and 1 January 2027.
    assert working_days_between(date(2026, 12, 18), date(2027, 1, 8)) == 12


def test_working_days_in_2026_are_its_weekdays_less_its_bank_holidays():
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 261 - 8


def test_working_days_between_agrees_with_counting_day_by_day():
    start = date(2021, 12, 1)
    counted = 0
    day = start
    while day < date(2028, 3, 31):
        day += timedelta(days=1)
        counted += is_working_day(day)
        assert working_days_between(start, day) == counted


@pytest.mark.parametrize("count", [1, 2, 5, 10, 20, 65, 190, 400])
def test_working_days_between_undoes_add_working_days(count):
    for offset in range(0, 370, 3):
        day = date(2026, 1, 1) + timedelta(days=offset)
        assert working_days_between(day, add_working_days(day, count)) == count
        assert add_working_days(add_working_days(day, count), -count) <= day


def test_today_is_the_date_in_london_not_in_utc():
    late_evening_utc = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 on 1 July in BST
    with (
        mock.patch("django.utils.timezone.now", return_value=late_evening_utc),
        timezone.override("Europe/London"),
    ):
        assert today() == date(2026, 7, 1)


# --- half-terms and terms from the database or the defaults -----------------


@pytest.mark.django_db
def test_half_terms_use_the_england_defaults_when_no_dates_are_stored():
    assert half_terms(2026) == default_half_terms(2026)


@pytest.mark.django_db
def test_looking_up_a_half_term_takes_one_query(django_assert_num_queries, reference_cache_off):
    with django_assert_num_queries(1):
        half_term_for(date(2026, 11, 10))
    with django_assert_num_queries(1):
        half_term_on_or_after(date(2027, 8, 1))


@pytest.mark.django_db
def test_a_date_in_october_half_term_holiday_is_in_no_half_term():
    assert half_term_for(date(2026, 10, 28)) is None


@pytest.mark.django_db
def test_a_date_in_october_half_term_holiday_is_still_in_the_autumn_term():
    term = term_for(date(2026, 10, 28))
    assert term is not None
    assert term.label == "Autumn term 2026"


@pytest.mark.django_db
def test_a_half_term_includes_its_first_and_last_days():
    first = half_term_for(date(2026, 9, 2))
    last = half_term_for(date(2026, 10, 23))
    assert first is not None and first.name == "Autumn half-term 1"
    assert last == first
    assert half_term_for(date(2026, 9, 1)) is None


@pytest.mark.django_db
def test_31_august_and_1_september_fall_in_no_half_term():
    assert half_term_for(date(2027, 8, 31)) is None
    assert half_term_for(date(2027, 9, 1)) == default_half_terms(2027)[0]  # a Wednesday


@pytest.mark.django_db
def test_a_date_in_the_christmas_holidays_is_in_no_term():
    assert term_for(date(2026, 12, 28)) is None
    assert half_term_for(date(2026, 12, 28)) is None


@pytest.mark.django_db
def test_half_term_on_or_after_returns_the_half_term_containing_the_day():
    half_term = half_term_on_or_after(date(2027, 3, 1))
    assert (half_term.academic_year, half_term.number) == (2026, 4)


@pytest.mark.django_db
def test_half_term_on_or_after_a_holiday_day_returns_the_next_half_term():
    half_term = half_term_on_or_after(date(2026, 10, 28))
    assert (half_term.academic_year, half_term.number) == (2026, 2)
    assert half_term.starts_on == date(2026, 11, 2)


@pytest.mark.django_db
def test_half_term_on_or_after_the_summer_term_is_autumn_1_of_the_next_year():
    for day in (date(2027, 7, 17), date(2027, 8, 31)):
        half_term = half_term_on_or_after(day)
        assert (half_term.academic_year, half_term.number) == (2027, 1)
        assert half_term.starts_on == date(2027, 9, 1)


@pytest.mark.django_db
def test_terms_run_from_the_start_of_their_first_half_term_to_the_end_of_their_second():
    assert terms(2026) == [
        Term(2026, "autumn", 1, date(2026, 9, 2), date(2026, 12, 18)),
        Term(2026, "spring", 2, date(2027, 1, 4), date(2027, 3, 19)),
        Term(2026, "summer", 3, date(2027, 4, 5), date(2027, 7, 16)),
    ]
    assert [term.label for term in terms(2026)] == [
        "Autumn term 2026",
        "Spring term 2027",
        "Summer term 2027",
    ]


@pytest.mark.django_db
def test_the_summer_holiday_is_in_no_term():
    assert term_for(date(2027, 8, 1)) is None
    summer = term_for(date(2027, 7, 16))
    assert summer is not None and summer.name == "summer"
