"""Celery tasks: each takes ids, reloads, and does nothing when the work is already done."""

from celery import shared_task

from induction import notifications

RETRY = {"autoretry_for": (ConnectionError, TimeoutError), "retry_backoff": True, "max_retries": 5}


@shared_task(name="induction.send_outcome_notice", **RETRY)
def send_outcome_notice(period_id: int) -> bool:
    return notifications.send_outcome_notice(period_id)


@shared_task(name="induction.send_extension_notice", **RETRY)
def send_extension_notice(extension_id: int) -> bool:
    return notifications.send_extension_notice(extension_id)


@shared_task(name="induction.send_release_requested", **RETRY)
def send_release_requested(request_id: int) -> bool:
    return notifications.send_release_requested(request_id)


@shared_task(name="induction.send_release_request_answered", **RETRY)
def send_release_request_answered(request_id: int) -> bool:
    return notifications.send_release_request_answered(request_id)


@shared_task(name="induction.send_review_received", **RETRY)
def send_review_received(kind: str, record_id: int) -> bool:
    return notifications.send_review_received(kind, record_id)


@shared_task(name="induction.send_absence_alert", **RETRY)
def send_absence_alert(absence_id: int, year: int) -> bool:
    return notifications.send_absence_alert(absence_id, year)


@shared_task(name="induction.apply_bulk_upload", acks_late=True)
def apply_bulk_upload(upload_id: int) -> int:
    """Apply a confirmed bulk upload; safe to run again after a stop (see services.bulk)."""
    from induction.services.bulk import apply_bulk_upload as apply

    return apply(upload_id).applied_count
