"""Every change to an induction period: claim, release, pass, fail, extend, reduce, correct.

Each service is one transaction: it locks the teacher's row so two appropriate
bodies acting at once are serialised, checks the statutory rule, writes the
change and its event. The database constraints hold the same rules again.
Notices to the people concerned go out after the transaction commits.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from ecte.calendar.dates import today
from ecte.events.record import Actor, record_event
from induction import errors
from induction.errors import InductionError
from induction.events import record_events
from induction.models import (
    FULL_INDUCTION_TERMS,
    MAX_TERMS,
    AppropriateBody,
    Extension,
    InductionOutcome,
    InductionPeriod,
    InductionProgramme,
    Reduction,
    ReleaseRequest,
    ReleaseRequestStatus,
)
from participants.models import ECTAtSchoolPeriod, InductionStatus, Teacher, TeacherRecord

__all__ = [
    "ClaimFacts",
    "InductionError",
    "check_can_start_induction",
    "claim_ect",
    "claim_facts_for",
    "claim_problem",
    "correct_induction_period",
    "eligibility_problem",
    "extend_induction",
    "record_fail",
    "record_pass",
    "reduce_induction",
    "release_ect",
]


def _lock_teacher(teacher: Teacher) -> Teacher:
    """Lock the teacher's row: every change to their induction takes this lock first, so two
    changes to one teacher are serialised. The row comes back with `register_status`, the
    register's induction status (None without a register record), read in the same query."""
    return (
        Teacher.objects.select_for_update(of=("self",))
        .annotate(
            register_status=Subquery(
                TeacherRecord.objects.filter(trn=OuterRef("trn")).values("induction_status")[:1]
            )
        )
        .get(pk=teacher.pk)
    )


def queue_induction_task(task_name: str, *args) -> None:
    """Queue an induction task (a notice, a bulk upload to apply) through the outbox:
    recorded in this transaction, so it runs once the change commits (and never for a
    rolled-back one), even if the queue is down."""
    from ecte.notifications import outbox

    outbox.enqueue(f"induction.{task_name}", *args)


# --- who may start induction (rules 1-3 and 17) -------------------------------------------


@dataclass
class ClaimFacts:
    """What the claim rules need to know about one teacher, read in bulk or for one."""

    register_status: str | None = None
    outcome: str = ""
    open_period: InductionPeriod | None = None
    last_finished_on: datetime.date | None = None
    # (school id, started on, finished on) of each time the teacher was an ECT at a school
    ect_periods: list[tuple[int, datetime.date, datetime.date | None]] = field(default_factory=list)


def claim_facts_for(teachers, *, with_ect_periods: bool = True) -> dict[int, ClaimFacts]:
    """ClaimFacts for many teachers in three queries, whatever their number: one fewer for
    teachers locked by `_lock_teacher` (their register status came with the lock), and one
    fewer without the ECT posts, which only a teaching school hub's claim needs (rule 17)."""
    teachers = list(teachers)
    facts: dict[int, ClaimFacts] = defaultdict(ClaimFacts)
    ids = [t.pk for t in teachers]
    by_trn = {}
    for teacher in teachers:
        if hasattr(teacher, "register_status"):
            facts[teacher.pk].register_status = teacher.register_status
        else:
            by_trn[teacher.trn] = teacher.pk
    if by_trn:
        for trn, status in TeacherRecord.objects.filter(trn__in=by_trn).values_list(
            "trn", "induction_status"
        ):
            facts[by_trn[trn]].register_status = status
    for period in (
        InductionPeriod.objects.filter(teacher_id__in=ids)
        .select_related("appropriate_body")
        .order_by("started_on")
    ):
        teacher_facts = facts[period.teacher_id]
        if period.outcome:
            teacher_facts.outcome = period.outcome
        if period.finished_on is None:
            teacher_facts.open_period = period
        elif (
            teacher_facts.last_finished_on is None
            or period.finished_on > teacher_facts.last_finished_on
        ):
            teacher_facts.last_finished_on = period.finished_on
    if with_ect_periods:
        for teacher_id, school_id, started_on, finished_on in ECTAtSchoolPeriod.objects.filter(
            teacher_id__in=ids
        ).values_list("teacher_id", "school_id", "started_on", "finished_on"):
            facts[teacher_id].ect_periods.append((school_id, started_on, finished_on))
    return {teacher_id: facts[teacher_id] for teacher_id in ids}


