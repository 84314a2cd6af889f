"""Reads about induction: progress in terms, shown the same way to every role."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from induction.models import (
    FULL_INDUCTION_TERMS,
    Extension,
    InductionOutcome,
    InductionPeriod,
    Reduction,
)


@dataclass
class InductionProgress:
    """'X of 6 terms, plus extensions', shown the same way to every role (rule 4)."""

    periods: list = field(default_factory=list)
    extension_terms: Decimal = Decimal("0")
    reduced_to: Decimal | None = None  # terms required after a reduction (rule 6)

    @property
    def terms_served(self) -> Decimal:
        return sum(
            (p.number_of_terms for p in self.periods if p.number_of_terms is not None), Decimal("0")
        )

    @property
    def base_terms(self) -> Decimal:
        return self.reduced_to if self.reduced_to is not None else FULL_INDUCTION_TERMS

    @property
    def terms_required(self) -> Decimal:
        return self.base_terms + self.extension_terms

    @property
    def terms_remaining(self) -> Decimal:
        return max(self.terms_required - self.terms_served, Decimal("0"))

    @property
    def current_period(self):
        return next((p for p in self.periods if p.finished_on is None), None)

    @property
    def outcome(self) -> str:
        return next((p.outcome for p in self.periods if p.outcome), "")

    @property
    def status(self) -> str:
        if self.outcome == InductionOutcome.PASS:
            return "Passed"
        if self.outcome == InductionOutcome.FAIL:
            return "Failed"
        if self.current_period is not None:
            return "In progress"
        if self.periods:
            return "Paused"
        return "Not started"

    @property
    def status_colour(self) -> str:
        return {
            "Passed": "green",
            "Failed": "red",
            "In progress": "blue",
            "Paused": "yellow",
            "Not started": "grey",
        }[self.status]

    @property
    def terms_label(self) -> str:
        served = f"{self.terms_served.normalize():f}"
        label = f"{served} of {self.base_terms.normalize():f} terms"
        if self.reduced_to is not None:
            label += f" (reduced from {FULL_INDUCTION_TERMS.normalize():f})"
        if self.extension_terms:
            extension = f"{self.extension_terms.normalize():f}"
            noun = "term" if self.extension_terms == 1 else "terms"
            label += f", plus a {extension} {noun} extension"
        return label


def induction_progress_for(teacher_ids) -> dict[int, InductionProgress]:
    """Progress for many teachers in three queries, whatever their number."""
    teacher_ids = list(teacher_ids)
    progress: dict[int, InductionProgress] = defaultdict(InductionProgress)
    periods = (
        InductionPeriod.objects.filter(teacher_id__in=teacher_ids)
        .select_related("appropriate_body")
        .order_by("started_on")
    )
    for period in periods:
        progress[period.teacher_id].periods.append(period)
    for extension in Extension.objects.filter(teacher_id__in=teacher_ids):
        progress[extension.teacher_id].extension_terms += extension.number_of_terms
    for teacher_id, terms_required in Reduction.objects.filter(
        teacher_id__in=teacher_ids
    ).values_list("teacher_id", "terms_required"):
        progress[teacher_id].reduced_to = terms_required
    return {teacher_id: progress[teacher_id] for teacher_id in teacher_ids}
