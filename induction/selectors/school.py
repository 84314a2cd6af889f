"""Reads for the school's review and assessment pages, and the ECT's own view of them."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from ecte.calendar.dates import today
from induction.absence import absence_by_year, fte_on
from induction.deadlines import recommendation_deadline, report_deadline
from induction.models import (
    Absence,
    Assessment,
    AssessmentKind,
    InductionPeriod,
    ProgressReview,
    SupportPlan,
)
from induction.schedule import FINAL, HalfTermCalendar, build_schedule, match_records
from induction.selectors import induction_progress_for
from participants.models import ECTAtSchoolPeriod

RECENT_LEAVERS_DAYS = 120


def _decorate_assessment(assessment: Assessment) -> Assessment:
    assessment.report = report_deadline(
        assessment.meeting_on, assessment.sent_to_appropriate_body_on
    )
    if assessment.kind == AssessmentKind.FINAL:
        assessment.recommendation_due = recommendation_deadline(
            assessment.induction_completed_on or assessment.meeting_on,
            assessment.sent_to_appropriate_body_on,
        )
    return assessment


def _schedules(ect_periods: list[ECTAtSchoolPeriod]) -> None:
    """Adds to each ECT period: .progress, .schedule, .next_item, .reviews_here,
    .assessments_here, .plans_here, .absence_years and .interim_needed, in a fixed number of
    queries."""
    teacher_ids = [p.teacher_id for p in ect_periods]
    progress = induction_progress_for(teacher_ids)
    all_ect_periods: dict[int, list] = defaultdict(list)
    for period in ECTAtSchoolPeriod.objects.filter(teacher_id__in=teacher_ids).order_by(
        "started_on"
    ):
        all_ect_periods[period.teacher_id].append(period)
    reviews: dict[int, list] = defaultdict(list)
    for review in ProgressReview.objects.filter(ect_at_school_period__in=ect_periods).order_by(
        "reviewed_on", "pk"
    ):
        reviews[review.ect_at_school_period_id].append(review)
    assessments: dict[int, list] = defaultdict(list)
    for assessment in Assessment.objects.filter(ect_at_school_period__in=ect_periods).order_by(
        "meeting_on", "pk"
    ):
        assessments[assessment.ect_at_school_period_id].append(_decorate_assessment(assessment))
    plans: dict[int, list] = defaultdict(list)
    for plan in SupportPlan.objects.filter(ect_at_school_period__in=ect_periods).order_by(
        "created_at"
    ):
        plans[plan.ect_at_school_period_id].append(plan)
    absences: dict[int, list] = defaultdict(list)
    for absence in Absence.objects.filter(teacher_id__in=teacher_ids):
        absences[absence.teacher_id].append(absence)
    calendar = HalfTermCalendar()
    for period in ect_periods:
        teacher_progress = progress[period.teacher_id]
        # Terms of induction run through the ECT's posts up to and including this one, at
        # this school or before it, skipping gaps between them (SG 2.30, 2.33-2.34); terms an
        # appropriate body recorded before the first post count as served before it.
        posts = [p for p in all_ect_periods[period.teacher_id] if p.started_on <= period.started_on]
        first_post = posts[0].started_on if posts else period.started_on
        prior = sum(
            (
                p.number_of_terms
                for p in teacher_progress.periods
                if p.finished_on is not None
                and p.finished_on < first_post
                and p.number_of_terms is not None
            ),
            Decimal("0"),
        )
        years = absence_by_year(
            absences[period.teacher_id],
            periods=teacher_progress.periods,
            ect_periods=all_ect_periods[period.teacher_id],
            calendar=calendar.year,
        )
        schedule = build_schedule(
            started_on=first_post,
            spans=[(p.started_on, p.finished_on) for p in posts] or None,
            fte_on=lambda day, teacher_id=period.teacher_id: fte_on(
                all_ect_periods[teacher_id], day
            ),
            terms_required=teacher_progress.terms_required,
            prior_terms=prior,
            absence_extension_days=sum(year.extension_days for year in years),
            calendar=calendar,
        )
        # This school's part of it: what falls due once the ECT is here.
        schedule = [item for item in schedule if item.due_on >= period.started_on]
        period.progress = teacher_progress
        period.reviews_here = reviews[period.pk]
        period.assessments_here = assessments[period.pk]
        period.plans_here = plans[period.pk]
        period.absence_years = years
        period.schedule = match_records(schedule, period.reviews_here, period.assessments_here)
        period.next_item = next((item for item in period.schedule if item.done is None), None)
        period.interim_needed = _interim_needed(period)


def _interim_needed(period: ECTAtSchoolPeriod) -> bool:
    """SG 2.62: leaving after a term or more, before the next formal assessment, needs an
    interim assessment (unless one, or the final one, is already recorded here)."""
    if period.finished_on is None:
        return False
    kinds = {a.kind for a in period.assessments_here}
    if AssessmentKind.INTERIM in kinds or AssessmentKind.FINAL in kinds:
        return False
    completed_terms = [item for item in period.schedule if item.due_on <= period.finished_on]
    if any(item.kind == FINAL for item in completed_terms):
        return False
    # A term or more at the school: their first term of induction there has ended.
    return bool(period.schedule) and period.finished_on >= period.schedule[0].due_on


def school_ects(school) -> list[ECTAtSchoolPeriod]:
    """The school's current ECTs and recent leavers, each with its schedule."""
    since = today() - datetime.timedelta(days=RECENT_LEAVERS_DAYS)
    periods = list(
        ECTAtSchoolPeriod.objects.filter(school=school)
        .filter(Q(finished_on__isnull=True) | Q(finished_on__gte=since))
        .select_related("teacher", "appropriate_body")
        .order_by("teacher__last_name", "teacher__first_name", "pk")
    )
    _schedules(periods)
    return periods


def school_ect(ect_period: ECTAtSchoolPeriod) -> dict:
    """The school's page for one ECT: schedule, reviews, assessments, plans and absence."""
    _schedules([ect_period])
    holding = (
        InductionPeriod.objects.ongoing()
        .filter(teacher_id=ect_period.teacher_id)
        .select_related("appropriate_body")
        .first()
    )
    return {
        "ect_period": ect_period,
        "teacher": ect_period.teacher,
        "progress": ect_period.progress,
        "schedule": ect_period.schedule,
        "reviews": ect_period.reviews_here,
        "assessments": ect_period.assessments_here,
        "support_plans": ect_period.plans_here,
        "absence_years": ect_period.absence_years,
        "absences": list(
            Absence.objects.filter(ect_at_school_period=ect_period).order_by("started_on")
        ),
        "interim_needed": ect_period.interim_needed,
        "holding": holding,
    }
