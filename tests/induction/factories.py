"""Factories for the induction app's own records: release requests, reductions, reviews,
assessments, support plans, absence and bulk uploads. The shared ones are in tests.factories."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from induction.models import (
    Absence,
    AbsenceKind,
    Assessment,
    AssessmentKind,
    ProgressReview,
    Reduction,
    ReleaseRequest,
    SupportPlan,
)
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    TeacherFactory,
)


def held_ect(*, appropriate_body=None, school=None, started_on=datetime.date(2026, 9, 1), **ect):
    """An ECT at a school whose chosen appropriate body holds their open induction period."""
    appropriate_body = appropriate_body or AppropriateBodyFactory()
    ect_kwargs = {"appropriate_body": appropriate_body, "started_on": started_on, **ect}
    if school is not None:
        ect_kwargs["school"] = school
    ect_period = ECTAtSchoolPeriodFactory(**ect_kwargs)
    period = InductionPeriodFactory(
        teacher=ect_period.teacher, appropriate_body=appropriate_body, started_on=started_on
    )
    return ect_period, period


def headteacher(school, **kwargs):
    return MembershipFactory(school=school, is_headteacher=True, **kwargs)


class ReleaseRequestFactory(DjangoModelFactory):
    class Meta:
        model = ReleaseRequest

    induction_period = factory.SubFactory(InductionPeriodFactory)
    teacher = factory.SelfAttribute("induction_period.teacher")
    held_by = factory.SelfAttribute("induction_period.appropriate_body")
    requested_by = factory.SubFactory(AppropriateBodyFactory)

    class Params:
        declined = factory.Trait(
            status="declined",
            decline_reason="The ECT is still with us",
            responded_at=factory.LazyFunction(timezone.now),
        )


class ReductionFactory(DjangoModelFactory):
    class Meta:
        model = Reduction

    teacher = factory.SubFactory(TeacherFactory)
    appropriate_body = factory.SubFactory(AppropriateBodyFactory)
    terms_required = Decimal("3")
    teacher_consented_on = datetime.date(2026, 9, 1)
    reason = "Five years teaching in an independent school"


class ProgressReviewFactory(DjangoModelFactory):
    class Meta:
        model = ProgressReview

    ect_at_school_period = factory.SubFactory(ECTAtSchoolPeriodFactory)
    teacher = factory.SelfAttribute("ect_at_school_period.teacher")
    appropriate_body = factory.SelfAttribute("ect_at_school_period.appropriate_body")
    term_number = 1
    reviewed_on = datetime.date(2026, 12, 10)
    satisfactory_progress = True
    evidence = "Lesson drop-ins show secure behaviour routines (standard 7)"
    areas_to_develop = "Questioning to check understanding"
    next_steps = "Plan hinge questions for each lesson"
    recorded_by_name = "Priya Shah"
    sent_to_appropriate_body_at = factory.LazyFunction(timezone.now)

    class Params:
        at_risk = factory.Trait(satisfactory_progress=False)


class AssessmentFactory(DjangoModelFactory):
    class Meta:
        model = Assessment

    ect_at_school_period = factory.SubFactory(ECTAtSchoolPeriodFactory)
    teacher = factory.SelfAttribute("ect_at_school_period.teacher")
    appropriate_body = factory.SelfAttribute("ect_at_school_period.appropriate_body")
    kind = AssessmentKind.FORMAL
    term_number = 3
    meeting_on = datetime.date(2027, 7, 9)
    satisfactory_progress = True
    evidence = "Meets the Teachers' Standards"
    areas_to_develop = "Adaptive teaching"
    next_steps = "Carry on"
    assessed_by_name = "Priya Shah"
    assessed_by_role = "Induction tutor"

    class Params:
        signed_off = factory.Trait(
            signed_off_by_name="Helen Carter", signed_off_at=factory.LazyFunction(timezone.now)
        )
        sent = factory.Trait(
            signed_off_by_name="Helen Carter",
            signed_off_at=factory.LazyFunction(timezone.now),
            sent_to_appropriate_body_on=datetime.date(2027, 7, 12),
        )
        final = factory.Trait(
            kind=AssessmentKind.FINAL,
            term_number=6,
            recommendation="pass",
            induction_completed_on=datetime.date(2028, 7, 14),
            meeting_on=datetime.date(2028, 7, 7),
        )
        interim = factory.Trait(
            kind=AssessmentKind.INTERIM,
            term_number=None,
            terms_served=Decimal("2"),
            days_absent=3,
        )


class SupportPlanFactory(DjangoModelFactory):
    class Meta:
        model = SupportPlan

    progress_review = factory.SubFactory(ProgressReviewFactory, at_risk=True)
    ect_at_school_period = factory.SelfAttribute("progress_review.ect_at_school_period")
    teacher = factory.SelfAttribute("progress_review.teacher")


class AbsenceFactory(DjangoModelFactory):
    class Meta:
        model = Absence

    ect_at_school_period = factory.SubFactory(ECTAtSchoolPeriodFactory)
    teacher = factory.SelfAttribute("ect_at_school_period.teacher")
    kind = AbsenceKind.ABSENCE
    started_on = datetime.date(2026, 11, 2)
    days = 5
