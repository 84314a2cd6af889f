"""Rule 7: absence of 30 or more days in a year of induction extends that year by the days
absent; statutory family leave extends it only if the ECT asks, and then it must (Reg 8,
SG 3.6-3.7).

A "year of induction" runs from the day induction started; for a part-time ECT it is
the equivalent (SG 3.6): 365 days divided by their full-time equivalent, so a 0.5 FTE
ECT's first year of induction lasts two calendar years.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from induction.models import AbsenceKind

ABSENCE_THRESHOLD_DAYS = 30
_YEAR = Decimal("365")


@dataclass
class YearOfAbsence:
    year: int
    absence_days: int = 0
    family_leave_days: int = 0
    family_leave_extension_days: int = 0  # family leave the ECT asked to count

    @property
    def reaches_threshold(self) -> bool:
        return self.absence_days >= ABSENCE_THRESHOLD_DAYS

    @property
    def extension_days(self) -> int:
        return (
            self.absence_days if self.reaches_threshold else 0
        ) + self.family_leave_extension_days

    @property
    def explanation(self) -> str:
        parts = []
        if self.reaches_threshold:
            parts.append(
                f"{self.absence_days} days absent: 30 or more days in a year of induction extend "
                "it by the days absent"
            )
        elif self.absence_days:
            parts.append(
                f"{self.absence_days} days absent: fewer than 30, so induction is not extended"
            )
        if self.family_leave_days:
            if self.family_leave_extension_days:
                parts.append(
                    f"{self.family_leave_extension_days} days of statutory family leave the ECT "
                    "asked to add"
                )
            unrequested = self.family_leave_days - self.family_leave_extension_days
            if unrequested:
                parts.append(
                    f"{unrequested} days of statutory family leave, which extend induction "
                    "only if the ECT asks"
                )
        return "; ".join(parts)


def induction_start(periods, ect_periods) -> datetime.date | None:
    """The day induction started: the first induction period, else the first ECT post."""
    starts = [p.started_on for p in periods] or [p.started_on for p in ect_periods]
    return min(starts) if starts else None


def fte_on(ect_periods, day: datetime.date) -> Decimal:
    for period in ect_periods:
        if period.started_on <= day and (period.finished_on is None or day <= period.finished_on):
            return period.fte
    return Decimal("1")


def year_of_induction(started: datetime.date, day: datetime.date, fte: Decimal) -> int:
    elapsed = max((day - started).days, 0)
    return 1 + int(Decimal(elapsed) * fte // _YEAR)


def absence_by_year(absences, *, periods, ect_periods) -> list[YearOfAbsence]:
    """Absence per year of induction, with the extension each year earns."""
    started = induction_start(periods, ect_periods)
    years: dict[int, YearOfAbsence] = {}
    for absence in absences:
        year = (
            year_of_induction(started, absence.started_on, fte_on(ect_periods, absence.started_on))
            if started
            else 1
        )
        entry = years.setdefault(year, YearOfAbsence(year))
        if absence.kind == AbsenceKind.FAMILY_LEAVE:
            entry.family_leave_days += absence.days
            if absence.extension_requested:
                entry.family_leave_extension_days += absence.days
        else:
            entry.absence_days += absence.days
    return [years[year] for year in sorted(years)]


def extension_days(absences, *, periods, ect_periods) -> int:
    return sum(
        year.extension_days
        for year in absence_by_year(absences, periods=periods, ect_periods=ect_periods)
    )
