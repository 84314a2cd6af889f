"""Registering an ECT or a mentor: the register lookup, every rule, once and only once."""

import datetime
import re
import threading
from decimal import Decimal

import pytest
from django.core import mail
from django.db import connection

from ecte.events.models import Event
from ecte.events.record import Actor
from participants import errors
from participants.models import (
    ECTAtSchoolPeriod,
    MentorAtSchoolPeriod,
    Teacher,
    TeacherRecord,
    TrainingPeriod,
)
from participants.registration import (
    RegistrationExit,
    look_up_ect,
    look_up_mentor,
    register_ect,
    register_mentor,
)
from participants.services import ParticipantError
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    LeadProviderFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TeacherFactory,
    TeacherRecordFactory,
)

pytestmark = pytest.mark.django_db
actor = Actor.system("Test")
BORN = datetime.date(1998, 4, 12)
JANUARY = datetime.date(2027, 1, 4)


@pytest.fixture
def school():
    return SchoolFactory(name="Oakfield Academy")


@pytest.fixture
def partnership(school):
    lead_provider = LeadProviderFactory(name="National Institute of Teaching")
    MembershipFactory(
        lead_provider_user=True, lead_provider=lead_provider, user__email="lp@niot.example"
    )
    return SchoolPartnershipFactory(school=school, lead_provider=lead_provider, academic_year=2026)


@pytest.fixture
def appropriate_body():
    return AppropriateBodyFactory(name="Aire Valley Teaching School Hub", email="ab@aire.example")


def register(school, record, **overrides):
    arguments = {
        "school": school,
        "trn": record.trn,
        "date_of_birth": record.date_of_birth,
        "first_name": record.first_name,
        "last_name": record.last_name,
        "email": "new.ect@oakfield.example",
        "started_on": JANUARY,
        "working_pattern": "full_time",
        "fte": Decimal("1"),
        "appropriate_body": None,
        "training_programme": "school_led",
        "school_partnership": None,
        "token": "token-1",
        "by": actor,
    }
    arguments.update(overrides)
    return register_ect(**arguments)


# --- the lookup --------------------------------------------------------------------------


def test_a_trn_not_on_the_register_is_not_found(school):
    with pytest.raises(RegistrationExit, match=re.escape(errors.NOT_FOUND)) as exit_:
        look_up_ect(trn="9999999", date_of_birth=BORN, school=school)
    assert exit_.value.kind == "not_found"


def test_a_wrong_date_of_birth_is_not_found(school):
    record = TeacherRecordFactory()
    with pytest.raises(RegistrationExit, match=re.escape(errors.NOT_FOUND)):
        look_up_ect(trn=record.trn, date_of_birth=datetime.date(1999, 1, 1), school=school)


@pytest.mark.parametrize(
    ("trait", "message"),
    [
        ("passed", errors.ALREADY_PASSED),
        ("failed", errors.ALREADY_FAILED),
        ("exempt", errors.EXEMPT),
    ],
)
def test_a_teacher_whose_induction_is_over_cannot_be_registered(school, trait, message):
    record = TeacherRecordFactory(**{trait: True})
    with pytest.raises(RegistrationExit) as exit_:
        look_up_ect(trn=record.trn, date_of_birth=BORN, school=school)
    assert str(exit_.value) == message.format(name=record.full_name)
    assert exit_.value.kind == trait


def test_a_teacher_who_passed_with_an_appropriate_body_here_cannot_be_registered(school):
    record = TeacherRecordFactory()
    InductionPeriodFactory(teacher=TeacherFactory(trn=record.trn), passed=True)
    with pytest.raises(RegistrationExit, match="has already passed induction"):
        look_up_ect(trn=record.trn, date_of_birth=BORN, school=school)


def test_an_ect_already_registered_here_is_an_exit_linking_to_their_record(school):
    record = TeacherRecordFactory()
    period = ECTAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn), school=school)
    with pytest.raises(RegistrationExit) as exit_:
        look_up_ect(trn=record.trn, date_of_birth=BORN, school=school)
    assert str(exit_.value) == errors.ALREADY_REGISTERED_HERE.format(name=record.full_name)
    assert exit_.value.period == period