def eligibility_problem(
    *, teacher: Teacher, appropriate_body: AppropriateBody, facts: ClaimFacts
) -> str | None:
    """Why the teacher cannot be claimed at all, whatever the start date (rules 1-3), or None."""
    if teacher.qts_awarded_on is None:
        return errors.NO_QTS
    if facts.outcome == InductionOutcome.PASS or facts.register_status == InductionStatus.PASSED:
        return errors.ALREADY_PASSED
    if facts.outcome == InductionOutcome.FAIL or facts.register_status == InductionStatus.FAILED:
        return errors.ALREADY_FAILED
    if facts.register_status == InductionStatus.EXEMPT:
        return errors.EXEMPT
    if facts.open_period is not None:
        if facts.open_period.appropriate_body_id == appropriate_body.pk:
            return errors.ALREADY_CLAIMED_BY_YOU
        return errors.HELD_BY_ANOTHER.format(name=facts.open_period.appropriate_body.name)
    return None


def claim_problem(
    *,
    teacher: Teacher,
    appropriate_body: AppropriateBody,
    started_on: datetime.date,
    facts: ClaimFacts,
) -> str | None:
    """Why the appropriate body cannot open a period starting on `started_on`, or None.

    Rules 1-3 and 17: QTS first, one induction only, one appropriate body at a time, no
    overlaps, and a teaching school hub never for an ECT its own lead school employs (SG 2.25).
    """
    if teacher.qts_awarded_on is not None and started_on < teacher.qts_awarded_on:
        # Checked before eligibility so that the date's own problem is named first.
        return errors.STARTS_BEFORE_QTS.format(qts=teacher.qts_awarded_on)
    problem = eligibility_problem(teacher=teacher, appropriate_body=appropriate_body, facts=facts)
    if problem:
        return problem
    if appropriate_body.lead_school_id is not None:
        for school_id, period_start, period_end in facts.ect_periods:
            if (
                school_id == appropriate_body.lead_school_id
                and period_start <= started_on
                and (period_end is None or period_end >= started_on)
            ):
                return errors.HUB_EMPLOYS_ECT
    if facts.last_finished_on is not None and started_on <= facts.last_finished_on:
        return errors.STARTS_BEFORE_PREVIOUS_END.format(end=facts.last_finished_on)
    return None


def check_can_start_induction(
    *, teacher: Teacher, appropriate_body: AppropriateBody, started_on: datetime.date
) -> None:
    """Raise InductionError when `claim_problem` finds one."""
    facts = claim_facts_for(
        [teacher], with_ect_periods=appropriate_body.lead_school_id is not None
    )[teacher.pk]
    problem = claim_problem(
        teacher=teacher, appropriate_body=appropriate_body, started_on=started_on, facts=facts
    )
    if problem:
        raise InductionError(problem)


@dataclass(frozen=True)
class Claim:
    """One teacher to claim: what the claim journey, or one row of a bulk upload, asks for."""

    teacher: Teacher
    started_on: datetime.date
    induction_programme: str


