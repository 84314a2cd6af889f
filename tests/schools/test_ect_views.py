"""The ECT and mentor lists and pages, reporting leavers, and changing an ECT's details."""

import datetime
from decimal import Decimal

import pytest

from ecte.events.models import Event
from ecte.notifications.models import Notification
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    SchoolPartnershipFactory,
    TeacherRecordFactory,
    TrainingPeriodFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tutor():
    return MembershipFactory(school__name="Oakfield Academy")


@pytest.fixture
def school(tutor):
    return tutor.school


@pytest.fixture
def signed_in(client, tutor):
    client.force_login(tutor.user)
    return client


@pytest.fixture
def ect(school):
    period = ECTAtSchoolPeriodFactory(
        school=school,
        teacher__first_name="Alice",
        teacher__last_name="Thornton",
        teacher__trn="4221705",
        appropriate_body=AppropriateBodyFactory(name="Aire Valley Teaching School Hub"),
    )
    TrainingPeriodFactory(
        ect_at_school_period=period,
        school_partnership__lead_provider__name="National Institute of Teaching",
    )
    return period


# --- lists -------------------------------------------------------------------------------


def grow(school, count):
    for _ in range(count):
        period = ECTAtSchoolPeriodFactory(school=school)
        MentorshipFactory(ect_at_school_period=period)
        TrainingPeriodFactory(ect_at_school_period=period)
        InductionPeriodFactory(teacher=period.teacher)
        leaver = ECTAtSchoolPeriodFactory(
            school=school,
            started_on=datetime.date(2025, 9, 1),
            finished_on=datetime.date(2026, 10, 23),
        )
        ECTAtSchoolPeriodFactory(teacher=leaver.teacher, started_on=datetime.date(2026, 10, 26))
        mentor = MentorAtSchoolPeriodFactory(school=school)
        TeacherRecordFactory(trn=mentor.teacher.trn)
        TrainingPeriodFactory(
            ect_at_school_period=None,
            mentor_at_school_period=mentor,
            school_partnership=SchoolPartnershipFactory(school=school),
        )


@pytest.mark.parametrize("page", ["/school/ects/", "/school/mentors/", "/school/"])
def test_lists_issue_a_constant_number_of_queries(
    signed_in, school, page, django_assert_max_num_queries, reference_cache_off
):
    grow(school, 2)
    signed_in.get(page)
    with django_assert_max_num_queries(40) as few:
        signed_in.get(page)
    grow(school, 8)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = signed_in.get(page)
    assert response.status_code == 200


def test_the_ect_list_shows_each_registration_status(signed_in, school, ect):
    page = signed_in.get("/school/ects/").content.decode()
    assert "Alice Thornton" in page
    assert "Registration in progress" in page
    assert "To do: Waiting for Aire Valley Teaching School Hub to claim them" in page
    assert "To do: Waiting for National Institute of Teaching to confirm" in page
    assert "To do: No mentor assigned" in page


def test_an_ect_whose_registration_is_complete_says_so(signed_in, school, ect):
    InductionPeriodFactory(teacher=ect.teacher, appropriate_body=ect.appropriate_body)
    partnership = ect.training_periods.get().school_partnership
    partnership.confirmed_at = datetime.datetime(2026, 6, 1, tzinfo=datetime.UTC)
    partnership.save()
    MentorshipFactory(ect_at_school_period=ect)
    page = signed_in.get("/school/ects/").content.decode()
    assert "Registration complete" in page
    assert "Done: Claimed by Aire Valley Teaching School Hub" in page
    assert "Done: National Institute of Teaching confirmed" in page


def test_an_ect_held_by_another_appropriate_body_says_so(signed_in, ect):
    InductionPeriodFactory(
        teacher=ect.teacher, appropriate_body=AppropriateBodyFactory(name="Pennine Hub")
    )
    page = signed_in.get("/school/ects/").content.decode()
    assert "Held by another appropriate body, Pennine Hub, until it releases them" in page


