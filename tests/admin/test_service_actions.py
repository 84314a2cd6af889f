"""DfE admin changes induction data only through the services, each with a note: refused without
one, the service's rules shown when they refuse (nothing saved), and the change recorded in
the teacher's timeline with who made it and why."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.admin import helpers
from django.urls import reverse

from ecte.accounts.models import User
from ecte.admin_site import NOTE_REQUIRED
from ecte.events.models import Event
from induction import errors as induction_errors
from induction.models import Extension, InductionPeriod, Reduction
from participants import errors as participant_errors
from participants.admin import NOT_AN_ECT_NOW
from participants.models import ECTAtSchoolPeriod, MentorAtSchoolPeriod, Mentorship, Teacher
from tests.admin.conftest import signed_in_staff_client
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    ExtensionFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
)
from tests.induction.factories import ReductionFactory

pytestmark = pytest.mark.django_db

NOTE = "The appropriate body wrote to us after the appeal panel met"


def action_url(model, name: str, obj) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{name}", args=[obj.pk])


def teacher_page(client, teacher) -> str:
    return client.get(
        reverse("admin:participants_teacher_change", args=[teacher.pk])
    ).content.decode()


def assert_recorded(client, teacher, event_type: str, staff_user) -> Event:
    """One event of this type, by the staff member, carrying the note, shown on the teacher's
    admin page with who made the change."""
    event = Event.objects.get(teacher=teacher, event_type=event_type)
    assert event.author == staff_user
    assert event.author_role == "DfE staff (admin)"
    assert NOTE in event.body
    page = teacher_page(client, teacher)
    assert NOTE in page
    assert "Dana Price" in page
    return event


def period_answers(period, **changes) -> dict:
    answers = {
        "started_on": period.started_on.isoformat(),
        "finished_on": period.finished_on.isoformat() if period.finished_on else "",
        "number_of_terms": str(period.number_of_terms or ""),
        "induction_programme": period.induction_programme,
        "outcome": period.outcome,
        "told_of_right_to_appeal_on": "",
        "note": NOTE,
    }
    return {**answers, **changes}


# --- induction periods and outcomes -----------------------------------------------------------


def test_an_outcome_cannot_be_corrected_without_a_note(staff_client):
    period = InductionPeriodFactory(passed=True)
    response = staff_client.post(
        action_url(InductionPeriod, "correct", period),
        period_answers(period, outcome="fail", told_of_right_to_appeal_on="2026-07-20", note=" "),
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert NOTE_REQUIRED in page
    assert "<title>Error: Correct this induction period" in page
    period.refresh_from_db()
    assert period.outcome == "pass"
    assert not Event.objects.filter(teacher=period.teacher).exists()


def test_a_pass_recorded_in_error_is_corrected_to_a_fail_with_who_and_why(staff_client, staff_user):
    period = InductionPeriodFactory(passed=True)
    response = staff_client.post(
        action_url(InductionPeriod, "correct", period),
        period_answers(period, outcome="fail", told_of_right_to_appeal_on="2026-07-20"),
        follow=True,
    )
    assert f"Induction period corrected for {period.teacher.full_name}" in (
        response.content.decode()
    )
    period.refresh_from_db()
    assert period.outcome == "fail"
    assert period.told_of_right_to_appeal_on == datetime.date(2026, 7, 20)
    event = assert_recorded(staff_client, period.teacher, "induction_period_corrected", staff_user)
    assert event.before["outcome"] == "pass"
    assert event.after["outcome"] == "fail"


def test_an_open_period_is_closed_through_the_correction_service(staff_client, staff_user):
    period = InductionPeriodFactory()
    staff_client.post(
        action_url(InductionPeriod, "correct", period),
        period_answers(period, finished_on="2026-10-23", number_of_terms="0.5"),
    )
    period.refresh_from_db()
    assert period.finished_on == datetime.date(2026, 10, 23)
    assert period.number_of_terms == Decimal("0.5")
    assert_recorded(staff_client, period.teacher, "induction_period_corrected", staff_user)


def test_a_fail_without_the_appeal_notice_date_is_refused_and_nothing_is_saved(staff_client):
    period = InductionPeriodFactory(passed=True)
    response = staff_client.post(
        action_url(InductionPeriod, "correct", period), period_answers(period, outcome="fail")
    )
    assert response.status_code == 200
    assert induction_errors.APPEAL_NOTICE_REQUIRED in response.content.decode()
    period.refresh_from_db()
    assert period.outcome == "pass"
    assert not Event.objects.filter(teacher=period.teacher).exists()


def test_an_end_date_before_the_start_is_refused_with_the_services_message(staff_client):
    period = InductionPeriodFactory()
    response = staff_client.post(
        action_url(InductionPeriod, "correct", period),
        period_answers(period, finished_on="2026-08-01", number_of_terms="1"),
    )
    expected = induction_errors.ENDS_BEFORE_START.format(start=period.started_on)
    assert expected in response.content.decode()
    period.refresh_from_db()
    assert period.finished_on is None


def test_a_date_that_is_not_a_date_is_a_field_error(staff_client):
    period = InductionPeriodFactory()
    response = staff_client.post(
        action_url(InductionPeriod, "correct", period),
        period_answers(period, finished_on="31/02/2026"),
    )
    page = response.content.decode()
    assert "Enter the end date as a real date" in page
    assert 'aria-invalid="true"' in page
    period.refresh_from_db()
    assert period.finished_on is None


def test_the_correction_page_asks_for_the_current_values_and_a_note(staff_client):
    period = InductionPeriodFactory(passed=True)
    page = staff_client.get(action_url(InductionPeriod, "correct", period)).content.decode()
    assert "Correct this induction period" in page
    assert 'value="2026-07-17"' in page
    assert (
        '<label for="id_note" class="required">Note: why are you making this change?</label>'
        in (page)
    )


def test_an_ect_is_released_with_a_note_through_the_release_service(staff_client, staff_user):
    period = InductionPeriodFactory()
    staff_client.post(
        action_url(InductionPeriod, "release", period),
        {"finished_on": "2026-10-23", "number_of_terms": "0.5", "note": NOTE},
    )
    period.refresh_from_db()
    assert period.finished_on == datetime.date(2026, 10, 23)
    assert period.outcome == ""
    assert_recorded(staff_client, period.teacher, "induction_period_released", staff_user)


def test_a_release_with_too_precise_terms_is_refused_and_nothing_is_saved(staff_client):
    period = InductionPeriodFactory()
    response = staff_client.post(
        action_url(InductionPeriod, "release", period),
        {"finished_on": "2026-10-23", "number_of_terms": "0.125", "note": NOTE},
    )
    assert induction_errors.TERMS_TOO_PRECISE in response.content.decode()
    period.refresh_from_db()
    assert period.finished_on is None
    assert not Event.objects.filter(teacher=period.teacher).exists()


def test_a_release_needs_a_note(staff_client):
    period = InductionPeriodFactory()
    response = staff_client.post(
        action_url(InductionPeriod, "release", period),
        {"finished_on": "2026-10-23", "number_of_terms": "0.5", "note": ""},
    )
    assert NOTE_REQUIRED in response.content.decode()
    period.refresh_from_db()
    assert period.finished_on is None


def test_an_ended_period_offers_no_release(staff_client):
    period = InductionPeriodFactory(released=True)
    page = staff_client.get(
        reverse("admin:induction_inductionperiod_change", args=[period.pk])
    ).content.decode()
    assert action_url(InductionPeriod, "correct", period) in page
    assert action_url(InductionPeriod, "release", period) not in page


# --- extensions and reductions ----------------------------------------------------------------


def test_an_extension_is_corrected_with_a_note(staff_client, staff_user):
    extension = ExtensionFactory(number_of_terms=Decimal("2"))
    staff_client.post(
        action_url(Extension, "correct", extension), {"number_of_terms": "1.5", "note": NOTE}
    )
    extension.refresh_from_db()
    assert extension.number_of_terms == Decimal("1.5")
    assert_recorded(staff_client, extension.teacher, "induction_extension_corrected", staff_user)


def test_an_extension_of_no_terms_is_refused_and_nothing_is_saved(staff_client):
    extension = ExtensionFactory(number_of_terms=Decimal("2"))
    response = staff_client.post(
        action_url(Extension, "correct", extension), {"number_of_terms": "0", "note": NOTE}
    )
    assert induction_errors.EXTENSION_OUT_OF_RANGE in response.content.decode()
    extension.refresh_from_db()
    assert extension.number_of_terms == Decimal("2")
    assert not Event.objects.filter(teacher=extension.teacher).exists()


def test_an_extension_cannot_be_corrected_without_a_note(staff_client):
    extension = ExtensionFactory(number_of_terms=Decimal("2"))
    response = staff_client.post(
        action_url(Extension, "correct", extension), {"number_of_terms": "1", "note": ""}
    )
    assert NOTE_REQUIRED in response.content.decode()
    extension.refresh_from_db()
    assert extension.number_of_terms == Decimal("2")


def test_a_reduction_is_corrected_with_a_note(staff_client, staff_user):
    reduction = ReductionFactory()
    staff_client.post(
        action_url(Reduction, "correct", reduction),
        {"terms_required": "4", "teacher_consented_on": "2026-09-01", "note": NOTE},
    )
    reduction.refresh_from_db()
    assert reduction.terms_required == Decimal("4")
    assert_recorded(staff_client, reduction.teacher, "induction_reduction_corrected", staff_user)


def test_a_reduction_below_one_term_is_refused(staff_client):
    reduction = ReductionFactory()
    response = staff_client.post(
        action_url(Reduction, "correct", reduction),
        {"terms_required": "0.5", "teacher_consented_on": "2026-09-01", "note": NOTE},
    )
    assert induction_errors.REDUCTION_OUT_OF_RANGE in response.content.decode()
    reduction.refresh_from_db()
    assert reduction.terms_required == Decimal("3")


# --- leaving a school ---------------------------------------------------------------------------


def test_an_ects_time_at_a_school_is_ended_with_its_mentorship(staff_client, staff_user):
    mentorship = MentorshipFactory()
    period = mentorship.ect_at_school_period
    response = staff_client.post(
        action_url(ECTAtSchoolPeriod, "leave", period),
        {"left_on": "2026-10-23", "note": NOTE},
        follow=True,
    )
    assert f"time at {period.school.name} ended" in response.content.decode()
    period.refresh_from_db()
    mentorship.refresh_from_db()
    assert period.finished_on == datetime.date(2026, 10, 23)
    assert mentorship.finished_on == datetime.date(2026, 10, 23)
    assert_recorded(staff_client, period.teacher, "ect_left_school", staff_user)


def test_an_ect_cannot_leave_before_they_started(staff_client):
    period = ECTAtSchoolPeriodFactory()
    response = staff_client.post(
        action_url(ECTAtSchoolPeriod, "leave", period), {"left_on": "2026-08-01", "note": NOTE}
    )
    assert participant_errors.FINISHES_BEFORE_START in response.content.decode()
    period.refresh_from_db()
    assert period.finished_on is None
    assert not Event.objects.filter(teacher=period.teacher).exists()


def test_an_ect_cannot_leave_without_a_note(staff_client):
    period = ECTAtSchoolPeriodFactory()
    response = staff_client.post(
        action_url(ECTAtSchoolPeriod, "leave", period), {"left_on": "2026-10-23", "note": ""}
    )
    assert NOTE_REQUIRED in response.content.decode()
    period.refresh_from_db()
    assert period.finished_on is None


def test_a_mentors_time_at_a_school_is_ended(staff_client, staff_user):
    period = MentorAtSchoolPeriodFactory()
    staff_client.post(
        action_url(MentorAtSchoolPeriod, "leave", period), {"left_on": "2026-10-23", "note": NOTE}
    )
    period.refresh_from_db()
    assert period.finished_on == datetime.date(2026, 10, 23)
    assert_recorded(staff_client, period.teacher, "mentor_left_school", staff_user)


def test_an_ended_period_offers_no_change_and_refuses_one(staff_client):
    period = ECTAtSchoolPeriodFactory(finished_on=datetime.date(2026, 10, 1))
    url = action_url(ECTAtSchoolPeriod, "leave", period)
    page = staff_client.get(
        reverse("admin:participants_ectatschoolperiod_change", args=[period.pk])
    ).content.decode()
    assert url not in page
    response = staff_client.post(url, {"left_on": "2026-10-23", "note": NOTE}, follow=True)
    assert "this has already ended" in response.content.decode()
    period.refresh_from_db()
    assert period.finished_on == datetime.date(2026, 10, 1)


# --- mentors ----------------------------------------------------------------------------------


def test_a_mentorship_is_reassigned_to_another_mentor_at_the_school(staff_client, staff_user):
    mentorship = MentorshipFactory()
    new_mentor = MentorAtSchoolPeriodFactory(school=mentorship.ect_at_school_period.school)
    staff_client.post(
        action_url(Mentorship, "reassign", mentorship),
        {"mentor": new_mentor.pk, "started_on": "2026-11-02", "note": NOTE},
    )
    mentorship.refresh_from_db()
    assert mentorship.finished_on == datetime.date(2026, 11, 1)
    current = Mentorship.objects.get(finished_on__isnull=True)
    assert current.mentor_at_school_period == new_mentor
    teacher = mentorship.ect_at_school_period.teacher
    assert_recorded(staff_client, teacher, "mentor_assigned", staff_user)


def test_a_new_mentor_cannot_start_before_the_current_one(staff_client):
    mentorship = MentorshipFactory()
    ect_period = mentorship.ect_at_school_period
    new_mentor = MentorAtSchoolPeriodFactory(school=ect_period.school)
    response = staff_client.post(
        action_url(ECTAtSchoolPeriod, "assign_mentor", ect_period),
        {"mentor": new_mentor.pk, "started_on": "2026-09-01", "note": NOTE},
    )
    assert participant_errors.MENTORSHIP_STARTS_TOO_EARLY in response.content.decode()
    assert Mentorship.objects.count() == 1
    mentorship.refresh_from_db()
    assert mentorship.finished_on is None


def test_only_mentors_at_the_ects_school_can_be_chosen(staff_client):
    ect_period = ECTAtSchoolPeriodFactory()
    elsewhere = MentorAtSchoolPeriodFactory()
    response = staff_client.post(
        action_url(ECTAtSchoolPeriod, "assign_mentor", ect_period),
        {"mentor": elsewhere.pk, "started_on": "2026-11-02", "note": NOTE},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Mentorship.objects.exists()


# --- an ECT's name ----------------------------------------------------------------------------


def test_an_ects_name_is_changed_with_a_note(staff_client, staff_user):
    period = ECTAtSchoolPeriodFactory()
    teacher = period.teacher
    staff_client.post(
        action_url(Teacher, "change_name", teacher),
        {"first_name": "Priya", "last_name": "Sandhu", "note": NOTE},
    )
    teacher.refresh_from_db()
    assert teacher.full_name == "Priya Sandhu"
    assert_recorded(staff_client, teacher, "teacher_name_changed", staff_user)


def test_a_name_that_does_not_change_is_refused(staff_client):
    teacher = ECTAtSchoolPeriodFactory().teacher
    response = staff_client.post(
        action_url(Teacher, "change_name", teacher),
        {"first_name": teacher.first_name, "last_name": teacher.last_name, "note": NOTE},
    )
    assert participant_errors.NOTHING_CHANGED in response.content.decode()
    assert not Event.objects.filter(teacher=teacher).exists()


def test_a_teacher_who_is_not_an_ect_now_cannot_have_their_name_changed_here(staff_client):
    teacher = MentorAtSchoolPeriodFactory().teacher
    response = staff_client.get(action_url(Teacher, "change_name", teacher), follow=True)
    assert NOT_AN_ECT_NOW in response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(
        "admin:participants_teacher_change", args=[teacher.pk]
    )


# --- links, list actions and permission --------------------------------------------------------


def test_a_records_admin_page_links_to_the_changes_it_allows(staff_client):
    period = InductionPeriodFactory()
    page = staff_client.get(
        reverse("admin:induction_inductionperiod_change", args=[period.pk])
    ).content.decode()
    assert action_url(InductionPeriod, "correct", period) in page
    assert "Correct this induction period" in page


def test_the_list_action_opens_the_change_for_one_record(staff_client):
    period = InductionPeriodFactory()
    response = staff_client.post(
        reverse("admin:induction_inductionperiod_changelist"),
        {"action": "service_correct", helpers.ACTION_CHECKBOX_NAME: [period.pk]},
    )
    assert response.status_code == 302
    assert response.url == action_url(InductionPeriod, "correct", period)


def test_the_list_action_asks_for_exactly_one_record(staff_client):
    periods = InductionPeriodFactory.create_batch(2)
    response = staff_client.post(
        reverse("admin:induction_inductionperiod_changelist"),
        {"action": "service_correct", helpers.ACTION_CHECKBOX_NAME: [p.pk for p in periods]},
        follow=True,
    )
    assert "Choose one induction period to correct this induction period" in (
        response.content.decode()
    )


def test_staff_without_the_change_permission_cannot_make_changes():
    user = User.objects.create_user(
        "viewer@education.gov.uk", password="a-long-staff-password", is_staff=True
    )
    MembershipFactory(user=user, dfe_staff=True)
    client = signed_in_staff_client(user)
    period = InductionPeriodFactory()
    response = client.post(
        action_url(InductionPeriod, "correct", period),
        period_answers(period, finished_on="2026-10-23", number_of_terms="0.5"),
    )
    assert response.status_code == 403
    period.refresh_from_db()
    assert period.finished_on is None


def test_a_session_that_has_not_passed_mfa_cannot_make_changes(client, staff_user):
    client.force_login(staff_user)
    period = InductionPeriodFactory()
    response = client.post(
        action_url(InductionPeriod, "correct", period),
        period_answers(period, finished_on="2026-10-23", number_of_terms="0.5"),
    )
    assert response.status_code == 302
    period.refresh_from_db()
    assert period.finished_on is None


def test_a_teachers_page_links_to_their_induction_periods_and_the_name_change(staff_client):
    ect_period = ECTAtSchoolPeriodFactory()
    period = InductionPeriodFactory(teacher=ect_period.teacher)
    page = teacher_page(staff_client, ect_period.teacher)
    assert reverse("admin:induction_inductionperiod_change", args=[period.pk]) in page
    assert action_url(Teacher, "change_name", ect_period.teacher) in page
