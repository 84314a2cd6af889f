"""The claim, release and pass services take a batch (bulk uploads) or one (the journeys):
each item is checked by the same rules, a refused one saves nothing and says why, and the
others go on."""

import datetime
from decimal import Decimal

import pytest

from ecte.events.models import Event
from ecte.events.record import Actor
from induction import errors
from induction.models import InductionOutcome, InductionPeriod
from induction.services import InductionError
from induction.services.periods import Claim, Closing, claim_ects, close_periods
from tests.factories import AppropriateBodyFactory, InductionPeriodFactory, TeacherFactory
from tests.induction.factories import held_ect

pytestmark = pytest.mark.django_db

d = datetime.date
BY = Actor.system("Test")


def test_a_batch_claims_each_teacher_once_and_says_why_for_the_rest():
    ab = AppropriateBodyFactory()
    ready, no_qts = TeacherFactory(), TeacherFactory(no_qts=True)
    results = claim_ects(
        claims=[
            Claim(ready, d(2026, 9, 2), "provider_led"),
            Claim(no_qts, d(2026, 9, 2), "provider_led"),
            Claim(ready, d(2026, 9, 2), "provider_led"),  # the same teacher again
            Claim(TeacherFactory(), d(2026, 9, 2), "nonsense"),
        ],
        appropriate_body=ab,
        by=BY,
    )
    assert isinstance(results[0], InductionPeriod)
    assert [str(r) for r in results[1:]] == [
        errors.NO_QTS,
        errors.ALREADY_CLAIMED_BY_YOU,
        errors.PROGRAMME_UNKNOWN,
    ]
    assert list(InductionPeriod.objects.values_list("teacher", flat=True)) == [ready.pk]
    assert Event.objects.filter(event_type="induction_period_opened").count() == 1


def test_a_batch_of_releases_and_passes_closes_each_allowed_period_once():
    ab = AppropriateBodyFactory()
    _, first = held_ect(appropriate_body=ab)
    _, second = held_ect(appropriate_body=ab)
    theirs = InductionPeriodFactory()
    results = close_periods(
        closings=[
            Closing(first, d(2026, 12, 18), Decimal("1")),
            Closing(second, d(2028, 7, 14), Decimal("6"), InductionOutcome.PASS),
            Closing(second, d(2028, 7, 14), Decimal("6"), InductionOutcome.PASS),
            Closing(theirs, d(2026, 12, 18), Decimal("1")),
            Closing(first, d(2026, 12, 18), Decimal("1")),
        ],
        by=BY,
        appropriate_body=ab,
    )
    assert [type(r) for r in results[:2]] == [InductionPeriod, InductionPeriod]
    assert [str(r) for r in results[2:]] == [
        errors.OUTCOME_ALREADY_RECORDED,
        errors.NOT_YOUR_PERIOD,
        errors.ALREADY_CLOSED,
    ]
    theirs.refresh_from_db()
    assert theirs.finished_on is None
    second.refresh_from_db()
    assert second.outcome == InductionOutcome.PASS
    assert Event.objects.filter(event_type="induction_passed").count() == 1
    assert Event.objects.filter(event_type="induction_period_released").count() == 1
    assert all(isinstance(r, InductionError) for r in results[2:])
