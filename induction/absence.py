"""Rule 7: absence of 30 or more days in a year of induction extends that year by the days
absent; statutory family leave extends it only if the ECT asks, and then it must (Reg 8,
SG 3.6-3.7).

What a "year of induction" is comes from the guidance, not from the calendar year: induction
is "the full-time equivalent of two school years ... two periods each consisting of three
school terms" (SG 2.30), and the 30 days count "per year of induction (or equivalent for
part-time teachers)" (SG 3.6). So year 1 is the time it takes the ECT to serve their first
three full-time-equivalent terms, and year 2 the rest (with any extension).

Terms served are counted exactly as on release (`induction.terms`): day by day through the
teacher's induction periods, each school day in a half-term worth its share of half a term
at the FTE of the ECT's post that day (SG 2.34, 2.36). Gaps between periods count for
nothing, so a year of induction stretches over them; a 0.5 FTE ECT's first year lasts about
two school years. When a year reaches 30 days absent it is extended by those days: it ends
that many school days of induction later (SG 3.6), and the next year starts after it.
Absence that starts between induction periods belongs to the year that resumes next.
"""

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from ecte.calendar.dates import academic_year_for, half_terms, is_working_day
from ecte.formatting import format_date
from induction.models import AbsenceKind
from induction.terms import fte_lookup

ABSENCE_THRESHOLD_DAYS = 30
TERMS_IN_A_YEAR_OF_INDUCTION = 3
YEARS_OF_INDUCTION = 2
# However low the FTE, a year of induction is looked for no further ahead than this.
_HORIZON_YEARS = 12
_ONE_DAY = datetime.timedelta(days=1)


@dataclass
class YearOfAbsence:
    year: int
    absence_days: int = 0
    family_leave_days: int = 0
    family_leave_extension_days: int = 0  # family leave the ECT asked to count
    starts_on: datetime.date | None = None
    ends_on: datetime.date | None = None  # None: not reached yet, or the last year
    fte_text: str = ""

    @property
    def reaches_threshold(self) -> bool:
        return self.absence_days >= ABSENCE_THRESHOLD_DAYS

    @property
    def extension_days(self) -> int:
        return (
            self.absence_days if self.reaches_threshold else 0
        ) + self.family_leave_extension_days

    @property
    def dates(self) -> str:
        """Which days make up this year of induction, and why."""
        if self.starts_on is None:
            return ""
        span = f"From {format_date(self.starts_on)}"
        if self.year < YEARS_OF_INDUCTION:
            served = "the first 3 full-time-equivalent terms of induction"
            if self.ends_on is not None:
                span += f" to {format_date(self.ends_on)}"
            else:
                span += " until they are served"
        else:
            served = "the rest of induction, with any extension"
        text = f"{span}: {served}"
        if self.fte_text:
            text += f" ({self.fte_text})"
        if self.extension_days and self.year < YEARS_OF_INDUCTION:
            text += f", extended by {self.extension_days} school days"
        return text

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


def fte_on(ect_periods, day: datetime.date) -> Decimal:
    """The FTE of the ECT's post on `day` (full-time when none is recorded)."""
    for period in ect_periods:
        if period.started_on <= day and (period.finished_on is None or day <= period.finished_on):
            return period.fte
    return Decimal("1")


def _spans(periods, ect_periods) -> list[tuple[datetime.date, datetime.date]]:
    """The days of induction: the induction periods, else (before any claim) the ECT posts."""
    source = list(periods) or list(ect_periods)
    return sorted((p.started_on, p.finished_on or datetime.date.max) for p in source)


def _school_days(spans, calendar_year):
    """(day, share of a term) for each school day of induction, in order: a day in a half-term
    of n school days is worth 1/(2n) of a term at full time."""
    if not spans:
        return
    first = spans[0][0]
    last = min(max(end for _, end in spans), datetime.date(first.year + _HORIZON_YEARS, 8, 31))
    for year in range(academic_year_for(first), academic_year_for(last) + 1):
        for half_term in calendar_year(year):
            days = [
                day for day in _dates(half_term.starts_on, half_term.ends_on) if is_working_day(day)
            ]
            share = Fraction(1, 2 * len(days)) if days else Fraction(0)
            for day in days:
                if day > last:
                    return
                if any(start <= day <= end for start, end in spans):
                    yield day, share


def _dates(start, end):
    day = start
    while day <= end:
        yield day
        day += _ONE_DAY


def _fte_text(ftes) -> str:
    ftes = sorted(set(ftes))
    if ftes == [Fraction(1)] or not ftes:
        return ""
    if len(ftes) == 1:
        fte = ftes[0]
        return f"at {float(fte):g} FTE, so a year of induction takes longer than a school year"
    return "part-time for some of it, counted at the FTE of each day"


def absence_by_year(absences, *, periods, ect_periods, calendar=None) -> list[YearOfAbsence]:
    """Absence per year of induction, with the extension each year earns and the dates of
    each year. `calendar(start_year)` gives half-terms (a shared `HalfTermCalendar().year`
    saves queries on list pages)."""
    absences = sorted(absences, key=lambda a: a.started_on)
    if not absences:
        return []
    fte = fte_lookup(ect_periods)
    school_days = _school_days(_spans(periods, ect_periods), calendar or half_terms)
    years: list[YearOfAbsence] = []
    remaining = absences
    for number in range(1, YEARS_OF_INDUCTION + 1):
        entry = YearOfAbsence(number)
        years.append(entry)
        if number == YEARS_OF_INDUCTION:
            # The last year runs on to the end of induction: what is left is in it.
            first = next(school_days, None)
            entry.starts_on = first[0] if first else None
            entry.fte_text = _fte_text([fte(first[0])] if first else [])
            _add(entry, remaining)
            break
        served = Fraction(0)
        days_in_year: list[datetime.date] = []
        for day, share in school_days:
            days_in_year.append(day)
            served += share * fte(day)
            if served >= TERMS_IN_A_YEAR_OF_INDUCTION:
                break
        if not days_in_year:
            break
        entry.starts_on = days_in_year[0]
        entry.fte_text = _fte_text(fte(day) for day in days_in_year)
        if served < TERMS_IN_A_YEAR_OF_INDUCTION:
            _add(entry, remaining)  # not served yet: every absence so far is in this year
            break
        # Three terms served: the year ends here, or, once its absence reaches 30 days, that
        # many school days of induction later, which may take in more absence.
        served_days = len(days_in_year)
        while True:
            _add(entry, [a for a in remaining if a.started_on <= days_in_year[-1]], reset=True)
            missing = served_days + entry.extension_days - len(days_in_year)
            if missing <= 0:
                break
            more = list(itertools.islice(school_days, missing))
            if not more:
                break
            days_in_year.extend(day for day, _ in more)
        entry.ends_on = days_in_year[-1]
        remaining = [a for a in remaining if a.started_on > entry.ends_on]
        if not remaining:
            break
    return [year for year in years if year.absence_days or year.family_leave_days]


def _add(entry: YearOfAbsence, absences, reset: bool = False) -> None:
    if reset:
        entry.absence_days = entry.family_leave_days = entry.family_leave_extension_days = 0
    for absence in absences:
        if absence.kind == AbsenceKind.FAMILY_LEAVE:
            entry.family_leave_days += absence.days
            if absence.extension_requested:
                entry.family_leave_extension_days += absence.days
        else:
            entry.absence_days += absence.days


def extension_days(absences, *, periods, ect_periods) -> int:
    return sum(
        year.extension_days
        for year in absence_by_year(absences, periods=periods, ect_periods=ect_periods)
    )
