"""Register an ECT: the question pages, the exits, check your answers and the confirmation."""

import datetime

import pytest
from django.core import mail

from ecte.events.models import Event
from participants.models import ECTAtSchoolPeriod, Teacher
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    SchoolPartnershipFactory,
    TeacherFactory,
    TeacherRecordFactory,
)
from tests.schools.factories import YearSetupFactory

pytestmark = pytest.mark.django_db

BASE = "/school/ects/register"


@pytest.fixture
def tutor():
    return MembershipFactory(school__name="Oakfield Academy")


@pytest.fixture
def school(tutor):
    return tutor.school


@pytest.fixture
def setup(school):
    return YearSetupFactory(
        school=school,
        appropriate_body=AppropriateBodyFactory(
            name="Aire Valley Teaching School Hub", email="ab@aire.example"
        ),
        school_partnership__lead_provider__name="National Institute of Teaching",
        school_partnership__delivery_partner__name="Northern Lights",
    )


@pytest.fixture
def signed_in(client, tutor):
    client.force_login(tutor.user)
    return client


@pytest.fixture
def record():
    return TeacherRecordFactory(first_name="Alice", last_name="Thornton", trn="4221705")


FIND = {
    "trn": "4221705",
    "date_of_birth-day": "12",
    "date_of_birth-month": "4",
    "date_of_birth-year": "1998",
}
START = {"started_on-day": "4", "started_on-month": "1", "started_on-year": "2027"}


def post(client, step, data, follow=False):
    return client.post(f"{BASE}/{step}/", data, follow=follow)


def answer_up_to_choices(client, find=FIND):
    assert post(client, "find", find)["Location"] == f"{BASE}/name/"
    assert (
        post(client, "name", {"first_name": "Alice", "last_name": "Thornton"})["Location"]
        == f"{BASE}/email/"
    )
    assert (
        post(client, "email", {"email": "Alice.Thornton@oakfield.example"})["Location"]
        == f"{BASE}/start-date/"
    )
    assert post(client, "start-date", START)["Location"] == f"{BASE}/working-pattern/"


def test_registering_an_ect_with_the_schools_choices(
    signed_in, setup, record, django_capture_on_commit_callbacks
):
    page = signed_in.get(f"{BASE}/find/").content.decode()
    assert "Find the early career teacher" in page
    answer_up_to_choices(signed_in)
    assert (
        post(signed_in, "working-pattern", {"working_pattern": "full_time"})["Location"]
        == f"{BASE}/use-school-choices/"
    )
    choices = signed_in.get(f"{BASE}/use-school-choices/").content.decode()
    assert "Use your school&#39;s choices for 2026 to 2027?" in choices
    assert "Appropriate body: Aire Valley Teaching School Hub." in choices
    assert (
        post(signed_in, "use-school-choices", {"answer": "yes"})["Location"]
        == f"{BASE}/check-answers/"
    )

    check = signed_in.get(f"{BASE}/check-answers/").content.decode()
    for text in (
        "Alice Thornton",
        "4221705",
        "12 April 1998",
        "alice.thornton@oakfield.example",
        "4 January 2027",
        "Full-time",
        "Aire Valley Teaching School Hub",
        "Provider-led with National Institute of Teaching and Northern Lights",
    ):
        assert text in check
    assert f'href="{BASE}/email/?change=1"' in check

    with django_capture_on_commit_callbacks(execute=True):
        response = post(signed_in, "check-answers", {})
    period = ECTAtSchoolPeriod.objects.get()
    assert response["Location"] == f"/school/ects/{period.pk}/registered/"
    assert period.appropriate_body == setup.appropriate_body
    assert period.training_periods.get().school_partnership == setup.school_partnership

    confirmation = signed_in.get(response["Location"]).content.decode()
    assert "Alice Thornton has been registered" in confirmation
    assert "govuk-panel" in confirmation
    assert "Alice Thornton at alice.thornton@oakfield.example" in confirmation
    assert "Aire Valley Teaching School Hub" in confirmation
    assert "National Institute of Teaching" in confirmation
    assert {m.to[0] for m in mail.outbox} >= {"alice.thornton@oakfield.example", "ab@aire.example"}


def test_submitting_check_answers_twice_registers_once(signed_in, setup, record):
    answer_up_to_choices(signed_in)
    post(signed_in, "working-pattern", {"working_pattern": "full_time"})
    post(signed_in, "use-school-choices", {"answer": "yes"})
    first = post(signed_in, "check-answers", {})
    second = post(signed_in, "check-answers", {})
    assert first["Location"].endswith("/registered/")
    assert second["Location"] == f"{BASE}/find/"
    assert ECTAtSchoolPeriod.objects.count() == 1
    assert Event.objects.filter(event_type="ect_registered").count() == 1