def test_an_ect_at_another_school_is_a_transfer(school):
    record = TeacherRecordFactory()
    elsewhere = ECTAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn))
    lookup = look_up_ect(trn=record.trn, date_of_birth=BORN, school=school)
    assert lookup.transfer_from == elsewhere


def test_a_teacher_without_qts_can_be_found_and_waits_for_it(school):
    record = TeacherRecordFactory(no_qts=True)
    assert look_up_ect(trn=record.trn, date_of_birth=BORN, school=school).waiting_for_qts


# --- registering an ECT ------------------------------------------------------------------


def test_registering_an_ect_creates_the_teacher_period_training_and_events(
    school, partnership, appropriate_body, django_capture_on_commit_callbacks
):
    record = TeacherRecordFactory(first_name="Alice", last_name="Thornton")
    with django_capture_on_commit_callbacks(execute=True):
        result = register(
            school,
            record,
            appropriate_body=appropriate_body,
            training_programme="provider_led",
            school_partnership=partnership,
        )
    period = result.period
    assert result.created
    assert period.teacher.trn == record.trn
    assert period.teacher.full_name == "Alice Thornton"
    assert period.school == school
    assert period.appropriate_body == appropriate_body
    assert period.registration_token == "token-1"
    training = TrainingPeriod.objects.get(ect_at_school_period=period)
    assert training.school_partnership == partnership
    assert set(
        Event.objects.filter(teacher=period.teacher).values_list("event_type", flat=True)
    ) == {
        "ect_registered",
        "training_started",
    }
    # The ECT, the appropriate body and the lead provider are told.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "ab@aire.example",
        "lp@niot.example",
        "new.ect@oakfield.example",
    ]
    ect_email = next(m for m in mail.outbox if m.to == ["new.ect@oakfield.example"])
    assert (
        ect_email.subject
        == "You have been registered as an early career teacher at Oakfield Academy"
    )
    assert "starting on 4 January 2027" in ect_email.body


def test_no_email_is_sent_when_the_registration_rolls_back(
    school, django_capture_on_commit_callbacks
):
    record = TeacherRecordFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        register(school, record)
    assert len(callbacks) == 1
    assert mail.outbox == []


def test_submitting_the_same_journey_twice_registers_the_ect_once(school):
    record = TeacherRecordFactory()
    first = register(school, record)
    second = register(school, record)
    assert not second.created
    assert second.period == first.period
    assert ECTAtSchoolPeriod.objects.count() == 1
    assert Event.objects.filter(event_type="ect_registered").count() == 1


def test_a_second_journey_for_the_same_ect_is_refused_as_already_registered(school):
    record = TeacherRecordFactory()
    register(school, record)
    with pytest.raises(RegistrationExit, match="is already registered as an ECT at your school"):
        register(school, record, token="token-2")
    assert ECTAtSchoolPeriod.objects.count() == 1


def test_the_register_is_checked_again_when_registering(school):
    record = TeacherRecordFactory()
    TeacherRecord.objects.filter(pk=record.pk).update(induction_status="passed")
    with pytest.raises(RegistrationExit, match="has already passed induction"):
        register(school, record)
    assert not ECTAtSchoolPeriod.objects.exists()
    assert not Teacher.objects.exists()


def test_a_teacher_without_qts_is_registered_waiting_for_it(school):
    record = TeacherRecordFactory(no_qts=True)
    period = register(school, record).period
    assert period.teacher.qts_awarded_on is None


def test_a_corrected_name_is_kept_and_the_register_is_unchanged(school):
    record = TeacherRecordFactory(first_name="Jo", last_name="Smith")
    period = register(school, record, first_name="Joanna", last_name="Smith-Jones").period
    assert period.teacher.full_name == "Joanna Smith-Jones"
    record.refresh_from_db()
    assert record.full_name == "Jo Smith"