def test_an_ect_without_qts_is_waiting_for_it(signed_in, school):
    ECTAtSchoolPeriodFactory(school=school, teacher__qts_awarded_on=None)
    assert (
        "Waiting for QTS before induction can start"
        in signed_in.get("/school/ects/").content.decode()
    )


@pytest.mark.parametrize("search", ["thorn", "Alice Thornton", "4221705", "42217"])
def test_the_ect_list_searches_by_name_or_trn(signed_in, school, ect, search):
    ECTAtSchoolPeriodFactory(school=school, teacher__first_name="Bob", teacher__last_name="Jones")
    page = signed_in.get("/school/ects/", {"q": search}).content.decode()
    assert "Alice Thornton" in page
    assert "Bob Jones" not in page
    assert "1 ECT matching" in page


def test_a_search_with_no_match_says_so(signed_in, ect):
    page = signed_in.get("/school/ects/", {"q": "zzz"}).content.decode()
    assert "No current ECTs match your search" in page


def test_the_mentor_list_searches_and_shows_training_status(signed_in, school):
    mentor = MentorAtSchoolPeriodFactory(
        school=school, teacher__first_name="Samuel", teacher__last_name="Osei"
    )
    TeacherRecordFactory(trn=mentor.teacher.trn, mentor_ecf_terms_completed=6)
    MentorAtSchoolPeriodFactory(school=school, teacher__first_name="Zed", teacher__last_name="Ray")
    page = signed_in.get("/school/mentors/", {"q": "osei"}).content.decode()
    assert "Samuel Osei" in page
    assert "Non-training mentor" in page
    assert "Zed Ray" not in page


def test_an_ect_who_moved_away_is_listed_with_their_new_school(signed_in, school):
    left = ECTAtSchoolPeriodFactory(
        school=school,
        started_on=datetime.date(2025, 9, 1),
        finished_on=datetime.date(2026, 10, 23),
        teacher__first_name="Tom",
        teacher__last_name="Whitfield",
    )
    ECTAtSchoolPeriodFactory(
        teacher=left.teacher,
        school__name="Calder Vale High",
        started_on=datetime.date(2026, 10, 26),
    )
    page = signed_in.get("/school/ects/").content.decode()
    assert "Left in the last year (1)" in page
    assert "Tom Whitfield" in page
    assert "Calder Vale High" in page


def test_another_schools_ects_are_not_listed(signed_in, ect):
    other = ECTAtSchoolPeriodFactory()
    page = signed_in.get("/school/ects/", {"q": other.teacher.trn}).content.decode()
    assert other.teacher.full_name not in page


# --- the ECT page ------------------------------------------------------------------------


def test_the_ect_page_shows_details_with_change_links_progress_and_history(signed_in, ect):
    page = signed_in.get(f"/school/ects/{ect.pk}/").content.decode()
    assert '<h1 class="govuk-heading-l">Alice Thornton</h1>' in page
    for change in ("name", "email", "working-pattern", "appropriate-body", "training"):
        assert f'href="/school/ects/{ect.pk}/change/{change}/"' in page
    assert f'href="/school/ects/{ect.pk}/mentor/mentor/"' in page
    assert "0 of 6 terms" in page
    assert "Provider-led with National Institute of Teaching" in page
    assert 'data-testid="timeline"' in page or "Nothing has happened yet" in page


def test_another_schools_ect_page_is_not_found(signed_in):
    other = ECTAtSchoolPeriodFactory()
    for url in (
        f"/school/ects/{other.pk}/",
        f"/school/ects/{other.pk}/change/name/",
        f"/school/ects/{other.pk}/leaving/date/",
        f"/school/ects/{other.pk}/left/",
    ):
        response = signed_in.get(url)
        assert response.status_code == 404, url
        assert other.teacher.full_name not in response.content.decode()


def test_another_schools_mentor_page_is_not_found(signed_in):
    other = MentorAtSchoolPeriodFactory()
    assert signed_in.get(f"/school/mentors/{other.pk}/").status_code == 404
    assert signed_in.get(f"/school/mentors/{other.pk}/leaving/date/").status_code == 404


