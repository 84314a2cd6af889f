"""The per-year half-term dates, editable in the Django admin.

A year with no row uses the England defaults computed in `ecte.calendar.dates`;
a row replaces them wholesale, so that a service manager can match the dates
schools actually publish. The database itself refuses dates out of order or
outside the academic year, because everything that counts terms relies on them.
"""

from __future__ import annotations

from datetime import date
from typing import Self

from django.db import models
from django.db.models import F, Q

from ecte.calendar.dates import (
    HALF_TERM_NUMBERS,
    HalfTerm,
    academic_year_label,
    default_half_term_dates,
    half_term_name,
)


def _starts(number: int) -> str:
    return f"half_term_{number}_starts_on"


def _ends(number: int) -> str:
    return f"half_term_{number}_ends_on"


def _half_term_constraints() -> list[models.CheckConstraint]:
    """Each half-term ends on or after it starts, and starts after the one before ends."""
    constraints = []
    for number in HALF_TERM_NUMBERS:
        name = half_term_name(number)
        constraints.append(
            models.CheckConstraint(
                condition=Q(**{f"{_ends(number)}__gte": F(_starts(number))}),
                name=f"academic_year_half_term_{number}_ends_on_or_after_it_starts",
                violation_error_message=f"{name} must end on or after the day it starts.",
            )
        )
        if number > 1:
            previous = half_term_name(number - 1).lower()
            constraints.append(
                models.CheckConstraint(
                    condition=Q(**{f"{_starts(number)}__gt": F(_ends(number - 1))}),
                    name=(
                        f"academic_year_half_term_{number}_starts_after_half_term_{number - 1}_ends"
                    ),
                    violation_error_message=f"{name} must start after {previous} ends.",
                )
            )
    return constraints


class AcademicYear(models.Model):
    """The six half-term dates of one academic year, 1 September to 31 August."""

    start_year = models.PositiveSmallIntegerField(
        primary_key=True,
        help_text="The calendar year the academic year starts in: 2026 for 2026 to 2027.",
    )
    half_term_1_starts_on = models.DateField("Autumn half-term 1 starts on")
    half_term_1_ends_on = models.DateField("Autumn half-term 1 ends on")
    half_term_2_starts_on = models.DateField("Autumn half-term 2 starts on")
    half_term_2_ends_on = models.DateField("Autumn half-term 2 ends on")
    half_term_3_starts_on = models.DateField("Spring half-term 1 starts on")
    half_term_3_ends_on = models.DateField("Spring half-term 1 ends on")
    half_term_4_starts_on = models.DateField("Spring half-term 2 starts on")
    half_term_4_ends_on = models.DateField("Spring half-term 2 ends on")
    half_term_5_starts_on = models.DateField("Summer half-term 1 starts on")
    half_term_5_ends_on = models.DateField("Summer half-term 1 ends on")
    half_term_6_starts_on = models.DateField("Summer half-term 2 starts on")
    half_term_6_ends_on = models.DateField("Summer half-term 2 ends on")

    class Meta:
        ordering = ["-start_year"]
        verbose_name = "academic year"
        verbose_name_plural = "academic years"
        constraints = [
            *_half_term_constraints(),
            # With the half-terms in order, the first start and the last end
            # bound every other date; year and month comparisons keep the check
            # portable across PostgreSQL and the SQLite development database.
            models.CheckConstraint(
                condition=Q(
                    half_term_1_starts_on__year=F("start_year"),
                    half_term_1_starts_on__month__gte=9,
                ),
                name="academic_year_half_term_1_starts_on_or_after_1_september",
                violation_error_message=(
                    "Autumn half-term 1 must start on or after 1 September of the start year."
                ),
            ),
            models.CheckConstraint(
                condition=Q(
                    half_term_6_ends_on__year=F("start_year") + 1,
                    half_term_6_ends_on__month__lte=8,
                ),
                name="academic_year_half_term_6_ends_on_or_before_31_august",
                violation_error_message=(
                    "Summer half-term 2 must end on or before 31 August of the following year."
                ),
            ),
        ]

    def __str__(self) -> str:
        return academic_year_label(self.start_year)

    @classmethod
    def defaults_for(cls, start_year: int) -> Self:
        """An unsaved row holding the England default dates, to prefill the admin."""
        fields: dict[str, date] = {}
        for number, (starts_on, ends_on) in zip(
            HALF_TERM_NUMBERS, default_half_term_dates(start_year), strict=True
        ):
            fields[_starts(number)] = starts_on
            fields[_ends(number)] = ends_on
        return cls(start_year=start_year, **fields)

    def half_term_dates(self) -> list[tuple[date, date]]:
        """(starts_on, ends_on) of half-terms 1 to 6."""
        return [
            (getattr(self, _starts(number)), getattr(self, _ends(number)))
            for number in HALF_TERM_NUMBERS
        ]

    def half_terms(self) -> list[HalfTerm]:
        """This row's dates as the `HalfTerm` values the rest of the service uses."""
        return [
            HalfTerm(academic_year=self.start_year, number=number, starts_on=starts, ends_on=ends)
            for number, (starts, ends) in zip(
                HALF_TERM_NUMBERS, self.half_term_dates(), strict=True
            )
        ]