@transaction.atomic
def claim_ects(
    *, claims: list[Claim], appropriate_body: AppropriateBody, by: Actor
) -> list[InductionPeriod | InductionError]:
    """Open induction periods for several teachers at once, each under the rules of a single
    claim (rules 1-3, 17; SG 2.10, Reg 9): a period for each claim allowed, else the error
    saying why, in the order given. Nothing is saved for a refused claim.

    The teachers' rows are locked together (in id order, so two batches never deadlock) and
    their facts read in one go, so a batch costs a handful of queries however many claims it
    holds; `claim_ect` is a batch of one.
    """
    ids = sorted({claim.teacher.pk for claim in claims})
    locked = {
        teacher.pk: teacher
        for teacher in Teacher.objects.select_for_update(of=("self",))
        .annotate(
            register_status=Subquery(
                TeacherRecord.objects.filter(trn=OuterRef("trn")).values("induction_status")[:1]
            )
        )
        .filter(pk__in=ids)
        .order_by("pk")
    }
    facts = claim_facts_for(
        locked.values(), with_ect_periods=appropriate_body.lead_school_id is not None
    )
    results: list[InductionPeriod | InductionError] = []
    opened: list[InductionPeriod] = []
    for claim in claims:
        teacher = locked[claim.teacher.pk]
        if claim.induction_programme not in InductionProgramme.values:
            results.append(InductionError(errors.PROGRAMME_UNKNOWN))
            continue
        teacher_facts = facts[teacher.pk]
        problem = claim_problem(
            teacher=teacher,
            appropriate_body=appropriate_body,
            started_on=claim.started_on,
            facts=teacher_facts,
        )
        if problem:
            results.append(InductionError(problem))
            continue
        period = InductionPeriod(
            teacher=teacher,
            appropriate_body=appropriate_body,
            started_on=claim.started_on,
            induction_programme=claim.induction_programme,
        )
        teacher_facts.open_period = period  # a second claim for them in this batch is refused
        opened.append(period)
        results.append(period)
    if not opened:
        return results
    InductionPeriod.objects.bulk_create(opened)
    TeacherRecord.objects.filter(
        trn__in=[
            p.teacher.trn
            for p in opened
            if p.teacher.register_status not in (None, InductionStatus.IN_PROGRESS)
        ]
    ).update(induction_status=InductionStatus.IN_PROGRESS)
    record_events(
        [
            dict(
                event_type="induction_period_opened",
                heading=f"{appropriate_body.name} claimed {p.teacher.full_name}",
                by=by,
                teacher=p.teacher,
                appropriate_body=appropriate_body,
                induction_period=p,
                after={"started_on": p.started_on, "induction_programme": p.induction_programme},
            )
            for p in opened
        ]
    )
    return results


def claim_ect(
    *,
    teacher: Teacher,
    appropriate_body: AppropriateBody,
    started_on: datetime.date,
    induction_programme: str,
    by: Actor,
) -> InductionPeriod:
    """Open an induction period: the appropriate body starts holding the teacher (SG 2.10, Reg 9)."""
    (result,) = claim_ects(
        claims=[Claim(teacher, started_on, induction_programme)],
        appropriate_body=appropriate_body,
        by=by,
    )
    if isinstance(result, InductionError):
        raise result
    return result


# --- closing a period: release, pass, fail (rules 12 and 14) -------------------------------


def _check_terms(number_of_terms: Decimal) -> None:
    if number_of_terms < 0 or number_of_terms > MAX_TERMS:
        raise InductionError(errors.TERMS_OUT_OF_RANGE)
    if number_of_terms != round(number_of_terms, 2):
        raise InductionError(errors.TERMS_TOO_PRECISE)


def _check_closing(period: InductionPeriod, finished_on: datetime.date, number_of_terms: Decimal):
    if not period.is_open:
        raise InductionError(errors.ALREADY_CLOSED)
    if finished_on < period.started_on:
        raise InductionError(errors.ENDS_BEFORE_START.format(start=period.started_on))
    _check_terms(number_of_terms)


def _lock_period(period: InductionPeriod, appropriate_body: AppropriateBody | None = None):
    """Lock the teacher (which serialises every change to their periods), then re-read the
    period. When the caller names the appropriate body acting, it must be the one holding it."""
    return _lock_periods(period, appropriate_body)[0]


