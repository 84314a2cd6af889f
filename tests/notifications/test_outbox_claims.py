"""Who may run an outbox message: the lease, and the claiming task's own redelivery.

A worker claims a message before running its task. Another delivery of it (the
sweep publishes it again) must wait for the lease; but when the worker running it
dies (killed mid-export), the broker redelivers the same Celery task, with the same
task id, and that redelivery takes over its own claim at once.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from ecte.notifications import outbox
from ecte.notifications.models import OutboxMessage
from ecte.notifications.tasks import run_outbox_message

pytestmark = pytest.mark.django_db

NOT_RUN = "done, missing or being run"


@pytest.fixture
def task():
    """The message's task, counted: what the claim lets run."""
    counted = mock.Mock(return_value=None)
    with mock.patch.object(outbox, "_task", return_value=counted):
        yield counted


def _message(**fields) -> OutboxMessage:
    return OutboxMessage.objects.create(task_name="exports.build_export", args=[7], **fields)


def _claimed(by: str, *, ago: timedelta = timedelta(minutes=1)) -> OutboxMessage:
    return _message(claimed_at=timezone.now() - ago, claimed_by=by)


def test_an_unclaimed_message_is_run_and_the_claim_names_the_task(task):
    message = _message()
    assert outbox.run(message_id=message.pk, claimant="task-a") == "done"
    task.assert_called_once_with(7)
    message.refresh_from_db()
    assert message.claimed_by == "task-a"
    assert message.done_at is not None


def test_a_message_another_task_is_running_is_left_to_it(task):
    message = _claimed("task-a")
    assert outbox.run(message_id=message.pk, claimant="task-b") == NOT_RUN
    task.assert_not_called()
    message.refresh_from_db()
    assert message.claimed_by == "task-a"
    assert message.done_at is None


def test_the_redelivery_of_the_claiming_task_takes_over_its_own_claim(task):
    message = _claimed("task-a")
    assert outbox.run(message_id=message.pk, claimant="task-a") == "done"
    task.assert_called_once_with(7)
    message.refresh_from_db()
    assert message.done_at is not None


def test_a_claim_past_its_lease_is_taken_by_another_task(task):
    message = _claimed("task-a", ago=outbox.LEASE + timedelta(seconds=1))
    assert outbox.run(message_id=message.pk, claimant="task-b") == "done"
    task.assert_called_once_with(7)
    message.refresh_from_db()
    assert message.claimed_by == "task-b"


def test_a_run_with_no_task_id_never_takes_over_a_claim_with_none(task):
    message = _claimed("")
    assert outbox.run(message_id=message.pk) == NOT_RUN
    task.assert_not_called()


def test_a_done_message_is_not_run_again_even_by_the_task_that_did_it(task):
    message = _message(claimed_at=timezone.now(), claimed_by="task-a", done_at=timezone.now())
    assert outbox.run(message_id=message.pk, claimant="task-a") == NOT_RUN
    task.assert_not_called()


def test_a_failed_run_gives_up_its_claim_for_the_retry(task):
    task.side_effect = ConnectionRefusedError("smtp")
    message = _message()
    with pytest.raises(ConnectionRefusedError):
        outbox.run(message_id=message.pk, claimant="task-a")
    message.refresh_from_db()
    assert message.claimed_at is None
    assert message.claimed_by == ""
    assert message.done_at is None


def test_a_failed_run_leaves_alone_a_claim_another_task_took_since(task):
    message = _message()

    def lease_taken_over(*args):
        OutboxMessage.objects.filter(pk=message.pk).update(claimed_by="task-b")
        raise ConnectionRefusedError("smtp")

    task.side_effect = lease_taken_over
    with pytest.raises(ConnectionRefusedError):
        outbox.run(message_id=message.pk, claimant="task-a")
    message.refresh_from_db()
    assert message.claimed_by == "task-b"
    assert message.claimed_at is not None


def test_the_celery_task_claims_with_its_own_task_id(task):
    message = _claimed("celery-task-id-1")
    result = run_outbox_message.apply(args=[message.pk], task_id="celery-task-id-1")
    assert result.get() == "done"
    task.assert_called_once_with(7)
    other = _claimed("celery-task-id-1")
    result = run_outbox_message.apply(args=[other.pk], task_id="celery-task-id-2")
    assert result.get() == NOT_RUN
