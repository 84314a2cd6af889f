"""Rule 13: a recorded outcome is never silently overwritten. A correction is an explicit action,
by the appropriate body that holds or held the period, with a reason, and its event keeps the
values before and after. Every other rule still holds for the corrected values."""

import datetime
import re
from decimal import Decimal

import pytest

from ecte.events.models import Event
from ecte.events.record import Actor
from induction import errors
from induction.models import InductionPeriod
from induction.services import InductionError, correct_induction_period, record_pass
from participants.models import TeacherRecord
from tests.factories import (
    AppropriateBodyFactory,
    InductionPeriodFactory,
    MembershipFactory,
    TeacherFactory,
    TeacherRecordFactory,
)

pytestmark = pytest.mark.django_db

d = datetime.date


@pytest.fixture
def actor(ab_user):
    return Actor.for_membership(ab_user)


@pytest.fixture
def failed(ab_user):
    teacher = TeacherFactory()
    TeacherRecordFactory(trn=teacher.trn, failed=True)
    return InductionPeriodFactory(
        teacher=teacher,
        appropriate_body=ab_user.appropriate_body,
        failed=True,
        told_of_right_to_appeal_on=d(2026, 7, 20),
        outcome_recorded_on=d(2026, 7, 17),
    )


def correct(
    period, ab_user, actor, reason="Appeal upheld by the Teaching Regulation Agency", **changes
):
    return correct_induction_period(
        period=period, appropriate_body=ab_user.appropriate_body, reason=reason, by=actor, **changes
    )


def test_an_outcome_overturned_on_appeal_is_corrected_with_a_reason_and_history(
    failed, ab_user, actor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        correct(failed, ab_user, actor, outcome="pass")
    failed.refresh_from_db()
    assert failed.outcome == "pass"
    assert failed.told_of_right_to_appeal_on is None
    assert TeacherRecord.objects.get(trn=failed.teacher.trn).induction_status == "passed"
    event = Event.objects.get(event_type="induction_period_corrected")
    assert event.body == "Appeal upheld by the Teaching Regulation Agency"
    assert event.before == {"outcome": "fail", "told_of_right_to_appeal_on": "2026-07-20"}
    assert event.after == {"outcome": "pass", "told_of_right_to_appeal_on": None}
    # The corrected decision is sent again.
    assert Event.objects.filter(event_type="outcome_notice_sent", induction_period=failed).exists()


def test_an_outcome_cannot_be_overwritten_by_recording_another(failed, actor):
    with pytest.raises(InductionError, match=re.escape(errors.OUTCOME_ALREADY_RECORDED)):
        record_pass(
            period=failed, finished_on=d(2026, 7, 17), number_of_terms=Decimal("6"), by=actor
        )
    failed.refresh_from_db()
    assert failed.outcome == "fail"


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_correction_needs_a_reason(failed, ab_user, actor, reason):
    with pytest.raises(InductionError, match=re.escape(errors.CORRECTION_REASON_REQUIRED)):
        correct(failed, ab_user, actor, reason=reason, outcome="pass")
    failed.refresh_from_db()
    assert failed.outcome == "fail"
    assert not Event.objects.filter(event_type="induction_period_corrected").exists()


def test_another_appropriate_bodys_periods_are_read_only(failed, actor):
    other = MembershipFactory(appropriate_body_user=True)
    with pytest.raises(InductionError, match=re.escape(errors.CORRECTION_NOT_YOURS)):
        correct(failed, other, actor, outcome="pass")
    failed.refresh_from_db()
    assert failed.outcome == "fail"


def test_a_correction_that_changes_nothing_is_refused(failed, ab_user, actor):
    with pytest.raises(InductionError, match=re.escape(errors.CORRECTION_CHANGES_NOTHING)):
        correct(failed, ab_user, actor, outcome="fail")


def test_terms_and_dates_of_a_released_period_can_be_corrected(ab_user, actor):
    period = InductionPeriodFactory(appropriate_body=ab_user.appropriate_body, released=True)
    correct(period, ab_user, actor, reason="Typed 1 instead of 1.5", number_of_terms=Decimal("1.5"))
    period.refresh_from_db()
    assert period.number_of_terms == Decimal("1.5")
    event = Event.objects.get(event_type="induction_period_corrected")
    assert event.before == {"number_of_terms": "1.00"}
    assert event.after == {"number_of_terms": "1.5"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"finished_on": d(2026, 8, 1)}, errors.ENDS_BEFORE_START.format(start=d(2026, 9, 1))),
        ({"number_of_terms": Decimal("16.5")}, errors.TERMS_OUT_OF_RANGE),
        ({"number_of_terms": None}, errors.TERMS_REQUIRED_WHEN_ENDED),
        ({"finished_on": None}, errors.TERMS_WITHOUT_END),
        ({"started_on": d(2026, 7, 1)}, errors.STARTS_BEFORE_QTS.format(qts=d(2026, 7, 20))),
        ({"outcome": "maybe"}, errors.OUTCOME_UNKNOWN),
        ({"outcome": "fail"}, errors.APPEAL_NOTICE_REQUIRED),
        ({"induction_programme": "cheap"}, errors.PROGRAMME_UNKNOWN),
    ],
)
def test_corrected_values_must_obey_every_rule(ab_user, actor, changes, message):
    period = InductionPeriodFactory(appropriate_body=ab_user.appropriate_body, released=True)
    with pytest.raises(InductionError) as error:
        correct(period, ab_user, actor, **changes)
    assert str(error.value) == message
    period.refresh_from_db()
    assert period.finished_on == d(2026, 12, 18)
    assert period.number_of_terms == Decimal("1")


