"""The AcademicYear table: its database constraints, defaults and admin."""

from datetime import date
from unittest import mock

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test import RequestFactory

from ecte.calendar.admin import AcademicYearAdmin
from ecte.calendar.dates import default_half_term_dates, half_term_for, half_terms
from ecte.calendar.models import AcademicYear


def _row(start_year: int = 2026, **dates: date) -> AcademicYear:
    """An unsaved row with the default dates, except those given."""
    row = AcademicYear.defaults_for(start_year)
    for field, value in dates.items():
        setattr(row, field, value)
    return row


def _assert_refused_by_the_database(row: AcademicYear) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save(force_insert=True)


def test_an_academic_year_reads_as_both_calendar_years():
    assert str(AcademicYear(start_year=2026)) == "2026 to 2027"


def test_defaults_for_gives_an_unsaved_row_with_the_england_default_dates():
    row = AcademicYear.defaults_for(2026)
    assert row._state.adding
    assert row.start_year == 2026
    assert row.half_term_dates() == default_half_term_dates(2026)
    assert row.half_term_1_starts_on == date(2026, 9, 2)
    assert row.half_term_6_ends_on == date(2027, 7, 16)


@pytest.mark.django_db
def test_defaults_for_does_not_save_the_row():
    AcademicYear.defaults_for(2026)
    assert not AcademicYear.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("start_year", [2000, 2019, 2026, 2027, 2038, 2099])
def test_default_dates_pass_validation_and_the_database_constraints(start_year):
    row = AcademicYear.defaults_for(start_year)
    row.full_clean()
    row.save()
    assert AcademicYear.objects.get(pk=start_year).half_term_dates() == row.half_term_dates()


@pytest.mark.django_db
def test_admin_edited_dates_replace_the_defaults():
    _row(
        2026,
        half_term_1_starts_on=date(2026, 9, 1),
        half_term_1_ends_on=date(2026, 10, 16),
        half_term_2_starts_on=date(2026, 10, 26),
    ).save()

    stored = half_terms(2026)
    assert (stored[0].starts_on, stored[0].ends_on) == (date(2026, 9, 1), date(2026, 10, 16))
    assert stored[1].starts_on == date(2026, 10, 26)
    # The default October half-term week (26 to 30 October) is now term time,
    # and the edited half-term week (19 to 23 October) is a holiday.
    assert half_term_for(date(2026, 10, 28)) == stored[1]
    assert half_term_for(date(2026, 10, 21)) is None


@pytest.mark.django_db
def test_edits_take_effect_on_the_next_lookup_without_a_restart():
    row = _row(2026)
    row.save()
    assert half_terms(2026)[5].ends_on == date(2027, 7, 16)

    row.half_term_6_ends_on = date(2027, 7, 21)
    row.save()
    assert half_terms(2026)[5].ends_on == date(2027, 7, 21)

    row.delete()
    assert half_terms(2026)[5].ends_on == date(2027, 7, 16)


@pytest.mark.django_db
def test_a_stored_year_does_not_change_the_years_either_side():
    _row(2026, half_term_6_ends_on=date(2027, 7, 21)).save()
    assert half_terms(2025)[5].ends_on == date(2026, 7, 17)
    assert half_terms(2027)[0].starts_on == date(2027, 9, 1)


@pytest.mark.django_db
def test_half_term_cannot_end_before_it_starts():
    _assert_refused_by_the_database(_row(half_term_3_ends_on=date(2027, 1, 3)))


@pytest.mark.django_db
def test_a_half_term_can_last_a_single_day():
    _row(half_term_3_ends_on=date(2027, 1, 4)).save()


@pytest.mark.django_db
def test_half_term_cannot_start_on_the_day_the_previous_one_ends():
    _assert_refused_by_the_database(_row(half_term_2_starts_on=date(2026, 10, 23)))


@pytest.mark.django_db
def test_half_term_cannot_start_before_the_previous_one_ends():
    _assert_refused_by_the_database(_row(half_term_5_starts_on=date(2027, 3, 1)))


@pytest.mark.django_db
def test_autumn_cannot_start_before_1_september():
    _assert_refused_by_the_database(_row(half_term_1_starts_on=date(2026, 8, 31)))


@pytest.mark.django_db
def test_summer_cannot_end_after_31_august():
    _assert_refused_by_the_database(_row(half_term_6_ends_on=date(2027, 9, 1)))


@pytest.mark.django_db
def test_dates_from_another_academic_year_are_refused():
    row = AcademicYear.defaults_for(2027)
    row.start_year = 2026
    _assert_refused_by_the_database(row)


@pytest.mark.django_db
def test_a_year_may_run_from_1_september_to_31_august_exactly():
    _row(half_term_1_starts_on=date(2026, 9, 1), half_term_6_ends_on=date(2027, 8, 31)).save()


@pytest.mark.django_db
def test_validation_explains_which_half_term_is_out_of_order():
    row = _row(half_term_4_starts_on=date(2027, 2, 12))
    with pytest.raises(ValidationError) as error:
        row.full_clean()
    assert "Spring half-term 2 must start after spring half-term 1 ends." in error.value.messages


# --- admin ------------------------------------------------------------------


def _model_admin() -> AcademicYearAdmin:
    return AcademicYearAdmin(AcademicYear, admin.site)


def test_academic_years_are_editable_in_the_admin():
    assert admin.site.is_registered(AcademicYear)


def test_the_start_year_cannot_be_changed_once_saved():
    request = RequestFactory().get("/")
    assert _model_admin().get_readonly_fields(request, AcademicYear(start_year=2026)) == (
        "start_year",
    )
    assert _model_admin().get_readonly_fields(request, None) == ()


def test_a_new_year_in_the_admin_is_prefilled_with_the_default_dates():
    request = RequestFactory().get("/", {"start_year": "2030"})
    initial = _model_admin().get_changeform_initial_data(request)
    assert initial["start_year"] == 2030
    assert initial["half_term_1_starts_on"] == default_half_term_dates(2030)[0][0]
    assert initial["half_term_6_ends_on"] == default_half_term_dates(2030)[5][1]


@pytest.mark.django_db
def test_a_new_year_in_the_admin_defaults_to_the_first_year_without_dates():
    AcademicYear.defaults_for(2026).save()
    request = RequestFactory().get("/")
    with mock.patch("ecte.calendar.admin.today", return_value=date(2027, 3, 1)):
        initial = _model_admin().get_changeform_initial_data(request)
    assert initial["start_year"] == 2027
    assert initial["half_term_1_starts_on"] == date(2027, 9, 1)
