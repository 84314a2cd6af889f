"""Register a mentor, and assign or change an ECT's mentor."""

import datetime

import pytest

from participants.models import MentorAtSchoolPeriod, Mentorship, TeacherRecord, TrainingPeriod
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    SchoolPartnershipFactory,
    TeacherFactory,
    TeacherRecordFactory,
)
from tests.schools.factories import YearSetupFactory

pytestmark = pytest.mark.django_db

BASE = "/school/mentors/register"
FIND = {
    "trn": "2915634",
    "date_of_birth-day": "12",
    "date_of_birth-month": "4",
    "date_of_birth-year": "1998",
}
START = {"started_on-day": "4", "started_on-month": "1", "started_on-year": "2027"}


@pytest.fixture
def tutor():
    return MembershipFactory(school__name="Oakfield Academy", user__email="tutor@oakfield.example")


@pytest.fixture
def school(tutor):
    return tutor.school


@pytest.fixture
def signed_in(client, tutor):
    client.force_login(tutor.user)
    return client


@pytest.fixture
def record():
    return TeacherRecordFactory(first_name="Samuel", last_name="Osei", trn="2915634", passed=True)


def register_up_to_start(client, base=BASE):
    assert client.post(f"{base}/find/", FIND)["Location"] == f"{base}/name/"
    client.post(f"{base}/name/", {"first_name": "Samuel", "last_name": "Osei"})
    client.post(f"{base}/email/", {"email": "samuel.osei@oakfield.example"})
    return client.post(f"{base}/start-date/", START)


def test_registering_a_training_mentor_with_the_schools_lead_provider(signed_in, school, record):
    setup = YearSetupFactory(
        school=school, school_partnership__lead_provider__name="National Institute of Teaching"
    )
    assert register_up_to_start(signed_in)["Location"] == f"{BASE}/lead-provider/"
    page = signed_in.get(f"{BASE}/lead-provider/").content.decode()
    assert "Which lead provider will train Samuel Osei?" in page
    assert "checked" in page  # the school's choice for the year
    signed_in.post(f"{BASE}/lead-provider/", {"partnership": str(setup.school_partnership.pk)})
    check = signed_in.get(f"{BASE}/check-answers/").content.decode()
    assert "Training mentor. They have not completed 6 terms of an ECF mentor programme" in check
    assert "Funded. Their training is funded for 2026 to 2027" in check
    assert "National Institute of Teaching" in check
    response = signed_in.post(f"{BASE}/check-answers/")
    period = MentorAtSchoolPeriod.objects.get()
    assert response["Location"] == f"/school/mentors/{period.pk}/registered/"
    assert TrainingPeriod.objects.get(mentor_at_school_period=period).school_partnership == (
        setup.school_partnership
    )
    confirmation = signed_in.get(response["Location"]).content.decode()
    assert "Samuel Osei has been registered as a mentor" in confirmation
    assert TeacherRecord.objects.get(trn="2915634").mentor_training_funded_in == 2026


def test_a_non_training_mentor_is_not_asked_for_a_lead_provider(signed_in, school):
    TeacherRecordFactory(trn="2915634", mentor_ectp_terms_completed=3)
    SchoolPartnershipFactory(school=school, academic_year=2026)
    assert register_up_to_start(signed_in)["Location"] == f"{BASE}/check-answers/"
    check = signed_in.get(f"{BASE}/check-answers/").content.decode()
    assert "Non-training mentor. They have completed 3 terms of an ECTP mentor programme" in check
    signed_in.post(f"{BASE}/check-answers/")
    assert not TrainingPeriod.objects.exists()


def test_a_mentor_funded_before_is_shown_as_not_funded(signed_in, school):
    TeacherRecordFactory(trn="2915634", mentor_training_funded_in=2025)
    register_up_to_start(signed_in)
    check = signed_in.get(f"{BASE}/check-answers/").content.decode()
    assert "Not funded. Their training was funded in 2025 to 2026" in check


def test_a_mentor_at_another_school_may_be_registered_here_too(signed_in, record):
    MentorAtSchoolPeriodFactory(
        teacher=TeacherFactory(trn=record.trn), school__name="St Anne's Primary"
    )
    register_up_to_start(signed_in)
    check = signed_in.get(f"{BASE}/check-answers/").content.decode()
    assert "Also mentors at" in check
    assert "St Anne&#39;s Primary" in check
    signed_in.post(f"{BASE}/check-answers/")
    assert MentorAtSchoolPeriod.objects.count() == 2


def test_a_mentor_already_registered_here_ends_on_an_explanation(signed_in, school, record):
    period = MentorAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn), school=school)
    assert signed_in.post(f"{BASE}/find/", FIND)["Location"] == f"{BASE}/cannot-register/"
    page = signed_in.get(f"{BASE}/cannot-register/").content.decode()
    assert "Samuel Osei is already registered as a mentor at your school." in page
    assert f'href="/school/mentors/{period.pk}/"' in page


def test_a_bad_mentor_start_date_is_refused_and_nothing_saved(signed_in, record):
    signed_in.post(f"{BASE}/find/", FIND)
    page = signed_in.post(
        f"{BASE}/start-date/",
        {"started_on-day": "1", "started_on-month": "6", "started_on-year": "2027"},
    ).content.decode()
    assert "Start date must be no more than 4 months from today, on or before 23 March 2027" in page
    assert not MentorAtSchoolPeriod.objects.exists()


def test_another_role_cannot_register_a_mentor(client):
    client.force_login(MembershipFactory(mentor=True).user)
    assert client.get(f"{BASE}/find/").status_code == 403


