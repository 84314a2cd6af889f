"""The school's side of monitoring and assessment, and what the appropriate body does with it.

Progress reviews (SG 2.48-2.54), formal, final and interim assessments (SG 2.55-2.63)
with the headteacher's sign-off and recommendation, support plans when progress is
unsatisfactory (SG 4.1-4.5), and absence (Reg 8, SG 3.6-3.7).

Who may act is checked here, not only in the views: an assessment is recorded by the
ECT's induction tutor or headteacher, never the mentor alone (SG 2.55); sign-off and
support plan approval are the headteacher's.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ecte.accounts.models import Membership, Role
from ecte.calendar.dates import today
from ecte.events.record import Actor, record_event
from induction import errors
from induction.absence import absence_by_year
from induction.errors import InductionError
from induction.models import (
    MAX_TERMS,
    Absence,
    AbsenceKind,
    AppropriateBody,
    Assessment,
    AssessmentKind,
    InductionPeriod,
    ProgressReview,
    Recommendation,
    SupportPlan,
    SupportPlanStatus,
)
from induction.services.periods import _lock_teacher, queue_induction_task
from participants.models import ECTAtSchoolPeriod

RECEIVED_KINDS = {"assessment": Assessment, "review": ProgressReview, "support-plan": SupportPlan}


def _check_induction_tutor(membership: Membership, ect_period: ECTAtSchoolPeriod) -> None:
    """Rule 8: the induction tutor or headteacher of the ECT's school, never the mentor alone."""
    if (
        membership is None
        or membership.role != Role.INDUCTION_TUTOR
        or membership.school_id != ect_period.school_id
        or membership.ended_at is not None
    ):
        raise InductionError(errors.NOT_INDUCTION_TUTOR)


def _check_headteacher(membership: Membership, ect_period: ECTAtSchoolPeriod) -> None:
    _check_induction_tutor(membership, ect_period)
    if not membership.is_headteacher:
        raise InductionError(errors.HEADTEACHER_ONLY)


def _check_meeting(ect_period: ECTAtSchoolPeriod, day: datetime.date) -> None:
    if day < ect_period.started_on:
        raise InductionError(errors.MEETING_BEFORE_START.format(start=ect_period.started_on))
    if day > today():
        raise InductionError(errors.MEETING_IN_FUTURE)


def receiving_appropriate_body(ect_period: ECTAtSchoolPeriod) -> AppropriateBody | None:
    """Who the school sends to: the appropriate body holding the induction, else the one the
    school chose for the ECT."""
    holding = (
        InductionPeriod.objects.ongoing()
        .filter(teacher_id=ect_period.teacher_id)
        .select_related("appropriate_body")
        .first()
    )
    if holding is not None:
        return holding.appropriate_body
    return ect_period.appropriate_body


def _texts(**texts) -> dict:
    cleaned = {name: (value or "").strip() for name, value in texts.items()}
    if not all(cleaned.values()):
        raise InductionError(errors.REVIEW_TEXT_REQUIRED)
    return cleaned


@transaction.atomic
def record_progress_review(
    *,
    ect_period: ECTAtSchoolPeriod,
    term_number: int,
    reviewed_on: datetime.date,
    satisfactory_progress: bool,
    evidence: str,
    areas_to_develop: str,
    next_steps: str,
    membership: Membership,
    by: Actor,
) -> ProgressReview:
    """Record a progress review and send it to the appropriate body (SG 2.48-2.54). One that
    finds unsatisfactory progress opens a support plan for the school to write (SG 4.1)."""
    _lock_teacher(ect_period.teacher)
    _check_induction_tutor(membership, ect_period)
    if not 1 <= term_number <= 32:
        raise InductionError(errors.TERM_NUMBER_OUT_OF_RANGE)
    _check_meeting(ect_period, reviewed_on)
    texts = _texts(evidence=evidence, areas_to_develop=areas_to_develop, next_steps=next_steps)
    appropriate_body = receiving_appropriate_body(ect_period)
    review = ProgressReview.objects.create(
        teacher_id=ect_period.teacher_id,
        ect_at_school_period=ect_period,
        appropriate_body=appropriate_body,
        term_number=term_number,
        reviewed_on=reviewed_on,
        satisfactory_progress=satisfactory_progress,
        recorded_by=by.user,
        recorded_by_name=by.name,
        sent_to_appropriate_body_at=timezone.now() if appropriate_body else None,
        **texts,
    )
    if not satisfactory_progress:
        SupportPlan.objects.create(
            teacher_id=ect_period.teacher_id,
            ect_at_school_period=ect_period,
            progress_review=review,
        )
    verdict = (
        "making satisfactory progress"
        if satisfactory_progress
        else "not making satisfactory progress"
    )
    record_event(
        event_type="progress_review_recorded",
        heading=f"Progress review, term {term_number}: {ect_period.teacher.full_name} is {verdict}",
        by=by,
        teacher=ect_period.teacher,
        school=ect_period.school,
        appropriate_body=appropriate_body,
        ect_at_school_period=ect_period,
        after={"reviewed_on": reviewed_on, "satisfactory_progress": satisfactory_progress},
    )
    if appropriate_body is not None:
        queue_induction_task("send_review_received", "review", review.pk)
    return review


