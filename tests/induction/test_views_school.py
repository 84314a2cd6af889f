"""The school's review and assessment pages: the schedule, a progress review that opens a support
plan, an assessment signed off by the headteacher and sent, absence; the ECT reads their own.
The mentor and other roles are refused; another school's ECT is not found."""

import datetime
import html

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from induction import errors
from induction.models import Absence, Assessment, ProgressReview, SupportPlan
from tests.factories import ECTAtSchoolPeriodFactory, MembershipFactory
from tests.induction.factories import (
    AssessmentFactory,
    ProgressReviewFactory,
    headteacher,
    held_ect,
)

pytestmark = pytest.mark.django_db

R = "/school/reviews"
TEXTS = {
    "evidence": "Routines are consistent",
    "areas_to_develop": "Questioning",
    "next_steps": "Hinge questions",
}


def date_fields(name, day):
    return {f"{name}-day": day.day, f"{name}-month": day.month, f"{name}-year": day.year}


@pytest.fixture
def ect():
    ect_period, _ = held_ect()
    return ect_period


@pytest.fixture
def tutor(client, ect):
    membership = MembershipFactory(school=ect.school)
    client.force_login(membership.user)
    return membership


def test_the_list_shows_each_ect_and_what_is_due_next(client, tutor, ect):
    page = client.get(f"{R}/").content.decode()
    assert ect.teacher.full_name in page
    assert "Progress review, term 1" in page
    assert "due by 18 December 2026" in page


def test_the_list_issues_a_constant_number_of_queries(client, tutor, ect):
    client.get(f"{R}/")
    with CaptureQueriesContext(connection) as few:
        client.get(f"{R}/")
    for _ in range(3):
        other, _ = held_ect(school=ect.school)
        ProgressReviewFactory(ect_at_school_period=other)
        AssessmentFactory(ect_at_school_period=other)
    with CaptureQueriesContext(connection) as many:
        client.get(f"{R}/")
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_ect_page_shows_the_schedule(client, tutor, ect):
    page = client.get(f"{R}/ects/{ect.teacher.pk}/").content.decode()
    assert "Formal assessment" in page
    assert "16 July 2027" in page
    assert "Final assessment" in page


def test_an_unsatisfactory_review_is_sent_and_leads_to_the_support_plan(client, tutor, ect):
    response = client.post(
        f"{R}/ects/{ect.teacher.pk}/progress-review/",
        {
            "term_number": "1",
            "satisfactory_progress": "no",
            **date_fields("reviewed_on", datetime.date(2026, 11, 20)),
            **TEXTS,
        },
    )
    plan = SupportPlan.objects.get()
    assert response["Location"] == f"{R}/support-plans/{plan.pk}/"
    review = ProgressReview.objects.get()
    assert review.sent_to_appropriate_body_at is not None
    assert not review.satisfactory_progress
    client.post(
        f"{R}/support-plans/{plan.pk}/",
        {
            "action": "save",
            "areas_for_improvement": "Behaviour",
            "objectives": "Routines",
            "support": "Coaching",
        },
    )
    plan.refresh_from_db()
    assert plan.objectives == "Routines"
    # Only the headteacher approves.
    page = client.post(f"{R}/support-plans/{plan.pk}/", {"action": "approve"}).content.decode()
    assert errors.HEADTEACHER_ONLY in page
    plan.refresh_from_db()
    assert plan.status == "draft"


def test_a_review_with_missing_answers_shows_errors_and_saves_nothing(client, tutor, ect):
    page = client.post(
        f"{R}/ects/{ect.teacher.pk}/progress-review/", {"term_number": "1"}
    ).content.decode()
    assert "There is a problem" in page
    assert "Select whether they are making satisfactory progress" in page
    assert "Enter the date of the review meeting" in page
    assert not ProgressReview.objects.exists()


def test_a_formal_assessment_is_signed_off_by_the_headteacher_then_sent(client, ect):
    head = headteacher(ect.school)
    client.force_login(head.user)
    response = client.post(
        f"{R}/ects/{ect.teacher.pk}/assessments/formal/",
        {
            "satisfactory_progress": "yes",
            **date_fields("meeting_on", datetime.date(2026, 11, 20)),
            **TEXTS,
        },
    )
    assessment = Assessment.objects.get()
    assert response["Location"] == f"{R}/assessments/{assessment.pk}/"
    assert assessment.assessed_by_role == "Headteacher"
    assert assessment.term_number == 3
    client.post(f"{R}/assessments/{assessment.pk}/", {"action": "sign-off"})
    client.post(f"{R}/assessments/{assessment.pk}/", {"action": "send"})
    assessment.refresh_from_db()
    assert assessment.sent_to_appropriate_body_on is not None
    page = client.get(f"{R}/assessments/{assessment.pk}/").content.decode()
    assert "Met" in page


