"""Each main list page issues the same number of queries for N rows as for 3N rows.

Every test signs in as the page's user, requests the page once (first-request work such
as the session does not count), counts the queries with N rows, adds 2N more rows, and
counts again. A page that loads one more query per row fails with both numbers.
"""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from programmes.models import LeadProvider, LessonDropIn, MentorMeeting
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TrainingPeriodFactory,
)

pytestmark = pytest.mark.django_db

N = 3


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured.captured_queries)


def assert_constant(client, url: str, add_rows) -> None:
    add_rows(N)
    client.get(url)
    with_n = queries_for(client, url)
    add_rows(2 * N)
    with_3n = queries_for(client, url)
    assert with_3n == with_n, f"{url}: {with_n} queries for {N} rows, {with_3n} for {3 * N}"


# --- induction tutor ----------------------------------------------------------------------


@pytest.fixture
def tutor(client):
    membership = MembershipFactory()
    client.force_login(membership.user)
    return membership


def ects_with_everything(school, partnership, appropriate_body):
    """ECTs with a mentor, provider-led training and an induction period: every row the
    school's lists decorate."""

    def add(count: int) -> None:
        for _ in range(count):
            period = ECTAtSchoolPeriodFactory(school=school, appropriate_body=appropriate_body)
            MentorshipFactory(ect_at_school_period=period)
            TrainingPeriodFactory(ect_at_school_period=period, school_partnership=partnership)
            InductionPeriodFactory(teacher=period.teacher, appropriate_body=appropriate_body)
            MentorAtSchoolPeriodFactory(school=school)

    return add


@pytest.mark.parametrize("url_name", ["schools:home", "schools:ects", "schools:mentors"])
def test_school_pages_make_the_same_queries_for_3n_ects(client, tutor, url_name):
    partnership = SchoolPartnershipFactory(school=tutor.school)
    add = ects_with_everything(tutor.school, partnership, AppropriateBodyFactory())
    assert_constant(client, reverse(url_name), add)


# --- appropriate body ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        lambda: reverse("induction:home"),
        lambda: reverse("induction:list", args=["in-induction"]),
        lambda: reverse("induction:list", args=["to-claim"]),
    ],
    ids=["home", "in-induction", "to-claim"],
)
def test_appropriate_body_pages_make_the_same_queries_for_3n_ects(client, url):
    membership = MembershipFactory(appropriate_body_user=True)
    client.force_login(membership.user)
    ab = membership.appropriate_body

    def add(count: int) -> None:
        for _ in range(count):
            ECTAtSchoolPeriodFactory(appropriate_body=ab)  # to claim
            held = ECTAtSchoolPeriodFactory(appropriate_body=ab)
            InductionPeriodFactory(teacher=held.teacher, appropriate_body=ab)

    assert_constant(client, url(), add)


# --- lead provider ------------------------------------------------------------------------


def test_lead_provider_participants_make_the_same_queries_for_3n_participants(client):
    membership = MembershipFactory(lead_provider_user=True)
    client.force_login(membership.user)
    lead_provider = membership.lead_provider

    def add(count: int) -> None:
        for _ in range(count):
            partnership = SchoolPartnershipFactory(lead_provider=lead_provider)
            TrainingPeriodFactory(
                ect_at_school_period=ECTAtSchoolPeriodFactory(school=partnership.school),
                school_partnership=partnership,
            )
            TrainingPeriodFactory(
                ect_at_school_period=None,
                mentor_at_school_period=MentorAtSchoolPeriodFactory(school=partnership.school),
                school_partnership=partnership,
            )

    assert_constant(client, reverse("programmes:home"), add)


# --- mentor and ECT -----------------------------------------------------------------------


@pytest.fixture
def niot():
    call_command("seed_programmes", verbosity=0)
    return LeadProvider.objects.get(name="National Institute of Teaching")


def test_mentor_home_makes_the_same_queries_for_3n_ects_and_their_logs(client, niot):
    membership = MembershipFactory(mentor=True)
    client.force_login(membership.user)
    school = SchoolFactory()
    partnership = SchoolPartnershipFactory(school=school, lead_provider=niot)
    mentor_period = MentorAtSchoolPeriodFactory(teacher=membership.teacher, school=school)

    def add(count: int) -> None:
        for _ in range(count):
            ect = ECTAtSchoolPeriodFactory(school=school)
            TrainingPeriodFactory(ect_at_school_period=ect, school_partnership=partnership)
            InductionPeriodFactory(teacher=ect.teacher)
            mentorship = MentorshipFactory(
                ect_at_school_period=ect, mentor_at_school_period=mentor_period
            )
            _logs(mentorship, membership.user, 2)

    assert_constant(client, reverse("participants:mentor_home"), add)


def _logs(mentorship, user, count: int) -> None:
    for n in range(count):
        day = datetime.date(2026, 9, 8) + datetime.timedelta(days=7 * n)
        LessonDropIn.objects.create(
            mentorship=mentorship, held_on=day, minutes=15, mode="in_person", logged_by=user
        )
        MentorMeeting.objects.create(
            mentorship=mentorship, held_on=day, minutes=45, meeting_model="notes", logged_by=user
        )


@pytest.mark.parametrize("url_name", ["my_programme:programme", "my_programme:meetings"])
def test_ect_programme_pages_make_the_same_queries_for_3n_meetings(client, niot, url_name):
    membership = MembershipFactory(ect=True)
    client.force_login(membership.user)
    school = SchoolFactory()
    partnership = SchoolPartnershipFactory(school=school, lead_provider=niot)
    ect = ECTAtSchoolPeriodFactory(teacher=membership.teacher, school=school)
    TrainingPeriodFactory(ect_at_school_period=ect, school_partnership=partnership)
    InductionPeriodFactory(teacher=ect.teacher)
    mentorship = MentorshipFactory(ect_at_school_period=ect)
    mentor = MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher)
    assert_constant(client, reverse(url_name), lambda count: _logs(mentorship, mentor.user, count))


def test_engagement_dashboard_makes_the_same_queries_for_3n_ects(client, tutor, niot):
    partnership = SchoolPartnershipFactory(school=tutor.school, lead_provider=niot)
    add = ects_with_everything(tutor.school, partnership, AppropriateBodyFactory())
    assert_constant(client, reverse("school_programme:engagement"), add)