@transaction.atomic
def record_assessment(
    *,
    ect_period: ECTAtSchoolPeriod,
    kind: str,
    meeting_on: datetime.date,
    satisfactory_progress: bool,
    evidence: str,
    areas_to_develop: str,
    next_steps: str,
    membership: Membership,
    by: Actor,
    term_number: int | None = None,
    ect_comments: str = "",
    recommendation: str = "",
    induction_completed_on: datetime.date | None = None,
    terms_served: Decimal | None = None,
    days_absent: int | None = None,
) -> Assessment:
    """Record a formal, final or interim assessment, by the induction tutor or headteacher
    (SG 2.55). The final one carries the headteacher's recommendation (SG 2.60); an interim
    one the terms served and days absent (SG 2.62). It waits for the headteacher's sign-off."""
    _lock_teacher(ect_period.teacher)
    _check_induction_tutor(membership, ect_period)
    if kind not in AssessmentKind.values:
        raise InductionError(errors.ASSESSMENT_KIND_UNKNOWN)
    _check_meeting(ect_period, meeting_on)
    texts = _texts(evidence=evidence, areas_to_develop=areas_to_develop, next_steps=next_steps)
    if kind == AssessmentKind.FINAL:
        if recommendation not in Recommendation.values:
            raise InductionError(errors.RECOMMENDATION_REQUIRED)
        if induction_completed_on is None:
            raise InductionError(errors.COMPLETED_ON_REQUIRED)
    else:
        recommendation, induction_completed_on = "", None
    if kind == AssessmentKind.INTERIM:
        if terms_served is None or days_absent is None:
            raise InductionError(errors.INTERIM_DETAILS_REQUIRED)
        if not (0 <= terms_served <= MAX_TERMS) or terms_served != round(terms_served, 2):
            raise InductionError(errors.TERMS_OUT_OF_RANGE)
        if days_absent < 0:
            raise InductionError(errors.ABSENCE_DAYS_OUT_OF_RANGE)
    else:
        terms_served, days_absent = None, None
    assessment = Assessment.objects.create(
        teacher_id=ect_period.teacher_id,
        ect_at_school_period=ect_period,
        kind=kind,
        term_number=term_number,
        meeting_on=meeting_on,
        satisfactory_progress=satisfactory_progress,
        ect_comments=(ect_comments or "").strip(),
        assessed_by=by.user,
        assessed_by_name=by.name,
        assessed_by_role="Headteacher" if membership.is_headteacher else "Induction tutor",
        recommendation=recommendation,
        induction_completed_on=induction_completed_on,
        terms_served=terms_served,
        days_absent=days_absent,
        **texts,
    )
    if not satisfactory_progress and kind != AssessmentKind.FINAL:
        SupportPlan.objects.create(
            teacher_id=ect_period.teacher_id,
            ect_at_school_period=ect_period,
            assessment=assessment,
        )
    record_event(
        event_type="assessment_recorded",
        heading=f"{assessment.get_kind_display()} of {ect_period.teacher.full_name} recorded",
        by=by,
        teacher=ect_period.teacher,
        school=ect_period.school,
        ect_at_school_period=ect_period,
        after={
            "kind": kind,
            "meeting_on": meeting_on,
            "satisfactory_progress": satisfactory_progress,
            "recommendation": recommendation,
        },
    )
    return assessment


def _lock_assessment(assessment: Assessment) -> Assessment:
    _lock_teacher(assessment.teacher)
    return (
        Assessment.objects.select_for_update()
        .select_related("teacher", "ect_at_school_period__school")
        .get(pk=assessment.pk)
    )


