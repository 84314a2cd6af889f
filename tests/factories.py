"""factory-boy factories for every model. Traits name the states that matter."""

import datetime
from decimal import Decimal

import factory
from django.contrib.auth.hashers import make_password
from factory.django import DjangoModelFactory
from faker import Faker as FakerGenerator

from ecte.accounts.models import Membership, Role, User
from induction.models import AppropriateBody, AppropriateBodyKind, Extension, InductionPeriod
from participants.models import (
    ECTAtSchoolPeriod,
    InductionStatus,
    MentorAtSchoolPeriod,
    Mentorship,
    Teacher,
    TeacherRecord,
    TrainingPeriod,
    TrainingProgramme,
    WorkingPattern,
)
from programmes.models import DeliveryPartner, LeadProvider, SchoolPartnership
from schools.models import School, SchoolPhase, SchoolType, Trust

_faker = FakerGenerator("en_GB")


def plain_name(kind: str) -> str:
    """A British name without apostrophes or hyphens, so that tests can look for it in
    escaped HTML ("O'Neill" renders as "O&#x27;Neill") and "not in" checks cannot pass
    by accident."""
    return getattr(_faker, kind)().replace("'", "").replace("-", " ")


class TrustFactory(DjangoModelFactory):
    class Meta:
        model = Trust
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Trust {n}")


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    urn = factory.Sequence(lambda n: f"{100000 + n:06d}")
    name = factory.Sequence(lambda n: f"School {n}")
    phase = SchoolPhase.SECONDARY
    school_type = SchoolType.ACADEMY
    local_authority = "Leeds"

    class Params:
        independent = factory.Trait(school_type=SchoolType.INDEPENDENT)


class AppropriateBodyFactory(DjangoModelFactory):
    class Meta:
        model = AppropriateBody

    name = factory.Sequence(lambda n: f"Teaching school hub {n}")
    kind = AppropriateBodyKind.TEACHING_SCHOOL_HUB


class LeadProviderFactory(DjangoModelFactory):
    class Meta:
        model = LeadProvider

    name = factory.Sequence(lambda n: f"Lead provider {n}")


class DeliveryPartnerFactory(DjangoModelFactory):
    class Meta:
        model = DeliveryPartner

    name = factory.Sequence(lambda n: f"Delivery partner {n}")


class SchoolPartnershipFactory(DjangoModelFactory):
    class Meta:
        model = SchoolPartnership

    school = factory.SubFactory(SchoolFactory)
    lead_provider = factory.SubFactory(LeadProviderFactory)
    delivery_partner = factory.SubFactory(DeliveryPartnerFactory)
    academic_year = 2026


class TeacherRecordFactory(DjangoModelFactory):
    class Meta:
        model = TeacherRecord

    trn = factory.Sequence(lambda n: f"{3000000 + n:07d}")
    first_name = factory.LazyFunction(lambda: plain_name("first_name"))
    last_name = factory.LazyFunction(lambda: plain_name("last_name"))
    date_of_birth = datetime.date(1998, 4, 12)
    qts_awarded_on = datetime.date(2026, 7, 20)
    induction_status = InductionStatus.REQUIRED_TO_COMPLETE

    class Params:
        no_qts = factory.Trait(qts_awarded_on=None)
        passed = factory.Trait(induction_status=InductionStatus.PASSED)
        failed = factory.Trait(induction_status=InductionStatus.FAILED)
        exempt = factory.Trait(induction_status=InductionStatus.EXEMPT)


class TeacherFactory(DjangoModelFactory):
    class Meta:
        model = Teacher

    trn = factory.Sequence(lambda n: f"{1000000 + n:07d}")
    first_name = factory.LazyFunction(lambda: plain_name("first_name"))
    last_name = factory.LazyFunction(lambda: plain_name("last_name"))
    date_of_birth = datetime.date(1998, 4, 12)
    qts_awarded_on = datetime.date(2026, 7, 20)

    class Params:
        no_qts = factory.Trait(qts_awarded_on=None)


