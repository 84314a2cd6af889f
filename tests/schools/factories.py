"""Factories for the induction tutor's records: a school's choices for a year."""

import factory
from factory.django import DjangoModelFactory

from ecte.accounts.models import Role
from schools.models import YearSetup
from tests.factories import (
    AppropriateBodyFactory,
    MembershipFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TrustFactory,
)


class YearSetupFactory(DjangoModelFactory):
    class Meta:
        model = YearSetup

    school = factory.SubFactory(SchoolFactory)
    academic_year = 2026
    appropriate_body = factory.SubFactory(AppropriateBodyFactory)
    training_programme = "provider_led"
    school_partnership = factory.SubFactory(
        SchoolPartnershipFactory,
        school=factory.SelfAttribute("..school"),
        academic_year=factory.SelfAttribute("..academic_year"),
    )

    class Params:
        school_led = factory.Trait(training_programme="school_led", school_partnership=None)


class TrustInductionLeadFactory(MembershipFactory):
    """A trust induction lead: a membership at a trust, naming no school (rule 24)."""

    role = Role.TRUST_INDUCTION_LEAD
    school = None
    trust = factory.SubFactory(TrustFactory)
