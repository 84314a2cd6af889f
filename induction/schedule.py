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
from dataclasses import dataclass, field
from decimal import Decimal

from ecte.calendar.dates import academic_year_for, add_working_days, half_terms, today
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


def build_schedule(
    *,
    started_on: datetime.date,
    fte_on,
    terms_required: Decimal,
    prior_terms: Decimal = Decimal("0"),
    absence_extension_days: int = 0,
    calendar: HalfTermCalendar | None = None,
) -> list[ScheduleItem]:
    """The review and assessment items, in order. `fte_on(day)` gives the ECT's FTE."""
    half_terms_in_order = (calendar or HalfTermCalendar()).from_day(started_on)
    items: list[ScheduleItem] = []
    served = prior_terms
    formal_needed = terms_required > FORMAL_AT_TERMS and prior_terms < FORMAL_AT_TERMS
    for number in range(1, MAX_TERMS_OF_INDUCTION + 1):
        first, second = next(half_terms_in_order), next(half_terms_in_order)
        fte = Decimal(fte_on(first.starts_on))
        before, served = served, served + fte

        def point(threshold: Decimal, first=first, second=second, before=before, fte=fte):
            """Where in this term of induction the threshold is reached: its end, or the end
            of its first half when half a term or less does it."""
            fraction = (threshold - before) / fte if fte else Decimal("1")
            return (
                (first.ends_on, fraction)
                if fraction <= Decimal("0.5")
                else (second.ends_on, fraction)
            )

        starts_on = max(first.starts_on, started_on)
        if served >= terms_required:
            due_on, fraction = point(terms_required)
            if absence_extension_days:
                due_on = add_working_days(due_on, absence_extension_days)
            _drop_review_less_than_a_term_before(items, fraction)
            items.append(ScheduleItem(number, FINAL, starts_on, due_on))
            break
        if formal_needed and served >= FORMAL_AT_TERMS:
            due_on, fraction = point(FORMAL_AT_TERMS)
            _drop_review_less_than_a_term_before(items, fraction)
            items.append(ScheduleItem(number, FORMAL, starts_on, due_on))
            formal_needed = False
            continue
        items.append(ScheduleItem(number, PROGRESS_REVIEW, starts_on, second.ends_on))
    return items


def _drop_review_less_than_a_term_before(items: list[ScheduleItem], fraction: Decimal) -> None:
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