def test_a_correction_cannot_make_periods_overlap(ab_user, actor):
    teacher = TeacherFactory()
    first = InductionPeriodFactory(
        teacher=teacher, appropriate_body=ab_user.appropriate_body, released=True
    )
    InductionPeriodFactory(teacher=teacher, started_on=d(2027, 1, 4))
    with pytest.raises(InductionError, match=re.escape(errors.PERIODS_OVERLAP)):
        correct(first, ab_user, actor, finished_on=d(2027, 1, 10))


def test_an_outcome_can_only_be_corrected_onto_the_latest_period(ab_user, actor):
    teacher = TeacherFactory()
    first = InductionPeriodFactory(
        teacher=teacher, appropriate_body=ab_user.appropriate_body, released=True
    )
    InductionPeriodFactory(teacher=teacher, started_on=d(2027, 1, 4))
    with pytest.raises(InductionError, match=re.escape(errors.OUTCOME_NEEDS_END)):
        correct(first, ab_user, actor, outcome="pass", finished_on=None, number_of_terms=None)
    with pytest.raises(InductionError, match=re.escape(errors.OUTCOME_NOT_ON_LATEST)):
        correct(first, ab_user, actor, outcome="pass")


def test_reopening_a_released_period_is_refused_while_another_is_open(ab_user, actor):
    teacher = TeacherFactory()
    first = InductionPeriodFactory(
        teacher=teacher, appropriate_body=ab_user.appropriate_body, released=True
    )
    InductionPeriodFactory(teacher=teacher, started_on=d(2027, 1, 4))
    with pytest.raises(InductionError, match=re.escape(errors.PERIODS_OVERLAP)):
        correct(first, ab_user, actor, finished_on=None, number_of_terms=None)
    assert InductionPeriod.objects.filter(teacher=teacher, finished_on__isnull=True).count() == 1


def test_removing_an_outcome_reopens_nothing_but_clears_the_decision(failed, ab_user, actor):
    correct(failed, ab_user, actor, reason="Recorded against the wrong teacher", outcome="")
    failed.refresh_from_db()
    assert failed.outcome == ""
    assert failed.outcome_recorded_on is None
    assert failed.finished_on == d(2026, 7, 17)
    assert TeacherRecord.objects.get(trn=failed.teacher.trn).induction_status == "in_progress"


def test_only_listed_fields_can_be_corrected(failed, ab_user, actor):
    with pytest.raises(TypeError):
        correct(failed, ab_user, actor, teacher=TeacherFactory())
    with pytest.raises(TypeError):
        correct(failed, ab_user, actor, appropriate_body=AppropriateBodyFactory())
