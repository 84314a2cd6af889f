"""Every change to an induction period: claim, release, pass, fail, extend.

Each service is one transaction: it locks the teacher's row so two appropriate
bodies acting at once are serialised, checks the statutory rule, writes the
change and its event. The database constraints hold the same rules again.
"""

import datetime
from decimal import Decimal

from django.db import transaction

from ecte.events.record import Actor, record_event
from induction import errors
from induction.models import (
    MAX_TERMS,
    AppropriateBody,
    Extension,
    InductionOutcome,
    InductionPeriod,
)
from participants.models import ECTAtSchoolPeriod, InductionStatus, Teacher, TeacherRecord

CLOSED_STATUSES = {InductionStatus.PASSED, InductionStatus.FAILED, InductionStatus.EXEMPT}


class InductionError(Exception):
    """A change the statutory rules do not allow; the message is for the user."""


def _lock_teacher(teacher: Teacher) -> Teacher:
    return Teacher.objects.select_for_update().get(pk=teacher.pk)


def _register_status(teacher: Teacher) -> str | None:
    return (
        TeacherRecord.objects.filter(trn=teacher.trn)
        .values_list("induction_status", flat=True)
        .first()
    )


def check_can_start_induction(
    *, teacher: Teacher, appropriate_body: AppropriateBody, started_on: datetime.date
):
    """Rules 1-3 and 17: QTS first, one induction only, one appropriate body at a time, no
    overlaps, and a teaching school hub never for an ECT its own lead school employs (SG 2.25)."""
    if teacher.qts_awarded_on is None:
        raise InductionError(errors.NO_QTS)
    if started_on < teacher.qts_awarded_on:
        raise InductionError(errors.STARTS_BEFORE_QTS.format(qts=teacher.qts_awarded_on))
    status = _register_status(teacher)
    outcome = (
        InductionPeriod.objects.filter(teacher=teacher)
        .exclude(outcome="")
        .values_list("outcome", flat=True)
        .first()
    )
    if outcome == InductionOutcome.PASS or status == InductionStatus.PASSED:
        raise InductionError(errors.ALREADY_PASSED)
    if outcome == InductionOutcome.FAIL or status == InductionStatus.FAILED:
        raise InductionError(errors.ALREADY_FAILED)
    if status == InductionStatus.EXEMPT:
        raise InductionError(errors.EXEMPT)
    open_period = (
        InductionPeriod.objects.ongoing()
        .filter(teacher=teacher)
        .select_related("appropriate_body")
        .first()
    )
    if open_period is not None:
        if open_period.appropriate_body_id == appropriate_body.pk:
            raise InductionError(errors.ALREADY_CLAIMED_BY_YOU)
        raise InductionError(errors.HELD_BY_ANOTHER.format(name=open_period.appropriate_body.name))
    if appropriate_body.lead_school_id is not None:
        employed_at_lead_school = ECTAtSchoolPeriod.objects.filter(
            teacher=teacher, school_id=appropriate_body.lead_school_id
        ).on(started_on)
        if employed_at_lead_school.exists():
            raise InductionError(errors.HUB_EMPLOYS_ECT)
    last = InductionPeriod.objects.filter(teacher=teacher).order_by("-finished_on").first()
    if last is not None and started_on <= last.finished_on:
        raise InductionError(errors.STARTS_BEFORE_PREVIOUS_END.format(end=last.finished_on))


@transaction.atomic
def claim_ect(
    *,
    teacher: Teacher,
    appropriate_body: AppropriateBody,
    started_on: datetime.date,
    induction_programme: str,
    by: Actor,
) -> InductionPeriod:
    """Open an induction period: the appropriate body starts holding the teacher (SG 2.10, Reg 9)."""
    teacher = _lock_teacher(teacher)
    check_can_start_induction(
        teacher=teacher, appropriate_body=appropriate_body, started_on=started_on
    )
    period = InductionPeriod.objects.create(
        teacher=teacher,
        appropriate_body=appropriate_body,
        started_on=started_on,
        induction_programme=induction_programme,
    )
    TeacherRecord.objects.filter(trn=teacher.trn).update(
        induction_status=InductionStatus.IN_PROGRESS
    )
    record_event(
        event_type="induction_period_opened",
        heading=f"{appropriate_body.name} claimed {teacher.full_name}",
        by=by,
        teacher=teacher,
        appropriate_body=appropriate_body,
        induction_period=period,
        after={"started_on": started_on, "induction_programme": induction_programme},
    )
    return period


def _check_closing(period: InductionPeriod, finished_on: datetime.date, number_of_terms: Decimal):
    if not period.is_open:
        raise InductionError(errors.ALREADY_CLOSED)
    if finished_on < period.started_on:
        raise InductionError(errors.ENDS_BEFORE_START.format(start=period.started_on))
    if number_of_terms < 0 or number_of_terms > MAX_TERMS:
        raise InductionError(errors.TERMS_OUT_OF_RANGE)
    if number_of_terms != round(number_of_terms, 2):
        raise InductionError(errors.TERMS_TOO_PRECISE)