def test_choosing_different_choices_asks_for_them(signed_in, setup, record, school):
    other_hub = AppropriateBodyFactory(name="Pennine Teaching School Hub")
    answer_up_to_choices(signed_in)
    post(signed_in, "working-pattern", {"working_pattern": "part_time"})
    assert post(signed_in, "fte", {"fte": "0.6"})["Location"] == f"{BASE}/use-school-choices/"
    assert (
        post(signed_in, "use-school-choices", {"answer": "no"})["Location"]
        == f"{BASE}/appropriate-body/"
    )
    assert (
        post(signed_in, "appropriate-body", {"appropriate_body": other_hub.pk})["Location"]
        == f"{BASE}/training/"
    )
    assert (
        post(signed_in, "training", {"training": "school_led"})["Location"]
        == f"{BASE}/check-answers/"
    )
    check = signed_in.get(f"{BASE}/check-answers/").content.decode()
    assert "Part-time, 0.6 FTE" in check
    assert "Pennine Teaching School Hub" in check
    post(signed_in, "check-answers", {})
    period = ECTAtSchoolPeriod.objects.get()
    assert period.appropriate_body == other_hub
    assert period.training_periods.get().training_programme == "school_led"


def test_a_school_with_no_choices_for_the_year_is_asked_for_them(signed_in, record):
    answer_up_to_choices(signed_in)
    assert (
        post(signed_in, "working-pattern", {"working_pattern": "full_time"})["Location"]
        == f"{BASE}/appropriate-body/"
    )
    page = signed_in.get(f"{BASE}/training/").content.decode()
    assert "only school-led training can be chosen" in page


def test_the_schools_own_hub_is_not_offered(signed_in, school, record):
    AppropriateBodyFactory(name="Our Own Hub", lead_school=school)
    AppropriateBodyFactory(name="National ISTIP", kind="national")
    answer_up_to_choices(signed_in)
    post(signed_in, "working-pattern", {"working_pattern": "full_time"})
    page = signed_in.get(f"{BASE}/appropriate-body/").content.decode()
    assert "Our Own Hub" not in page
    assert "National ISTIP" not in page


# --- exits -------------------------------------------------------------------------------


def test_a_teacher_not_on_the_register_ends_on_an_explanation(signed_in):
    response = post(signed_in, "find", FIND)
    assert response["Location"] == f"{BASE}/cannot-register/"
    page = signed_in.get(response["Location"]).content.decode()
    assert "We cannot find this teacher" in page
    assert (
        "We could not find a teacher with this teacher reference number (TRN) and date of birth."
        in page
    )
    assert f'href="{BASE}/find/"' in page
    assert not Teacher.objects.exists()


@pytest.mark.parametrize(
    ("trait", "text"),
    [
        (
            "passed",
            "Alice Thornton has already passed induction. A teacher can only do induction once.",
        ),
        ("failed", "Alice Thornton has failed induction. A teacher can only do induction once."),
        ("exempt", "Alice Thornton is exempt from induction, so they do not need to do it."),
    ],
)
def test_a_teacher_whose_induction_is_over_ends_on_an_explanation(signed_in, trait, text):
    TeacherRecordFactory(first_name="Alice", last_name="Thornton", trn="4221705", **{trait: True})
    post(signed_in, "find", FIND)
    page = signed_in.get(f"{BASE}/cannot-register/").content.decode()
    assert text in page
    # Later questions cannot be reached around the exit.
    assert signed_in.get(f"{BASE}/email/")["Location"] == f"{BASE}/cannot-register/"
    assert signed_in.post(f"{BASE}/check-answers/")["Location"] == f"{BASE}/cannot-register/"
    assert not ECTAtSchoolPeriod.objects.exists()


def test_an_ect_already_registered_here_links_to_their_record(signed_in, school, record):
    period = ECTAtSchoolPeriodFactory(teacher=TeacherFactory(trn=record.trn), school=school)
    post(signed_in, "find", FIND)
    page = signed_in.get(f"{BASE}/cannot-register/").content.decode()
    assert "This ECT is already registered at your school" in page
    assert f'href="/school/ects/{period.pk}/"' in page


def test_a_teacher_without_qts_is_registered_waiting_for_it(signed_in, setup):
    TeacherRecordFactory(first_name="Alice", last_name="Thornton", trn="4221705", no_qts=True)
    answer_up_to_choices(signed_in)
    post(signed_in, "working-pattern", {"working_pattern": "full_time"})
    post(signed_in, "use-school-choices", {"answer": "yes"})
    check = signed_in.get(f"{BASE}/check-answers/").content.decode()
    assert "Waiting for QTS: their appropriate body cannot start induction until then" in check
    response = post(signed_in, "check-answers", {})
    page = signed_in.get(response["Location"]).content.decode()
    assert "Their appropriate body cannot start their induction until they have it" in page


def test_an_ect_at_another_school_is_registered_as_a_transfer(signed_in, setup, record):
    old = ECTAtSchoolPeriodFactory(
        teacher=TeacherFactory(trn=record.trn),
        school__name="Brookfield Primary",
        started_on=datetime.date(2025, 9, 1),
    )
    assert post(signed_in, "find", FIND)["Location"] == f"{BASE}/transfer/"
    page = signed_in.get(f"{BASE}/transfer/").content.decode()
    assert "Alice Thornton is registered at Brookfield Primary" in page
    assert "ends on the day before they start with you" in page
    assert post(signed_in, "transfer", {})["Location"] == f"{BASE}/name/"
    post(signed_in, "name", {"first_name": "Alice", "last_name": "Thornton"})
    post(signed_in, "email", {"email": "alice@oakfield.example"})
    post(signed_in, "start-date", START)
    post(signed_in, "working-pattern", {"working_pattern": "full_time"})
    post(signed_in, "use-school-choices", {"answer": "yes"})
    assert "Moving from" in signed_in.get(f"{BASE}/check-answers/").content.decode()
    post(signed_in, "check-answers", {})
    old.refresh_from_db()
    assert old.finished_on == datetime.date(2027, 1, 3)