# --- assigning a mentor ------------------------------------------------------------------


@pytest.fixture
def ect(school):
    return ECTAtSchoolPeriodFactory(
        school=school, teacher__first_name="Alice", teacher__last_name="Thornton"
    )


def test_assigning_a_mentor(signed_in, school, ect):
    mentor = MentorAtSchoolPeriodFactory(
        school=school, teacher__first_name="Samuel", teacher__last_name="Osei"
    )
    base = f"/school/ects/{ect.pk}/mentor"
    page = signed_in.get(f"{base}/mentor/").content.decode()
    assert "Who will mentor Alice Thornton?" in page
    assert "Samuel Osei" in page
    assert ect.teacher.full_name not in page.split("govuk-radios")[1]
    assert (
        signed_in.post(f"{base}/mentor/", {"mentor": str(mentor.pk)})["Location"]
        == f"{base}/check-answers/"
    )
    check = signed_in.get(f"{base}/check-answers/").content.decode()
    assert "23 November 2026" in check
    response = signed_in.post(f"{base}/check-answers/")
    assert response["Location"] == f"/school/ects/{ect.pk}/mentor/assigned/"
    assert (
        "Samuel Osei will mentor Alice Thornton"
        in signed_in.get(response["Location"]).content.decode()
    )
    assert Mentorship.objects.get().mentor_at_school_period == mentor


def test_changing_a_mentor_ends_the_old_mentorship(signed_in, school, ect):
    old = MentorshipFactory(ect_at_school_period=ect)
    new = MentorAtSchoolPeriodFactory(school=school)
    base = f"/school/ects/{ect.pk}/mentor"
    signed_in.post(f"{base}/mentor/", {"mentor": str(new.pk)})
    assert "Replaces" in signed_in.get(f"{base}/check-answers/").content.decode()
    signed_in.post(f"{base}/check-answers/")
    old.refresh_from_db()
    assert old.finished_on == datetime.date(2026, 11, 22)


def test_the_induction_tutor_as_mentor_is_warned_and_asked_why(signed_in, school, ect):
    tutor_mentor = MentorAtSchoolPeriodFactory(school=school, email="tutor@oakfield.example")
    base = f"/school/ects/{ect.pk}/mentor"
    assert (
        signed_in.post(f"{base}/mentor/", {"mentor": str(tutor_mentor.pk)})["Location"]
        == f"{base}/reason/"
    )
    page = signed_in.get(f"{base}/reason/").content.decode()
    assert "The induction tutor and the mentor should be different people" in page
    error = signed_in.post(f"{base}/reason/", {"reason": "  "}).content.decode()
    assert "Enter why the induction tutor will also be this ECT&#39;s mentor" in error
    assert signed_in.post(f"{base}/check-answers/")["Location"] == f"{base}/reason/"
    assert not Mentorship.objects.exists()
    signed_in.post(f"{base}/reason/", {"reason": "Only physics specialist"})
    signed_in.post(f"{base}/check-answers/")
    assert Mentorship.objects.get().induction_tutor_reason == "Only physics specialist"


def test_choosing_no_mentor_is_an_error(signed_in, school, ect):
    MentorAtSchoolPeriodFactory(school=school)
    page = signed_in.post(f"/school/ects/{ect.pk}/mentor/mentor/", {}).content.decode()
    assert "Select a mentor" in page


def test_a_mentor_of_another_school_cannot_be_posted(signed_in, ect):
    MentorAtSchoolPeriodFactory(school=ect.school)
    elsewhere = MentorAtSchoolPeriodFactory()
    page = signed_in.post(
        f"/school/ects/{ect.pk}/mentor/mentor/", {"mentor": str(elsewhere.pk)}
    ).content.decode()
    assert "Select a mentor" in page
    assert not Mentorship.objects.exists()


def test_registering_a_new_mentor_for_an_ect_then_assigns_them(signed_in, ect, record):
    base = f"/school/ects/{ect.pk}/register-mentor"
    register_up_to_start(signed_in, base)
    response = signed_in.post(f"{base}/check-answers/")
    assert response["Location"] == f"/school/ects/{ect.pk}/mentor/check-answers/"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Samuel Osei has been registered as a mentor" in page
    assert "Samuel Osei" in page
    signed_in.post(response["Location"])
    assert Mentorship.objects.get().mentor_at_school_period.teacher.trn == "2915634"


def test_the_ect_cannot_be_registered_as_their_own_mentor(signed_in, school):
    record = TeacherRecordFactory(trn="2915634")
    ect = ECTAtSchoolPeriodFactory(school=school, teacher=TeacherFactory(trn=record.trn))
    base = f"/school/ects/{ect.pk}/register-mentor"
    assert signed_in.post(f"{base}/find/", FIND)["Location"] == f"{base}/cannot-register/"
    page = signed_in.get(f"{base}/cannot-register/").content.decode()
    assert "is the ECT, and a mentor cannot mentor themselves" in page


def test_another_schools_ect_cannot_be_given_a_mentor(signed_in):
    other = ECTAtSchoolPeriodFactory()
    assert signed_in.get(f"/school/ects/{other.pk}/mentor/mentor/").status_code == 404
    assert signed_in.get(f"/school/ects/{other.pk}/register-mentor/find/").status_code == 404
    assert signed_in.post(f"/school/ects/{other.pk}/register-mentor/find/", FIND).status_code == 404


def test_another_role_cannot_assign_a_mentor(client, ect):
    client.force_login(MembershipFactory(ect=True, teacher=ect.teacher).user)
    assert client.get(f"/school/ects/{ect.pk}/mentor/mentor/").status_code == 403
