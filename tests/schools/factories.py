"""Factories for the induction tutor's records: a school's choices for a year."""

import factory
from factory.django import DjangoModelFactory

from schools.models import YearSetup
from tests.factories import AppropriateBodyFactory, SchoolFactory, SchoolPartnershipFactory


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
