"""Rule 14: when an ECT moves, the old appropriate body releases and the new one claims. A new
appropriate body that finds the teacher still held elsewhere asks the holder from the service;
the holder releases or declines with a reason; both see the status."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail
from django.db import IntegrityError

from ecte.events.models import Event
from ecte.events.record import Actor
from induction import errors
from induction.models import ReleaseRequest
from induction.services import (
    InductionError,
    claim_ect,
    decline_release_request,
    release_ect,
    request_release,
)
from tests.factories import AppropriateBodyFactory, InductionPeriodFactory, MembershipFactory
from tests.induction.factories import ReleaseRequestFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def holder():
    return MembershipFactory(appropriate_body_user=True, appropriate_body__email="old@example.org")


@pytest.fixture
def newcomer():
    return MembershipFactory(appropriate_body_user=True, appropriate_body__email="new@example.org")


@pytest.fixture
def period(holder):
    return InductionPeriodFactory(appropriate_body=holder.appropriate_body)


def ask(period, newcomer, message="The ECT joined a school in our area in January"):
    return request_release(
        teacher=period.teacher,
        requested_by=newcomer.appropriate_body,
        message=message,
        by=Actor.for_membership(newcomer),
    )


def test_a_new_appropriate_body_asks_the_holder_who_is_emailed(
    period, holder, newcomer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        request = ask(period, newcomer)
    assert request.status == "pending"
    assert request.held_by == holder.appropriate_body
    assert request.induction_period == period
    event = Event.objects.get(event_type="release_requested")
    assert event.heading == (
        f"{newcomer.appropriate_body.name} asked {holder.appropriate_body.name} "
        f"to release {period.teacher.full_name}"
    )
    assert mail.outbox[0].to == ["old@example.org"]


def test_releasing_answers_every_pending_request_and_tells_the_requester(
    period, holder, newcomer, django_capture_on_commit_callbacks
):
    request = ask(period, newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        release_ect(
            period=period,
            finished_on=datetime.date(2026, 12, 18),
            number_of_terms=Decimal("1"),
            by=Actor.for_membership(holder),
            appropriate_body=holder.appropriate_body,
        )
    request.refresh_from_db()
    assert request.status == "released"
    assert request.responded_by_user == holder.user
    assert mail.outbox[-1].to == ["new@example.org"]
    assert "You can now claim them" in mail.outbox[-1].body
    # ...and the new appropriate body can now claim.
    claimed = claim_ect(
        teacher=period.teacher,
        appropriate_body=newcomer.appropriate_body,
        started_on=datetime.date(2027, 1, 4),
        induction_programme="provider_led",
        by=Actor.for_membership(newcomer),
    )
    assert claimed.is_open


def test_the_holder_declines_with_a_reason_and_the_requester_is_told(
    period, holder, newcomer, django_capture_on_commit_callbacks
):
    request = ask(period, newcomer)
    with django_capture_on_commit_callbacks(execute=True):
        decline_release_request(
            request=request,
            appropriate_body=holder.appropriate_body,
            reason="The ECT has not left our school",
            by=Actor.for_membership(holder),
        )
    request.refresh_from_db()
    assert request.status == "declined"
    assert request.decline_reason == "The ECT has not left our school"
    assert "The ECT has not left our school" in mail.outbox[-1].body
    period.refresh_from_db()
    assert period.is_open


def test_declining_needs_a_reason(period, holder, newcomer):
    request = ask(period, newcomer)
    with pytest.raises(InductionError, match=re.escape(errors.DECLINE_REASON_REQUIRED)):
        decline_release_request(
            request=request,
            appropriate_body=holder.appropriate_body,
            reason=" ",
            by=Actor.for_membership(holder),
        )
    request.refresh_from_db()
    assert request.status == "pending"


def test_only_the_holder_can_decline(period, newcomer):
    request = ask(period, newcomer)
    with pytest.raises(InductionError, match=re.escape(errors.REQUEST_NOT_YOURS)):
        decline_release_request(
            request=request,
            appropriate_body=newcomer.appropriate_body,
            reason="No",
            by=Actor.for_membership(newcomer),
        )


def test_an_answered_request_cannot_be_answered_again(period, holder, newcomer):
    request = ReleaseRequestFactory(
        induction_period=period, requested_by=newcomer.appropriate_body, declined=True
    )
    with pytest.raises(InductionError, match=re.escape(errors.REQUEST_ANSWERED)):
        decline_release_request(
            request=request,
            appropriate_body=holder.appropriate_body,
            reason="Still no",
            by=Actor.for_membership(holder),
        )


def test_asking_twice_while_waiting_is_refused_but_asking_again_after_a_decline_is_not(
    period, holder, newcomer
):
    first = ask(period, newcomer)
    with pytest.raises(InductionError) as error:
        ask(period, newcomer)
    assert str(error.value) == errors.ALREADY_REQUESTED.format(name=holder.appropriate_body.name)
    decline_release_request(
        request=first,
        appropriate_body=holder.appropriate_body,
        reason="Not yet",
        by=Actor.for_membership(holder),
    )
    assert ask(period, newcomer).status == "pending"


def test_you_cannot_ask_yourself_or_about_a_teacher_nobody_holds(period, holder, newcomer):
    with pytest.raises(InductionError, match=re.escape(errors.REQUEST_TO_YOURSELF)):
        ask(period, holder)
    released = InductionPeriodFactory(released=True)
    with pytest.raises(InductionError, match=re.escape(errors.NOT_HELD)):
        ask(released, newcomer)
    assert ReleaseRequest.objects.count() == 0


def test_the_database_refuses_two_pending_requests_from_one_body_for_one_period(period, newcomer):
    ReleaseRequestFactory(induction_period=period, requested_by=newcomer.appropriate_body)
    with pytest.raises(IntegrityError):
        ReleaseRequestFactory(induction_period=period, requested_by=newcomer.appropriate_body)


def test_the_database_refuses_a_request_to_yourself(period, holder):
    with pytest.raises(IntegrityError):
        ReleaseRequestFactory(induction_period=period, requested_by=holder.appropriate_body)


def test_the_database_refuses_a_decline_without_a_reason(period):
    with pytest.raises(IntegrityError):
        ReleaseRequestFactory(induction_period=period, declined=True, decline_reason="")


def test_another_body_than_the_requester_is_unaffected(period, newcomer):
    third = AppropriateBodyFactory()
    ask(period, newcomer)
    request_release(teacher=period.teacher, requested_by=third, by=Actor.system("test"))
    assert ReleaseRequest.objects.filter(status="pending").count() == 2
