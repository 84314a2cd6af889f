"""Long lists a page at a time, in a real browser with axe-core (issue 7): the lead provider's
participants, and the appropriate body's ECTs in induction searched across pages."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import Induction
from tests.factories import (
    ECTAtSchoolPeriodFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TeacherFactory,
    TrainingPeriodFactory,
)
from tests.induction.factories import held_ect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lead_provider_pages_through_its_participants(open_tab, induction: Induction):
    partnership = SchoolPartnershipFactory(
        lead_provider=induction.lead_provider, school=SchoolFactory(name="Zephyr Academy")
    )
    for n in range(55):
        period = ECTAtSchoolPeriodFactory(
            school=partnership.school,
            teacher=TeacherFactory(first_name="Ada", last_name=f"Z{n:02}"),
        )
        TrainingPeriodFactory(ect_at_school_period=period, school_partnership=partnership)
    tab = open_tab(induction.lead_provider_user)

    tab.visit("/lead-provider/")
    expect(tab.page.locator("caption")).to_have_text(
        "Showing 1 to 50 of 56 participants in training"
    )
    tab.check("participants, page 1")

    tab.page.get_by_role("link", name="Next").click()
    expect(tab.page.locator("caption")).to_have_text(
        "Showing 51 to 56 of 56 participants in training"
    )
    expect(tab.page.get_by_role("link", name="Ada Z54")).to_be_visible()
    tab.check("participants, page 2")
    tab.assert_no_problems()


def test_appropriate_body_searches_its_ects_across_pages(open_tab, induction: Induction):
    for n in range(52):
        held_ect(
            appropriate_body=induction.appropriate_body,
            teacher=TeacherFactory(first_name="Omar", last_name=f"Ahmed{n:02}"),
        )
    tab = open_tab(induction.appropriate_body_user)

    tab.visit("/appropriate-body/lists/in-induction/")
    tab.page.get_by_label("Search by name or TRN").fill("Ahmed")
    tab.page.get_by_role("button", name="Search").click()
    expect(tab.page.locator("h1")).to_have_text("ECTs in induction with you (52)")
    tab.check("ECTs in induction, search, page 1")

    tab.page.get_by_role("link", name="Next").click()
    expect(tab.page.locator("h1")).to_have_text("ECTs in induction with you (52)")
    expect(tab.page.get_by_text("Omar Ahmed51")).to_be_visible()
    expect(tab.page.get_by_text(induction.ect.full_name)).to_have_count(0)
    tab.check("ECTs in induction, search, page 2")
    tab.assert_no_problems()
