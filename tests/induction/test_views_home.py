"""The appropriate body's home: task lists with counts and tables, each list in full, in a fixed
number of queries; only the signed-in body's own ECTs; the wrong role is refused."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    TeacherFactory,
)
from tests.induction.factories import AssessmentFactory, ReleaseRequestFactory, held_ect

pytestmark = pytest.mark.django_db


def world(ab, n=1):
    """n of each kind of task for appropriate body `ab`, and the same for another body."""
    other = AppropriateBodyFactory()
    for _ in range(n):
        ECTAtSchoolPeriodFactory(appropriate_body=ab)  # to claim
        ECTAtSchoolPeriodFactory(appropriate_body=ab, teacher=TeacherFactory(no_qts=True))
        elsewhere = ECTAtSchoolPeriodFactory(appropriate_body=ab)
        holding = InductionPeriodFactory(teacher=elsewhere.teacher, appropriate_body=other)
        ReleaseRequestFactory(induction_period=holding, requested_by=ab)
        leaver, _ = held_ect(appropriate_body=ab)
        leaver.finished_on = datetime.date(2026, 10, 23)
        leaver.save()
        ect_period, _ = held_ect(appropriate_body=ab)
        AssessmentFactory(ect_at_school_period=ect_period, sent=True, final=True)
        AssessmentFactory(ect_at_school_period=ect_period, sent=True, interim=True)
        theirs, _ = held_ect(appropriate_body=ab)
        ReleaseRequestFactory(induction_period=_, requested_by=other)
        ECTAtSchoolPeriodFactory(appropriate_body=other)  # another body's ECT to claim


def test_the_home_counts_each_task_and_shows_its_rows(signed_in, ab_user):
    world(ab_user.appropriate_body)
    page = signed_in.get("/appropriate-body/").content.decode()
    for heading in [
        "ECTs to claim (1)",
        "Waiting for QTS (1)",
        "Held by another appropriate body (1)",
        "Leavers to release (1)",
        "Assessments and reviews received (2)",
        "Decisions due (1)",
        "Release requests from other appropriate bodies (1)",
        "ECTs in induction with you (3)",
    ]:
        assert heading in page
    assert "Waiting for a reply" in page  # the release request this body sent


def test_the_home_issues_the_same_number_of_queries_for_one_or_many_rows(signed_in, ab_user):
    world(ab_user.appropriate_body, n=1)
    signed_in.get("/appropriate-body/")  # the first request also stores the active role
    with CaptureQueriesContext(connection) as few:
        assert signed_in.get("/appropriate-body/").status_code == 200
    world(ab_user.appropriate_body, n=4)
    with CaptureQueriesContext(connection) as many:
        assert signed_in.get("/appropriate-body/").status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


@pytest.mark.parametrize(
    "slug",
    [
        "to-claim",
        "waiting-for-qts",
        "held-elsewhere",
        "leavers",
        "received",
        "decisions",
        "release-requests",
        "in-induction",
    ],
)
def test_each_full_list_issues_a_constant_number_of_queries(signed_in, ab_user, slug):
    world(ab_user.appropriate_body, n=1)
    signed_in.get("/appropriate-body/")  # the first request also stores the active role
    with CaptureQueriesContext(connection) as few:
        assert signed_in.get(f"/appropriate-body/lists/{slug}/").status_code == 200
    world(ab_user.appropriate_body, n=3)
    with CaptureQueriesContext(connection) as many:
        response = signed_in.get(f"/appropriate-body/lists/{slug}/")
    assert response.status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries)


def test_an_unknown_list_is_not_found(signed_in):
    assert signed_in.get("/appropriate-body/lists/nope/").status_code == 404


def test_the_held_list_searches_by_name_and_trn(signed_in, ab_user):
    ect_period, _ = held_ect(appropriate_body=ab_user.appropriate_body)
    held_ect(appropriate_body=ab_user.appropriate_body)
    teacher = ect_period.teacher
    page = signed_in.get("/appropriate-body/lists/in-induction/", {"q": teacher.trn}).content
    assert "ECTs in induction with you (1)" in page.decode()
    page = signed_in.get(
        "/appropriate-body/lists/in-induction/", {"q": teacher.last_name}
    ).content.decode()
    assert teacher.full_name in page


def test_another_bodys_ects_are_not_listed(signed_in, ab_user):
    theirs = ECTAtSchoolPeriodFactory(appropriate_body=AppropriateBodyFactory())
    page = signed_in.get("/appropriate-body/lists/to-claim/").content.decode()
    assert theirs.teacher.full_name not in page


@pytest.mark.parametrize("path", ["/appropriate-body/", "/appropriate-body/lists/to-claim/"])
def test_the_wrong_role_is_refused(client, path):
    client.force_login(MembershipFactory().user)  # an induction tutor
    assert client.get(path).status_code == 403


def test_the_teacher_page_shows_periods_timeline_and_actions(signed_in, ab_user):
    ect_period, period = held_ect(appropriate_body=ab_user.appropriate_body)
    page = signed_in.get(f"/appropriate-body/teachers/{ect_period.teacher.pk}/").content.decode()
    assert ect_period.teacher.full_name in page
    assert "0 of 6 terms" in page
    assert f"/appropriate-body/teachers/{ect_period.teacher.pk}/release/end-date/" in page
    assert f"/appropriate-body/periods/{period.pk}/correct/" in page
    assert f"Started at {ect_period.school.name}" in page


def test_another_bodys_teacher_page_is_not_found(signed_in):
    ect_period, _ = held_ect()
    response = signed_in.get(f"/appropriate-body/teachers/{ect_period.teacher.pk}/")
    assert response.status_code == 404
    assert ect_period.teacher.full_name not in response.content.decode()


def test_the_teacher_page_of_a_previously_held_teacher_is_read_only(signed_in, ab_user):
    teacher = TeacherFactory()
    ours = InductionPeriodFactory(
        teacher=teacher, appropriate_body=ab_user.appropriate_body, released=True
    )
    theirs = InductionPeriodFactory(teacher=teacher, started_on=datetime.date(2027, 1, 4))
    page = signed_in.get(f"/appropriate-body/teachers/{teacher.pk}/").content.decode()
    assert f"/periods/{ours.pk}/correct/" in page
    assert f"/periods/{theirs.pk}/correct/" not in page
    assert "/release/end-date/" not in page


@pytest.mark.parametrize("slug", ["leavers", "decisions"])
def test_leavers_and_decisions_show_x_of_6_terms(signed_in, ab_user, slug):
    world(ab_user.appropriate_body)
    page = signed_in.get(f"/appropriate-body/lists/{slug}/").content.decode()
    assert "0 of 6 terms" in page