def _lock_period(period: InductionPeriod) -> InductionPeriod:
    _lock_teacher(period.teacher)
    return (
        InductionPeriod.objects.select_for_update()
        .select_related("teacher", "appropriate_body")
        .get(pk=period.pk)
    )


@transaction.atomic
def release_ect(
    *, period: InductionPeriod, finished_on: datetime.date, number_of_terms: Decimal, by: Actor
) -> InductionPeriod:
    """Close a period with no outcome: the ECT left; another appropriate body may now claim (rule 14)."""
    period = _lock_period(period)
    _check_closing(period, finished_on, number_of_terms)
    period.finished_on = finished_on
    period.number_of_terms = number_of_terms
    period.save(update_fields=["finished_on", "number_of_terms", "updated_at"])
    record_event(
        event_type="induction_period_released",
        heading=f"{period.appropriate_body.name} released {period.teacher.full_name}",
        by=by,
        teacher=period.teacher,
        appropriate_body=period.appropriate_body,
        induction_period=period,
        before={"finished_on": None, "number_of_terms": None},
        after={"finished_on": finished_on, "number_of_terms": number_of_terms},
    )
    return period


def _record_outcome(*, period, outcome, finished_on, number_of_terms, by, body=""):
    period = _lock_period(period)
    latest = InductionPeriod.objects.filter(teacher=period.teacher).order_by("-started_on").first()
    if latest.pk != period.pk:
        raise InductionError(errors.OUTCOME_NOT_ON_LATEST)
    if InductionPeriod.objects.filter(teacher=period.teacher).exclude(outcome="").exists():
        raise InductionError(errors.OUTCOME_ALREADY_RECORDED)
    _check_closing(period, finished_on, number_of_terms)
    period.finished_on = finished_on
    period.number_of_terms = number_of_terms
    period.outcome = outcome
    period.save(update_fields=["finished_on", "number_of_terms", "outcome", "updated_at"])
    status = InductionStatus.PASSED if outcome == InductionOutcome.PASS else InductionStatus.FAILED
    TeacherRecord.objects.filter(trn=period.teacher.trn).update(induction_status=status)
    verb = "passed" if outcome == InductionOutcome.PASS else "failed"
    record_event(
        event_type=f"induction_{verb}",
        heading=f"{period.teacher.full_name} {verb} induction",
        body=body,
        by=by,
        teacher=period.teacher,
        appropriate_body=period.appropriate_body,
        induction_period=period,
        before={"finished_on": None, "number_of_terms": None, "outcome": None},
        after={"finished_on": finished_on, "number_of_terms": number_of_terms, "outcome": outcome},
    )
    return period


@transaction.atomic
def record_pass(
    *, period: InductionPeriod, finished_on: datetime.date, number_of_terms: Decimal, by: Actor
) -> InductionPeriod:
    """Record a pass on the teacher's latest, open period, once (Reg 11, SG 3.8)."""
    return _record_outcome(
        period=period,
        outcome=InductionOutcome.PASS,
        finished_on=finished_on,
        number_of_terms=number_of_terms,
        by=by,
    )


@transaction.atomic
def record_fail(
    *,
    period: InductionPeriod,
    finished_on: datetime.date,
    number_of_terms: Decimal,
    told_of_right_to_appeal_on: datetime.date,
    by: Actor,
) -> InductionPeriod:
    """Record a fail, with the date the ECT was told in writing of the right to appeal (Reg 11)."""
    if told_of_right_to_appeal_on is None:
        raise InductionError(errors.APPEAL_NOTICE_REQUIRED)
    return _record_outcome(
        period=period,
        outcome=InductionOutcome.FAIL,
        finished_on=finished_on,
        number_of_terms=number_of_terms,
        by=by,
        body=f"Told in writing of the right to appeal on {told_of_right_to_appeal_on.isoformat()}",
    )


@transaction.atomic
def extend_induction(
    *, teacher: Teacher, appropriate_body: AppropriateBody, number_of_terms: Decimal, by: Actor
) -> Extension:
    """Add terms to a teacher's induction, as the appropriate body decides (Reg 11(5))."""
    teacher = _lock_teacher(teacher)
    if number_of_terms <= 0 or number_of_terms > MAX_TERMS:
        raise InductionError(errors.EXTENSION_OUT_OF_RANGE)
    periods = InductionPeriod.objects.filter(teacher=teacher)
    if periods.exclude(outcome="").exists():
        raise InductionError(errors.EXTENSION_AFTER_OUTCOME)
    latest = periods.order_by("-started_on").first()
    if latest is None or latest.appropriate_body_id != appropriate_body.pk:
        raise InductionError(errors.EXTENSION_NOT_YOURS)
    extension = Extension.objects.create(
        teacher=teacher, appropriate_body=appropriate_body, number_of_terms=number_of_terms
    )
    record_event(
        event_type="induction_extended",
        heading=f"{appropriate_body.name} extended {teacher.full_name}'s induction by {number_of_terms} terms",
        by=by,
        teacher=teacher,
        appropriate_body=appropriate_body,
        after={"number_of_terms": number_of_terms},
    )
    return extension
