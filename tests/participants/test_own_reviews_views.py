"""An ECT reads their own progress reviews, assessments and support plans (rule 8, issue 5
item 4): only what their school submitted, read-only, and only their own."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from induction.models import Extension
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorshipFactory,
)
from tests.induction.factories import (
    AssessmentFactory,
    ProgressReviewFactory,
    SupportPlanFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ect():
    """An ECT in their first term at a school, claimed by an appropriate body."""
    body = AppropriateBodyFactory()
    period = ECTAtSchoolPeriodFactory(appropriate_body=body)
    InductionPeriodFactory(teacher=period.teacher, appropriate_body=body)
    return period, MembershipFactory(ect=True, teacher=period.teacher)


def page(client, membership, url="/ect/reviews/"):
    client.force_login(membership.user)
    response = client.get(url)
    return response, response.content.decode()


def approved_plan(review):
    return SupportPlanFactory(
        progress_review=review,
        areas_for_improvement="Behaviour routines",
        objectives="Consistent countdown at every transition",
        support="Weekly co-planning with the head of year",
        status="approved",
        approved_by_name="Helen Carter",
        approved_at=timezone.now(),
        appropriate_body=review.appropriate_body,
    )


def test_the_ect_sees_each_record_their_school_submitted_and_no_draft(client, ect):
    period, membership = ect
    ProgressReviewFactory(ect_at_school_period=period, next_steps="Plan hinge questions")
    AssessmentFactory(ect_at_school_period=period, sent=True, term_number=3)
    AssessmentFactory(ect_at_school_period=period, interim=True, sent=True)
    approved_plan(ProgressReviewFactory(ect_at_school_period=period, at_risk=True, term_number=2))
    AssessmentFactory(ect_at_school_period=period, final=True)  # a draft: not signed off
    AssessmentFactory(ect_at_school_period=period, final=True, signed_off=True)  # not sent yet
    SupportPlanFactory(
        progress_review=ProgressReviewFactory(ect_at_school_period=period, at_risk=True)
    )  # a draft plan
    response, html = page(client, membership)
    assert response.status_code == 200
    assert html.count('data-testid="own-record"') == 6
    assert "Progress review, term 1" in html
    assert "Formal assessment, term 3" in html
    assert "Interim assessment" in html
    assert "Support plan" in html
    assert "Final assessment</a>" not in html


def test_the_page_shows_terms_served_of_6_plus_an_extension(client, ect):
    period, membership = ect
    Extension.objects.create(
        teacher=period.teacher,
        appropriate_body=period.appropriate_body,
        number_of_terms=Decimal("1"),
    )
    _, html = page(client, membership)
    assert "Induction: 0 of 6 terms, plus a 1 term extension." in html


def test_a_formal_assessment_shows_the_headteachers_sign_off_and_its_deadline_met(client, ect):
    period, membership = ect
    assessment = AssessmentFactory(
        ect_at_school_period=period,
        sent=True,
        meeting_on=datetime.date(2027, 7, 9),
        sent_to_appropriate_body_on=datetime.date(2027, 7, 12),
    )
    response, html = page(client, membership, f"/ect/reviews/assessment/{assessment.pk}/")
    assert response.status_code == 200
    assert "Signed off by the headteacher" in html
    assert "Helen Carter on" in html
    assert "Due by 23 July 2027, done on 12 July 2027 (met)" in html
    assert "Change" not in html


def test_an_interim_assessment_shows_terms_served_and_days_absent(client, ect):
    period, membership = ect
    assessment = AssessmentFactory(ect_at_school_period=period, interim=True, sent=True)
    _, html = page(client, membership, f"/ect/reviews/assessment/{assessment.pk}/")
    assert "Terms served" in html
    assert "Days absent" in html


def test_a_support_plan_shows_its_objectives_and_who_approved_it(client, ect):
    period, membership = ect
    plan = approved_plan(ProgressReviewFactory(ect_at_school_period=period, at_risk=True))
    _, html = page(client, membership, f"/ect/reviews/support-plan/{plan.pk}/")
    assert "Consistent countdown at every transition" in html
    assert "Approved by the headteacher" in html


def test_another_ects_record_is_not_found(client, ect):
    period, _ = ect
    review = ProgressReviewFactory(ect_at_school_period=period)
    assessment = AssessmentFactory(ect_at_school_period=period, sent=True)
    other = MembershipFactory(ect=True, teacher=ECTAtSchoolPeriodFactory().teacher)
    for url in (
        f"/ect/reviews/progress-review/{review.pk}/",
        f"/ect/reviews/assessment/{assessment.pk}/",
    ):
        response, _ = page(client, other, url)
        assert response.status_code == 404
    _, html = page(client, other)
    assert 'data-testid="own-record"' not in html
    assert "Your school has not sent any progress reviews or assessments yet." in html


def test_the_ect_sees_their_own_record(client, ect):
    period, membership = ect
    review = ProgressReviewFactory(ect_at_school_period=period)
    response, html = page(client, membership, f"/ect/reviews/progress-review/{review.pk}/")
    assert response.status_code == 200
    assert "Plan hinge questions for each lesson" in html


def test_a_draft_assessment_is_not_found_even_by_its_ect(client, ect):
    period, membership = ect
    draft = AssessmentFactory(ect_at_school_period=period, signed_off=True)
    response, _ = page(client, membership, f"/ect/reviews/assessment/{draft.pk}/")
    assert response.status_code == 404


def test_an_unknown_kind_of_record_is_not_found(client, ect):
    period, membership = ect
    review = ProgressReviewFactory(ect_at_school_period=period)
    response, _ = page(client, membership, f"/ect/reviews/absence/{review.pk}/")
    assert response.status_code == 404


def test_the_ects_mentor_cannot_open_the_reviews_and_sees_no_edit_link(client, ect):
    period, _ = ect
    review = ProgressReviewFactory(ect_at_school_period=period)
    mentorship = MentorshipFactory(ect_at_school_period=period)
    mentor = MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher)
    for url in ("/ect/reviews/", f"/ect/reviews/progress-review/{review.pk}/"):
        response, _ = page(client, mentor, url)
        assert response.status_code == 403
    response, html = page(client, mentor, f"/teachers/{period.teacher.pk}/")
    assert response.status_code == 200
    assert "/school/reviews/" not in html
    assert "/ect/reviews/" not in html


def test_the_ect_home_summarises_reviews_and_links_to_them(client, ect):
    period, membership = ect
    ProgressReviewFactory(ect_at_school_period=period, reviewed_on=datetime.date(2026, 11, 20))
    _, html = page(client, membership, "/ect/")
    assert "Induction: 0 of 6 terms." in html
    assert "Latest from your school: Progress review, term 1, 20 November 2026" in html
    assert 'href="/ect/reviews/"' in html
