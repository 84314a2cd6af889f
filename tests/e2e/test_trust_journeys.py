"""The trust induction lead in a real browser, with axe-core on every page (issue 3, item 8;
rule 24): they set the module sequence for the trust's schools, and a school's induction tutor
then sees it read-only, with who decided."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from programmes.models import ModuleSequence
from tests.e2e.axe import path_is
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TrustFactory,
    UserFactory,
)
from tests.programmes.factories import BPN_FILE, NIOT_FILE, load_programme
from tests.schools.factories import TrustInductionLeadFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EARLY_OCTOBER = datetime.date(2026, 10, 5)
PLACES = [
    "Autumn half-term 2",
    "Spring half-term 1",
    "Spring half-term 2",
    "Summer half-term 1",
    "Summer half-term 2",
]


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The live server runs in this process, so it sees the same "today".
    monkeypatch.setattr("ecte.calendar.dates.today", lambda: EARLY_OCTOBER)


@pytest.fixture
def trust_world():
    """Oak Learning Trust: Ash and Beech with NIoT (flexible), Cedar with BPN (fixed order)."""
    niot = load_programme(NIOT_FILE)
    bpn = load_programme(BPN_FILE)
    trust = TrustFactory(name="Oak Learning Trust")
    schools = {}
    for name, programme in (
        ("Ash Primary", niot),
        ("Beech Primary", niot),
        ("Cedar Academy", bpn),
    ):
        schools[name] = SchoolFactory(trust=trust, name=name)
        SchoolPartnershipFactory(school=schools[name], lead_provider=programme.lead_provider)
    ECTAtSchoolPeriodFactory.create_batch(2, school=schools["Ash Primary"])
    lead = TrustInductionLeadFactory(
        trust=trust, user=UserFactory(first_name="Tara", last_name="Singh")
    )
    tutor = MembershipFactory(
        school=schools["Ash Primary"], user=UserFactory(first_name="Priya", last_name="Shah")
    )
    return {"trust": trust, "lead": lead.user, "tutor": tutor.user, "niot": niot}


def test_trust_lead_sets_the_sequence_and_the_school_sees_it_read_only(open_tab, trust_world):
    tab = open_tab(trust_world["lead"])
    page = tab.page

    tab.visit("/home/")
    expect(page).to_have_url(path_is("/school/trust/"))
    expect(page.locator("h1")).to_have_text("Oak Learning Trust")
    table = page.locator("table")
    expect(table).to_contain_text("Ash Primary")
    expect(table).to_contain_text("Fixed by the lead provider")
    expect(table).to_contain_text("Not confirmed")
    expect(page.get_by_role("navigation", name="Menu")).to_contain_text("Notifications")
    tab.check("trust home")

    page.get_by_role("link", name="Set the module sequence for schools with").click()
    expect(page.locator("h1")).to_have_text("Module sequence for 2026 to 2027")
    expect(page.get_by_test_id("trust-schools")).to_have_text(
        re.compile(r"Ash Primary\s*Beech Primary")
    )
    tab.check("trust module sequence, not decided")

    page.get_by_role("button", name="Choose the order for your schools").click()
    expect(page.locator("h1")).to_have_text("Choose the order of the modules")
    tab.check("trust chooses the order")

    page.get_by_label("Autumn half-term 2").select_option("C")
    page.get_by_label("Spring half-term 1").select_option("C")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("is already in Autumn half-term 2")
    tab.check("trust chooses the order, a module twice")

    for place, code in zip(PLACES, "FCEBD", strict=True):
        page.get_by_label(place).select_option(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check the module sequence")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Module F: Adaptive Practice")
    tab.check("trust checks the sequence")

    page.get_by_role("button", name="Confirm the sequence for your schools").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Module sequence confirmed for the trust’s schools"
    )
    expect(page.locator("main")).to_contain_text("Decided by Oak Learning Trust (Tara Singh) on")
    tab.check("trust sequence confirmed")
    sequence = ModuleSequence.objects.get(trust=trust_world["trust"])
    assert sequence.codes == list("AFCEBD")

    tab.visit("/school/trust/")
    expect(page.locator("table")).to_contain_text("Decided by the trust")
    tab.check("trust home, decided")
    tab.assert_no_problems()

    school_tab = open_tab(trust_world["tutor"])
    school_page = school_tab.page
    school_tab.visit("/school/module-sequence/")
    expect(school_page.locator("main")).to_contain_text(
        "Decided by Oak Learning Trust (Tara Singh) on"
    )
    expect(school_page.locator("main")).to_contain_text("Only the trust can change it")
    expect(school_page.get_by_role("button", name="Choose a different order")).to_have_count(0)
    expect(school_page.locator("table")).to_contain_text("Module F: Adaptive Practice")
    school_tab.check("school module sequence, decided by the trust")
    school_tab.visit("/school/module-sequence/choose/", status=404)
    school_tab.assert_no_problems()