def _lock_periods(period: InductionPeriod, appropriate_body: AppropriateBody | None = None):
    """As `_lock_period`, returning (the period, all the teacher's periods) from one read."""
    teacher = _lock_teacher(period.teacher)
    periods = list(
        InductionPeriod.objects.filter(teacher=teacher).select_related("appropriate_body")
    )
    period = next(p for p in periods if p.pk == period.pk)
    for each in periods:
        each.teacher = teacher
    if appropriate_body is not None and period.appropriate_body_id != appropriate_body.pk:
        raise InductionError(errors.NOT_YOUR_PERIOD)
    return period, periods


def _answer_release_requests(periods, by: Actor) -> list[int]:
    """A release answers every pending request for the periods; returns the requests' ids."""
    pending = list(
        ReleaseRequest.objects.select_for_update().filter(
            induction_period__in=periods, status=ReleaseRequestStatus.PENDING
        )
    )
    now = timezone.now()
    for request in pending:
        request.status = ReleaseRequestStatus.RELEASED
        request.responded_at = now
        request.responded_by_user = by.user
    if pending:
        ReleaseRequest.objects.bulk_update(pending, ["status", "responded_at", "responded_by_user"])
    return [request.pk for request in pending]


@dataclass(frozen=True)
class Closing:
    """One period to close: a release (no outcome) or a pass, with its end date and terms."""

    period: InductionPeriod
    finished_on: datetime.date
    number_of_terms: Decimal
    outcome: str = ""  # "" to release, or InductionOutcome.PASS
    note: str = ""  # why DfE staff closed it from admin, kept in the event


_CLOSED_FIELDS = [
    "finished_on",
    "number_of_terms",
    "outcome",
    "outcome_recorded_on",
    "told_of_right_to_appeal_on",
    "updated_at",
]


@transaction.atomic
def close_periods(
    *, closings: list[Closing], by: Actor, appropriate_body: AppropriateBody | None = None
) -> list[InductionPeriod | InductionError]:
    """Release ECTs or record passes, each under the rules of a single release or pass (rules
    12 and 14, Reg 11, SG 3.8): the period closed, else the error saying why, in the order
    given. Nothing is saved for a refused one.

    When `appropriate_body` is named it must hold each period. A pass goes on the teacher's
    latest, open period, once. A release answers any release request waiting for the period.
    The teachers are locked together (in id order) and their periods read in one query, so a
    batch costs a handful of queries; `release_ect` and `record_pass` are batches of one.
    """
    teacher_ids = sorted({c.period.teacher_id for c in closings})
    locked = {
        t.pk: t
        for t in Teacher.objects.select_for_update(of=("self",))
        .filter(pk__in=teacher_ids)
        .order_by("pk")
    }
    periods_of: dict[int, list[InductionPeriod]] = defaultdict(list)
    by_pk = {}
    for period in InductionPeriod.objects.filter(teacher_id__in=teacher_ids).select_related(
        "appropriate_body"
    ):
        period.teacher = locked[period.teacher_id]
        periods_of[period.teacher_id].append(period)
        by_pk[period.pk] = period
    results: list[InductionPeriod | InductionError] = []
    closed: list[InductionPeriod] = []
    notes: dict[int, str] = {}
    now, decided_on = timezone.now(), today()
    for closing in closings:
        period = by_pk[closing.period.pk]
        try:
            if appropriate_body is not None and period.appropriate_body_id != appropriate_body.pk:
                raise InductionError(errors.NOT_YOUR_PERIOD)
            if closing.outcome:
                periods = periods_of[period.teacher_id]
                if max(periods, key=lambda p: p.started_on).pk != period.pk:
                    raise InductionError(errors.OUTCOME_NOT_ON_LATEST)
                if any(p.outcome for p in periods):
                    raise InductionError(errors.OUTCOME_ALREADY_RECORDED)
            _check_closing(period, closing.finished_on, closing.number_of_terms)
        except InductionError as error:
            results.append(error)
            continue
        period.finished_on = closing.finished_on
        period.number_of_terms = closing.number_of_terms
        period.updated_at = now
        if closing.outcome:
            period.outcome = closing.outcome
            period.outcome_recorded_on = decided_on
            period.told_of_right_to_appeal_on = None
        closed.append(period)
        notes[period.pk] = closing.note.strip()
        results.append(period)
    if not closed:
        return results
    InductionPeriod.objects.bulk_update(closed, _CLOSED_FIELDS)
    passed = [p for p in closed if p.outcome]
    released = [p for p in closed if not p.outcome]
    if passed:
        TeacherRecord.objects.filter(trn__in=[p.teacher.trn for p in passed]).update(
            induction_status=InductionStatus.PASSED
        )
    answered = _answer_release_requests(released, by) if released else []
    record_events(
        [
            dict(
                event_type="induction_passed",
                heading=f"{p.teacher.full_name} passed induction",
                body=f"Note: {notes[p.pk]}" if notes[p.pk] else "",
                by=by,
                teacher=p.teacher,
                appropriate_body=p.appropriate_body,
                induction_period=p,
                before={"finished_on": None, "number_of_terms": None, "outcome": None},
                after={
                    "finished_on": p.finished_on,
                    "number_of_terms": p.number_of_terms,
                    "outcome": p.outcome,
                },
            )
            if p.outcome
            else dict(
                event_type="induction_period_released",
                heading=f"{p.appropriate_body.name} released {p.teacher.full_name}",
                body=f"Note: {notes[p.pk]}" if notes[p.pk] else "",
                by=by,
                teacher=p.teacher,
                appropriate_body=p.appropriate_body,
                induction_period=p,
                before={"finished_on": None, "number_of_terms": None},
                after={"finished_on": p.finished_on, "number_of_terms": p.number_of_terms},
            )
            for p in closed
        ]
    )
    for period in passed:
        queue_induction_task("send_outcome_notice", period.pk)
    for request_id in answered:
        queue_induction_task("send_release_request_answered", request_id)
    return results


