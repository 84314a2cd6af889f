"""The trust induction lead's pages: its schools, and the module sequence it sets for them
(issue 3, item 8; rule 24)."""

import datetime

import pytest

from ecte.events.models import Event
from programmes import errors
from programmes.models import ModuleSequence
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TrustFactory,
    UserFactory,
)
from tests.programmes.factories import BPN_FILE, NIOT_FILE, load_programme
from tests.schools.factories import TrustInductionLeadFactory, YearSetupFactory

pytestmark = pytest.mark.django_db

EARLY_OCTOBER = datetime.date(2026, 10, 5)
PLACES = ["place_2", "place_3", "place_4", "place_5", "place_6"]


@pytest.fixture
def niot():
    return load_programme(NIOT_FILE)


@pytest.fixture
def bpn():
    return load_programme(BPN_FILE)


@pytest.fixture
def early_october(monkeypatch):
    monkeypatch.setattr("ecte.calendar.dates.today", lambda: EARLY_OCTOBER)


@pytest.fixture
def lead(niot, bpn):
    """A trust lead whose trust runs Ash and Beech (NIoT), Cedar (BPN, fixed order) and Damson
    (school-led); Elm belongs to another trust."""
    lead = TrustInductionLeadFactory(
        trust=TrustFactory(name="Oak Learning Trust"),
        user=UserFactory(first_name="Tara", last_name="Singh"),
    )
    for name in ("Ash Primary", "Beech Primary"):
        school = SchoolFactory(trust=lead.trust, name=name)
        SchoolPartnershipFactory(school=school, lead_provider=niot.lead_provider)
    cedar = SchoolFactory(trust=lead.trust, name="Cedar Academy")
    SchoolPartnershipFactory(school=cedar, lead_provider=bpn.lead_provider)
    YearSetupFactory(school=SchoolFactory(trust=lead.trust, name="Damson School"), school_led=True)
    elm = SchoolFactory(trust=TrustFactory(), name="Elm Academy")
    SchoolPartnershipFactory(school=elm, lead_provider=niot.lead_provider)
    return lead


def school(name):
    from schools.models import School

    return School.objects.get(name=name)


def sequence_url(niot, page=""):
    return f"/school/trust/module-sequence/{niot.lead_provider.pk}/{page}?year=2026"


def rows_of(page: str) -> list[str]:
    import re

    return [
        re.sub(r"\s+", " ", row)
        for row in re.findall(r"<tr class=\"govuk-table__row\">(.*?)</tr>", page, re.S)
    ]


# --- the trust's schools --------------------------------------------------------------------


def test_trust_home_lists_its_schools_with_ects_and_sequence_status(client, lead, niot):
    ECTAtSchoolPeriodFactory.create_batch(2, school=school("Ash Primary"))
    client.force_login(lead.user)
    page = client.get("/school/trust/").content.decode()
    assert "Oak Learning Trust" in page
    assert "Your schools (4)" in page
    assert "Elm Academy" not in page
    text = " ".join(rows_of(page))
    assert "Ash Primary" in text
    assert ">2<" in text
    assert "Not confirmed" in page
    assert "Fixed by the lead provider" in page
    assert "No lead provider programme" in page
    assert f"Set the module sequence for schools with {niot.lead_provider.name}" in page


def test_trust_home_issues_a_constant_number_of_queries(
    client, lead, niot, django_assert_max_num_queries
):
    client.force_login(lead.user)
    client.get("/school/trust/")
    with django_assert_max_num_queries(30) as few:
        client.get("/school/trust/")
    for number in range(6):
        added = SchoolFactory(trust=lead.trust, name=f"Added School {number}")
        SchoolPartnershipFactory(school=added, lead_provider=niot.lead_provider)
        ECTAtSchoolPeriodFactory.create_batch(2, school=added)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/school/trust/")
    assert "Your schools (10)" in response.content.decode()


def test_trust_home_says_when_no_school_can_choose_an_order(client):
    lead = TrustInductionLeadFactory()
    SchoolFactory(trust=lead.trust)
    client.force_login(lead.user)
    page = client.get("/school/trust/").content.decode()
    assert "None of your schools has a lead provider that lets schools choose" in page


def test_a_year_other_than_this_or_next_is_not_found(client, lead):
    client.force_login(lead.user)
    assert client.get("/school/trust/?year=2019").status_code == 404
    assert client.get("/school/trust/?year=abc").status_code == 404


# --- setting the sequence -------------------------------------------------------------------