# --- bad answers: the error, what was typed, and nothing saved ------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({**FIND, "trn": ""}, "Enter a teacher reference number (TRN)"),
        ({**FIND, "trn": "12345"}, "Teacher reference number must be 7 digits, like 1234567"),
        (
            {
                "trn": "4221705",
                "date_of_birth-day": "",
                "date_of_birth-month": "",
                "date_of_birth-year": "",
            },
            "Enter their date of birth",
        ),
        ({**FIND, "date_of_birth-month": "13"}, "Date of birth must be a real date"),
        ({**FIND, "date_of_birth-year": "2030"}, "Date of birth must be in the past"),
    ],
)
def test_bad_find_answers_are_shown_with_the_error(signed_in, record, data, message):
    response = post(signed_in, "find", data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert message in page
    assert "<title>Error: " in page
    assert signed_in.get(f"{BASE}/name/")["Location"] == f"{BASE}/find/"


@pytest.mark.parametrize(
    ("step", "data", "message", "typed"),
    [
        (
            "email",
            {"email": "not-an-email"},
            "Enter an email address in the correct format, like name@example.com",
            "not-an-email",
        ),
        ("email", {"email": ""}, "Enter their email address", None),
        (
            "start-date",
            {"started_on-day": "1", "started_on-month": "8", "started_on-year": "2021"},
            "Start date must be on or after 1 September 2021",
            "2021",
        ),
        (
            "start-date",
            {"started_on-day": "24", "started_on-month": "3", "started_on-year": "2027"},
            "Start date must be no more than 4 months from today, on or before 23 March 2027",
            "2027",
        ),
        ("working-pattern", {}, "Select whether they work full-time or part-time", None),
        ("name", {"first_name": "", "last_name": "Thornton"}, "Enter their first name", "Thornton"),
    ],
)
def test_bad_answers_are_shown_with_the_error_and_what_was_typed(
    signed_in, record, step, data, message, typed
):
    post(signed_in, "find", FIND)
    response = post(signed_in, step, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "There is a problem" in page
    if typed:
        assert f'value="{typed}"' in page
    assert not ECTAtSchoolPeriod.objects.exists()


def test_an_email_used_by_another_ect_is_refused(signed_in, record):
    ECTAtSchoolPeriodFactory(email="taken@oakfield.example")
    post(signed_in, "find", FIND)
    page = post(signed_in, "email", {"email": "taken@oakfield.example"}).content.decode()
    assert (
        "This email address is already used by another ECT or mentor. Enter a different email address"
        in page
    )


@pytest.mark.parametrize(
    ("fte", "message"),
    [
        ("1", "Part-time hours must be more than 0 and less than 1 full-time equivalent, like 0.5"),
        ("0", "Part-time hours must be more than 0 and less than 1 full-time equivalent, like 0.5"),
        ("half", "Full-time equivalent must be a number, like 0.5"),
        ("0.333", "Full-time equivalent can have up to 2 decimal places, like 0.75"),
    ],
)
def test_a_bad_fte_is_refused(signed_in, record, fte, message):
    answer_up_to_choices(signed_in)
    post(signed_in, "working-pattern", {"working_pattern": "part_time"})
    page = post(signed_in, "fte", {"fte": fte}).content.decode()
    assert message in page


def test_another_schools_partnership_cannot_be_posted(signed_in, record):
    foreign = SchoolPartnershipFactory(academic_year=2026)
    answer_up_to_choices(signed_in)
    post(signed_in, "working-pattern", {"working_pattern": "full_time"})
    page = post(signed_in, "training", {"training": str(foreign.pk)}).content.decode()
    assert "Select how they will be trained" in page


def test_a_later_question_before_the_first_goes_to_the_first(signed_in):
    assert signed_in.get(f"{BASE}/start-date/")["Location"] == f"{BASE}/find/"
    assert signed_in.get(f"{BASE}/check-answers/")["Location"] == f"{BASE}/find/"


# --- access ------------------------------------------------------------------------------


def test_another_role_cannot_register_an_ect(client):
    client.force_login(MembershipFactory(appropriate_body_user=True).user)
    assert client.get(f"{BASE}/find/").status_code == 403
    assert client.post(f"{BASE}/find/", FIND).status_code == 403


def test_another_schools_confirmation_is_not_found(signed_in):
    other = ECTAtSchoolPeriodFactory()
    response = signed_in.get(f"/school/ects/{other.pk}/registered/")
    assert response.status_code == 404
    assert other.teacher.full_name not in response.content.decode()