def _close_one(closing: Closing, by: Actor, appropriate_body) -> InductionPeriod:
    (result,) = close_periods(closings=[closing], by=by, appropriate_body=appropriate_body)
    if isinstance(result, InductionError):
        raise result
    return result


def release_ect(
    *,
    period: InductionPeriod,
    finished_on: datetime.date,
    number_of_terms: Decimal,
    by: Actor,
    appropriate_body: AppropriateBody | None = None,
    note: str | None = None,
) -> InductionPeriod:
    """Close a period with no outcome: the ECT left; another appropriate body may now claim.

    Rule 14: any release request waiting for this period is answered "released". `note` is
    why DfE staff released the ECT from admin, for an appropriate body that did not.
    """
    return _close_one(
        Closing(period, finished_on, number_of_terms, note=note or ""), by, appropriate_body
    )


def _record_outcome(
    *,
    period,
    outcome,
    finished_on,
    number_of_terms,
    by,
    appropriate_body=None,
    told_of_right_to_appeal_on=None,
):
    period, periods = _lock_periods(period, appropriate_body)
    if max(periods, key=lambda p: p.started_on).pk != period.pk:
        raise InductionError(errors.OUTCOME_NOT_ON_LATEST)
    if any(p.outcome for p in periods):
        raise InductionError(errors.OUTCOME_ALREADY_RECORDED)
    _check_closing(period, finished_on, number_of_terms)
    if told_of_right_to_appeal_on is not None and told_of_right_to_appeal_on < period.started_on:
        raise InductionError(errors.APPEAL_NOTICE_BEFORE_START.format(start=period.started_on))
    period.finished_on = finished_on
    period.number_of_terms = number_of_terms
    period.outcome = outcome
    period.outcome_recorded_on = today()
    period.told_of_right_to_appeal_on = told_of_right_to_appeal_on
    period.save(
        update_fields=[
            "finished_on",
            "number_of_terms",
            "outcome",
            "outcome_recorded_on",
            "told_of_right_to_appeal_on",
            "updated_at",
        ]
    )
    status = InductionStatus.PASSED if outcome == InductionOutcome.PASS else InductionStatus.FAILED
    TeacherRecord.objects.filter(trn=period.teacher.trn).update(induction_status=status)
    verb = "passed" if outcome == InductionOutcome.PASS else "failed"
    after = {"finished_on": finished_on, "number_of_terms": number_of_terms, "outcome": outcome}
    body = ""
    if told_of_right_to_appeal_on is not None:
        after["told_of_right_to_appeal_on"] = told_of_right_to_appeal_on
        body = f"Told in writing of the right to appeal on {told_of_right_to_appeal_on:%-d %B %Y}"
    record_event(
        event_type=f"induction_{verb}",
        heading=f"{period.teacher.full_name} {verb} induction",
        body=body,
        by=by,
        teacher=period.teacher,
        appropriate_body=period.appropriate_body,
        induction_period=period,
        before={"finished_on": None, "number_of_terms": None, "outcome": None},
        after=after,
    )
    queue_induction_task("send_outcome_notice", period.pk)
    return period


