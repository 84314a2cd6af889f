"""The statutory rules on claiming, releasing and recording outcomes (DOMAIN.md rules 1-3, 12)."""

import datetime
import re
from decimal import Decimal

import pytest

from ecte.events.models import Event
from ecte.events.record import Actor
from induction import errors
from induction.models import InductionPeriod
from induction.services import (
    InductionError,
    claim_ect,
    extend_induction,
    record_fail,
    record_pass,
    release_ect,
)
from participants.models import InductionStatus, TeacherRecord
from tests.factories import (
    AppropriateBodyFactory,
    InductionPeriodFactory,
    TeacherFactory,
    TeacherRecordFactory,
)

pytestmark = pytest.mark.django_db

SEPT = datetime.date(2026, 9, 1)
DEC = datetime.date(2026, 12, 18)


@pytest.fixture
def actor(ab_user):
    return Actor.for_membership(ab_user)


def claim(teacher, appropriate_body, actor, started_on=SEPT):
    return claim_ect(
        teacher=teacher,
        appropriate_body=appropriate_body,
        started_on=started_on,
        induction_programme="provider_led",
        by=actor,
    )


def test_claiming_opens_a_period_and_records_who_claimed(ab_user, actor):
    teacher = TeacherFactory()
    TeacherRecordFactory(trn=teacher.trn)
    period = claim(teacher, ab_user.appropriate_body, actor)
    assert period.is_open
    event = Event.objects.get(induction_period=period)
    assert event.heading == f"{ab_user.appropriate_body.name} claimed {teacher.full_name}"
    assert event.author == ab_user.user
    assert (
        TeacherRecord.objects.get(trn=teacher.trn).induction_status == InductionStatus.IN_PROGRESS
    )


def test_a_teacher_without_qts_cannot_be_claimed(ab_user, actor):
    with pytest.raises(InductionError, match=re.escape(errors.NO_QTS)):
        claim(TeacherFactory(no_qts=True), ab_user.appropriate_body, actor)
    assert not InductionPeriod.objects.exists()


def test_induction_cannot_start_before_the_qts_award_date(ab_user, actor):
    teacher = TeacherFactory(qts_awarded_on=datetime.date(2026, 9, 10))
    with pytest.raises(InductionError) as error:
        claim(teacher, ab_user.appropriate_body, actor, started_on=datetime.date(2026, 9, 9))
    assert (
        str(error.value)
        == "Induction cannot start before the teacher was awarded QTS on 10 September 2026"
    )


def test_induction_can_start_on_the_qts_award_date(ab_user, actor):
    teacher = TeacherFactory(qts_awarded_on=SEPT)
    assert claim(teacher, ab_user.appropriate_body, actor).started_on == SEPT


@pytest.mark.parametrize(
    ("trait", "message"),
    [
        ("passed", errors.ALREADY_PASSED),
        ("failed", errors.ALREADY_FAILED),
        ("exempt", errors.EXEMPT),
    ],
)
def test_a_teacher_whose_induction_is_over_cannot_start_another(ab_user, actor, trait, message):
    teacher = TeacherFactory()
    TeacherRecordFactory(trn=teacher.trn, **{trait: True})
    with pytest.raises(InductionError) as error:
        claim(teacher, ab_user.appropriate_body, actor)
    assert str(error.value) == message


def test_a_teacher_with_a_recorded_pass_cannot_be_claimed_again(ab_user, actor):
    teacher = TeacherFactory()
    InductionPeriodFactory(teacher=teacher, passed=True)
    with pytest.raises(InductionError, match="already passed induction"):
        claim(teacher, ab_user.appropriate_body, actor)


def test_another_appropriate_body_can_claim_only_after_release(ab_user, actor):
    teacher = TeacherFactory()
    holder = InductionPeriodFactory(teacher=teacher, started_on=SEPT).appropriate_body
    with pytest.raises(InductionError) as error:
        claim(teacher, ab_user.appropriate_body, actor, started_on=datetime.date(2027, 1, 4))
    assert str(error.value) == (
        f"{holder.name} holds this teacher's induction. They must release the teacher before you can claim them"
    )


def test_claiming_a_teacher_you_already_hold_is_refused(ab_user, actor):
    teacher = TeacherFactory()
    InductionPeriodFactory(teacher=teacher, appropriate_body=ab_user.appropriate_body)
    with pytest.raises(InductionError, match=errors.ALREADY_CLAIMED_BY_YOU):
        claim(teacher, ab_user.appropriate_body, actor, started_on=datetime.date(2027, 1, 4))


def test_a_new_period_must_start_after_the_previous_one_ended(ab_user, actor):
    teacher = TeacherFactory()
    InductionPeriodFactory(teacher=teacher, released=True)
    with pytest.raises(InductionError, match="previous induction period ended on 18 December 2026"):
        claim(teacher, ab_user.appropriate_body, actor, started_on=DEC)
    assert claim(
        teacher, ab_user.appropriate_body, actor, started_on=DEC + datetime.timedelta(days=1)
    ).pk


def test_release_closes_the_period_with_terms_and_keeps_before_and_after(actor):
    period = InductionPeriodFactory()
    released = release_ect(
        period=period, finished_on=DEC, number_of_terms=Decimal("1.25"), by=actor
    )
    assert released.finished_on == DEC
    assert released.number_of_terms == Decimal("1.25")
    assert released.outcome == ""
    event = Event.objects.get(event_type="induction_period_released")
    assert event.before == {"finished_on": None, "number_of_terms": None}
    assert event.after == {"finished_on": "2026-12-18", "number_of_terms": "1.25"}