@pytest.mark.parametrize(
    ("started_on", "message"),
    [
        (datetime.date(2021, 8, 31), errors.START_BEFORE_2021),
        (
            datetime.date(2027, 3, 24),
            errors.START_TOO_FAR_AHEAD.format(latest="23 March 2027"),
        ),
    ],
)
def test_the_start_date_must_be_from_september_2021_and_at_most_4_months_ahead(
    school, started_on, message
):
    with pytest.raises(ParticipantError) as error:
        register(school, TeacherRecordFactory(), started_on=started_on)
    assert str(error.value) == message
    assert not ECTAtSchoolPeriod.objects.exists()


def test_the_start_date_may_be_exactly_4_months_ahead(school):
    assert register(school, TeacherRecordFactory(), started_on=datetime.date(2027, 3, 23)).created


def test_an_email_used_by_another_open_ect_is_refused(school):
    ECTAtSchoolPeriodFactory(email="Taken@Oakfield.example")
    with pytest.raises(ParticipantError) as error:
        register(school, TeacherRecordFactory(), email="taken@oakfield.example")
    assert str(error.value) == errors.EMAIL_IN_USE
    assert ECTAtSchoolPeriod.objects.count() == 1


def test_an_email_used_by_another_open_mentor_is_refused(school):
    MentorAtSchoolPeriodFactory(email="taken@oakfield.example")
    with pytest.raises(ParticipantError, match=re.escape(errors.EMAIL_IN_USE)):
        register(school, TeacherRecordFactory(), email="taken@oakfield.example")


def test_an_email_used_by_the_same_teacher_or_a_leaver_is_allowed(school):
    record = TeacherRecordFactory()
    MentorAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn), email="me@oakfield.example")
    ECTAtSchoolPeriodFactory(email="left@oakfield.example", finished_on=datetime.date(2026, 10, 1))
    assert register(school, record, email="me@oakfield.example").created
    assert register(
        school, TeacherRecordFactory(), email="left@oakfield.example", token="token-2"
    ).created


def test_a_hub_led_by_the_school_cannot_be_its_appropriate_body(school):
    own_hub = AppropriateBodyFactory(lead_school=school)
    with pytest.raises(ParticipantError) as error:
        register(school, TeacherRecordFactory(), appropriate_body=own_hub)
    assert str(error.value) == errors.APPROPRIATE_BODY_NOT_ALLOWED
    assert not ECTAtSchoolPeriod.objects.exists()


def test_a_state_school_cannot_choose_istip(school):
    istip = AppropriateBodyFactory(kind="national")
    with pytest.raises(ParticipantError, match=re.escape(errors.APPROPRIATE_BODY_NOT_ALLOWED)):
        register(school, TeacherRecordFactory(), appropriate_body=istip)


def test_an_independent_school_can_choose_istip():
    school = SchoolFactory(independent=True)
    istip = AppropriateBodyFactory(kind="national")
    assert register(school, TeacherRecordFactory(), appropriate_body=istip).created


def test_another_schools_partnership_is_refused(school):
    with pytest.raises(ParticipantError, match=re.escape(errors.PARTNERSHIP_NOT_THIS_SCHOOLS)):
        register(
            school,
            TeacherRecordFactory(),
            training_programme="provider_led",
            school_partnership=SchoolPartnershipFactory(),
        )


def test_a_partnership_for_another_year_is_refused(school):
    with pytest.raises(ParticipantError, match=re.escape(errors.PARTNERSHIP_NOT_THIS_SCHOOLS)):
        register(
            school,
            TeacherRecordFactory(),
            training_programme="provider_led",
            school_partnership=SchoolPartnershipFactory(school=school, academic_year=2025),
        )


def test_part_time_needs_an_fte_below_1(school):
    with pytest.raises(ParticipantError, match=re.escape(errors.PART_TIME_FTE)):
        register(school, TeacherRecordFactory(), working_pattern="part_time", fte=Decimal("1"))
    period = register(
        school, TeacherRecordFactory(), working_pattern="part_time", fte=Decimal("0.6")
    ).period
    assert period.fte == Decimal("0.6")


# --- transfers ---------------------------------------------------------------------------