def test_the_ect_page_is_for_induction_tutors_only(client, ect):
    client.force_login(MembershipFactory(appropriate_body_user=True).user)
    assert client.get(f"/school/ects/{ect.pk}/").status_code == 403


# --- leaving -----------------------------------------------------------------------------


def test_reporting_an_ect_leaving(signed_in, ect):
    InductionPeriodFactory(teacher=ect.teacher, appropriate_body=ect.appropriate_body)
    base = f"/school/ects/{ect.pk}/leaving"
    page = signed_in.get(f"{base}/date/").content.decode()
    assert "When is Alice Thornton leaving your school?" in page
    signed_in.post(
        f"{base}/date/", {"left_on-day": "18", "left_on-month": "12", "left_on-year": "2026"}
    )
    assert "18 December 2026" in signed_in.get(f"{base}/check-answers/").content.decode()
    response = signed_in.post(f"{base}/check-answers/")
    assert response["Location"] == f"/school/ects/{ect.pk}/left/"
    page = signed_in.get(response["Location"]).content.decode()
    assert "Alice Thornton’s leaving date has been recorded" in page
    assert "Aire Valley Teaching School Hub holds their induction" in page
    assert "We have told Aire Valley Teaching School Hub and National Institute of Teaching" in page
    ect.refresh_from_db()
    assert ect.finished_on == datetime.date(2026, 12, 18)
    # A second submission changes nothing.
    assert signed_in.post(f"{base}/check-answers/")["Location"] == f"/school/ects/{ect.pk}/left/"


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("31", "8", "2026", "The leaving date must be on or after the start date"),
        (
            "24",
            "3",
            "2027",
            "The leaving date must be no more than 4 months from today, on or before 23 March 2027",
        ),
        ("", "", "", "Enter the date they leave"),
    ],
)
def test_a_bad_leaving_date_is_refused(signed_in, ect, day, month, year, message):
    page = signed_in.post(
        f"/school/ects/{ect.pk}/leaving/date/",
        {"left_on-day": day, "left_on-month": month, "left_on-year": year},
    ).content.decode()
    assert message in page
    ect.refresh_from_db()
    assert ect.finished_on is None


def test_reporting_a_mentor_leaving(signed_in, school):
    mentorship = MentorshipFactory(
        mentor_at_school_period__school=school, ect_at_school_period__school=school
    )
    mentor = mentorship.mentor_at_school_period
    base = f"/school/mentors/{mentor.pk}/leaving"
    signed_in.post(
        f"{base}/date/", {"left_on-day": "18", "left_on-month": "12", "left_on-year": "2026"}
    )
    response = signed_in.post(f"{base}/check-answers/")
    assert response["Location"] == f"/school/mentors/{mentor.pk}/left/"
    assert (
        "Any ECTs they mentor now need a new mentor"
        in signed_in.get(response["Location"]).content.decode()
    )
    mentorship.refresh_from_db()
    assert mentorship.finished_on == datetime.date(2026, 12, 18)


# --- changing details --------------------------------------------------------------------


def test_changing_the_name(signed_in, ect):
    url = f"/school/ects/{ect.pk}/change/name/"
    assert 'value="Alice"' in signed_in.get(url).content.decode()
    response = signed_in.post(url, {"first_name": "Alicia", "last_name": "Thornton"})
    assert response["Location"] == f"/school/ects/{ect.pk}/"
    assert "Name changed to Alicia Thornton" in signed_in.get(response["Location"]).content.decode()
    assert Event.objects.filter(event_type="teacher_name_changed").exists()