class ECTAtSchoolPeriodFactory(DjangoModelFactory):
    class Meta:
        model = ECTAtSchoolPeriod

    teacher = factory.SubFactory(TeacherFactory)
    school = factory.SubFactory(SchoolFactory)
    started_on = datetime.date(2026, 9, 1)
    working_pattern = WorkingPattern.FULL_TIME
    fte = Decimal("1")
    email = factory.Sequence(lambda n: f"ect{n}@school.example.org")

    class Params:
        part_time = factory.Trait(working_pattern=WorkingPattern.PART_TIME, fte=Decimal("0.5"))


class MentorAtSchoolPeriodFactory(DjangoModelFactory):
    class Meta:
        model = MentorAtSchoolPeriod

    teacher = factory.SubFactory(TeacherFactory)
    school = factory.SubFactory(SchoolFactory)
    started_on = datetime.date(2026, 9, 1)
    email = factory.Sequence(lambda n: f"mentor{n}@school.example.org")


class MentorshipFactory(DjangoModelFactory):
    class Meta:
        model = Mentorship

    ect_at_school_period = factory.SubFactory(ECTAtSchoolPeriodFactory)
    mentor_at_school_period = factory.SubFactory(
        MentorAtSchoolPeriodFactory, school=factory.SelfAttribute("..ect_at_school_period.school")
    )
    started_on = factory.SelfAttribute("ect_at_school_period.started_on")


class TrainingPeriodFactory(DjangoModelFactory):
    class Meta:
        model = TrainingPeriod

    ect_at_school_period = factory.SubFactory(ECTAtSchoolPeriodFactory)
    mentor_at_school_period = None
    training_programme = TrainingProgramme.PROVIDER_LED
    school_partnership = factory.SubFactory(
        SchoolPartnershipFactory, school=factory.SelfAttribute("..ect_at_school_period.school")
    )
    started_on = datetime.date(2026, 9, 1)

    class Params:
        school_led = factory.Trait(
            training_programme=TrainingProgramme.SCHOOL_LED, school_partnership=None
        )


class InductionPeriodFactory(DjangoModelFactory):
    class Meta:
        model = InductionPeriod

    teacher = factory.SubFactory(TeacherFactory)
    appropriate_body = factory.SubFactory(AppropriateBodyFactory)
    started_on = datetime.date(2026, 9, 1)
    finished_on = None
    number_of_terms = None
    induction_programme = "provider_led"

    class Params:
        released = factory.Trait(
            finished_on=datetime.date(2026, 12, 18), number_of_terms=Decimal("1")
        )
        passed = factory.Trait(
            started_on=datetime.date(2024, 9, 2),
            finished_on=datetime.date(2026, 7, 17),
            number_of_terms=Decimal("6"),
            outcome="pass",
        )
        failed = factory.Trait(
            started_on=datetime.date(2024, 9, 2),
            finished_on=datetime.date(2026, 7, 17),
            number_of_terms=Decimal("6"),
            outcome="fail",
        )


class ExtensionFactory(DjangoModelFactory):
    class Meta:
        model = Extension

    teacher = factory.SubFactory(TeacherFactory)
    appropriate_body = factory.SubFactory(AppropriateBodyFactory)
    number_of_terms = Decimal("1")


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.LazyFunction(lambda: plain_name("first_name"))
    last_name = factory.LazyFunction(lambda: plain_name("last_name"))
    # School, appropriate body and lead provider users never have a password.
    password = factory.LazyFunction(lambda: make_password(None))


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    role = Role.INDUCTION_TUTOR
    school = factory.SubFactory(SchoolFactory)

    class Params:
        mentor = factory.Trait(
            role=Role.MENTOR, school=None, teacher=factory.SubFactory(TeacherFactory)
        )
        ect = factory.Trait(role=Role.ECT, school=None, teacher=factory.SubFactory(TeacherFactory))
        appropriate_body_user = factory.Trait(
            role=Role.APPROPRIATE_BODY,
            school=None,
            appropriate_body=factory.SubFactory(AppropriateBodyFactory),
        )
        lead_provider_user = factory.Trait(
            role=Role.LEAD_PROVIDER,
            school=None,
            lead_provider=factory.SubFactory(LeadProviderFactory),
        )
        dfe_staff = factory.Trait(role=Role.DFE_STAFF, school=None)
