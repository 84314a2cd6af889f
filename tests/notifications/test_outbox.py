"""The outbox: work is recorded with the change, published after the commit, and delivered
later by the sweep when the queue (Redis) is down at that moment."""

from unittest import mock

import pytest
from celery.exceptions import Retry
from django.core import mail
from kombu.exceptions import OperationalError

from ecte.notifications import outbox, services
from ecte.notifications.models import Notification, OutboxMessage
from ecte.notifications.tasks import redispatch_outbox, run_outbox_message
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _queue_is_down():
    return mock.patch.object(
        run_outbox_message,
        "apply_async",
        side_effect=OperationalError("Error 111 connecting to redis:6379. Connection refused."),
    )


def _notify(user):
    return services.notify(
        recipients=[user],
        kind="ect_without_mentor",
        subject="Assign a mentor",
        body="Body",
        link="/school/",
        key="ect-period:9:no-mentor",
    )


def test_with_redis_down_the_change_succeeds_and_the_work_waits_in_the_outbox(commit):
    user = UserFactory()
    with _queue_is_down(), commit():
        _notify(user)
    notification = Notification.objects.get()
    assert notification.emailed_at is None
    message = OutboxMessage.objects.get()
    assert message.published_at is None
    assert message.done_at is None
    assert message.publish_attempts == 1
    assert "Connection refused" in message.last_error
    assert mail.outbox == []


def test_the_sweep_delivers_the_waiting_work_once_redis_is_back(commit):
    user = UserFactory()
    with _queue_is_down(), commit():
        _notify(user)
    with _queue_is_down():
        assert redispatch_outbox() == 0  # still down: nothing lost, nothing sent
    assert mail.outbox == []
    assert redispatch_outbox() == 1
    assert len(mail.outbox) == 1
    assert OutboxMessage.objects.get().done_at is not None
    assert Notification.objects.get().emailed_at is not None
    # Running the sweep again finds nothing to do.
    assert redispatch_outbox() == 0
    assert len(mail.outbox) == 1


def test_a_message_delivered_twice_runs_its_task_once(commit):
    user = UserFactory()
    with commit():
        _notify(user)
    message = OutboxMessage.objects.get()
    assert outbox.run(message_id=message.pk) == "done, missing or being run"
    assert len(mail.outbox) == 1


def test_a_failing_task_is_retried_and_its_error_recorded(commit):
    user = UserFactory()
    with _queue_is_down(), commit():
        _notify(user)
    message = OutboxMessage.objects.get()
    with (
        mock.patch(
            "ecte.notifications.services.EmailMessage.send",
            side_effect=ConnectionRefusedError("smtp"),
        ),
        mock.patch.object(run_outbox_message, "retry", side_effect=Retry()) as retry,
        pytest.raises(Retry),
    ):
        run_outbox_message.run(message.pk)
    assert retry.call_args.kwargs["countdown"] >= 10  # backoff
    message.refresh_from_db()
    assert message.done_at is None
    assert message.run_attempts == 1
    assert "smtp" in message.last_error
    assert Notification.objects.get().emailed_at is None
    # When the mail server is back, the sweep sends it.
    assert redispatch_outbox() == 1
    assert len(mail.outbox) == 1


def test_messages_that_keep_failing_are_left_for_staff():
    OutboxMessage.objects.create(task_name="ecte.tasks.heartbeat", run_attempts=10)
    with mock.patch.object(outbox, "publish") as publish:
        assert redispatch_outbox() == 0
    publish.assert_not_called()


def test_enqueue_runs_any_registered_task_after_commit(commit):
    with commit():
        message = outbox.enqueue("ecte.tasks.heartbeat")
    message.refresh_from_db()
    assert message.done_at is not None
    assert message.published_at is not None
