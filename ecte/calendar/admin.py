"""Admin for the half-term dates of each academic year.

Service managers add a year only when schools' published dates differ from the
computed defaults, so a new year's form opens prefilled with those defaults.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from ecte.calendar.dates import HALF_TERM_NUMBERS, academic_year_for, half_term_name, today
from ecte.calendar.models import AcademicYear


def _next_year_without_row() -> int:
    """The current academic year, or the first later one that has no row yet."""
    start_year = academic_year_for(today())
    stored = set(
        AcademicYear.objects.filter(start_year__gte=start_year).values_list("start_year", flat=True)
    )
    while start_year in stored:
        start_year += 1
    return start_year


@admin.register(AcademicYear)
class AcademicYearAdmin(admin.ModelAdmin):
    list_display = ("__str__", "half_term_1_starts_on", "half_term_6_ends_on")
    ordering = ("-start_year",)
    fieldsets = [
        (None, {"fields": ["start_year"]}),
        *(
            (
                half_term_name(number),
                {"fields": [(f"half_term_{number}_starts_on", f"half_term_{number}_ends_on")]},
            )
            for number in HALF_TERM_NUMBERS
        ),
    ]

    def get_readonly_fields(self, request: HttpRequest, obj: AcademicYear | None = None):
        # The start year is the primary key: changing it would save a copy.
        return ("start_year",) if obj is not None else ()

    def get_changeform_initial_data(self, request: HttpRequest) -> dict[str, Any]:
        initial = super().get_changeform_initial_data(request)
        try:
            start_year = int(initial.get("start_year") or _next_year_without_row())
        except (TypeError, ValueError):
            return initial
        defaults = AcademicYear.defaults_for(start_year)
        prefilled: dict[str, Any] = {"start_year": start_year}
        for number, (starts_on, ends_on) in enumerate(defaults.half_term_dates(), start=1):
            prefilled[f"half_term_{number}_starts_on"] = starts_on
            prefilled[f"half_term_{number}_ends_on"] = ends_on
        return {**prefilled, **initial, "start_year": start_year}
