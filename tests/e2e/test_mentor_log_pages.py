"""The mentor's ECT page shows the latest drop-ins; the full log is a paginated page of its
own (issue 7, item 3: pages must not grow with the data), in a real browser with axe-core."""

from __future__ import annotations

import datetime

import pytest
from playwright.sync_api import expect

from participants.models import Mentorship
from tests.e2e.conftest import Induction
from tests.programmes.factories import NIOT_FILE, load_programme
from tests.programmes.mentoring_factories import LessonDropInFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = datetime.date(2026, 11, 23)


@pytest.fixture
def on(monkeypatch):
    def set_today(day: datetime.date) -> None:
        monkeypatch.setattr("ecte.calendar.dates.today", lambda: day)

    return set_today


def test_mentor_pages_through_every_drop_in(open_tab, induction: Induction, on):
    on(MONDAY)
    load_programme(NIOT_FILE, lead_provider=induction.lead_provider)
    mentorship = Mentorship.objects.get(ect_at_school_period__teacher=induction.ect)
    for n in range(30):
        LessonDropInFactory(
            mentorship=mentorship,
            logged_by=induction.mentor_user,
            held_on=datetime.date(2026, 9, 7) + datetime.timedelta(days=n),
            notes=f"Drop-in note {n:03}",
        )
    tab = open_tab(induction.mentor_user)
    page = tab.page

    tab.visit(f"/mentor/ects/{mentorship.ect_at_school_period_id}/")
    expect(page.locator("main table tbody tr")).to_have_count(10)
    tab.check("the ECT's latest drop-ins")

    page.get_by_role("link", name="View all 30 drop-ins").click()
    expect(page.locator("h1")).to_have_text("Lesson drop-ins")
    expect(page.locator("main")).to_contain_text("Showing 1 to 25 of 30 drop-ins")
    expect(page.locator("main table tbody tr")).to_have_count(25)
    tab.check("all drop-ins, page 1")

    page.get_by_role("link", name="Next").click()
    expect(page.locator("main")).to_contain_text("Showing 26 to 30 of 30 drop-ins")
    expect(page.locator("main")).to_contain_text("Drop-in note 000")
    tab.check("all drop-ins, page 2")

    page.get_by_role("link", name="Back to Amara Okafor").click()
    expect(page.locator("h1")).to_have_text("Amara Okafor")
    tab.assert_no_problems()
