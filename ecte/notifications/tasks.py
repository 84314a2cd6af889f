"""Celery tasks: each takes ids, reloads, and does nothing when the work is already done."""

import logging
import random

from celery import shared_task

from ecte.notifications import outbox, reminders, services

logger = logging.getLogger(__name__)

MAX_RETRIES = 8


def backoff(retries: int) -> int:
    """Seconds before retry n: 10, 20, 40 ... up to 10 minutes, with jitter."""
    return min(600, 10 * 2**retries) + random.randint(0, 5)


@shared_task(name="notifications.run_outbox_message", bind=True, max_retries=MAX_RETRIES)
def run_outbox_message(self, message_id: int) -> str:
    try:
        # The task id: a redelivery after this task's worker died may take over its claim.
        return outbox.run(message_id=message_id, claimant=self.request.id or "")
    except Exception as error:
        outbox.record_failure(message_id=message_id, error=error)
        raise self.retry(exc=error, countdown=backoff(self.request.retries)) from error


@shared_task(name="notifications.send_notification_email")
def send_notification_email(notification_id: int) -> bool:
    return services.send_notification_email(notification_id=notification_id)


@shared_task(name="notifications.send_plain_email")
def send_plain_email(subject: str, body: str, to: list[str]) -> None:
    """An email the outbox holds (a registration or change notice to people's addresses)."""
    services.send_plain_email(subject=subject, body=body, to=to)


@shared_task(name="notifications.redispatch_outbox")
def redispatch_outbox() -> int:
    """Beat: publish work the broker missed (it was down at the commit) or lost."""
    return outbox.redispatch_pending()


def _remind(name: str) -> int:
    sent = reminders.run(name)
    logger.info("reminder %s sent %s notifications", name, sent)
    return sent


# One beat-scheduled task per reminder (see ecte/celery.py), each safe to run twice.


@shared_task(name="notifications.remind.ect_without_mentor")
def remind_ect_without_mentor() -> int:
    return _remind("ect_without_mentor")


@shared_task(name="notifications.remind.ect_not_claimed")
def remind_ect_not_claimed() -> int:
    return _remind("ect_not_claimed")


@shared_task(name="notifications.remind.start_of_term_check")
def remind_start_of_term_check() -> int:
    return _remind("start_of_term_check")


@shared_task(name="notifications.remind.release_request_unanswered")
def remind_release_request_unanswered() -> int:
    return _remind("release_request_unanswered")


@shared_task(name="notifications.remind.progress_review_due")
def remind_progress_review_due() -> int:
    return _remind("progress_review_due")


@shared_task(name="notifications.remind.assessment_report_due")
def remind_assessment_report_due() -> int:
    return _remind("assessment_report_due")


@shared_task(name="notifications.remind.decision_due")
def remind_decision_due() -> int:
    return _remind("decision_due")


@shared_task(name="notifications.remind.module_sequence_not_confirmed")
def remind_module_sequence_not_confirmed() -> int:
    return _remind("module_sequence_not_confirmed")


@shared_task(name="notifications.remind.mentor_meetings_missed")
def remind_mentor_meetings_missed() -> int:
    return _remind("mentor_meetings_missed")


@shared_task(name="notifications.remind.engagement_below_expected")
def remind_engagement_below_expected() -> int:
    return _remind("engagement_below_expected")
