"""When an ECT's progress reviews and formal assessments are due (rule 8, SG 2.48-2.60).

The schedule is counted in terms of employment from the day the ECT started at the
school, in half-terms from `ecte.calendar.dates`: each pair of half-terms is one
"term of induction", so an ECT who joined halfway through a term has their first
review by halfway through the next (SG 2.49). Each term of induction counts at the
ECT's full-time equivalent, on top of the terms they served before joining.

- Formal assessment when 3 full-time-equivalent terms are reached (the end of term 3,
  or its equivalent for a part-time ECT), unless the induction is 3 terms or shorter.
- Final assessment when the terms required are reached: 6, fewer after a reduction
  (SG 3.4: a one-term induction has only the final assessment), more after an extension,
  and later by the days of any absence that extends induction (rule 7).
- A progress review in every other term of induction; none in the term before an
  assessment that falls less than one term after it (SG 2.49, part-time patterns).
"""

import datetime
import itertools
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from ecte.calendar.dates import (
    academic_year_for,
    add_working_days,
    half_terms,
    is_working_day,
    today,
)
from induction.models import AssessmentKind

PROGRESS_REVIEW = "progress_review"
FORMAL = AssessmentKind.FORMAL.value
FINAL = AssessmentKind.FINAL.value
FORMAL_AT_TERMS = Decimal("3")
LABELS = {
    PROGRESS_REVIEW: "Progress review",
    FORMAL: "Formal assessment",
    FINAL: "Final assessment",
}
MAX_TERMS_OF_INDUCTION = 32
_HALF = Fraction(1, 2)


@dataclass
class ScheduleItem:
    term_number: int  # the term of induction, from 1
    kind: str
    starts_on: datetime.date
    due_on: datetime.date
    done: object | None = None
    records: list = field(default_factory=list)

    @property
    def label(self) -> str:
        return LABELS[self.kind]

    @property
    def status(self) -> str:
        if self.done is not None:
            return "Done"
        now = today()
        if now > self.due_on:
            return "Overdue"
        if now >= self.starts_on:
            return "Due"
        return "Not yet due"

    @property
    def colour(self) -> str:
        return {"Done": "green", "Overdue": "red", "Due": "blue", "Not yet due": "grey"}[
            self.status
        ]


class HalfTermCalendar:
    """Half-terms by academic year, asked of the calendar once per year: share one between
    the schedules of a list page and it costs a query per year, whatever the number of ECTs."""

    def __init__(self):
        self._years: dict[int, list] = {}

    def year(self, start_year: int) -> list:
        if start_year not in self._years:
            self._years[start_year] = half_terms(start_year)
        return self._years[start_year]

    def from_day(self, day: datetime.date):
        """Half-terms in order from the one containing `day` (or the next to start)."""
        year = academic_year_for(day)
        while True:
            for half_term in self.year(year):
                if half_term.ends_on >= day:
                    yield half_term
            year += 1
            day = datetime.date.min


def _half_term_served(half_term, spans, fte_on) -> Fraction:
    """Terms of induction served in one half-term (half a term when all of it is served at
    full time): each school day in it is worth its share, at the FTE of that day."""
    inside = [
        (max(start, half_term.starts_on), min(end, half_term.ends_on))
        for start, end in spans
        if start <= half_term.ends_on and end >= half_term.starts_on
    ]
    if not inside:
        return Fraction(0)
    if inside == [(half_term.starts_on, half_term.ends_on)]:
        return _HALF * Fraction(str(fte_on(half_term.starts_on)))
    days = [
        half_term.starts_on + datetime.timedelta(days=n)
        for n in range((half_term.ends_on - half_term.starts_on).days + 1)
    ]
    school_days = [day for day in days if is_working_day(day)]
    if not school_days:
        return Fraction(0)
    weighted = sum(
        (
            Fraction(str(fte_on(day)))
            for day in school_days
            if any(start <= day <= end for start, end in inside)
        ),
        Fraction(0),
    )
    return _HALF * weighted / len(school_days)


