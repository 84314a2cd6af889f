"""A school's choices for the year: appropriate body (rule 17) and training."""

import re

import pytest

from ecte.events.models import Event
from ecte.events.record import Actor
from schools import errors
from schools.models import YearSetup
from schools.services import Choices, SchoolError, last_years_choices, set_up_year
from tests.factories import (
    AppropriateBodyFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
)
from tests.schools.factories import YearSetupFactory

pytestmark = pytest.mark.django_db
actor = Actor.system("Test")


def refused(message):
    return pytest.raises(SchoolError, match=f"^{re.escape(message)}$")


def test_setting_up_the_year_records_the_choices_and_an_event():
    school = SchoolFactory(name="Oakfield Academy")
    hub = AppropriateBodyFactory(name="Aire Valley Teaching School Hub")
    partnership = SchoolPartnershipFactory(school=school, academic_year=2026)
    setup = set_up_year(
        school=school,
        academic_year=2026,
        choices=Choices(hub, "provider_led", partnership),
        by=actor,
    )
    assert (setup.appropriate_body, setup.school_partnership) == (hub, partnership)
    event = Event.objects.get(event_type="school_year_set_up")
    assert event.heading == "Oakfield Academy set up 2026 to 2027"
    assert event.lead_provider == partnership.lead_provider


def test_setting_up_the_year_again_changes_the_same_row():
    setup = YearSetupFactory()
    set_up_year(
        school=setup.school,
        academic_year=2026,
        choices=Choices(setup.appropriate_body, "school_led", setup.school_partnership),
        by=actor,
    )
    setup.refresh_from_db()
    assert (setup.training_programme, setup.school_partnership) == ("school_led", None)
    assert YearSetup.objects.count() == 1


def test_a_state_school_cannot_choose_istip():
    school = SchoolFactory()
    with refused(errors.APPROPRIATE_BODY_NOT_ALLOWED):
        set_up_year(
            school=school,
            academic_year=2026,
            choices=Choices(AppropriateBodyFactory(kind="national"), "school_led", None),
            by=actor,
        )
    assert not YearSetup.objects.exists()


def test_an_independent_school_may_choose_istip():
    school = SchoolFactory(independent=True)
    istip = AppropriateBodyFactory(kind="national")
    assert (
        set_up_year(
            school=school, academic_year=2026, choices=Choices(istip, "school_led", None), by=actor
        ).appropriate_body
        == istip
    )


def test_the_hub_a_school_leads_cannot_be_its_appropriate_body():
    school = SchoolFactory()
    with refused(errors.APPROPRIATE_BODY_NOT_ALLOWED):
        set_up_year(
            school=school,
            academic_year=2026,
            choices=Choices(AppropriateBodyFactory(lead_school=school), "school_led", None),
            by=actor,
        )


def test_a_local_authority_is_not_an_appropriate_body_for_a_state_school():
    with refused(errors.APPROPRIATE_BODY_NOT_ALLOWED):
        set_up_year(
            school=SchoolFactory(),
            academic_year=2026,
            choices=Choices(AppropriateBodyFactory(kind="local_authority"), "school_led", None),
            by=actor,
        )


def test_provider_led_training_needs_a_partnership_of_this_school_and_year():
    school = SchoolFactory()
    hub = AppropriateBodyFactory()
    with refused(errors.PARTNERSHIP_NEEDED):
        set_up_year(
            school=school, academic_year=2026, choices=Choices(hub, "provider_led", None), by=actor
        )
    for partnership in (
        SchoolPartnershipFactory(academic_year=2026),
        SchoolPartnershipFactory(school=school, academic_year=2025),
    ):
        with refused(errors.PARTNERSHIP_NOT_THIS_SCHOOLS):
            set_up_year(
                school=school,
                academic_year=2026,
                choices=Choices(hub, "provider_led", partnership),
                by=actor,
            )
    assert not YearSetup.objects.exists()


def test_last_years_choices_carry_over_to_this_years_partnership():
    last = YearSetupFactory(academic_year=2025)
    this_year = SchoolPartnershipFactory(
        school=last.school,
        lead_provider=last.school_partnership.lead_provider,
        delivery_partner=last.school_partnership.delivery_partner,
        academic_year=2026,
    )
    choices = last_years_choices(school=last.school, academic_year=2026)
    assert choices == Choices(last.appropriate_body, "provider_led", this_year)


def test_last_years_choices_are_not_offered_without_this_years_partnership():
    last = YearSetupFactory(academic_year=2025)
    assert last_years_choices(school=last.school, academic_year=2026) is None


def test_last_years_school_led_choices_carry_over():
    last = YearSetupFactory(academic_year=2025, school_led=True)
    assert last_years_choices(school=last.school, academic_year=2026) == Choices(
        last.appropriate_body, "school_led", None
    )


def test_the_database_refuses_a_partnership_with_school_led_training():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        YearSetupFactory(training_programme="school_led")


def test_the_database_refuses_two_setups_for_one_school_and_year():
    from django.db import IntegrityError

    setup = YearSetupFactory(school_led=True)
    with pytest.raises(IntegrityError):
        YearSetupFactory(school=setup.school, school_led=True)
