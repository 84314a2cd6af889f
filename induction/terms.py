"""How many terms an induction period counted: the suggestion an appropriate body sees
when it releases an ECT or records an outcome (rules 4 and 5).

Terms come from the calendar (`ecte.calendar.dates`): each half-term is half a
term, and a half-term served in part counts in proportion to its working days,
so the half-term holidays count for nothing and leaving at a half-term break
gives an exact half. Each working day counts at the full-time equivalent (FTE)
of the ECT's post that day: a 0.5 FTE ECT leaving after 2.5 terms has served
1.25 terms (SG 2.34). Employment of less than one term does not count at all
(SG 2.33: short-term supply under a term).

The appropriate body decides the number (SG 2.31): this is a suggestion it can change.
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from ecte.calendar.dates import academic_year_for, half_terms, is_working_day
from ecte.formatting import format_date, format_terms
from participants.models import ECTAtSchoolPeriod

_ONE_DAY = datetime.timedelta(days=1)
_HALF = Fraction(1, 2)
MINIMUM_TERMS_IN_POST = Fraction(1)


@dataclass(frozen=True)
class TermsSuggestion:
    terms: Decimal  # full-time-equivalent terms, to 2 decimal places
    terms_in_post: Decimal  # terms in post whatever the working pattern
    explanation: str
    counts: bool = True  # False: less than one term in post, which does not count


def _two_places(value: Fraction) -> Decimal:
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def _working_days(start: datetime.date, end: datetime.date):
    day = start
    while day <= end:
        if is_working_day(day):
            yield day
        day += _ONE_DAY


def _half_terms_between(start: datetime.date, end: datetime.date):
    for year in range(academic_year_for(start), academic_year_for(end) + 1):
        for half_term in half_terms(year):
            if half_term.starts_on <= end and half_term.ends_on >= start:
                yield half_term


def _terms(start: datetime.date, end: datetime.date, fte_on) -> Fraction:
    """Terms between two dates (inclusive), each working day weighted by fte_on(day)."""
    total = Fraction(0)
    for half_term in _half_terms_between(start, end):
        days_in_half_term = sum(1 for _ in _working_days(half_term.starts_on, half_term.ends_on))
        if not days_in_half_term:
            continue
        overlap_start = max(start, half_term.starts_on)
        overlap_end = min(end, half_term.ends_on)
        weighted = sum(
            (fte_on(day) for day in _working_days(overlap_start, overlap_end)), Fraction(0)
        )
        total += _HALF * weighted / days_in_half_term
    return total


def fte_lookup(ect_periods):
    """fte_on(day): the FTE of the ECT post that day; between posts, the FTE of the latest post
    begun by then (else the first post); with no post recorded at all, full-time."""
    periods = [
        (p.started_on, p.finished_on or datetime.date.max, Fraction(str(p.fte)))
        for p in sorted(ect_periods, key=lambda p: p.started_on)
    ]

    def fte_on(day: datetime.date) -> Fraction:
        if not periods:
            return Fraction(1)
        begun = [fte for started_on, _, fte in periods if started_on <= day]
        for started_on, finished_on, fte in periods:
            if started_on <= day <= finished_on:
                return fte
        return begun[-1] if begun else periods[0][2]

    return fte_on


def _employment_terms(ect_periods, started_on, finished_on) -> Fraction | None:
    """Terms of the continuous employment the induction period falls in; None while the post
    goes on (it may still reach a term)."""
    covering = [
        p
        for p in ect_periods
        if p.started_on <= finished_on and (p.finished_on is None or p.finished_on >= started_on)
    ]
    if not covering:
        return _terms(started_on, finished_on, lambda day: Fraction(1))
    if any(p.finished_on is None for p in covering):
        return None
    start = min(started_on, *(p.started_on for p in covering))
    end = max(p.finished_on for p in covering)
    return _terms(start, end, lambda day: Fraction(1))


def suggest_terms(
    *, teacher, started_on: datetime.date, finished_on: datetime.date
) -> TermsSuggestion:
    """The full-time-equivalent terms an induction period from `started_on` to `finished_on`
    counted, with a plain-English explanation."""
    if finished_on < started_on:
        return TermsSuggestion(Decimal("0"), Decimal("0"), "The end date is before the start date")
    ect_periods = list(ECTAtSchoolPeriod.objects.filter(teacher=teacher).order_by("started_on"))
    fte_on = fte_lookup(ect_periods)
    in_post = _terms(started_on, finished_on, lambda day: Fraction(1))
    equivalent = _terms(started_on, finished_on, fte_on)
    dates = f"From {format_date(started_on)} to {format_date(finished_on)}"
    employment = _employment_terms(ect_periods, started_on, finished_on)
    if employment is not None and employment < MINIMUM_TERMS_IN_POST:
        return TermsSuggestion(
            terms=Decimal("0"),
            terms_in_post=_two_places(in_post),
            explanation=(
                f"{dates} is {format_terms(_two_places(in_post))} in post. Employment of less "
                "than one term does not count towards induction"
            ),
            counts=False,
        )
    explanation = f"{dates} is {format_terms(_two_places(in_post))} in post"
    if equivalent != in_post:
        ftes = sorted({fte_on(day) for day in _working_days(started_on, finished_on)})
        if len(ftes) == 1:
            fte = _two_places(ftes[0]).normalize()
            explanation += f" at {fte:f} FTE"
        else:
            explanation += " part-time"
        explanation += f": {format_terms(_two_places(equivalent))} full-time equivalent"
    return TermsSuggestion(
        terms=_two_places(equivalent), terms_in_post=_two_places(in_post), explanation=explanation
    )