def _served_half_terms(spans, fte_on, calendar: HalfTermCalendar):
    """(half-term, terms served in it) for each half-term with induction in it, in order:
    half-terms wholly between two periods (a gap between schools) are skipped."""
    last_end = max(end for _, end in spans)
    for half_term in calendar.from_day(spans[0][0]):
        if half_term.starts_on > last_end:
            return
        served = _half_term_served(half_term, spans, fte_on)
        if served:
            yield half_term, served


def build_schedule(
    *,
    started_on: datetime.date,
    fte_on,
    terms_required: Decimal,
    prior_terms: Decimal = Decimal("0"),
    absence_extension_days: int = 0,
    calendar: HalfTermCalendar | None = None,
    spans: list[tuple[datetime.date, datetime.date | None]] | None = None,
) -> list[ScheduleItem]:
    """The review and assessment items, in order. `fte_on(day)` gives the ECT's FTE.

    `spans` are the ECT's posts in order (start, end or None while it goes on), at one school
    or several: the terms of induction run through them, skipping any gap between them, and
    are numbered from the first. Without them, one post from `started_on`. `prior_terms` are
    terms served before the first span (recorded by an appropriate body).
    """
    spans = sorted(
        (start, end or datetime.date.max) for start, end in (spans or [(started_on, None)])
    )
    half_terms_in_order = _served_half_terms(spans, fte_on, calendar or HalfTermCalendar())
    required = Fraction(str(terms_required))
    formal_at = Fraction(str(FORMAL_AT_TERMS))
    items: list[ScheduleItem] = []
    served = Fraction(str(prior_terms))
    formal_needed = required > formal_at and served < formal_at
    for number in range(1, MAX_TERMS_OF_INDUCTION + 1):
        pair = list(itertools.islice(half_terms_in_order, 2))
        if not pair:
            break  # the ECT has left: no more terms of induction to schedule
        (first, in_first), (second, in_second) = pair[0], pair[-1]
        if len(pair) == 1:
            in_second = Fraction(0)
        before, served = served, served + in_first + in_second

        def point(
            threshold, first=first, second=second, before=before, after=served, half=in_first
        ):
            """Where in this term of induction the threshold is reached: the end of its first
            half when that half does it, else its end; and how far into the term that is."""
            fraction = (threshold - before) / (after - before)
            return (first.ends_on if threshold - before <= half else second.ends_on), fraction

        starts_on = max(first.starts_on, spans[0][0])
        if served >= required:
            due_on, fraction = point(required)
            if absence_extension_days:
                due_on = add_working_days(due_on, absence_extension_days)
            _drop_review_less_than_a_term_before(items, fraction)
            items.append(ScheduleItem(number, FINAL, starts_on, due_on))
            break
        if formal_needed and served >= formal_at:
            due_on, fraction = point(formal_at)
            _drop_review_less_than_a_term_before(items, fraction)
            items.append(ScheduleItem(number, FORMAL, starts_on, due_on))
            formal_needed = False
            continue
        items.append(ScheduleItem(number, PROGRESS_REVIEW, starts_on, second.ends_on))
    return items


def _drop_review_less_than_a_term_before(items: list[ScheduleItem], fraction) -> None:
    """An assessment reached part-way through a term of induction falls less than a term after
    the previous term's review: only the assessment is then needed (SG 2.49)."""
    if fraction < 1 and items and items[-1].kind == PROGRESS_REVIEW:
        items.pop()


def match_records(items: list[ScheduleItem], reviews, assessments) -> list[ScheduleItem]:
    """Attach what the school has recorded: reviews by term, assessments by kind."""
    reviews_by_term: dict[int, list] = {}
    for review in reviews:
        reviews_by_term.setdefault(review.term_number, []).append(review)
    assessments_by_kind: dict[str, list] = {}
    for assessment in assessments:
        assessments_by_kind.setdefault(assessment.kind, []).append(assessment)
    for item in items:
        if item.kind == PROGRESS_REVIEW:
            item.records = reviews_by_term.get(item.term_number, [])
        else:
            item.records = assessments_by_kind.get(item.kind, [])
        item.done = item.records[-1] if item.records else None
    return items
