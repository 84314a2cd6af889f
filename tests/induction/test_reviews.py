"""Rules 8-11 at the school: progress reviews sent to the appropriate body; formal, final and
interim assessments by the induction tutor or headteacher (never the mentor alone), signed off by
the headteacher and sent within 10 working days; support plans when progress is unsatisfactory;
absence, with the appropriate body told at 30 days (rule 7)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.core import mail

from ecte.calendar import dates
from ecte.events.models import Event
from ecte.events.record import Actor
from induction import errors
from induction.models import Absence, Assessment, ProgressReview, SupportPlan
from induction.selectors import appropriate_body as lists
from induction.services import (
    InductionError,
    approve_support_plan,
    mark_received_as_read,
    record_absence,
    record_assessment,
    record_pass,
    record_progress_review,
    send_assessment,
    sign_off_assessment,
    update_support_plan,
)
from tests.factories import AppropriateBodyFactory, MembershipFactory
from tests.induction.factories import AssessmentFactory, headteacher, held_ect

pytestmark = pytest.mark.django_db

d = datetime.date
TEXTS = {
    "evidence": "Drop-ins show consistent routines (standard 7)",
    "areas_to_develop": "Checking for understanding",
    "next_steps": "Hinge questions in every lesson",
}


@pytest.fixture
def hub():
    return AppropriateBodyFactory(email="hub@example.org")


@pytest.fixture
def ect(hub):
    ect_period, _ = held_ect(appropriate_body=hub)
    return ect_period


@pytest.fixture
def tutor(ect):
    return MembershipFactory(school=ect.school)


@pytest.fixture
def head(ect):
    return headteacher(ect.school)


def review(ect, membership, satisfactory=True, **overrides):
    answers = {"term_number": 1, "reviewed_on": d(2026, 11, 20), **TEXTS, **overrides}
    return record_progress_review(
        ect_period=ect,
        satisfactory_progress=satisfactory,
        membership=membership,
        by=Actor.for_membership(membership),
        **answers,
    )


def assess(ect, membership, kind="formal", **overrides):
    return record_assessment(
        ect_period=ect,
        kind=kind,
        meeting_on=d(2026, 11, 20),
        satisfactory_progress=True,
        membership=membership,
        by=Actor.for_membership(membership),
        **{**TEXTS, **overrides},
    )


# --- progress reviews -------------------------------------------------------------------


def test_a_progress_review_is_sent_to_the_holding_appropriate_body(
    ect, tutor, hub, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        recorded = review(ect, tutor)
    assert recorded.appropriate_body == hub
    assert recorded.sent_to_appropriate_body_at is not None
    assert mail.outbox[0].to == ["hub@example.org"]
    assert Event.objects.filter(event_type="progress_review_recorded").exists()
    assert not SupportPlan.objects.exists()


def test_unsatisfactory_progress_opens_a_support_plan_and_is_at_risk_for_the_body(ect, tutor, hub):
    recorded = review(ect, tutor, satisfactory=False)
    plan = SupportPlan.objects.get()
    assert plan.progress_review == recorded
    assert plan.status == "draft"
    assert [r.pk for r in lists.received_at_risk_reviews(hub)] == [recorded.pk]


def test_a_satisfactory_review_is_not_an_at_risk_task_for_the_body(ect, tutor, hub):
    review(ect, tutor)
    assert not lists.received_at_risk_reviews(hub).exists()


def test_a_mentor_can_never_record_a_review_or_assessment(ect):
    mentor = MembershipFactory(mentor=True)
    with pytest.raises(InductionError, match=re.escape(errors.NOT_INDUCTION_TUTOR)):
        review(ect, mentor)
    with pytest.raises(InductionError, match=re.escape(errors.NOT_INDUCTION_TUTOR)):
        assess(ect, mentor)
    assert not ProgressReview.objects.exists()
    assert not Assessment.objects.exists()


def test_another_schools_induction_tutor_cannot_record_a_review(ect):
    with pytest.raises(InductionError, match=re.escape(errors.NOT_INDUCTION_TUTOR)):
        review(ect, MembershipFactory())


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"reviewed_on": d(2026, 8, 31)}, errors.MEETING_BEFORE_START.format(start=d(2026, 9, 1))),
        ({"reviewed_on": d(2099, 1, 1)}, errors.MEETING_IN_FUTURE),
        ({"evidence": "  "}, errors.REVIEW_TEXT_REQUIRED),
        ({"term_number": 0}, errors.TERM_NUMBER_OUT_OF_RANGE),
    ],
)
def test_a_review_with_bad_details_is_refused_and_nothing_saved(ect, tutor, overrides, message):
    with pytest.raises(InductionError) as error:
        review(ect, tutor, **overrides)
    assert str(error.value) == message
    assert not ProgressReview.objects.exists()


# --- formal, final and interim assessments ---------------------------------------------


def test_an_assessment_records_who_assessed_it_in_which_role(ect, tutor, head):
    assert assess(ect, tutor).assessed_by_role == "Induction tutor"
    assert assess(ect, head).assessed_by_role == "Headteacher"


def test_only_the_headteacher_signs_off_and_only_once(ect, tutor, head):
    assessment = assess(ect, tutor)
    with pytest.raises(InductionError, match=re.escape(errors.HEADTEACHER_ONLY)):
        sign_off_assessment(assessment=assessment, membership=tutor, by=Actor.for_membership(tutor))
    sign_off_assessment(assessment=assessment, membership=head, by=Actor.for_membership(head))
    assessment.refresh_from_db()
    assert assessment.signed_off_at is not None
    with pytest.raises(InductionError, match=re.escape(errors.ALREADY_SIGNED_OFF)):
        sign_off_assessment(assessment=assessment, membership=head, by=Actor.for_membership(head))


def test_an_assessment_is_sent_only_after_sign_off_and_only_once(
    ect, tutor, head, hub, django_capture_on_commit_callbacks
):
    assessment = assess(ect, tutor)
    with pytest.raises(InductionError, match=re.escape(errors.NOT_SIGNED_OFF)):
        send_assessment(assessment=assessment, membership=tutor, by=Actor.for_membership(tutor))
    sign_off_assessment(assessment=assessment, membership=head, by=Actor.for_membership(head))
    with django_capture_on_commit_callbacks(execute=True):
        send_assessment(assessment=assessment, membership=tutor, by=Actor.for_membership(tutor))
    assessment.refresh_from_db()
    assert assessment.sent_to_appropriate_body_on == dates.today()
    assert assessment.appropriate_body == hub
    assert mail.outbox[-1].subject.startswith("Formal assessment received")
    with pytest.raises(InductionError, match=re.escape(errors.ALREADY_SENT)):
        send_assessment(assessment=assessment, membership=tutor, by=Actor.for_membership(tutor))


def test_the_final_assessment_needs_the_recommendation_and_completion_date(ect, tutor):
    with pytest.raises(InductionError, match=re.escape(errors.RECOMMENDATION_REQUIRED)):
        assess(ect, tutor, kind="final", induction_completed_on=d(2026, 11, 20))
    with pytest.raises(InductionError, match=re.escape(errors.COMPLETED_ON_REQUIRED)):
        assess(ect, tutor, kind="final", recommendation="pass")
    final = assess(
        ect, tutor, kind="final", recommendation="extend", induction_completed_on=d(2026, 11, 20)
    )
    assert final.get_recommendation_display() == "An extension should be considered"


def test_a_recommendation_on_a_formal_assessment_is_ignored(ect, tutor):
    assert assess(ect, tutor, recommendation="pass").recommendation == ""


def test_an_interim_assessment_records_terms_served_and_days_absent(ect, tutor):
    with pytest.raises(InductionError, match=re.escape(errors.INTERIM_DETAILS_REQUIRED)):
        assess(ect, tutor, kind="interim")
    interim = assess(ect, tutor, kind="interim", terms_served=Decimal("1.25"), days_absent=4)
    assert interim.terms_served == Decimal("1.25")
    assert interim.days_absent == 4


def test_a_sent_final_recommendation_is_a_decision_due_until_the_body_decides(ect, head, hub):
    ab_user = MembershipFactory(appropriate_body_user=True, appropriate_body=hub)
    final = AssessmentFactory(ect_at_school_period=ect, final=True, sent=True)
    assert [a.pk for a in lists.decisions_due(hub)] == [final.pk]
    decision = lists.decorate_decisions(lists.decisions_due(hub))[0].decision
    assert decision.due_on == d(2027, 8, 9)  # 20 working days after 12 July 2027
    period = ect.teacher.induction_periods.get()
    record_pass(
        period=period,
        finished_on=d(2028, 7, 14),
        number_of_terms=Decimal("6"),
        by=Actor.for_membership(ab_user),
    )
    assert not lists.decisions_due(hub).exists()


# --- support plans ----------------------------------------------------------------------


def test_a_support_plan_is_written_then_approved_by_the_headteacher_and_shared(
    ect, tutor, head, hub, django_capture_on_commit_callbacks
):
    review(ect, tutor, satisfactory=False)
    plan = SupportPlan.objects.get()
    with pytest.raises(InductionError, match=re.escape(errors.SUPPORT_PLAN_INCOMPLETE)):
        approve_support_plan(plan=plan, membership=head, by=Actor.for_membership(head))
    update_support_plan(
        plan=plan,
        areas_for_improvement="Behaviour management",
        objectives="Consistent routines by half-term",
        support="Weekly coaching with the mentor",
        membership=tutor,
        by=Actor.for_membership(tutor),
    )
    with pytest.raises(InductionError, match=re.escape(errors.HEADTEACHER_ONLY)):
        approve_support_plan(plan=plan, membership=tutor, by=Actor.for_membership(tutor))
    with django_capture_on_commit_callbacks(execute=True):
        approve_support_plan(plan=plan, membership=head, by=Actor.for_membership(head))
    plan.refresh_from_db()
    assert plan.status == "approved"
    assert plan.appropriate_body == hub
    assert [p.pk for p in lists.received_support_plans(hub)] == [plan.pk]
    with pytest.raises(InductionError, match=re.escape(errors.SUPPORT_PLAN_APPROVED)):
        update_support_plan(
            plan=plan,
            areas_for_improvement="x",
            objectives="y",
            support="z",
            membership=tutor,
            by=Actor.for_membership(tutor),
        )


# --- absence ----------------------------------------------------------------------------


OCTOBER = d(2026, 10, 5)


def absent(ect, tutor, days, kind="absence", started_on=OCTOBER, requested=False):
    return record_absence(
        ect_period=ect,
        kind=kind,
        started_on=started_on,
        days=days,
        extension_requested=requested,
        membership=tutor,
        by=Actor.for_membership(tutor),
    )


def test_the_appropriate_body_is_told_once_when_a_year_reaches_30_days_absent(
    ect, tutor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        absent(ect, tutor, 20)
        absent(ect, tutor, 9, started_on=d(2026, 11, 9))
    assert not Event.objects.filter(event_type="absence_threshold_reached").exists()
    with django_capture_on_commit_callbacks(execute=True):
        absent(ect, tutor, 1, started_on=d(2027, 1, 11))
        absent(ect, tutor, 5, started_on=d(2027, 2, 1))
    assert Event.objects.filter(event_type="absence_threshold_reached").count() == 1
    assert [m.subject for m in mail.outbox].count(
        f"30 days of absence: {ect.teacher.full_name}"
    ) == 1


def test_family_leave_does_not_count_towards_the_30_days_and_extends_only_if_asked(ect, tutor):
    absent(ect, tutor, 40, kind="family_leave")
    assert not Event.objects.filter(event_type="absence_threshold_reached").exists()
    absent(ect, tutor, 10, kind="family_leave", started_on=d(2027, 3, 1), requested=True)
    from induction.selectors.school import school_ect

    page = school_ect(ect)
    assert page["absence_years"][0].extension_days == 10


def test_only_family_leave_can_be_added_at_the_ects_request(ect, tutor):
    with pytest.raises(
        InductionError, match=re.escape(errors.EXTENSION_REQUEST_ONLY_FOR_FAMILY_LEAVE)
    ):
        absent(ect, tutor, 3, requested=True)
    assert not Absence.objects.exists()


@pytest.mark.parametrize("days", [0, 367])
def test_absence_days_out_of_range_are_refused(ect, tutor, days):
    with pytest.raises(InductionError, match=re.escape(errors.ABSENCE_DAYS_OUT_OF_RANGE)):
        absent(ect, tutor, days)


# --- the appropriate body reads what it received -----------------------------------------


def test_marking_as_read_takes_it_off_the_task_list_and_only_for_the_receiver(ect, tutor, hub):
    recorded = review(ect, tutor, satisfactory=False)
    other = MembershipFactory(appropriate_body_user=True)
    with pytest.raises(InductionError, match=re.escape(errors.NOT_SENT_TO_YOU)):
        mark_received_as_read(
            record=recorded, appropriate_body=other.appropriate_body, by=Actor.for_membership(other)
        )
    ab_user = MembershipFactory(appropriate_body_user=True, appropriate_body=hub)
    mark_received_as_read(record=recorded, appropriate_body=hub, by=Actor.for_membership(ab_user))
    assert lists.received_count(hub) == 0
