"""The transactional outbox: queue a Celery task so that it runs only if, and whenever, the
change that needs it commits.

`enqueue()` writes an `OutboxMessage` in the caller's transaction and publishes it
after the commit. Publishing never fails the page: with the broker down the row
stays unpublished and `redispatch_pending()` (a beat job) publishes it later. The
task that runs a message (`notifications.run_outbox_message`) takes its id, locks
the row, does nothing when it is already done, and retries with backoff.

A message names a Celery task registered in this project; that task must itself
be safe to run twice (it takes ids and reloads), because a message can be
delivered twice when a worker dies after the work and before the commit.
"""

from __future__ import annotations

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError

from ecte.notifications.models import OutboxMessage

logger = logging.getLogger(__name__)

# What publishing raises when the broker cannot be reached.
BROKER_ERRORS = (OperationalError, ConnectionError, TimeoutError, OSError)
# A published message not done after this long is published again (its delivery was lost).
REPUBLISH_AFTER = timedelta(minutes=30)
SWEEP_BATCH = 500
# A worker running a message holds it this long before another may run it again.
LEASE = timedelta(minutes=20)
# A message whose task failed this many times is left for DfE staff to look at in the admin.
MAX_RUN_ATTEMPTS = 10


def enqueue(task_name: str, *args) -> OutboxMessage:
    """Record work for `task_name(*args)` now; publish it after the transaction commits."""
    message = OutboxMessage.objects.create(task_name=task_name, args=list(args))
    transaction.on_commit(partial(publish, message_id=message.pk), robust=True)
    return message


def publish(*, message_id: int) -> bool:
    """Hand one message to the broker. False (and the row left for the sweep) when it is down."""
    from ecte.notifications.tasks import run_outbox_message

    try:
        # retry=False: fail at once rather than hold the user's request while kombu retries.
        # ignore_result: nothing reads task results (the outbox row is the record), and
        # registering one would retry the result backend, the same Redis, for ~20 s.
        run_outbox_message.apply_async(args=[message_id], retry=False, ignore_result=True)
    except BROKER_ERRORS as error:
        OutboxMessage.objects.filter(pk=message_id).update(
            publish_attempts=F("publish_attempts") + 1,
            last_error=f"Could not reach the queue: {error}"[:2000],
        )
        logger.warning("outbox message %s not published: %s", message_id, error)
        return False
    OutboxMessage.objects.filter(pk=message_id).update(
        published_at=timezone.now(), publish_attempts=F("publish_attempts") + 1
    )
    return True


def redispatch_pending(*, limit: int = SWEEP_BATCH) -> int:
    """Publish messages never published, and those published long ago but never done."""
    stale = timezone.now() - REPUBLISH_AFTER
    ids = list(
        OutboxMessage.objects.filter(done_at__isnull=True, run_attempts__lt=MAX_RUN_ATTEMPTS)
        .filter(Q(published_at__isnull=True) | Q(published_at__lt=stale))
        .order_by("created_at", "id")
        .values_list("pk", flat=True)[:limit]
    )
    published = 0
    for message_id in ids:
        try:
            sent = publish(message_id=message_id)
        except Exception:  # a task run in-process (no broker) failed: it records its error
            logger.exception("outbox message %s failed when run in-process", message_id)
            continue
        if not sent:
            break  # the broker is still down: try again on the next sweep
        published += 1
    return published


def _task(task_name: str):
    from celery import current_app

    if task_name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[task_name]


def run(*, message_id: int) -> str:
    """Run one message's task once: claimed under a lease, skipped when done or being run.

    The task runs outside any transaction of ours, so that a long one (an export)
    commits its own progress as it goes.
    """
    now = timezone.now()
    claimed = (
        OutboxMessage.objects.filter(pk=message_id, done_at__isnull=True)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - LEASE))
        .update(claimed_at=now)
    )
    if not claimed:
        return "done, missing or being run"
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _task(message.task_name)(*message.args)
    except BaseException:
        OutboxMessage.objects.filter(pk=message_id).update(claimed_at=None)
        raise
    OutboxMessage.objects.filter(pk=message_id).update(
        done_at=timezone.now(), run_attempts=F("run_attempts") + 1, last_error=""
    )
    return "done"


def record_failure(*, message_id: int, error: BaseException) -> None:
    OutboxMessage.objects.filter(pk=message_id).update(
        run_attempts=F("run_attempts") + 1, last_error=repr(error)[:2000]
    )