def test_sending_before_sign_off_shows_why(client, tutor, ect):
    assessment = AssessmentFactory(ect_at_school_period=ect, meeting_on=datetime.date(2026, 11, 20))
    page = client.post(f"{R}/assessments/{assessment.pk}/", {"action": "send"}).content.decode()
    assert errors.NOT_SIGNED_OFF in page
    assert "<title>Error: " in page


def test_the_final_assessment_asks_for_the_recommendation(client, tutor, ect):
    page = client.post(
        f"{R}/ects/{ect.teacher.pk}/assessments/final/",
        {
            "satisfactory_progress": "yes",
            **TEXTS,
            **date_fields("meeting_on", datetime.date(2026, 11, 20)),
        },
    ).content.decode()
    page = html.unescape(page)
    assert errors.RECOMMENDATION_REQUIRED in page
    assert errors.COMPLETED_ON_REQUIRED in page


def test_the_interim_assessment_suggests_terms_and_days_absent(client, tutor, ect):
    ect.finished_on = datetime.date(2026, 12, 18)
    ect.save()
    Absence.objects.create(
        teacher=ect.teacher,
        ect_at_school_period=ect,
        kind="absence",
        started_on=datetime.date(2026, 10, 5),
        days=4,
    )
    page = client.get(f"{R}/ects/{ect.teacher.pk}/assessments/interim/").content.decode()
    assert 'name="terms_served"' in page and 'value="1"' in page
    assert 'name="days_absent"' in page and 'value="4"' in page
    home = client.get(f"{R}/").content.decode()
    assert "Interim assessment before they leave" in home


def test_recording_absence(client, tutor, ect):
    url = f"{R}/ects/{ect.teacher.pk}/absence/"
    page = client.post(
        url, {"kind": "absence", "days": "0", "extension_requested": "true"}
    ).content.decode()
    assert errors.ABSENCE_DAYS_OUT_OF_RANGE in page
    assert errors.EXTENSION_REQUEST_ONLY_FOR_FAMILY_LEAVE in page
    client.post(
        url,
        {"kind": "absence", "days": "31", **date_fields("started_on", datetime.date(2026, 10, 5))},
    )
    assert Absence.objects.get().days == 31
    page = client.get(f"{R}/ects/{ect.teacher.pk}/").content.decode()
    assert "Induction is extended by 31 days" in page


def test_another_schools_ect_and_records_are_not_found(client, tutor):
    theirs, _ = held_ect()
    assessment = AssessmentFactory(ect_at_school_period=theirs)
    plan = SupportPlan.objects.create(
        teacher=theirs.teacher,
        ect_at_school_period=theirs,
        progress_review=ProgressReviewFactory(ect_at_school_period=theirs, at_risk=True),
    )
    for url in [
        f"{R}/ects/{theirs.teacher.pk}/",
        f"{R}/ects/{theirs.teacher.pk}/progress-review/",
        f"{R}/ects/{theirs.teacher.pk}/assessments/formal/",
        f"{R}/ects/{theirs.teacher.pk}/absence/",
        f"{R}/assessments/{assessment.pk}/",
        f"{R}/support-plans/{plan.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code == 404, url
        assert theirs.teacher.full_name not in response.content.decode()


@pytest.mark.parametrize("role", [{"mentor": True}, {"appropriate_body_user": True}, {"ect": True}])
def test_other_roles_cannot_open_the_school_pages(client, ect, role):
    client.force_login(MembershipFactory(**role).user)
    assert client.get(f"{R}/").status_code == 403
    assert client.get(f"{R}/ects/{ect.teacher.pk}/progress-review/").status_code == 403


def test_the_mentor_of_the_ect_cannot_record_a_review(client, ect):
    from tests.factories import MentorshipFactory

    mentorship = MentorshipFactory(ect_at_school_period=ect)
    mentor = MembershipFactory(mentor=True, teacher=mentorship.mentor_at_school_period.teacher)
    client.force_login(mentor.user)
    response = client.post(f"{R}/ects/{ect.teacher.pk}/progress-review/", {})
    assert response.status_code == 403
    assert not ProgressReview.objects.exists()


def test_the_ect_reads_their_own_reviews_but_not_drafts(client, ect):
    ProgressReviewFactory(ect_at_school_period=ect, next_steps="Plan hinge questions")
    AssessmentFactory(ect_at_school_period=ect, evidence="Unsigned draft evidence")
    client.force_login(MembershipFactory(ect=True, teacher=ect.teacher).user)
    response = client.get(f"{R}/yours/", follow=True)
    assert response.redirect_chain == [("/ect/reviews/", 302)]
    page = response.content.decode()
    assert "Progress review" in page
    assert "Unsigned draft evidence" not in page


def test_an_induction_tutor_cannot_open_the_ect_page(client, tutor):
    assert client.get(f"{R}/yours/").status_code == 403


def test_an_ect_at_another_school_is_not_listed(client, tutor):
    theirs = ECTAtSchoolPeriodFactory()
    assert theirs.teacher.full_name not in client.get(f"{R}/").content.decode()