@transaction.atomic
def sign_off_assessment(*, assessment: Assessment, membership: Membership, by: Actor) -> Assessment:
    """The headteacher signs the assessment report (SG 2.61)."""
    assessment = _lock_assessment(assessment)
    _check_headteacher(membership, assessment.ect_at_school_period)
    if assessment.signed_off_at is not None:
        raise InductionError(errors.ALREADY_SIGNED_OFF)
    assessment.signed_off_by = by.user
    assessment.signed_off_by_name = by.name
    assessment.signed_off_at = timezone.now()
    assessment.save(update_fields=["signed_off_by", "signed_off_by_name", "signed_off_at"])
    record_event(
        event_type="assessment_signed_off",
        heading=f"The headteacher signed off {assessment.teacher.full_name}’s {assessment.get_kind_display().lower()}",
        by=by,
        teacher=assessment.teacher,
        school=assessment.ect_at_school_period.school,
        ect_at_school_period=assessment.ect_at_school_period,
    )
    return assessment


@transaction.atomic
def send_assessment(*, assessment: Assessment, membership: Membership, by: Actor) -> Assessment:
    """Send the signed report to the appropriate body, within 10 working days of the meeting
    (SG 2.61); a final one carries the recommendation the appropriate body decides on."""
    assessment = _lock_assessment(assessment)
    _check_induction_tutor(membership, assessment.ect_at_school_period)
    if assessment.sent_to_appropriate_body_on is not None:
        raise InductionError(errors.ALREADY_SENT)
    if assessment.signed_off_at is None:
        raise InductionError(errors.NOT_SIGNED_OFF)
    appropriate_body = receiving_appropriate_body(assessment.ect_at_school_period)
    if appropriate_body is None:
        raise InductionError(errors.NO_APPROPRIATE_BODY)
    assessment.appropriate_body = appropriate_body
    assessment.sent_to_appropriate_body_on = today()
    assessment.save(update_fields=["appropriate_body", "sent_to_appropriate_body_on"])
    record_event(
        event_type="assessment_sent",
        heading=(
            f"{assessment.get_kind_display()} of {assessment.teacher.full_name} sent to "
            f"{appropriate_body.name}"
        ),
        by=by,
        teacher=assessment.teacher,
        school=assessment.ect_at_school_period.school,
        appropriate_body=appropriate_body,
        ect_at_school_period=assessment.ect_at_school_period,
        after={"sent_to_appropriate_body_on": assessment.sent_to_appropriate_body_on},
    )
    queue_induction_task("send_review_received", "assessment", assessment.pk)
    return assessment


def _lock_plan(plan: SupportPlan) -> SupportPlan:
    _lock_teacher(plan.teacher)
    return (
        SupportPlan.objects.select_for_update()
        .select_related("teacher", "ect_at_school_period__school")
        .get(pk=plan.pk)
    )


@transaction.atomic
def update_support_plan(
    *,
    plan: SupportPlan,
    areas_for_improvement: str,
    objectives: str,
    support: str,
    membership: Membership,
    by: Actor,
) -> SupportPlan:
    """Write the plan: areas for improvement, objectives and support (SG 4.2)."""
    plan = _lock_plan(plan)
    _check_induction_tutor(membership, plan.ect_at_school_period)
    if plan.status != SupportPlanStatus.DRAFT:
        raise InductionError(errors.SUPPORT_PLAN_APPROVED)
    before = {
        "areas_for_improvement": plan.areas_for_improvement,
        "objectives": plan.objectives,
        "support": plan.support,
    }
    plan.areas_for_improvement = (areas_for_improvement or "").strip()
    plan.objectives = (objectives or "").strip()
    plan.support = (support or "").strip()
    plan.save()
    record_event(
        event_type="support_plan_updated",
        heading=f"Support plan for {plan.teacher.full_name} updated",
        by=by,
        teacher=plan.teacher,
        school=plan.ect_at_school_period.school,
        ect_at_school_period=plan.ect_at_school_period,
        before=before,
        after={
            "areas_for_improvement": plan.areas_for_improvement,
            "objectives": plan.objectives,
            "support": plan.support,
        },
    )
    return plan


@transaction.atomic
def approve_support_plan(*, plan: SupportPlan, membership: Membership, by: Actor) -> SupportPlan:
    """The headteacher approves the plan, which is then shared with the appropriate body
    (SG 4.1-4.2)."""
    plan = _lock_plan(plan)
    _check_headteacher(membership, plan.ect_at_school_period)
    if plan.status != SupportPlanStatus.DRAFT:
        raise InductionError(errors.SUPPORT_PLAN_APPROVED)
    if not (plan.areas_for_improvement and plan.objectives and plan.support):
        raise InductionError(errors.SUPPORT_PLAN_INCOMPLETE)
    appropriate_body = receiving_appropriate_body(plan.ect_at_school_period)
    if appropriate_body is None:
        raise InductionError(errors.NO_APPROPRIATE_BODY)
    plan.status = SupportPlanStatus.APPROVED
    plan.approved_by = by.user
    plan.approved_by_name = by.name
    plan.approved_at = timezone.now()
    plan.appropriate_body = appropriate_body
    plan.save()
    record_event(
        event_type="support_plan_approved",
        heading=f"Support plan for {plan.teacher.full_name} approved and shared with {appropriate_body.name}",
        by=by,
        teacher=plan.teacher,
        school=plan.ect_at_school_period.school,
        appropriate_body=appropriate_body,
        ect_at_school_period=plan.ect_at_school_period,
    )
    queue_induction_task("send_review_received", "support-plan", plan.pk)
    return plan


