"""Every home page: the right role sees its own records; a wrong role gets 403; another
organisation's record is 'Page not found'."""

import pytest

from tests.factories import (
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorshipFactory,
    TrainingPeriodFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    """An ECT at a school with a mentor, provider-led training and an appropriate body, plus
    a second, unrelated ECT at another school."""
    mentorship = MentorshipFactory()
    ect = mentorship.ect_at_school_period
    training = TrainingPeriodFactory(ect_at_school_period=ect)
    induction = InductionPeriodFactory(teacher=ect.teacher)
    other = ECTAtSchoolPeriodFactory()
    TrainingPeriodFactory(ect_at_school_period=other)
    InductionPeriodFactory(teacher=other.teacher)
    return {
        "ect": ect,
        "other": other,
        "tutor": MembershipFactory(school=ect.school),
        "mentor": MembershipFactory(
            mentor=True, teacher=mentorship.mentor_at_school_period.teacher
        ),
        "ect_user": MembershipFactory(ect=True, teacher=ect.teacher),
        "ab": MembershipFactory(
            appropriate_body_user=True, appropriate_body=induction.appropriate_body
        ),
        "lp": MembershipFactory(
            lead_provider_user=True, lead_provider=training.school_partnership.lead_provider
        ),
    }


HOMES = {
    "tutor": "/school/",
    "mentor": "/mentor/",
    "ect_user": "/ect/",
    "ab": "/appropriate-body/",
    "lp": "/lead-provider/",
}


@pytest.mark.parametrize("role", HOMES)
def test_each_role_home_lists_its_own_ect_and_not_another_organisations(client, world, role):
    client.force_login(world[role].user)
    response = client.get(HOMES[role])
    assert response.status_code == 200
    body = response.content.decode()
    assert world["ect"].teacher.full_name in body
    assert world["other"].teacher.full_name not in body


@pytest.mark.parametrize("role", HOMES)
@pytest.mark.parametrize("page", HOMES.values())
def test_a_home_page_of_another_role_is_forbidden(client, world, role, page):
    if page == HOMES[role]:
        return
    client.force_login(world[role].user)
    response = client.get(page)
    assert response.status_code == 403
    assert "You cannot view this page" in response.content.decode()


@pytest.mark.parametrize("role", HOMES)
def test_every_role_can_open_its_own_ects_record(client, world, role):
    client.force_login(world[role].user)
    response = client.get(f"/teachers/{world['ect'].teacher.pk}/")
    assert response.status_code == 200
    assert world["ect"].teacher.full_name in response.content.decode()


@pytest.mark.parametrize("role", HOMES)
def test_another_organisations_teacher_is_not_found(client, world, role):
    client.force_login(world[role].user)
    response = client.get(f"/teachers/{world['other'].teacher.pk}/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert world["other"].teacher.full_name not in response.content.decode()


@pytest.mark.parametrize("page", [*HOMES.values(), "/home/", "/choose-role/", "/teachers/1/"])
def test_pages_need_sign_in(client, page):
    response = client.get(page)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/code/")


def test_home_sends_a_one_role_user_to_their_role_home(client, world):
    client.force_login(world["ab"].user)
    assert client.get("/home/")["Location"] == "/appropriate-body/"


def test_a_user_with_two_roles_chooses_one_and_can_switch(client, world):
    user = world["tutor"].user
    second = MembershipFactory(user=user, mentor=True, teacher=world["mentor"].teacher)
    client.force_login(user)
    assert client.get("/home/")["Location"] == "/choose-role/"
    page = client.get("/choose-role/").content.decode()
    assert "Choose your role" in page
    assert f"Induction tutor at {world['ect'].school.name}" in page
    response = client.post("/choose-role/", {"membership": str(second.pk)})
    assert response["Location"] == "/mentor/"
    home = client.get("/mentor/").content.decode()
    assert "Switch role" in home
    assert client.get("/school/").status_code == 403


def test_choosing_no_role_shows_an_error(client, world):
    user = world["tutor"].user
    MembershipFactory(user=user, mentor=True, teacher=world["mentor"].teacher)
    client.force_login(user)
    page = client.post("/choose-role/", {}).content.decode()
    assert "There is a problem" in page
    assert "Select the role you want to use" in page
    assert "<title>Error: Choose your role" in page


def test_a_role_of_another_user_cannot_be_chosen(client, world):
    client.force_login(world["tutor"].user)
    MembershipFactory(user=world["tutor"].user, mentor=True, teacher=world["mentor"].teacher)
    response = client.post("/choose-role/", {"membership": str(world["ab"].pk)})
    assert response.status_code == 200
    assert "Select the role you want to use" in response.content.decode()


def test_choose_role_does_not_redirect_off_site(client, world):
    client.force_login(world["tutor"].user)
    response = client.post(
        "/choose-role/", {"membership": str(world["tutor"].pk), "next": "https://evil.example"}
    )
    assert response["Location"] == "/school/"


def test_a_user_with_no_role_is_told_how_to_get_access(client):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/choose-role/")
    assert response.status_code == 403
    assert "You do not have access to this service yet" in response.content.decode()


def test_school_home_issues_a_constant_number_of_queries(client, django_assert_max_num_queries):
    tutor = MembershipFactory()
    for _ in range(3):
        MentorshipFactory(ect_at_school_period=ECTAtSchoolPeriodFactory(school=tutor.school))
    client.force_login(tutor.user)
    client.get("/school/")
    with django_assert_max_num_queries(20) as few:
        client.get("/school/")
    for _ in range(10):
        MentorshipFactory(ect_at_school_period=ECTAtSchoolPeriodFactory(school=tutor.school))
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/school/")
    assert "Early career teachers (13)" in response.content.decode()
