"""The transactional outbox: queue a Celery task so that it runs only if, and whenever, the
change that needs it commits.

`enqueue()` writes an `OutboxMessage` in the caller's transaction and publishes it
after the commit. Publishing never fails the page: with the broker down the row
stays unpublished and `redispatch_pending()` (a beat job) publishes it later. The
task that runs a message (`notifications.run_outbox_message`) takes its id, claims
the row, does nothing when it is already done, and retries with backoff.

A claim is a lease (`claimed_at`) held by one Celery task id (`claimed_by`). Another
publication of the same message (the sweep's) waits for the lease to run out, but the
redelivery of the claiming task itself may take its own claim over at once: the broker
redelivers a task (acks_late) when the worker running it died, so that run is over, or
when its visibility timeout (an hour) passed, by which time the lease has run out anyway.

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
# Rows per INSERT when many messages are queued at once.
BULK_BATCH = 5000
# A worker running a message holds it this long before another may run it again.
LEASE = timedelta(minutes=20)
# A message whose task failed this many times is left for DfE staff to look at in the admin.
MAX_RUN_ATTEMPTS = 10


def enqueue(task_name: str, *args) -> OutboxMessage:
    """Record work for `task_name(*args)` now; publish it after the transaction commits."""
    message = OutboxMessage.objects.create(task_name=task_name, args=list(args))
    transaction.on_commit(partial(publish, message_id=message.pk), robust=True)
    return message


def enqueue_many(task_name: str, args_list: list[list]) -> list[int]:
    """`enqueue()` for many messages at once (a reminder sweep's emails): one INSERT per
    batch; after the commit they are published over one connection, stopping at the first
    broker failure (the sweep publishes the rest when the broker is back)."""
    messages = OutboxMessage.objects.bulk_create(
        [OutboxMessage(task_name=task_name, args=list(args)) for args in args_list],
        batch_size=BULK_BATCH,
    )
    ids = [message.pk for message in messages]
    if ids:
        transaction.on_commit(partial(publish_many, message_ids=ids), robust=True)
    return ids


def publish_many(*, message_ids: list[int]) -> int:
    """Publish these messages in order until the broker fails; how many were published."""
    published = 0
    with _publishing_connection() as connection:
        for message_id in message_ids:
            try:
                sent = publish(message_id=message_id, connection=connection)
            except Exception:  # a task run in-process (no broker) failed: it records its error
                logger.exception("outbox message %s failed when run in-process", message_id)
                continue
            if not sent:
                break  # the broker is down: the sweep publishes the rest later
            published += 1
    return published


def _publishing_connection():
    """A broker connection that fails at once when the broker is down.

    kombu otherwise keeps reconnecting for the connect timeout (about 6 s with
    Redis) before `apply_async` gives up, even with retry=False, inside the
    user's request.
    """
    from celery import current_app

    return current_app.connection_for_write(transport_options={"max_retries": 0})


def publish(*, message_id: int, connection=None) -> bool:
    """Hand one message to the broker. False (and the row left for the sweep) when it is down."""
    if connection is None:
        with _publishing_connection() as connection:
            return publish(message_id=message_id, connection=connection)
    from ecte.notifications.tasks import run_outbox_message

    try:
        # retry=False: fail at once rather than hold the user's request while kombu retries.
        # ignore_result: nothing reads task results (the outbox row is the record), and
        # registering one would retry the result backend, the same Redis, for ~20 s.
        run_outbox_message.apply_async(
            args=[message_id], retry=False, ignore_result=True, connection=connection
        )
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
    return publish_many(message_ids=ids)


def _task(task_name: str):
    from celery import current_app

    if task_name not in current_app.tasks:
        current_app.loader.import_default_modules()
    return current_app.tasks[task_name]


def claim(*, message_id: int, claimant: str) -> bool:
    """Take the lease on a message not done: one unclaimed, with an expired lease, or
    claimed by `claimant` itself (its earlier delivery's worker died mid-run).

    One UPDATE, so of two runs racing for the same message only one gets it.
    """
    now = timezone.now()
    free = Q(claimed_at__isnull=True) | Q(claimed_at__lt=now - LEASE)
    if claimant:
        free |= Q(claimed_by=claimant)
    return bool(
        OutboxMessage.objects.filter(free, pk=message_id, done_at__isnull=True).update(
            claimed_at=now, claimed_by=claimant
        )
    )


def run(*, message_id: int, claimant: str = "") -> str:
    """Run one message's task once: claimed under a lease, skipped when done or being run.

    `claimant` is the Celery task id of the delivery running it. The task runs
    outside any transaction of ours, so that a long one (an export) commits its own
    progress as it goes.
    """
    if not claim(message_id=message_id, claimant=claimant):
        return "done, missing or being run"
    message = OutboxMessage.objects.get(pk=message_id)
    try:
        _task(message.task_name)(*message.args)
    except BaseException:
        OutboxMessage.objects.filter(pk=message_id, claimed_by=claimant).update(
            claimed_at=None, claimed_by=""
        )
        raise
    OutboxMessage.objects.filter(pk=message_id).update(
        done_at=timezone.now(), run_attempts=F("run_attempts") + 1, last_error=""
    )
    return "done"


def record_failure(*, message_id: int, error: BaseException) -> None:
    OutboxMessage.objects.filter(pk=message_id).update(
        run_attempts=F("run_attempts") + 1, last_error=repr(error)[:2000]
    )
