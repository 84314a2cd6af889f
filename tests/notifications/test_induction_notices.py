"""The induction notices (outcomes, extensions, release requests, reviews received, absence)
are in-service notifications as well as one email: the users who act for the people and
organisations told find them in the service, recorded with the notice, and no one gets the
email twice."""

import datetime
from decimal import Decimal

import pytest
from django.core import mail

from ecte.accounts.models import Role
from ecte.events.record import Actor
from ecte.notifications.models import Notification, OutboxMessage
from induction import notifications
from induction.services import extend_induction, record_pass
from tests.factories import MembershipFactory, TeacherRecordFactory
from tests.induction.factories import headteacher, held_ect

pytestmark = pytest.mark.django_db

JULY = datetime.date(2028, 7, 14)


@pytest.fixture
def ab_user():
    return MembershipFactory(appropriate_body_user=True, appropriate_body__email="hub@example.org")


@pytest.fixture
def held(ab_user):
    ect_period, period = held_ect(appropriate_body=ab_user.appropriate_body)
    TeacherRecordFactory(trn=ect_period.teacher.trn)
    head = headteacher(ect_period.school, user__email="head@school.example.org")
    ect_user = MembershipFactory(role=Role.ECT, school=None, teacher=ect_period.teacher).user
    return ect_period, period, head, ect_user


def test_an_outcome_is_in_the_service_for_the_ect_the_school_and_the_appropriate_body(
    held, ab_user, django_capture_on_commit_callbacks
):
    ect_period, period, head, ect_user = held
    with django_capture_on_commit_callbacks(execute=True):
        record_pass(
            period=period,
            finished_on=JULY,
            number_of_terms=Decimal("6"),
            by=Actor.for_membership(ab_user),
            appropriate_body=ab_user.appropriate_body,
        )
    subject = f"Induction passed: {period.teacher.full_name}"
    told = {n.recipient: n for n in Notification.objects.filter(kind="outcome_notice")}
    assert set(told) == {ab_user.user, head.user, ect_user}
    assert {n.subject for n in told.values()} == {subject}
    assert told[ab_user.user].link == f"/appropriate-body/teachers/{period.teacher_id}/"
    assert "has passed induction" in told[ect_user].body
    # One email, to the people's and organisations' addresses: none is sent twice.
    assert len(mail.outbox) == 1
    assert all(n.emailed_at is not None for n in told.values())
    assert not OutboxMessage.objects.filter(task_name="notifications.send_notification_email")


def test_a_notice_run_twice_is_in_the_service_once(held):
    _, period, _, _ = held
    period.outcome = "pass"
    period.outcome_recorded_on = datetime.date(2028, 7, 14)
    period.finished_on = JULY
    period.number_of_terms = Decimal("6")
    period.save()
    assert notifications.send_outcome_notice(period.pk) is True
    assert notifications.send_outcome_notice(period.pk) is False
    assert Notification.objects.filter(kind="outcome_notice").count() == 3
    assert len(mail.outbox) == 1


def test_an_extension_is_in_the_service_for_the_school_and_the_ect(
    held, ab_user, django_capture_on_commit_callbacks
):
    ect_period, period, head, ect_user = held
    with django_capture_on_commit_callbacks(execute=True):
        extend_induction(
            teacher=period.teacher,
            appropriate_body=ab_user.appropriate_body,
            number_of_terms=Decimal("1.5"),
            by=Actor.for_membership(ab_user),
        )
    told = Notification.objects.filter(kind="extension_notice")
    assert {n.recipient for n in told} == {ab_user.user, head.user, ect_user}
    assert {n.subject for n in told} == {f"Induction extended: {period.teacher.full_name}"}


def test_a_notice_that_fails_to_email_records_nothing_and_is_sent_on_the_retry(held, monkeypatch):
    _, period, _, _ = held
    period.outcome = "pass"
    period.outcome_recorded_on = JULY
    period.finished_on = JULY
    period.number_of_terms = Decimal("6")
    period.save()

    def mail_server_down(*args, **kwargs):
        raise ConnectionError("mail server down")

    monkeypatch.setattr(notifications, "send_mail", mail_server_down)
    with pytest.raises(ConnectionError):
        notifications.send_outcome_notice(period.pk)
    assert not Notification.objects.exists()
    monkeypatch.undo()
    assert notifications.send_outcome_notice(period.pk) is True
    assert Notification.objects.filter(kind="outcome_notice").count() == 3