def test_a_transfer_ends_the_other_schools_period_the_day_before(school):
    record = TeacherRecordFactory()
    teacher = TeacherFactory(trn=record.trn)
    old = ECTAtSchoolPeriodFactory(teacher=teacher, started_on=datetime.date(2025, 9, 1))
    holding = InductionPeriodFactory(teacher=teacher, started_on=datetime.date(2025, 9, 1))
    period = register(school, record, transfer_from_id=old.pk).period
    old.refresh_from_db()
    assert old.finished_on == datetime.date(2027, 1, 3)
    assert period.started_on == JANUARY
    transfer = Event.objects.get(event_type="ect_transferred")
    assert (
        transfer.heading == f"{record.full_name} moved from {old.school.name} to Oakfield Academy"
    )
    assert transfer.appropriate_body == holding.appropriate_body
    assert Event.objects.filter(event_type="ect_left_school", school=old.school).exists()


def test_a_transfer_tells_the_appropriate_body_holding_induction_to_release_them(
    school, appropriate_body, django_capture_on_commit_callbacks
):
    record = TeacherRecordFactory()
    teacher = TeacherFactory(trn=record.trn)
    old = ECTAtSchoolPeriodFactory(teacher=teacher, started_on=datetime.date(2025, 9, 1))
    InductionPeriodFactory(
        teacher=teacher,
        started_on=datetime.date(2025, 9, 1),
        appropriate_body=AppropriateBodyFactory(name="Old Hub", email="old@hub.example"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        register(school, record, transfer_from_id=old.pk, appropriate_body=appropriate_body)
    to_old = next(m for m in mail.outbox if m.to == ["old@hub.example"])
    assert "You hold their induction. They are moving school, so release them" in to_old.body
    assert any(m.to == ["ab@aire.example"] for m in mail.outbox)


def test_a_transfer_must_start_after_the_other_school_start(school):
    record = TeacherRecordFactory()
    old = ECTAtSchoolPeriodFactory(
        teacher=TeacherFactory(trn=record.trn), started_on=datetime.date(2027, 1, 4)
    )
    with pytest.raises(ParticipantError) as error:
        register(school, record, transfer_from_id=old.pk)
    assert str(error.value) == errors.START_NOT_AFTER_PREVIOUS_SCHOOL.format(
        school=old.school.name, started="4 January 2027"
    )
    old.refresh_from_db()
    assert old.finished_on is None


def test_a_start_before_leaving_the_previous_school_is_refused(school):
    record = TeacherRecordFactory()
    old = ECTAtSchoolPeriodFactory(
        teacher=TeacherFactory(trn=record.trn),
        started_on=datetime.date(2025, 9, 1),
        finished_on=datetime.date(2027, 1, 10),
    )
    with pytest.raises(ParticipantError) as error:
        register(school, record)
    assert str(error.value) == errors.START_NOT_AFTER_LEAVING_PREVIOUS_SCHOOL.format(
        school=old.school.name, finished="10 January 2027"
    )


def test_a_teacher_registered_elsewhere_since_the_lookup_must_be_started_again(school):
    record = TeacherRecordFactory()
    elsewhere = ECTAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn))
    with pytest.raises(RegistrationExit) as exit_:
        register(school, record, transfer_from_id=None)
    assert str(exit_.value) == errors.REGISTERED_ELSEWHERE_MEANWHILE.format(
        name=record.full_name, school=elsewhere.school.name
    )
    elsewhere.refresh_from_db()
    assert elsewhere.finished_on is None


@pytest.mark.django_db(transaction=True)
def test_two_tutors_registering_the_same_ect_at_once_create_one_registration():
    school = SchoolFactory()
    record = TeacherRecordFactory()
    barrier = threading.Barrier(2)
    outcomes = []

    def tutor(token):
        try:
            barrier.wait()
            outcomes.append(register(school, record, token=token).created)
        except ParticipantError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=tutor, args=(f"token-{n}",)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=str) == sorted(
        [True, errors.ALREADY_REGISTERED_HERE.format(name=record.full_name)], key=str
    )
    assert ECTAtSchoolPeriod.objects.count() == 1
    assert Teacher.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_click_registers_the_ect_once():
    school = SchoolFactory()
    record = TeacherRecordFactory()
    barrier = threading.Barrier(2)
    results = []

    def click():
        try:
            barrier.wait()
            results.append(register(school, record, token="same-token"))
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(result.created for result in results) == [False, True]
    assert results[0].period.pk == results[1].period.pk
    assert ECTAtSchoolPeriod.objects.count() == 1


