"""Rule 12: outcomes on the latest period only, once, with an end date and terms; a fail with the
date the ECT was told of the right to appeal; an extension of a number of terms. The ECT,
headteacher and appropriate body are told after the decision commits (Reg 11)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail

from ecte.calendar import dates
from ecte.events.models import Event
from ecte.events.record import Actor
from induction import errors
from induction.models import Extension, InductionPeriod
from induction.services import (
    InductionError,
    extend_induction,
    record_fail,
    record_pass,
    release_ect,
)
from participants.models import InductionStatus, TeacherRecord
from tests.factories import (
    AppropriateBodyFactory,
    InductionPeriodFactory,
    MembershipFactory,
    TeacherRecordFactory,
)
from tests.induction.factories import headteacher, held_ect

pytestmark = pytest.mark.django_db

JULY = datetime.date(2028, 7, 14)


@pytest.fixture
def ab_user():
    return MembershipFactory(appropriate_body_user=True, appropriate_body__email="hub@example.org")


@pytest.fixture
def actor(ab_user):
    return Actor.for_membership(ab_user)


@pytest.fixture
def held(ab_user):
    ect_period, period = held_ect(appropriate_body=ab_user.appropriate_body)
    TeacherRecordFactory(trn=ect_period.teacher.trn)
    headteacher(ect_period.school, user__email="head@school.example.org")
    return ect_period, period


def test_a_pass_stamps_the_decision_date_and_tells_the_ect_headteacher_and_body(
    held, ab_user, actor, django_capture_on_commit_callbacks, monkeypatch
):
    ect_period, period = held
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record_pass(
            period=period,
            finished_on=JULY,
            number_of_terms=Decimal("6"),
            by=actor,
            appropriate_body=ab_user.appropriate_body,
        )
    period.refresh_from_db()
    assert period.outcome == "pass"
    assert period.outcome_recorded_on == dates.today()
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert sorted(mail.outbox[0].to) == sorted(
        [ect_period.email, "head@school.example.org", "hub@example.org"]
    )
    assert mail.outbox[0].subject == f"Induction passed: {period.teacher.full_name}"
    notice = Event.objects.get(event_type="outcome_notice_sent")
    assert notice.induction_period == period


def test_an_outcome_notice_is_sent_once_however_often_the_task_runs(held, ab_user, actor):
    from induction.tasks import send_outcome_notice

    _, period = held
    record_pass(period=period, finished_on=JULY, number_of_terms=Decimal("6"), by=actor)
    assert send_outcome_notice.delay(period.pk).get() is True
    assert send_outcome_notice.delay(period.pk).get() is False
    assert len(mail.outbox) == 1


def test_nothing_is_sent_when_the_outcome_is_refused(
    held, ab_user, actor, django_capture_on_commit_callbacks
):
    _, period = held
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(InductionError):
        record_pass(period=period, finished_on=JULY, number_of_terms=Decimal("17"), by=actor)
    assert mail.outbox == []
    period.refresh_from_db()
    assert period.is_open


def test_a_fail_keeps_the_date_the_ect_was_told_of_the_right_to_appeal(held, ab_user, actor):
    _, period = held
    record_fail(
        period=period,
        finished_on=JULY,
        number_of_terms=Decimal("6"),
        told_of_right_to_appeal_on=datetime.date(2028, 7, 17),
        by=actor,
    )
    period.refresh_from_db()
    assert period.outcome == "fail"
    assert period.told_of_right_to_appeal_on == datetime.date(2028, 7, 17)
    assert TeacherRecord.objects.get(trn=period.teacher.trn).induction_status == "failed"
    event = Event.objects.get(event_type="induction_failed")
    assert event.after["told_of_right_to_appeal_on"] == "2028-07-17"


def test_a_fail_cannot_say_the_ect_was_told_before_induction_started(held, actor):
    _, period = held
    with pytest.raises(InductionError) as error:
        record_fail(
            period=period,
            finished_on=JULY,
            number_of_terms=Decimal("6"),
            told_of_right_to_appeal_on=datetime.date(2026, 8, 1),
            by=actor,
        )
    assert str(error.value) == errors.APPEAL_NOTICE_BEFORE_START.format(start=period.started_on)
    assert not InductionPeriod.objects.exclude(outcome="").exists()


@pytest.mark.parametrize("service", [record_pass, release_ect])
def test_another_appropriate_body_cannot_close_a_period_it_does_not_hold(held, actor, service):
    _, period = held
    with pytest.raises(InductionError, match=re.escape(errors.NOT_YOUR_PERIOD)):
        service(
            period=period,
            finished_on=JULY,
            number_of_terms=Decimal("6"),
            by=actor,
            appropriate_body=AppropriateBodyFactory(),
        )
    period.refresh_from_db()
    assert period.is_open


def test_an_extension_keeps_the_period_open_and_tells_everyone(
    held, ab_user, actor, django_capture_on_commit_callbacks
):
    _, period = held
    with django_capture_on_commit_callbacks(execute=True):
        extension = extend_induction(
            teacher=period.teacher,
            appropriate_body=ab_user.appropriate_body,
            number_of_terms=Decimal("1.5"),
            by=actor,
        )
    period.refresh_from_db()
    assert period.is_open
    assert extension.number_of_terms == Decimal("1.5")
    event = Event.objects.get(event_type="induction_extended")
    assert event.heading.endswith("induction by 1.5 terms")
    assert event.induction_period == period
    assert mail.outbox[0].subject == f"Induction extended: {period.teacher.full_name}"


def test_an_extension_has_at_most_two_decimal_places(held, ab_user, actor):
    _, period = held
    with pytest.raises(InductionError, match=re.escape(errors.TERMS_TOO_PRECISE)):
        extend_induction(
            teacher=period.teacher,
            appropriate_body=ab_user.appropriate_body,
            number_of_terms=Decimal("1.125"),
            by=actor,
        )
    assert not Extension.objects.exists()


def test_the_register_shows_passed_after_a_pass(held, actor):
    _, period = held
    record_pass(period=period, finished_on=JULY, number_of_terms=Decimal("6"), by=actor)
    assert (
        TeacherRecord.objects.get(trn=period.teacher.trn).induction_status == InductionStatus.PASSED
    )


def test_an_outcome_cannot_be_recorded_twice(actor):
    period = InductionPeriodFactory(passed=True)
    with pytest.raises(InductionError, match=re.escape(errors.OUTCOME_ALREADY_RECORDED)):
        record_pass(period=period, finished_on=JULY, number_of_terms=Decimal("6"), by=actor)