def record_pass(
    *,
    period: InductionPeriod,
    finished_on: datetime.date,
    number_of_terms: Decimal,
    by: Actor,
    appropriate_body: AppropriateBody | None = None,
) -> InductionPeriod:
    """Record a pass on the teacher's latest, open period, once (Reg 11, SG 3.8)."""
    return _close_one(
        Closing(period, finished_on, number_of_terms, InductionOutcome.PASS), by, appropriate_body
    )


@transaction.atomic
def record_fail(
    *,
    period: InductionPeriod,
    finished_on: datetime.date,
    number_of_terms: Decimal,
    told_of_right_to_appeal_on: datetime.date,
    by: Actor,
    appropriate_body: AppropriateBody | None = None,
) -> InductionPeriod:
    """Record a fail, with the date the ECT was told in writing of the right to appeal, which
    they may use within 20 working days (Reg 11, SG 2.70)."""
    if told_of_right_to_appeal_on is None:
        raise InductionError(errors.APPEAL_NOTICE_REQUIRED)
    return _record_outcome(
        period=period,
        outcome=InductionOutcome.FAIL,
        finished_on=finished_on,
        number_of_terms=number_of_terms,
        by=by,
        appropriate_body=appropriate_body,
        told_of_right_to_appeal_on=told_of_right_to_appeal_on,
    )


# --- changing the length: extension and reduction ------------------------------------------


def _check_holds_latest(teacher: Teacher, appropriate_body: AppropriateBody, message: str):
    periods = InductionPeriod.objects.filter(teacher=teacher)
    if periods.exclude(outcome="").exists():
        raise InductionError(errors.EXTENSION_AFTER_OUTCOME)
    latest = periods.order_by("-started_on").first()
    if latest is None or latest.appropriate_body_id != appropriate_body.pk:
        raise InductionError(message)
    return latest


@transaction.atomic
def extend_induction(
    *, teacher: Teacher, appropriate_body: AppropriateBody, number_of_terms: Decimal, by: Actor
) -> Extension:
    """Add terms to a teacher's induction, as the appropriate body decides (Reg 11(5), SG 3.8)."""
    teacher = _lock_teacher(teacher)
    if number_of_terms <= 0 or number_of_terms > MAX_TERMS:
        raise InductionError(errors.EXTENSION_OUT_OF_RANGE)
    if number_of_terms != round(number_of_terms, 2):
        raise InductionError(errors.TERMS_TOO_PRECISE)
    latest = _check_holds_latest(teacher, appropriate_body, errors.EXTENSION_NOT_YOURS)
    extension = Extension.objects.create(
        teacher=teacher, appropriate_body=appropriate_body, number_of_terms=number_of_terms
    )
    noun = "term" if number_of_terms == 1 else "terms"
    record_event(
        event_type="induction_extended",
        heading=(
            f"{appropriate_body.name} extended {teacher.full_name}'s induction by "
            f"{number_of_terms.normalize():f} {noun}"
        ),
        by=by,
        teacher=teacher,
        appropriate_body=appropriate_body,
        induction_period=latest,
        after={"number_of_terms": number_of_terms},
    )
    queue_induction_task("send_extension_notice", extension.pk)
    return extension


