"""The lead provider's participants, 50 a page with the GOV.UK pagination component: a
national provider trains about 20,000 (issue 7)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TeacherFactory,
    TrainingPeriodFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def lp(client):
    membership = MembershipFactory(lead_provider_user=True)
    client.force_login(membership.user)
    return membership


def participants_at(lp, school_name: str, count: int, *, mentors: bool = False) -> list:
    """`count` current participants at a new partnered school, each named after their place."""
    partnership = SchoolPartnershipFactory(
        school=SchoolFactory(name=school_name), lead_provider=lp.lead_provider
    )
    teachers = []
    for n in range(count):
        teacher = TeacherFactory(first_name="Ada", last_name=f"{school_name.split()[0]}{n:03}")
        if mentors:
            period = MentorAtSchoolPeriodFactory(teacher=teacher, school=partnership.school)
            TrainingPeriodFactory(
                ect_at_school_period=None,
                mentor_at_school_period=period,
                school_partnership=partnership,
            )
        else:
            period = ECTAtSchoolPeriodFactory(teacher=teacher, school=partnership.school)
            TrainingPeriodFactory(ect_at_school_period=period, school_partnership=partnership)
        teachers.append(teacher)
    return teachers


def test_participants_are_shown_50_a_page_school_by_school(client, lp):
    first = participants_at(lp, "Abbey Primary", 30)
    second = participants_at(lp, "Brook Academy", 21, mentors=True)
    page = client.get("/lead-provider/").content.decode()
    assert "Showing 1 to 50 of 51 participants in training" in page
    assert "Participants (page 1 of 2)" in page
    assert first[0].full_name in page
    assert second[19].full_name in page
    assert second[20].full_name not in page
    assert 'class="govuk-pagination' in page
    assert 'href="?page=2"' in page


def test_the_last_page_shows_the_rest_and_links_back(client, lp):
    participants_at(lp, "Abbey Primary", 30)
    second = participants_at(lp, "Brook Academy", 21)
    page = client.get("/lead-provider/", {"page": 2}).content.decode()
    assert "Showing 51 to 51 of 51 participants in training" in page
    assert second[20].full_name in page
    assert second[0].full_name not in page
    assert 'href="?page=1"' in page


@pytest.mark.parametrize(
    ("asked", "shown"), [("99", "Showing 51 to 51"), ("two", "Showing 1 to 50")]
)
def test_a_page_that_does_not_exist_shows_the_nearest_one(client, lp, asked, shown):
    participants_at(lp, "Abbey Primary", 51)
    response = client.get("/lead-provider/", {"page": asked})
    assert response.status_code == 200
    assert shown in response.content.decode()


def test_one_page_of_participants_has_no_pagination(client, lp):
    participants_at(lp, "Abbey Primary", 3)
    page = client.get("/lead-provider/").content.decode()
    assert "3 participants in training" in page
    assert "govuk-pagination" not in page
    assert "(page 1 of" not in page


def test_another_providers_participants_are_never_counted(client, lp):
    participants_at(lp, "Abbey Primary", 2)
    other = MembershipFactory(lead_provider_user=True)
    theirs = participants_at(other, "Castle School", 2)
    page = client.get("/lead-provider/").content.decode()
    assert "2 participants in training" in page
    assert theirs[0].full_name not in page


def test_a_full_page_makes_the_same_queries_as_a_short_one(client, lp):
    participants_at(lp, "Abbey Primary", 5)
    client.get("/lead-provider/")
    with CaptureQueriesContext(connection) as short:
        client.get("/lead-provider/")
    participants_at(lp, "Brook Academy", 60)
    with CaptureQueriesContext(connection) as full:
        assert "Showing 1 to 50 of 65" in client.get("/lead-provider/").content.decode()
    assert len(full.captured_queries) == len(short.captured_queries)


def test_finished_training_is_neither_listed_nor_counted(client, lp):
    current, finished = participants_at(lp, "Abbey Primary", 2)
    training = finished.ect_at_school_periods.get().training_periods.get()
    training.finished_on = datetime.date(2026, 10, 23)
    training.save()
    page = client.get("/lead-provider/").content.decode()
    assert "1 participant in training" in page
    assert current.full_name in page
    assert finished.full_name not in page