def test_changing_a_long_name_to_another_long_name_is_recorded_and_told_in_full(signed_in, ect):
    # Names of the longest the form takes: the event's heading and the notice's subject
    # name the teacher before and after, and must hold both.
    ect.appropriate_body.email = "induction@airevalley.example"
    ect.appropriate_body.save()
    body_user = UserFactory(email="induction@airevalley.example")
    url = f"/school/ects/{ect.pk}/change/name/"
    signed_in.post(url, {"first_name": "A" * 100, "last_name": "B" * 100})
    response = signed_in.post(url, {"first_name": "C" * 100, "last_name": "D" * 100})
    assert response.status_code == 302
    before, after = f"{'A' * 100} {'B' * 100}", f"{'C' * 100} {'D' * 100}"
    event = Event.objects.filter(event_type="teacher_name_changed").latest("id")
    assert event.heading == f"{before}'s name was changed to {after}"
    notice = Notification.objects.filter(recipient=body_user).latest("id")
    assert notice.subject == f"{after} at Oakfield Academy: name changed from {before} to {after}"


def test_changing_to_the_same_name_is_an_error(signed_in, ect):
    page = signed_in.post(
        f"/school/ects/{ect.pk}/change/name/", {"first_name": "Alice", "last_name": "Thornton"}
    ).content.decode()
    assert "This is the same as before. Change it, or go back" in page
    assert "There is a problem" in page


def test_changing_the_email_to_one_in_use_is_an_error(signed_in, ect):
    ECTAtSchoolPeriodFactory(email="taken@example.org")
    page = signed_in.post(
        f"/school/ects/{ect.pk}/change/email/", {"email": "taken@example.org"}
    ).content.decode()
    assert "This email address is already used by another ECT or mentor" in page
    ect.refresh_from_db()
    assert ect.email != "taken@example.org"


def test_changing_the_working_pattern(signed_in, ect):
    url = f"/school/ects/{ect.pk}/change/working-pattern/"
    page = signed_in.post(url, {"working_pattern": "part_time", "fte": ""}).content.decode()
    assert "Enter their full-time equivalent, like 0.5" in page
    signed_in.post(url, {"working_pattern": "part_time", "fte": "0.8"})
    ect.refresh_from_db()
    assert ect.fte == Decimal("0.8")


def test_changing_the_appropriate_body(signed_in, ect):
    new = AppropriateBodyFactory(name="Pennine Hub")
    signed_in.post(f"/school/ects/{ect.pk}/change/appropriate-body/", {"appropriate_body": new.pk})
    ect.refresh_from_db()
    assert ect.appropriate_body == new


def test_changing_the_training_to_school_led(signed_in, ect):
    signed_in.post(f"/school/ects/{ect.pk}/change/training/", {"training": "school_led"})
    assert ect.training_periods.ongoing().get().training_programme == "school_led"


def test_a_leaver_cannot_be_changed(signed_in, school):
    left = ECTAtSchoolPeriodFactory(school=school, finished_on=datetime.date(2026, 10, 1))
    assert signed_in.get(f"/school/ects/{left.pk}/change/name/").status_code == 404
    assert signed_in.get(f"/school/ects/{left.pk}/").status_code == 200


def test_changing_details_is_for_induction_tutors_only(client, ect):
    client.force_login(MembershipFactory(lead_provider_user=True).user)
    assert (
        client.post(
            f"/school/ects/{ect.pk}/change/name/", {"first_name": "X", "last_name": "Y"}
        ).status_code
        == 403
    )


def test_the_ect_page_links_to_their_progress_reviews_and_assessments(signed_in, ect):
    page = signed_in.get(f"/school/ects/{ect.pk}/").content.decode()
    href = f"/school/reviews/ects/{ect.teacher.pk}/"
    assert f'href="{href}"' in page
    assert "Progress reviews and assessments for Alice Thornton" in page
    assert signed_in.get(href).status_code == 200


def test_the_school_home_links_to_reviews_engagement_and_module_sequence(signed_in):
    page = signed_in.get("/school/").content.decode()
    for href in ("/school/reviews/", "/school/engagement/", "/school/module-sequence/"):
        assert f'href="{href}"' in page
        assert signed_in.get(href).status_code == 200