@transaction.atomic
def reduce_induction(
    *,
    teacher: Teacher,
    appropriate_body: AppropriateBody,
    terms_required: Decimal,
    teacher_consented_on: datetime.date | None,
    reason: str,
    by: Actor,
) -> Reduction:
    """Shorten the induction for extensive prior experience, to no less than one term, with the
    teacher's agreement (Reg 7(3), SG 3.2-3.4)."""
    teacher = _lock_teacher(teacher)
    if terms_required is None or not (Decimal("1") <= terms_required < FULL_INDUCTION_TERMS):
        raise InductionError(errors.REDUCTION_OUT_OF_RANGE)
    if terms_required != round(terms_required, 2):
        raise InductionError(errors.TERMS_TOO_PRECISE)
    if teacher_consented_on is None:
        raise InductionError(errors.REDUCTION_CONSENT_REQUIRED)
    reason = (reason or "").strip()
    if not reason:
        raise InductionError(errors.REDUCTION_REASON_REQUIRED)
    latest = _check_holds_latest(teacher, appropriate_body, errors.REDUCTION_NOT_YOURS)
    if Reduction.objects.filter(teacher=teacher).exists():
        raise InductionError(errors.REDUCTION_ALREADY_RECORDED)
    reduction = Reduction.objects.create(
        teacher=teacher,
        appropriate_body=appropriate_body,
        terms_required=terms_required,
        teacher_consented_on=teacher_consented_on,
        reason=reason,
    )
    record_event(
        event_type="induction_reduced",
        heading=(
            f"{appropriate_body.name} reduced {teacher.full_name}'s induction to "
            f"{terms_required.normalize():f} terms"
        ),
        body=f"{reason}\nThe teacher agreed on {teacher_consented_on:%-d %B %Y}.",
        by=by,
        teacher=teacher,
        appropriate_body=appropriate_body,
        induction_period=latest,
        before={"terms_required": FULL_INDUCTION_TERMS},
        after={"terms_required": terms_required, "teacher_consented_on": teacher_consented_on},
    )
    return reduction


# --- corrections (rule 13) ------------------------------------------------------------------

CORRECTABLE_FIELDS = (
    "started_on",
    "finished_on",
    "number_of_terms",
    "induction_programme",
    "outcome",
    "told_of_right_to_appeal_on",
)

_REGISTER_STATUS_FOR_OUTCOME = {
    InductionOutcome.PASS: InductionStatus.PASSED,
    InductionOutcome.FAIL: InductionStatus.FAILED,
}


