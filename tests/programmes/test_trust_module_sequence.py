"""A trust decides the module sequence for all its schools (rule 24): the service."""

import datetime

import pytest

from ecte.events.models import Event
from ecte.events.record import Actor
from programmes import sequencing
from programmes.errors import ProgrammeError
from programmes.models import ModuleSequence
from programmes.sequencing import TrustSchoolStatus
from programmes.services.sequences import (
    module_sequence_confirm,
    module_sequence_save_draft,
    trust_schools_following,
)
from tests.factories import SchoolFactory, SchoolPartnershipFactory, TrustFactory
from tests.schools.factories import YearSetupFactory

pytestmark = pytest.mark.django_db

BY = Actor.system("Test")
EARLY_OCTOBER = datetime.date(2026, 10, 5)
AFTER_DEADLINE = datetime.date(2026, 11, 2)
CHOSEN = ["A", "F", "C", "E", "B", "D"]


@pytest.fixture
def trust_schools(niot, bpn):
    """A trust with two NIoT schools, one BPN (fixed order) school and one school-led school."""
    trust = TrustFactory()
    niot_schools = SchoolFactory.create_batch(2, trust=trust)
    for school in niot_schools:
        SchoolPartnershipFactory(school=school, lead_provider=niot.lead_provider)
    fixed = SchoolFactory(trust=trust)
    SchoolPartnershipFactory(school=fixed, lead_provider=bpn.lead_provider)
    school_led = YearSetupFactory(school=SchoolFactory(trust=trust), school_led=True).school
    return trust, niot_schools, fixed, school_led


def confirm_for(trust, niot, codes=CHOSEN, on=EARLY_OCTOBER):
    return module_sequence_confirm(
        trust=trust,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=codes,
        by=BY,
        on=on,
    )


def test_a_trust_decision_applies_to_the_schools_following_that_providers_flexible_programme(
    trust_schools, niot
):
    trust, niot_schools, fixed, school_led = trust_schools
    assert trust_schools_following(
        trust=trust, lead_provider=niot.lead_provider, academic_year=2026
    ) == sorted(niot_schools, key=lambda school: school.name)
    confirm_for(trust, niot)
    for school in niot_schools:
        assert sequencing.effective_sequence(school, niot).codes == CHOSEN
    events = Event.objects.filter(event_type="module_sequence_confirmed")
    assert {event.school for event in events} == set(niot_schools)
    assert events.first().heading == (
        f"{trust.name} set the module sequence for 2026 to 2027: A, F, C, E, B, D"
    )


def test_each_trust_school_shows_whose_sequence_it_follows(trust_schools, niot):
    trust, niot_schools, fixed, school_led = trust_schools
    own = SchoolFactory(trust=trust, name="Zebra Academy")
    SchoolPartnershipFactory(school=own, lead_provider=niot.lead_provider)
    module_sequence_confirm(
        school=own,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=BY,
        on=EARLY_OCTOBER,
    )
    schools = [*niot_schools, fixed, school_led, own]
    statuses = {
        row.school: row.status for row in sequencing.trust_school_sequences(schools, trust, 2026)
    }
    assert statuses == {
        niot_schools[0]: TrustSchoolStatus.NOT_CONFIRMED,
        niot_schools[1]: TrustSchoolStatus.NOT_CONFIRMED,
        fixed: TrustSchoolStatus.FIXED,
        school_led: TrustSchoolStatus.NO_PROGRAMME,
        own: TrustSchoolStatus.SCHOOL,
    }
    confirm_for(trust, niot)
    statuses = {
        row.school: row.status for row in sequencing.trust_school_sequences(schools, trust, 2026)
    }
    assert statuses[own] == statuses[niot_schools[0]] == TrustSchoolStatus.TRUST
    assert statuses[fixed] == TrustSchoolStatus.FIXED


def test_a_trust_cannot_decide_for_a_provider_none_of_its_schools_follows(niot):
    trust = TrustFactory()
    SchoolFactory(trust=trust)
    with pytest.raises(ProgrammeError) as refused:
        confirm_for(trust, niot)
    assert str(refused.value) == (
        f"None of {trust.name}’s schools follow {niot.lead_provider.name}’s programme in "
        "2026 to 2027 with modules they can order"
    )
    assert not ModuleSequence.objects.exists()


def test_a_trust_cannot_decide_a_fixed_order_programme(trust_schools, bpn):
    trust = trust_schools[0]
    with pytest.raises(ProgrammeError):
        module_sequence_confirm(
            trust=trust,
            lead_provider=bpn.lead_provider,
            academic_year=2026,
            codes=["1"],
            by=BY,
            on=EARLY_OCTOBER,
        )
    assert not ModuleSequence.objects.exists()


def test_a_trust_cannot_decide_after_the_end_of_autumn_half_term_1(trust_schools, niot):
    with pytest.raises(ProgrammeError) as refused:
        confirm_for(trust_schools[0], niot, on=AFTER_DEADLINE)
    assert "was locked at the end of Autumn half-term 1 on 23 October 2026" in str(refused.value)
    assert not ModuleSequence.objects.exists()


def test_a_trust_cannot_move_module_a(trust_schools, niot):
    with pytest.raises(ProgrammeError) as refused:
        confirm_for(trust_schools[0], niot, codes=["B", "A", "C", "D", "E", "F"])
    assert "Module A: Behaviour and Relationships" in str(refused.value)
    assert not ModuleSequence.objects.exists()


def test_a_trust_draft_is_not_followed_by_its_schools(trust_schools, niot):
    trust, niot_schools, *_ = trust_schools
    module_sequence_save_draft(
        trust=trust,
        lead_provider=niot.lead_provider,
        academic_year=2026,
        codes=CHOSEN,
        by=BY,
        on=EARLY_OCTOBER,
    )
    assert sequencing.effective_sequence(niot_schools[0], niot).source == "designed"