# --- registering a mentor ----------------------------------------------------------------


def register_a_mentor(school, record, **overrides):
    arguments = {
        "school": school,
        "trn": record.trn,
        "date_of_birth": record.date_of_birth,
        "first_name": record.first_name,
        "last_name": record.last_name,
        "email": "mentor@oakfield.example",
        "started_on": JANUARY,
        "school_partnership": None,
        "token": "mentor-token",
        "by": actor,
    }
    arguments.update(overrides)
    return register_mentor(**arguments)


def test_registering_a_training_mentor_starts_their_funded_training(
    school, partnership, django_capture_on_commit_callbacks
):
    record = TeacherRecordFactory()
    with django_capture_on_commit_callbacks(execute=True):
        period = register_a_mentor(school, record, school_partnership=partnership).period
    training = TrainingPeriod.objects.get(mentor_at_school_period=period)
    assert training.school_partnership == partnership
    record.refresh_from_db()
    assert record.mentor_training_funded_in == 2026
    assert [m.to for m in mail.outbox] == [["mentor@oakfield.example"]]


def test_a_non_training_mentor_has_no_training(school, partnership):
    record = TeacherRecordFactory(mentor_ecf_terms_completed=6)
    period = register_a_mentor(school, record, school_partnership=partnership).period
    assert not TrainingPeriod.objects.filter(mentor_at_school_period=period).exists()
    record.refresh_from_db()
    assert record.mentor_training_funded_in is None


def test_a_mentor_funded_last_year_keeps_that_year_as_their_funded_year(school, partnership):
    record = TeacherRecordFactory(mentor_training_funded_in=2025)
    register_a_mentor(school, record, school_partnership=partnership)
    record.refresh_from_db()
    assert record.mentor_training_funded_in == 2025


def test_a_mentor_may_mentor_at_several_schools(school):
    record = TeacherRecordFactory()
    MentorAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn))
    lookup = look_up_mentor(trn=record.trn, date_of_birth=BORN, school=school)
    assert len(lookup.other_schools) == 1
    assert register_a_mentor(school, record).created
    assert MentorAtSchoolPeriod.objects.filter(teacher__trn=record.trn).count() == 2


def test_a_mentor_already_registered_here_is_an_exit(school):
    record = TeacherRecordFactory()
    MentorAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn), school=school)
    with pytest.raises(RegistrationExit) as exit_:
        register_a_mentor(school, record)
    assert str(exit_.value) == errors.ALREADY_MENTOR_HERE.format(name=record.full_name)


def test_the_ect_cannot_be_registered_as_their_own_mentor(school):
    record = TeacherRecordFactory()
    ect = ECTAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn), school=school)
    with pytest.raises(RegistrationExit) as exit_:
        look_up_mentor(trn=record.trn, date_of_birth=BORN, school=school, for_ect_period=ect)
    assert str(exit_.value) == errors.CANNOT_MENTOR_THEMSELVES.format(name=record.full_name)
    assert exit_.value.kind == "mentor_is_ect"


def test_a_mentor_whose_induction_is_over_can_be_registered(school):
    record = TeacherRecordFactory(passed=True)
    assert register_a_mentor(school, record).created


def test_submitting_the_mentor_journey_twice_registers_them_once(school):
    record = TeacherRecordFactory()
    first = register_a_mentor(school, record)
    second = register_a_mentor(school, record)
    assert not second.created
    assert first.period == second.period
    assert MentorAtSchoolPeriod.objects.count() == 1


def test_a_mentor_start_date_more_than_4_months_ahead_is_refused(school):
    with pytest.raises(ParticipantError, match="Start date must be no more than 4 months"):
        register_a_mentor(school, TeacherRecordFactory(), started_on=datetime.date(2027, 4, 1))
    assert not MentorAtSchoolPeriod.objects.exists()
