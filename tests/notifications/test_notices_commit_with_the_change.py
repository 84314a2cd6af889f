"""Issue 6, item 3: the work a change queues is recorded in the same transaction as the change.

A registration, a change to an ECT's details, and an induction outcome each write
their in-service notifications and their outbox messages (the emails to send, the
notice tasks to run) inside the service's transaction: when it commits, both are
there and the work goes out; when it rolls back, neither is, and nothing is sent.
These tests commit and roll back for real (a transactional database), rather than
capture the after-commit callbacks.
"""

import datetime
from decimal import Decimal

import pytest
from django.core import mail
from django.db import transaction

from ecte.events.record import Actor
from ecte.notifications.models import Notification, OutboxMessage
from induction.services import record_pass
from participants import changes
from participants.models import ECTAtSchoolPeriod
from participants.registration import register_ect
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    SchoolFactory,
    TeacherRecordFactory,
    UserFactory,
)
from tests.induction.factories import held_ect

pytestmark = pytest.mark.django_db(transaction=True)

actor = Actor.system("Test")
JANUARY = datetime.date(2027, 1, 4)
JULY = datetime.date(2028, 7, 14)


class RolledBack(Exception):
    """Raised at the end of a change's transaction to undo it, as any later failure would."""


def _register(school, appropriate_body):
    record = TeacherRecordFactory()
    return register_ect(
        school=school,
        trn=record.trn,
        date_of_birth=record.date_of_birth,
        first_name=record.first_name,
        last_name=record.last_name,
        email="new.ect@oakfield.example",
        started_on=JANUARY,
        working_pattern="full_time",
        fte=Decimal("1"),
        appropriate_body=appropriate_body,
        training_programme="school_led",
        school_partnership=None,
        token="token-1",
        by=actor,
    )


@pytest.fixture
def school_and_body():
    school = SchoolFactory(name="Oakfield Academy")
    body = AppropriateBodyFactory(name="Aire Valley Teaching School Hub", email="ab@aire.example")
    MembershipFactory(appropriate_body_user=True, appropriate_body=body)
    UserFactory(email="new.ect@oakfield.example")
    return school, body


def test_a_registration_that_commits_leaves_its_notices_and_their_emails_sent(school_and_body):
    school, body = school_and_body
    _register(school, body)
    ect_notice = Notification.objects.get(recipient__email="new.ect@oakfield.example")
    assert (
        ect_notice.subject
        == "You have been registered as an early career teacher at Oakfield Academy"
    )
    assert OutboxMessage.objects.filter(task_name="notifications.send_plain_email").count() == 2
    assert not OutboxMessage.objects.filter(done_at__isnull=True).exists()
    assert sorted(m.to[0] for m in mail.outbox) == ["ab@aire.example", "new.ect@oakfield.example"]


def test_a_registration_that_rolls_back_leaves_no_notice_and_no_queued_email(school_and_body):
    school, body = school_and_body
    with pytest.raises(RolledBack), transaction.atomic():
        _register(school, body)
        assert Notification.objects.exists()  # written with the change, in its transaction
        assert OutboxMessage.objects.exists()
        raise RolledBack
    assert not ECTAtSchoolPeriod.objects.exists()
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def test_a_change_that_commits_leaves_its_notice_and_its_email_sent():
    period = ECTAtSchoolPeriodFactory(
        appropriate_body=AppropriateBodyFactory(email="ab@aire.example")
    )
    body_user = UserFactory(email="ab@aire.example")
    changes.change_working_pattern(
        period=period, working_pattern="part_time", fte=Decimal("0.5"), by=actor
    )
    notice = Notification.objects.get(recipient=body_user, kind="ect_changed")
    assert "part-time" in notice.subject
    assert OutboxMessage.objects.get().done_at is not None
    assert [m.to for m in mail.outbox] == [["ab@aire.example"]]


def test_a_change_that_rolls_back_leaves_no_notice_and_no_queued_email():
    period = ECTAtSchoolPeriodFactory(
        appropriate_body=AppropriateBodyFactory(email="ab@aire.example")
    )
    UserFactory(email="ab@aire.example")
    with pytest.raises(RolledBack), transaction.atomic():
        changes.change_working_pattern(
            period=period, working_pattern="part_time", fte=Decimal("0.5"), by=actor
        )
        raise RolledBack
    period.refresh_from_db()
    assert period.working_pattern == "full_time"
    assert not Notification.objects.exists()
    assert not OutboxMessage.objects.exists()
    assert mail.outbox == []


def _pass(period, membership):
    record_pass(
        period=period,
        finished_on=JULY,
        number_of_terms=Decimal("6"),
        by=Actor.for_membership(membership),
        appropriate_body=membership.appropriate_body,
    )


@pytest.fixture
def held():
    membership = MembershipFactory(
        appropriate_body_user=True, appropriate_body__email="hub@example.org"
    )
    ect_period, period = held_ect(appropriate_body=membership.appropriate_body)
    TeacherRecordFactory(trn=ect_period.teacher.trn)
    return membership, period


def test_an_outcome_that_commits_queues_its_notice_task_and_the_notice_goes_out(held):
    membership, period = held
    _pass(period, membership)
    task = OutboxMessage.objects.get(task_name="induction.send_outcome_notice")
    assert task.args == [period.pk]
    assert task.done_at is not None
    assert Notification.objects.filter(recipient=membership.user, kind="outcome_notice").exists()
    assert any(m.subject == f"Induction passed: {period.teacher.full_name}" for m in mail.outbox)


def test_an_outcome_that_rolls_back_queues_nothing(held):
    membership, period = held
    with pytest.raises(RolledBack), transaction.atomic():
        _pass(period, membership)
        assert OutboxMessage.objects.filter(task_name="induction.send_outcome_notice").exists()
        raise RolledBack
    period.refresh_from_db()
    assert period.outcome in ("", None)
    assert not OutboxMessage.objects.exists()
    assert not Notification.objects.exists()
    assert mail.outbox == []