@pytest.mark.parametrize(
    ("finished_on", "terms", "message"),
    [
        (
            datetime.date(2026, 8, 31),
            Decimal("1"),
            "The end date must be on or after the start date, 1 September 2026",
        ),
        (DEC, Decimal("16.5"), errors.TERMS_OUT_OF_RANGE),
        (DEC, Decimal("-1"), errors.TERMS_OUT_OF_RANGE),
        (DEC, Decimal("1.255"), errors.TERMS_TOO_PRECISE),
    ],
)
def test_release_refuses_bad_dates_and_terms(actor, finished_on, terms, message):
    period = InductionPeriodFactory()
    with pytest.raises(InductionError) as error:
        release_ect(period=period, finished_on=finished_on, number_of_terms=terms, by=actor)
    assert str(error.value) == message
    period.refresh_from_db()
    assert period.is_open


def test_a_released_period_cannot_be_released_again(actor):
    period = InductionPeriodFactory(released=True)
    with pytest.raises(InductionError, match=errors.ALREADY_CLOSED):
        release_ect(period=period, finished_on=DEC, number_of_terms=Decimal("1"), by=actor)


def test_pass_is_recorded_once_with_end_date_and_terms(actor):
    teacher = TeacherFactory()
    TeacherRecordFactory(trn=teacher.trn)
    period = InductionPeriodFactory(teacher=teacher, started_on=datetime.date(2024, 9, 2))
    record_pass(
        period=period,
        finished_on=datetime.date(2026, 7, 17),
        number_of_terms=Decimal("6"),
        by=actor,
    )
    period.refresh_from_db()
    assert period.outcome == "pass"
    assert TeacherRecord.objects.get(trn=teacher.trn).induction_status == InductionStatus.PASSED
    with pytest.raises(InductionError):
        record_pass(
            period=period,
            finished_on=datetime.date(2026, 7, 17),
            number_of_terms=Decimal("6"),
            by=actor,
        )


def test_outcome_cannot_be_recorded_on_an_earlier_period(actor):
    teacher = TeacherFactory()
    earlier = InductionPeriodFactory(
        teacher=teacher,
        started_on=datetime.date(2025, 9, 1),
        finished_on=datetime.date(2025, 12, 19),
        number_of_terms=Decimal("1"),
    )
    InductionPeriodFactory(teacher=teacher, started_on=datetime.date(2026, 1, 5))
    with pytest.raises(InductionError, match=errors.OUTCOME_NOT_ON_LATEST):
        record_pass(
            period=earlier,
            finished_on=datetime.date(2025, 12, 19),
            number_of_terms=Decimal("1"),
            by=actor,
        )


def test_fail_needs_the_date_the_ect_was_told_of_the_right_to_appeal(actor):
    period = InductionPeriodFactory(started_on=datetime.date(2024, 9, 2))
    with pytest.raises(InductionError, match=errors.APPEAL_NOTICE_REQUIRED):
        record_fail(
            period=period,
            finished_on=datetime.date(2026, 7, 17),
            number_of_terms=Decimal("6"),
            told_of_right_to_appeal_on=None,
            by=actor,
        )
    record_fail(
        period=period,
        finished_on=datetime.date(2026, 7, 17),
        number_of_terms=Decimal("6"),
        told_of_right_to_appeal_on=datetime.date(2026, 7, 20),
        by=actor,
    )
    event = Event.objects.get(event_type="induction_failed")
    assert event.body == "Told in writing of the right to appeal on 20 July 2026"
    period.refresh_from_db()
    assert period.told_of_right_to_appeal_on == datetime.date(2026, 7, 20)


def test_extension_adds_terms_and_is_refused_after_an_outcome(ab_user, actor):
    teacher = TeacherFactory()
    InductionPeriodFactory(
        teacher=teacher, appropriate_body=ab_user.appropriate_body, released=True
    )
    extension = extend_induction(
        teacher=teacher,
        appropriate_body=ab_user.appropriate_body,
        number_of_terms=Decimal("2"),
        by=actor,
    )
    assert extension.number_of_terms == Decimal("2")
    InductionPeriodFactory(teacher=teacher, appropriate_body=ab_user.appropriate_body, passed=True)
    with pytest.raises(InductionError, match=errors.EXTENSION_AFTER_OUTCOME):
        extend_induction(
            teacher=teacher,
            appropriate_body=ab_user.appropriate_body,
            number_of_terms=Decimal("1"),
            by=actor,
        )


@pytest.mark.parametrize("terms", [Decimal("0"), Decimal("-1"), Decimal("17")])
def test_extension_terms_out_of_range_are_refused(ab_user, actor, terms):
    with pytest.raises(InductionError, match=errors.EXTENSION_OUT_OF_RANGE):
        extend_induction(
            teacher=TeacherFactory(),
            appropriate_body=AppropriateBodyFactory(),
            number_of_terms=terms,
            by=actor,
        )


def test_only_the_appropriate_body_holding_the_teacher_can_extend(ab_user, actor):
    teacher = TeacherFactory()
    InductionPeriodFactory(teacher=teacher)
    with pytest.raises(InductionError, match=errors.EXTENSION_NOT_YOURS):
        extend_induction(
            teacher=teacher,
            appropriate_body=ab_user.appropriate_body,
            number_of_terms=Decimal("1"),
            by=actor,
        )


def test_a_teaching_school_hub_cannot_claim_an_ect_its_lead_school_employs(actor):
    from tests.factories import ECTAtSchoolPeriodFactory

    ect = ECTAtSchoolPeriodFactory()
    hub = AppropriateBodyFactory(lead_school=ect.school)
    with pytest.raises(InductionError, match=errors.HUB_EMPLOYS_ECT):
        claim(ect.teacher, hub, actor)
    other_hub = AppropriateBodyFactory()
    assert claim(ect.teacher, other_hub, actor).appropriate_body == other_hub
