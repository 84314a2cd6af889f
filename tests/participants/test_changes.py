"""Changes after registration: leaving, mentors, and each detail of an ECT."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail

from ecte.events.models import Event
from ecte.events.record import Actor
from participants import changes, errors
from participants.models import Mentorship, TrainingPeriod
from participants.services import ParticipantError, assign_mentor
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    SchoolPartnershipFactory,
    TrainingPeriodFactory,
)

pytestmark = pytest.mark.django_db
actor = Actor.system("Test")


def refused(message):
    return pytest.raises(ParticipantError, match=f"^{re.escape(message)}$")


# --- leaving -----------------------------------------------------------------------------


def test_an_ect_leaving_ends_their_period_mentorship_and_training_and_tells_the_ab_and_lp(
    django_capture_on_commit_callbacks,
):
    mentorship = MentorshipFactory()
    ect = mentorship.ect_at_school_period
    ect.appropriate_body = AppropriateBodyFactory(email="ab@example.org")
    ect.save()
    training = TrainingPeriodFactory(ect_at_school_period=ect)
    MembershipFactory(
        lead_provider_user=True,
        lead_provider=training.school_partnership.lead_provider,
        user__email="lp@example.org",
    )
    with django_capture_on_commit_callbacks(execute=True):
        changes.report_ect_leaving(period=ect, left_on=datetime.date(2026, 12, 18), by=actor)
    ect.refresh_from_db()
    mentorship.refresh_from_db()
    training.refresh_from_db()
    assert ect.finished_on == mentorship.finished_on == training.finished_on
    left = Event.objects.get(event_type="ect_left_school", ect_at_school_period=ect)
    assert left.appropriate_body == ect.appropriate_body
    assert left.lead_provider == training.school_partnership.lead_provider
    assert mail.outbox[0].to == ["ab@example.org", "lp@example.org"]
    assert "leaving on 18 December 2026" in mail.outbox[0].body


def test_the_appropriate_body_holding_induction_is_told_of_a_leaver(
    django_capture_on_commit_callbacks,
):
    ect = ECTAtSchoolPeriodFactory()
    InductionPeriodFactory(
        teacher=ect.teacher, appropriate_body=AppropriateBodyFactory(email="holds@example.org")
    )
    with django_capture_on_commit_callbacks(execute=True):
        changes.report_ect_leaving(period=ect, left_on=datetime.date(2026, 12, 18), by=actor)
    assert mail.outbox[0].to == ["holds@example.org"]


def test_leaving_before_starting_is_refused():
    ect = ECTAtSchoolPeriodFactory()
    with refused(errors.FINISHES_BEFORE_START):
        changes.report_ect_leaving(period=ect, left_on=datetime.date(2026, 8, 31), by=actor)
    ect.refresh_from_db()
    assert ect.finished_on is None


def test_leaving_more_than_4_months_ahead_is_refused():
    ect = ECTAtSchoolPeriodFactory()
    with refused(errors.LEAVING_TOO_FAR_AHEAD.format(latest="23 March 2027")):
        changes.report_ect_leaving(period=ect, left_on=datetime.date(2027, 3, 24), by=actor)
    ect.refresh_from_db()
    assert ect.finished_on is None


def test_leaving_twice_is_refused():
    ect = ECTAtSchoolPeriodFactory(finished_on=datetime.date(2026, 10, 1))
    with refused(errors.ALREADY_FINISHED):
        changes.report_ect_leaving(period=ect, left_on=datetime.date(2026, 12, 1), by=actor)


def test_a_mentor_leaving_ends_their_mentorships():
    mentorship = MentorshipFactory()
    mentor = mentorship.mentor_at_school_period
    changes.report_mentor_leaving(period=mentor, left_on=datetime.date(2026, 12, 18), by=actor)
    mentor.refresh_from_db()
    mentorship.refresh_from_db()
    assert mentor.finished_on == mentorship.finished_on == datetime.date(2026, 12, 18)
    assert Event.objects.get(event_type="mentor_left_school").heading == (
        f"{mentor.teacher.full_name} stopped mentoring at {mentor.school.name}"
    )


def test_a_mentor_leaving_more_than_4_months_ahead_is_refused():
    mentor = MentorAtSchoolPeriodFactory()
    with refused(errors.LEAVING_TOO_FAR_AHEAD.format(latest="23 March 2027")):
        changes.report_mentor_leaving(period=mentor, left_on=datetime.date(2027, 5, 1), by=actor)


# --- the induction tutor as mentor (rule 15) -------------------------------------------------


def tutor_who_mentors():
    ect = ECTAtSchoolPeriodFactory()
    mentor = MentorAtSchoolPeriodFactory(school=ect.school, email="tutor@school.example")
    MembershipFactory(school=ect.school, user__email="tutor@school.example")
    return ect, mentor


def test_the_induction_tutor_as_mentor_needs_a_reason():
    ect, mentor = tutor_who_mentors()
    with refused(errors.INDUCTION_TUTOR_REASON_NEEDED):
        assign_mentor(ect_period=ect, mentor_period=mentor, started_on=ect.started_on, by=actor)
    with refused(errors.INDUCTION_TUTOR_REASON_NEEDED):
        assign_mentor(
            ect_period=ect,
            mentor_period=mentor,
            started_on=ect.started_on,
            induction_tutor_reason="   ",
            by=actor,
        )
    assert not Mentorship.objects.exists()


def test_the_induction_tutor_as_mentor_with_a_reason_is_recorded():
    ect, mentor = tutor_who_mentors()
    mentorship = assign_mentor(
        ect_period=ect,
        mentor_period=mentor,
        started_on=ect.started_on,
        induction_tutor_reason="Only experienced teacher of the subject",
        by=actor,
    )
    assert mentorship.induction_tutor_reason == "Only experienced teacher of the subject"
    event = Event.objects.get(event_type="mentor_assigned")
    assert event.body == (
        "The induction tutor is also the mentor because: Only experienced teacher of the subject"
    )


def test_the_induction_tutor_holding_the_mentors_role_is_the_same_person():
    ect = ECTAtSchoolPeriodFactory()
    mentor = MentorAtSchoolPeriodFactory(school=ect.school)
    tutor = MembershipFactory(school=ect.school)
    MembershipFactory(user=tutor.user, mentor=True, teacher=mentor.teacher)
    with refused(errors.INDUCTION_TUTOR_REASON_NEEDED):
        assign_mentor(ect_period=ect, mentor_period=mentor, started_on=ect.started_on, by=actor)


def test_an_induction_tutor_of_another_school_needs_no_reason():
    ect = ECTAtSchoolPeriodFactory()
    mentor = MentorAtSchoolPeriodFactory(school=ect.school, email="tutor@elsewhere.example")
    MembershipFactory(user__email="tutor@elsewhere.example")
    mentorship = assign_mentor(
        ect_period=ect, mentor_period=mentor, started_on=ect.started_on, by=actor
    )
    assert mentorship.induction_tutor_reason == ""


# --- changing details --------------------------------------------------------------------


def test_changing_the_name_keeps_the_old_one_in_the_event():
    ect = ECTAtSchoolPeriodFactory(teacher__first_name="Jo", teacher__last_name="Smith")
    changes.change_ect_name(period=ect, first_name="Joanna", last_name="Smith", by=actor)
    event = Event.objects.get(event_type="teacher_name_changed")
    assert event.heading == "Jo Smith's name was changed to Joanna Smith"
    assert event.before == {"name": "Jo Smith"}


def test_a_change_to_the_same_value_is_refused():
    ect = ECTAtSchoolPeriodFactory(teacher__first_name="Jo", teacher__last_name="Smith")
    with refused(errors.NOTHING_CHANGED):
        changes.change_ect_name(period=ect, first_name="Jo", last_name="Smith", by=actor)
    assert not Event.objects.exists()


def test_changing_the_email_to_one_in_use_is_refused():
    ect = ECTAtSchoolPeriodFactory()
    ECTAtSchoolPeriodFactory(email="taken@example.org")
    with refused(errors.EMAIL_IN_USE):
        changes.change_ect_email(period=ect, email="taken@example.org", by=actor)


def test_changing_the_working_pattern_records_before_and_after():
    ect = ECTAtSchoolPeriodFactory()
    changes.change_working_pattern(
        period=ect, working_pattern="part_time", fte=Decimal("0.5"), by=actor
    )
    ect.refresh_from_db()
    assert (ect.working_pattern, ect.fte) == ("part_time", Decimal("0.5"))
    event = Event.objects.get(event_type="ect_working_pattern_changed")
    assert event.heading == f"{ect.teacher.full_name} now works part-time (0.5 FTE)"
    assert event.before == {"working_pattern": "full_time", "fte": "1.00"}


def test_part_time_with_a_full_fte_is_refused():
    ect = ECTAtSchoolPeriodFactory()
    with refused(errors.PART_TIME_FTE):
        changes.change_working_pattern(
            period=ect, working_pattern="part_time", fte=Decimal("1"), by=actor
        )


def test_changing_the_appropriate_body_tells_the_old_and_the_new(
    django_capture_on_commit_callbacks,
):
    ect = ECTAtSchoolPeriodFactory(appropriate_body=AppropriateBodyFactory(email="old@ab.example"))
    new = AppropriateBodyFactory(email="new@ab.example")
    with django_capture_on_commit_callbacks(execute=True):
        changes.change_appropriate_body(period=ect, appropriate_body=new, by=actor)
    ect.refresh_from_db()
    assert ect.appropriate_body == new
    assert mail.outbox[0].to == ["new@ab.example", "old@ab.example"]


def test_the_schools_own_hub_cannot_be_chosen_later():
    ect = ECTAtSchoolPeriodFactory()
    with refused(errors.APPROPRIATE_BODY_NOT_ALLOWED):
        changes.change_appropriate_body(
            period=ect, appropriate_body=AppropriateBodyFactory(lead_school=ect.school), by=actor
        )


def test_changing_the_lead_provider_ends_the_old_training_yesterday():
    training = TrainingPeriodFactory()
    ect = training.ect_at_school_period
    other = SchoolPartnershipFactory(school=ect.school)
    new = changes.change_training(
        period=ect, training_programme="provider_led", school_partnership=other, by=actor
    )
    training.refresh_from_db()
    assert training.finished_on == datetime.date(2026, 11, 22)
    assert new.started_on == datetime.date(2026, 11, 23)
    assert new.school_partnership == other


def test_training_that_has_not_begun_is_corrected_in_place():
    training = TrainingPeriodFactory(
        ect_at_school_period__started_on=datetime.date(2027, 1, 4),
        started_on=datetime.date(2027, 1, 4),
    )
    ect = training.ect_at_school_period
    changes.change_training(period=ect, training_programme="school_led", by=actor)
    assert TrainingPeriod.objects.get().training_programme == "school_led"
    assert Event.objects.get(event_type="training_changed").before["training_programme"] == (
        "provider_led"
    )
