"""Everything the appropriate body's page for one teacher shows, in a fixed number of queries."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from ecte.events.models import Event
from ecte.formatting import format_date, format_terms
from induction.absence import absence_by_year
from induction.deadlines import appeal_deadline, report_deadline
from induction.models import (
    Absence,
    Assessment,
    Extension,
    InductionOutcome,
    InductionProgramme,
    ProgressReview,
    Reduction,
    ReleaseRequest,
    SupportPlan,
)
from participants.selectors import teacher_summary

FIELD_LABELS = {
    "started_on": "Start date",
    "finished_on": "End date",
    "number_of_terms": "Terms served",
    "induction_programme": "Induction programme",
    "outcome": "Outcome",
    "told_of_right_to_appeal_on": "Told of the right to appeal",
    "extension_terms": "Extension",
    "terms_required": "Terms required after the reduction",
    "teacher_consented_on": "Date the teacher agreed to the reduction",
}
CORRECTION_EVENTS = (
    "induction_period_corrected",
    "induction_extension_corrected",
    "induction_reduction_corrected",
)
TERMS_FIELDS = ("number_of_terms", "extension_terms", "terms_required")


def _readable(name: str, value) -> str:
    """An event's stored value (ISO dates, codes, decimals as text) as users read it."""
    if value in (None, ""):
        return "None"
    if name.endswith("_on"):
        return format_date(datetime.date.fromisoformat(value))
    if name in TERMS_FIELDS:
        return format_terms(Decimal(value))
    if name == "outcome":
        return InductionOutcome(value).label
    if name == "induction_programme":
        return InductionProgramme(value).label
    return str(value)


def correction_rows(event) -> list[dict]:
    return [
        {
            "label": FIELD_LABELS.get(name, name),
            "before": _readable(name, event.before.get(name)),
            "after": _readable(name, value),
        }
        for name, value in event.after.items()
    ]


@dataclass
class TimelineEntry:
    on: datetime.date
    title: str
    detail: str = ""
    tag: str = ""
    colour: str = "grey"


def _timeline(summary, extensions, reduction, reviews, assessments, absences) -> list:
    entries = []
    for period in summary["ect_periods"]:
        entries.append(
            TimelineEntry(period.started_on, f"Started at {period.school.name}", tag="School")
        )
        if period.finished_on:
            entries.append(
                TimelineEntry(period.finished_on, f"Left {period.school.name}", tag="School")
            )
    for period in summary["progress"].periods:
        name = period.appropriate_body.name
        entries.append(
            TimelineEntry(
                period.started_on,
                f"Induction period with {name} started",
                period.get_induction_programme_display(),
                tag="Appropriate body",
                colour="blue",
            )
        )
        if period.finished_on:
            if period.outcome:
                title = f"{period.get_outcome_display()} induction ({name})"
                colour = "green" if period.outcome == "pass" else "red"
                tag = "Outcome"
            else:
                title, colour, tag = f"Released by {name}", "yellow", "Appropriate body"
            entries.append(
                TimelineEntry(
                    period.finished_on,
                    title,
                    f"{period.number_of_terms.normalize():f} terms served",
                    tag=tag,
                    colour=colour,
                )
            )
    for extension in extensions:
        entries.append(
            TimelineEntry(
                extension.created_at.date(),
                f"Extended by {extension.number_of_terms.normalize():f} terms",
                extension.appropriate_body.name,
                tag="Outcome",
                colour="orange",
            )
        )
    if reduction is not None:
        entries.append(
            TimelineEntry(
                reduction.created_at.date(),
                f"Reduced to {reduction.terms_required.normalize():f} terms",
                reduction.reason,
                tag="Appropriate body",
                colour="purple",
            )
        )
    for review in reviews:
        entries.append(
            TimelineEntry(
                review.reviewed_on,
                f"Progress review, term {review.term_number}",
                "Satisfactory progress"
                if review.satisfactory_progress
                else "Not making satisfactory progress",
                tag="Review",
                colour="green" if review.satisfactory_progress else "red",
            )
        )
    for assessment in assessments:
        entries.append(
            TimelineEntry(
                assessment.meeting_on,
                assessment.get_kind_display(),
                assessment.get_recommendation_display() if assessment.recommendation else "",
                tag="Assessment",
                colour="turquoise",
            )
        )
    for absence in absences:
        entries.append(
            TimelineEntry(
                absence.started_on,
                f"{absence.days} days absent",
                absence.get_kind_display(),
                tag="Absence",
                colour="pink",
            )
        )
    entries.sort(key=lambda entry: entry.on)
    return entries


def appropriate_body_view_of(teacher, appropriate_body) -> dict:
    """The teacher page an appropriate body sees: the shared summary, plus its actions."""
    summary = teacher_summary(teacher)
    progress = summary["progress"]
    for period in progress.periods:
        period.is_ours = period.appropriate_body_id == appropriate_body.pk
        period.appeal_deadline = (
            appeal_deadline(period.told_of_right_to_appeal_on)
            if period.told_of_right_to_appeal_on
            else None
        )
    current = progress.current_period
    holds = current is not None and current.appropriate_body_id == appropriate_body.pk
    extensions = list(Extension.objects.filter(teacher=teacher).select_related("appropriate_body"))
    reduction = Reduction.objects.filter(teacher=teacher).select_related("appropriate_body").first()
    requests = list(
        ReleaseRequest.objects.filter(teacher=teacher)
        .filter(Q(requested_by=appropriate_body) | Q(held_by=appropriate_body))
        .select_related("requested_by", "held_by")
    )
    reviews = list(
        ProgressReview.objects.filter(teacher=teacher, sent_to_appropriate_body_at__isnull=False)
        .select_related("ect_at_school_period__school")
        .order_by("reviewed_on")
    )
    assessments = list(
        Assessment.objects.filter(teacher=teacher, sent_to_appropriate_body_on__isnull=False)
        .select_related("ect_at_school_period__school")
        .order_by("meeting_on")
    )
    for assessment in assessments:
        assessment.report = report_deadline(
            assessment.meeting_on, assessment.sent_to_appropriate_body_on
        )
    support_plans = list(
        SupportPlan.objects.filter(teacher=teacher, status="approved").order_by("approved_at")
    )
    absences = list(Absence.objects.filter(teacher=teacher))
    absence_years = absence_by_year(
        absences, periods=progress.periods, ect_periods=summary["ect_periods"]
    )
    corrections = list(
        Event.objects.filter(teacher=teacher, event_type__in=CORRECTION_EVENTS).timeline()
    )
    for event in corrections:
        event.rows = correction_rows(event)
    has_outcome = bool(progress.outcome)
    return {
        **summary,
        "appropriate_body": appropriate_body,
        "holds": holds,
        "current_period": current,
        "can_change_length": holds and not has_outcome,
        "can_reduce": holds and not has_outcome and reduction is None,
        "extensions": extensions,
        "reduction": reduction,
        "release_requests": requests,
        "pending_request_to_us": next(
            (r for r in requests if r.held_by_id == appropriate_body.pk and r.status == "pending"),
            None,
        ),
        "reviews": reviews,
        "assessments": assessments,
        "support_plans": support_plans,
        "absences": absences,
        "absence_years": absence_years,
        "absence_extension_days": sum(year.extension_days for year in absence_years),
        "corrections": corrections,
        "timeline": _timeline(summary, extensions, reduction, reviews, assessments, absences),
    }
