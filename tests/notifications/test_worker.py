"""A real Celery worker against the real Redis: work queued through the outbox is delivered.

Skipped when REDIS_URL is unset (`make test` always sets it). The worker runs in a
thread of this process on a queue of its own, so that it never takes another test
run's tasks from the shared Redis, nor they its.
"""

import os
import socket
import time
import uuid
from contextlib import contextmanager
from unittest import mock

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail
from kombu.exceptions import OperationalError

from ecte.celery import app
from ecte.exports.models import Export, ExportStatus
from ecte.notifications import outbox, services
from ecte.notifications.models import Notification, OutboxMessage
from ecte.notifications.tasks import run_outbox_message
from tests.factories import MembershipFactory, UserFactory

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL is not set"),
]


@pytest.fixture
def worker():
    queue = f"ecte-test-{uuid.uuid4().hex[:12]}"
    previous = {
        "task_always_eager": app.conf.task_always_eager,
        "task_default_queue": app.conf.task_default_queue,
    }
    app.conf.task_always_eager = False
    app.conf.task_default_queue = queue
    try:
        with start_worker(
            app,
            pool="solo",
            concurrency=1,
            queues=[queue],
            perform_ping_check=False,
            shutdown_timeout=10,
            loglevel="WARNING",
        ) as running:
            yield running
    finally:
        app.conf.update(previous)


def _wait_for(condition, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def _notify(user, key):
    return services.notify(
        recipients=[user],
        kind="ect_without_mentor",
        subject="Assign a mentor",
        body="Body",
        link="/school/",
        key=key,
    )


def test_a_real_worker_emails_a_notification_queued_through_redis(worker, settings):
    user = UserFactory()
    _notify(user, "worker:1")  # autocommit: published to Redis at once
    assert _wait_for(lambda: Notification.objects.get().emailed_at is not None)
    assert OutboxMessage.objects.get().done_at is not None
    assert [email.to for email in mail.outbox] == [[user.email]]


def test_redis_down_at_the_commit_then_back_delivers_through_the_sweep(worker):
    user = UserFactory()
    down = OperationalError("Error 111 connecting to Redis. Connection refused.")
    with mock.patch.object(run_outbox_message, "apply_async", side_effect=down):
        _notify(user, "worker:2")
    message = OutboxMessage.objects.get()
    assert message.published_at is None
    time.sleep(0.5)
    assert Notification.objects.get().emailed_at is None
    # Redis is back: the beat sweep publishes the waiting work, and the worker runs it.
    assert outbox.redispatch_pending() == 1
    assert _wait_for(lambda: Notification.objects.get().emailed_at is not None)
    assert len(mail.outbox) == 1


def _closed_port() -> int:
    """A loopback port nothing listens on: bound for a moment by the OS, then let go."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _reset_publishing_pools():
    # Publishing reuses pooled connections: new ones must be made for the broker URL now set.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def queue_unreachable():
    """This process publishes to a closed port; the running worker keeps its connection."""
    previous = app.conf.broker_url
    app.conf.broker_url = f"redis://127.0.0.1:{_closed_port()}/0"
    _reset_publishing_pools()
    try:
        yield
    finally:
        app.conf.broker_url = previous
        _reset_publishing_pools()


def test_with_the_queue_unreachable_a_change_succeeds_and_its_notice_goes_when_it_is_back(
    worker, settings, tmp_path, client
):
    """Issue 6, item 3: a page that changes something succeeds with the queue down, and the
    work it caused (here an export to build, then its "ready" notification to email) runs
    once the queue is back."""
    settings.MEDIA_ROOT = tmp_path
    membership = MembershipFactory(appropriate_body_user=True)
    client.force_login(membership.user)
    session = client.session
    session["ecte_active_membership_id"] = membership.pk
    session.save()
    with queue_unreachable():
        response = client.post("/exports/", {"file_format": "csv"})
        assert response.status_code == 302
    export = Export.objects.get()
    message = OutboxMessage.objects.get()
    assert message.published_at is None
    assert "Could not reach the queue" in message.last_error
    time.sleep(0.5)
    export.refresh_from_db()
    assert export.status == ExportStatus.QUEUED
    assert not Notification.objects.exists()
    # The queue is back: the beat sweep publishes the waiting work and the worker does it.
    assert outbox.redispatch_pending() == 1
    assert _wait_for(lambda: Notification.objects.filter(emailed_at__isnull=False).exists())
    export.refresh_from_db()
    assert export.status == ExportStatus.READY
    notification = Notification.objects.get()
    assert notification.recipient == membership.user
    assert notification.kind == "export_ready"
    assert [email.to for email in mail.outbox] == [[membership.user.email]]


def test_publishing_with_the_queue_unreachable_gives_up_at_once(worker):
    """Issue 7, item 4: kombu would otherwise keep reconnecting for ~6 s inside the request."""
    message = OutboxMessage.objects.create(task_name="ecte.tasks.heartbeat")
    with queue_unreachable():
        started = time.monotonic()
        assert outbox.publish(message_id=message.pk) is False
        took = time.monotonic() - started
    assert took < 2, f"publishing took {took:.1f} s with the queue unreachable"
    message.refresh_from_db()
    assert message.published_at is None
    assert message.publish_attempts == 1
    assert "Could not reach the queue" in message.last_error