@transaction.atomic
def record_absence(
    *,
    ect_period: ECTAtSchoolPeriod,
    kind: str,
    started_on: datetime.date,
    days: int,
    extension_requested: bool,
    membership: Membership,
    by: Actor,
) -> Absence:
    """Record days an ECT was absent (rule 7). When a year of induction reaches 30 days of
    absence the appropriate body is told: that year is extended by the days absent."""
    teacher = _lock_teacher(ect_period.teacher)
    _check_induction_tutor(membership, ect_period)
    if kind not in AbsenceKind.values:
        raise InductionError(errors.ABSENCE_KIND_UNKNOWN)
    if not isinstance(days, int) or not 1 <= days <= 366:
        raise InductionError(errors.ABSENCE_DAYS_OUT_OF_RANGE)
    if extension_requested and kind != AbsenceKind.FAMILY_LEAVE:
        raise InductionError(errors.EXTENSION_REQUEST_ONLY_FOR_FAMILY_LEAVE)
    if started_on < ect_period.started_on:
        raise InductionError(errors.ABSENCE_BEFORE_START.format(start=ect_period.started_on))
    periods = list(InductionPeriod.objects.filter(teacher=teacher))
    ect_periods = list(ECTAtSchoolPeriod.objects.filter(teacher=teacher))
    absences = list(Absence.objects.filter(teacher=teacher))
    before = {
        y.year: y.reaches_threshold
        for y in absence_by_year(absences, periods=periods, ect_periods=ect_periods)
    }
    absence = Absence.objects.create(
        teacher=teacher,
        ect_at_school_period=ect_period,
        kind=kind,
        started_on=started_on,
        days=days,
        extension_requested=extension_requested,
        recorded_by=by.user,
    )
    record_event(
        event_type="absence_recorded",
        heading=f"{days} days of {absence.get_kind_display().lower()} recorded for {teacher.full_name}",
        by=by,
        teacher=teacher,
        school=ect_period.school,
        ect_at_school_period=ect_period,
        after={
            "kind": kind,
            "started_on": started_on,
            "days": days,
            "extension_requested": extension_requested,
        },
    )
    for year in absence_by_year([*absences, absence], periods=periods, ect_periods=ect_periods):
        if year.reaches_threshold and not before.get(year.year, False):
            appropriate_body = receiving_appropriate_body(ect_period)
            record_event(
                event_type="absence_threshold_reached",
                heading=(
                    f"{teacher.full_name} has been absent {year.absence_days} days in year "
                    f"{year.year} of induction: that year is extended by the days absent"
                ),
                by=by,
                teacher=teacher,
                school=ect_period.school,
                appropriate_body=appropriate_body,
                ect_at_school_period=ect_period,
                after={"year": year.year, "absence_days": year.absence_days},
            )
            if appropriate_body is not None:
                queue_induction_task("send_absence_alert", absence.pk, year.year)
    return absence


@transaction.atomic
def mark_received_as_read(*, record, appropriate_body: AppropriateBody, by: Actor):
    """The appropriate body has read an assessment, an at-risk review or a support plan."""
    record = type(record).objects.select_for_update().select_related("teacher").get(pk=record.pk)
    if record.appropriate_body_id != appropriate_body.pk:
        raise InductionError(errors.NOT_SENT_TO_YOU)
    if record.seen_by_appropriate_body_at is not None:
        return record
    record.seen_by_appropriate_body_at = timezone.now()
    record.save(update_fields=["seen_by_appropriate_body_at"])
    record_event(
        event_type="appropriate_body_read",
        heading=f"{appropriate_body.name} read {record.teacher.full_name}’s {_received_label(record)}",
        by=by,
        teacher=record.teacher,
        appropriate_body=appropriate_body,
    )
    return record


def _received_label(record) -> str:
    if isinstance(record, Assessment):
        return record.get_kind_display().lower()
    if isinstance(record, ProgressReview):
        return "progress review"
    return "support plan"
