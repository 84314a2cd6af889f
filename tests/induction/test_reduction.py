"""Rule 6: the appropriate body may reduce induction for extensive prior experience, with the
teacher's consent, to no less than one term (Reg 7(3), SG 3.2-3.4)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import IntegrityError

from ecte.events.models import Event
from ecte.events.record import Actor
from induction import errors
from induction.models import Reduction
from induction.selectors import induction_progress_for
from induction.services import InductionError, reduce_induction
from tests.factories import InductionPeriodFactory, MembershipFactory
from tests.induction.factories import ReductionFactory

pytestmark = pytest.mark.django_db

CONSENT = datetime.date(2026, 9, 4)


@pytest.fixture
def period(ab_user):
    return InductionPeriodFactory(appropriate_body=ab_user.appropriate_body)


def reduce(
    period, ab_user, terms=Decimal("2"), consent=CONSENT, reason="Six years teaching abroad"
):
    return reduce_induction(
        teacher=period.teacher,
        appropriate_body=ab_user.appropriate_body,
        terms_required=terms,
        teacher_consented_on=consent,
        reason=reason,
        by=Actor.for_membership(ab_user),
    )


def test_a_reduction_records_consent_and_changes_the_terms_required(period, ab_user):
    reduction = reduce(period, ab_user)
    assert reduction.teacher_consented_on == CONSENT
    progress = induction_progress_for([period.teacher_id])[period.teacher_id]
    assert progress.terms_required == Decimal("2")
    assert progress.terms_label == "0 of 2 terms (reduced from 6)"
    event = Event.objects.get(event_type="induction_reduced")
    assert event.after == {"terms_required": "2", "teacher_consented_on": "2026-09-04"}


@pytest.mark.parametrize("terms", [Decimal("0.5"), Decimal("0"), Decimal("6"), Decimal("7")])
def test_induction_is_never_reduced_below_one_term_nor_to_six_or_more(period, ab_user, terms):
    with pytest.raises(InductionError, match=re.escape(errors.REDUCTION_OUT_OF_RANGE)):
        reduce(period, ab_user, terms=terms)
    assert not Reduction.objects.exists()


def test_one_term_is_the_minimum_and_is_allowed(period, ab_user):
    assert reduce(period, ab_user, terms=Decimal("1")).terms_required == Decimal("1")


def test_a_reduction_needs_the_teachers_consent_and_a_reason(period, ab_user):
    with pytest.raises(InductionError, match=re.escape(errors.REDUCTION_CONSENT_REQUIRED)):
        reduce(period, ab_user, consent=None)
    with pytest.raises(InductionError, match=re.escape(errors.REDUCTION_REASON_REQUIRED)):
        reduce(period, ab_user, reason="  ")
    assert not Reduction.objects.exists()


def test_only_the_holding_appropriate_body_reduces(period):
    other = MembershipFactory(appropriate_body_user=True)
    with pytest.raises(InductionError, match=re.escape(errors.REDUCTION_NOT_YOURS)):
        reduce(period, other)


def test_a_teacher_is_reduced_once(period, ab_user):
    reduce(period, ab_user)
    with pytest.raises(InductionError, match=re.escape(errors.REDUCTION_ALREADY_RECORDED)):
        reduce(period, ab_user, terms=Decimal("3"))


@pytest.mark.parametrize("terms", [Decimal("0.99"), Decimal("6")])
def test_the_database_refuses_a_reduction_out_of_range(terms):
    with pytest.raises(IntegrityError):
        ReductionFactory(terms_required=terms)