def test_trust_lead_chooses_checks_and_confirms_the_sequence_for_its_schools(
    client, lead, niot, early_october
):
    client.force_login(lead.user)
    page = client.get(sequence_url(niot)).content.decode()
    assert "Ash Primary" in page and "Beech Primary" in page
    assert "Cedar Academy" not in page and "Elm Academy" not in page
    assert "Not decided by the trust" in page
    response = client.post(
        sequence_url(niot, "choose/"),
        {"year": "2026", **dict(zip(PLACES, "FCEBD", strict=True))},
    )
    assert response.url == sequence_url(niot, "check/")
    page = client.get(sequence_url(niot, "check/")).content.decode()
    assert "Module F: Adaptive Practice" in page
    assert "the schools will not be able to change it" in page
    response = client.post(sequence_url(niot, "check/"), {"year": "2026"})
    assert response.url == sequence_url(niot)
    page = client.get(sequence_url(niot)).content.decode()
    assert "Module sequence confirmed for the trust’s schools" in page
    assert "Decided by Oak Learning Trust (Tara Singh) on" in page
    sequence = ModuleSequence.objects.get(trust=lead.trust)
    assert sequence.codes == ["A", "F", "C", "E", "B", "D"]
    assert {
        event.school.name for event in Event.objects.filter(event_type="module_sequence_confirmed")
    } == {
        "Ash Primary",
        "Beech Primary",
    }
    home = client.get("/school/trust/").content.decode()
    assert home.count("Decided by the trust") == 2


def test_the_school_sees_the_trust_decision_read_only_with_who_decided(
    client, lead, niot, early_october
):
    client.force_login(lead.user)
    client.post(sequence_url(niot, "keep-designed-order/"), {"year": "2026"})
    tutor = MembershipFactory(school=school("Ash Primary"))
    client.force_login(tutor.user)
    page = client.get("/school/module-sequence/?year=2026").content.decode()
    assert "Decided by Oak Learning Trust (Tara Singh) on" in page
    assert "Only the trust can change it" in page
    assert "Choose a different order" not in page
    assert client.get("/school/module-sequence/choose/?year=2026").status_code == 404


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"place_2": ""}, errors.SEQUENCE_MODULE_MISSING.format(place="Autumn half-term 2")),
        ({"place_2": "Z"}, errors.SEQUENCE_UNKNOWN_MODULE.format(place="Autumn half-term 2")),
        ({"place_2": "A"}, errors.SEQUENCE_UNKNOWN_MODULE.format(place="Autumn half-term 2")),
        (
            {"place_3": "B"},
            errors.SEQUENCE_MODULE_TWICE.format(
                module="Module B: Memory and Learning", place="Autumn half-term 2"
            ),
        ),
    ],
)
def test_a_bad_order_is_shown_with_its_error_and_nothing_is_saved(
    client, lead, niot, early_october, answers, message
):
    client.force_login(lead.user)
    data = {"year": "2026", **dict(zip(PLACES, "BCDEF", strict=True))}
    response = client.post(sequence_url(niot, "choose/"), data | answers)
    page = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: " in page
    assert "govuk-error-summary" in page
    assert message in page
    assert not ModuleSequence.objects.exists()


def test_after_autumn_half_term_1_the_trust_sequence_is_locked_with_the_reason(client, lead, niot):
    client.force_login(lead.user)
    page = client.get(sequence_url(niot)).content.decode()
    assert "was locked at the end of Autumn half-term 1 on 23 October 2026" in page
    assert "Choose the order for your schools" not in page
    assert client.get(sequence_url(niot, "choose/")).status_code == 404
    assert client.post(sequence_url(niot, "check/"), {"year": "2026"}).status_code == 404
    assert (
        client.post(sequence_url(niot, "keep-designed-order/"), {"year": "2026"}).status_code == 404
    )
    assert not ModuleSequence.objects.exists()


def test_a_provider_none_of_the_trusts_schools_follows_is_not_found(
    client, lead, bpn, early_october
):
    client.force_login(lead.user)
    assert client.get(sequence_url(bpn)).status_code == 404
    assert client.get("/school/trust/module-sequence/999999/?year=2026").status_code == 404


def test_another_trusts_lead_cannot_set_this_trusts_sequence(client, lead, niot, early_october):
    other = TrustInductionLeadFactory()
    client.force_login(other.user)
    assert client.get(sequence_url(niot)).status_code == 404
    assert (
        client.post(sequence_url(niot, "keep-designed-order/"), {"year": "2026"}).status_code == 404
    )
    assert not ModuleSequence.objects.exists()


def test_an_induction_tutor_cannot_open_the_trust_sequence_pages(client, lead, niot, early_october):
    client.force_login(MembershipFactory(school=school("Ash Primary")).user)
    assert client.get(sequence_url(niot)).status_code == 403
    assert (
        client.post(sequence_url(niot, "keep-designed-order/"), {"year": "2026"}).status_code == 403
    )


def test_check_without_a_chosen_order_goes_back_to_choose(client, lead, niot, early_october):
    client.force_login(lead.user)
    response = client.get(sequence_url(niot, "check/"))
    assert response.url == sequence_url(niot, "choose/")
