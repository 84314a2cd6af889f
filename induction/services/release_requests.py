"""Release requests between appropriate bodies (rule 14).

A new appropriate body that finds a teacher still held elsewhere asks the holder,
from the service, to release them. The holder releases (through `release_ect`,
which answers every pending request) or declines with a reason. Both see the status.
"""

from django.db import transaction
from django.utils import timezone

from ecte.events.record import Actor, record_event
from induction import errors
from induction.errors import InductionError
from induction.models import (
    AppropriateBody,
    InductionPeriod,
    ReleaseRequest,
    ReleaseRequestStatus,
)
from induction.services.periods import _lock_teacher, queue_induction_task
from participants.models import Teacher


@transaction.atomic
def request_release(
    *, teacher: Teacher, requested_by: AppropriateBody, message: str = "", by: Actor
) -> ReleaseRequest:
    """Ask the appropriate body holding the teacher's induction to release them."""
    teacher = _lock_teacher(teacher)
    period = (
        InductionPeriod.objects.ongoing()
        .filter(teacher=teacher)
        .select_related("appropriate_body")
        .first()
    )
    if period is None:
        raise InductionError(errors.NOT_HELD)
    if period.appropriate_body_id == requested_by.pk:
        raise InductionError(errors.REQUEST_TO_YOURSELF)
    if ReleaseRequest.objects.filter(
        induction_period=period, requested_by=requested_by, status=ReleaseRequestStatus.PENDING
    ).exists():
        raise InductionError(errors.ALREADY_REQUESTED.format(name=period.appropriate_body.name))
    request = ReleaseRequest.objects.create(
        teacher=teacher,
        induction_period=period,
        requested_by=requested_by,
        held_by=period.appropriate_body,
        message=(message or "").strip(),
        requested_by_user=by.user,
    )
    record_event(
        event_type="release_requested",
        heading=(
            f"{requested_by.name} asked {period.appropriate_body.name} "
            f"to release {teacher.full_name}"
        ),
        body=request.message,
        by=by,
        teacher=teacher,
        appropriate_body=requested_by,
        induction_period=period,
        after={"status": request.status},
    )
    queue_induction_task("send_release_requested", request.pk)
    return request


@transaction.atomic
def decline_release_request(
    *, request: ReleaseRequest, appropriate_body: AppropriateBody, reason: str, by: Actor
) -> ReleaseRequest:
    """The holding appropriate body declines to release the teacher, saying why."""
    _lock_teacher(request.teacher)
    request = (
        ReleaseRequest.objects.select_for_update()
        .select_related("teacher", "requested_by", "held_by")
        .get(pk=request.pk)
    )
    if request.held_by_id != appropriate_body.pk:
        raise InductionError(errors.REQUEST_NOT_YOURS)
    if request.status != ReleaseRequestStatus.PENDING:
        raise InductionError(errors.REQUEST_ANSWERED)
    reason = (reason or "").strip()
    if not reason:
        raise InductionError(errors.DECLINE_REASON_REQUIRED)
    request.status = ReleaseRequestStatus.DECLINED
    request.decline_reason = reason
    request.responded_at = timezone.now()
    request.responded_by_user = by.user
    request.save(update_fields=["status", "decline_reason", "responded_at", "responded_by_user"])
    record_event(
        event_type="release_request_declined",
        heading=(
            f"{appropriate_body.name} declined to release {request.teacher.full_name} "
            f"to {request.requested_by.name}"
        ),
        body=reason,
        by=by,
        teacher=request.teacher,
        appropriate_body=appropriate_body,
        induction_period_id=request.induction_period_id,
        before={"status": ReleaseRequestStatus.PENDING},
        after={"status": request.status},
    )
    queue_induction_task("send_release_request_answered", request.pk)
    return request
