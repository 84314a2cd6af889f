"""What schools send the appropriate body: it reads each one and marks it read; what was sent to
another body is not found; other roles are refused. The shared teacher page links each role on."""

import pytest

from tests.factories import AppropriateBodyFactory, MembershipFactory
from tests.induction.factories import AssessmentFactory, ProgressReviewFactory, held_ect

pytestmark = pytest.mark.django_db

AB = "/appropriate-body"


@pytest.fixture
def hub():
    return AppropriateBodyFactory()


@pytest.fixture
def signed_in(client, hub):
    client.force_login(MembershipFactory(appropriate_body_user=True, appropriate_body=hub).user)
    return client


def test_a_final_assessment_shows_its_deadlines_and_can_be_marked_read(signed_in, hub):
    ect_period, _ = held_ect(appropriate_body=hub)
    final = AssessmentFactory(ect_at_school_period=ect_period, final=True, sent=True)
    page = signed_in.get(f"{AB}/received/assessment/{final.pk}/").content.decode()
    assert "Satisfactory: pass induction" in page
    assert "Your decision due" in page
    assert "9 August 2027" in page  # 20 working days after 12 July 2027
    response = signed_in.post(f"{AB}/received/assessment/{final.pk}/")
    assert response["Location"] == f"{AB}/"
    final.refresh_from_db()
    assert final.seen_by_appropriate_body_at is not None
    assert (
        "You read this on"
        in signed_in.get(f"{AB}/received/assessment/{final.pk}/").content.decode()
    )


def test_an_at_risk_review_can_be_read(signed_in, hub):
    ect_period, _ = held_ect(appropriate_body=hub)
    review = ProgressReviewFactory(ect_at_school_period=ect_period, at_risk=True)
    page = signed_in.get(f"{AB}/received/review/{review.pk}/").content.decode()
    assert "Not making satisfactory progress" in page


def test_what_was_sent_to_another_body_or_not_sent_is_not_found(signed_in, hub):
    theirs = AssessmentFactory(sent=True)
    ect_period, _ = held_ect(appropriate_body=hub)
    unsent = AssessmentFactory(ect_at_school_period=ect_period)
    assert signed_in.get(f"{AB}/received/assessment/{theirs.pk}/").status_code == 404
    assert signed_in.post(f"{AB}/received/assessment/{theirs.pk}/").status_code == 404
    assert signed_in.get(f"{AB}/received/assessment/{unsent.pk}/").status_code == 404
    assert signed_in.get(f"{AB}/received/nonsense/1/").status_code == 404


def test_another_role_cannot_read_what_was_received(client):
    assessment = AssessmentFactory(sent=True)
    client.force_login(MembershipFactory(school=assessment.ect_at_school_period.school).user)
    assert client.get(f"{AB}/received/assessment/{assessment.pk}/").status_code == 403


def test_the_shared_teacher_page_links_each_role_to_its_induction_pages(client, hub):
    ect_period, _ = held_ect(appropriate_body=hub)
    teacher = ect_period.teacher
    links = {
        "ab": (
            MembershipFactory(appropriate_body_user=True, appropriate_body=hub),
            f"{AB}/teachers/{teacher.pk}/",
        ),
        "tutor": (
            MembershipFactory(school=ect_period.school),
            f"/school/reviews/ects/{teacher.pk}/",
        ),
        "ect": (MembershipFactory(ect=True, teacher=teacher), "/ect/reviews/"),
    }
    for membership, href in links.values():
        client.force_login(membership.user)
        assert f'href="{href}"' in client.get(f"/teachers/{teacher.pk}/").content.decode()
