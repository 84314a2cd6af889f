"""Registration and change emails go through the notifications outbox: recorded with the
in-service copies in one transaction, sent after the commit, never twice to one person."""

import pytest
from django.core import mail

from ecte.notifications.models import Notification, OutboxMessage
from participants import notifications
from tests.factories import ECTAtSchoolPeriodFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_registration_email_is_queued_and_sent_after_the_commit(commit):
    period = ECTAtSchoolPeriodFactory(email="new.ect@oakfield.example", appropriate_body=None)
    ect_user = UserFactory(email="new.ect@oakfield.example")
    with commit():
        notifications.ect_registered(period.pk)
        # Recorded, not yet sent: the email waits for the commit.
        assert mail.outbox == []
        message = OutboxMessage.objects.get(task_name="notifications.send_plain_email")
        assert message.args[2] == ["new.ect@oakfield.example"]
    assert [m.to for m in mail.outbox] == [["new.ect@oakfield.example"]]
    assert mail.outbox[0].subject.startswith("You have been registered as an early career")
    told = Notification.objects.get()
    assert told.recipient == ect_user
    assert told.kind == "ect_registered"
    assert told.emailed_at is not None  # the one email was the notice: not sent twice
    assert OutboxMessage.objects.get().done_at is not None


def test_a_change_rolled_back_sends_and_records_nothing(django_capture_on_commit_callbacks):
    period = ECTAtSchoolPeriodFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        notifications.ect_changed(period.pk, what="Working pattern changed", recipients=["a@b.c"])
    assert len(callbacks) == 1  # the email is published only if the transaction commits
    assert mail.outbox == []


def test_each_change_is_its_own_notice_even_when_it_repeats(commit):
    period = ECTAtSchoolPeriodFactory()
    user = UserFactory(email="lp@niot.example")
    with commit():
        for _ in range(2):
            notifications.ect_changed(
                period.pk, what="Working pattern changed", recipients=["lp@niot.example"]
            )
    assert Notification.objects.filter(recipient=user, kind="ect_changed").count() == 2
    assert len(mail.outbox) == 2