def _check_correction(period: InductionPeriod, values: dict, changed: dict) -> None:
    """The same rules as claim, release and outcomes, applied to the corrected values."""
    teacher = period.teacher
    started_on, finished_on = values["started_on"], values["finished_on"]
    terms, outcome = values["number_of_terms"], values["outcome"]
    if values["induction_programme"] not in InductionProgramme.values:
        raise InductionError(errors.PROGRAMME_UNKNOWN)
    if (
        "started_on" in changed
        and teacher.qts_awarded_on is not None
        and started_on < teacher.qts_awarded_on
    ):
        raise InductionError(errors.STARTS_BEFORE_QTS.format(qts=teacher.qts_awarded_on))
    if finished_on is not None and finished_on < started_on:
        raise InductionError(errors.ENDS_BEFORE_START.format(start=started_on))
    if finished_on is None and terms is not None:
        raise InductionError(errors.TERMS_WITHOUT_END)
    if finished_on is not None and terms is None:
        raise InductionError(errors.TERMS_REQUIRED_WHEN_ENDED)
    if terms is not None:
        _check_terms(terms)
    if outcome not in ("", InductionOutcome.PASS, InductionOutcome.FAIL):
        raise InductionError(errors.OUTCOME_UNKNOWN)
    if outcome and finished_on is None:
        raise InductionError(errors.OUTCOME_NEEDS_END)
    others = InductionPeriod.objects.filter(teacher=teacher).exclude(pk=period.pk)
    for other in others:
        other_end = other.finished_on or datetime.date.max
        end = finished_on or datetime.date.max
        if other.started_on <= end and started_on <= other_end:
            raise InductionError(errors.PERIODS_OVERLAP)
    if finished_on is None and others.filter(finished_on__isnull=True).exists():
        raise InductionError(errors.ANOTHER_PERIOD_OPEN)
    if outcome:
        if others.exclude(outcome="").exists():
            raise InductionError(errors.OUTCOME_ON_ANOTHER_PERIOD)
        if others.filter(started_on__gt=started_on).exists():
            raise InductionError(errors.OUTCOME_NOT_ON_LATEST)
    if outcome == InductionOutcome.FAIL:
        told = values["told_of_right_to_appeal_on"]
        if told is None:
            raise InductionError(errors.APPEAL_NOTICE_REQUIRED)
        if told < started_on:
            raise InductionError(errors.APPEAL_NOTICE_BEFORE_START.format(start=started_on))


@transaction.atomic
def correct_induction_period(
    *,
    period: InductionPeriod,
    appropriate_body: AppropriateBody,
    reason: str,
    by: Actor,
    **changes,
) -> InductionPeriod:
    """Correct an appropriate body's own period or outcome, with a reason (rule 13).

    An outcome is never silently overwritten: this is the only way to change one, it
    needs a reason, and its event keeps the values before and after. Another
    appropriate body's periods are read-only. `changes` may name any of
    CORRECTABLE_FIELDS; the others keep their values.
    """
    unknown = set(changes) - set(CORRECTABLE_FIELDS)
    if unknown:
        raise TypeError(f"correct_induction_period() cannot change {sorted(unknown)}")
    period = _lock_period(period)
    if period.appropriate_body_id != appropriate_body.pk:
        raise InductionError(errors.CORRECTION_NOT_YOURS)
    reason = (reason or "").strip()
    if not reason:
        raise InductionError(errors.CORRECTION_REASON_REQUIRED)
    before = {name: getattr(period, name) for name in CORRECTABLE_FIELDS}
    values = {**before, **changes}
    if values["outcome"] != InductionOutcome.FAIL:
        values["told_of_right_to_appeal_on"] = None
    changed = {name: values[name] for name in CORRECTABLE_FIELDS if values[name] != before[name]}
    if not changed:
        raise InductionError(errors.CORRECTION_CHANGES_NOTHING)
    _check_correction(period, values, changed)
    for name, value in changed.items():
        setattr(period, name, value)
    if "outcome" in changed:
        period.outcome_recorded_on = today() if values["outcome"] else None
    period.save()
    if "outcome" in changed or "finished_on" in changed:
        status = _REGISTER_STATUS_FOR_OUTCOME.get(values["outcome"], InductionStatus.IN_PROGRESS)
        TeacherRecord.objects.filter(trn=period.teacher.trn).update(induction_status=status)
    record_event(
        event_type="induction_period_corrected",
        heading=f"{appropriate_body.name} corrected {period.teacher.full_name}'s induction period",
        body=reason,
        by=by,
        teacher=period.teacher,
        appropriate_body=appropriate_body,
        induction_period=period,
        before={name: before[name] for name in changed},
        after=changed,
    )
    if "outcome" in changed and values["outcome"]:
        queue_induction_task("send_outcome_notice", period.pk)
    return period
