"""The induction tutor's journeys in a real browser, with axe-core on every page they show:
register an ECT, register a mentor and assign them; set up the year; the exits, the lists,
a leaver."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.axe import Tab, path_is
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    MembershipFactory,
    SchoolFactory,
    SchoolPartnershipFactory,
    TeacherRecordFactory,
    UserFactory,
)
from tests.schools.factories import YearSetupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TODAY = datetime.date(2026, 11, 23)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    # The live server runs in this process, so it sees the same "today".
    monkeypatch.setattr("ecte.calendar.dates.today", lambda: TODAY)


@pytest.fixture
def school():
    return SchoolFactory(name="Harbour View Academy")


@pytest.fixture
def tutor(school):
    user = UserFactory(first_name="Priya", last_name="Shah", email="priya.shah@harbour.example")
    MembershipFactory(user=user, school=school)
    return user


@pytest.fixture
def year_setup(school):
    return YearSetupFactory(
        school=school,
        appropriate_body=AppropriateBodyFactory(name="Coastal Teaching School Hub"),
        school_partnership__lead_provider__name="National Institute of Teaching",
        school_partnership__delivery_partner__name="Northern Lights Teaching Partnership",
    )


def continue_(tab: Tab, name: str) -> None:
    """Check the page in front of us, then press its Continue (or other) button."""
    tab.check(name)
    tab.page.locator("main").get_by_role("button", name="Continue").click()


def fill_date(tab: Tab, day: str, month: str, year: str) -> None:
    page = tab.page
    page.get_by_label("Day").fill(day)
    page.get_by_label("Month").fill(month)
    page.get_by_label("Year").fill(year)


def test_register_an_ect_register_a_mentor_and_assign_them(open_tab, tutor, year_setup):
    TeacherRecordFactory(
        trn="4221705",
        first_name="Alice",
        last_name="Thornton",
        date_of_birth=datetime.date(2003, 6, 11),
    )
    TeacherRecordFactory(
        trn="2915634",
        first_name="Samuel",
        last_name="Osei",
        date_of_birth=datetime.date(1984, 3, 12),
        passed=True,
    )
    tab = open_tab(tutor)
    page = tab.page

    # The dashboard: what is left to do this year.
    tab.visit("/school/")
    expect(page.locator("h1")).to_have_text("Harbour View Academy")
    expect(page.get_by_role("heading", name="Set up 2026 to 2027")).to_be_visible()
    expect(page.locator(".govuk-task-list")).to_contain_text("Appoint an appropriate body")
    tab.check("school dashboard")

    # --- Register an ECT ---------------------------------------------------------------
    page.get_by_role("button", name="Register an ECT").click()
    expect(page).to_have_url(path_is("/school/ects/register/find/"))
    expect(page.locator("h1")).to_have_text("Find the early career teacher")
    tab.check("find the ECT")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter a teacher reference number (TRN)"
    )
    expect(page).to_have_title(re.compile(r"^Error: "))
    tab.check("find the ECT, with errors")

    page.get_by_label("Teacher reference number (TRN)").fill("4221705")
    fill_date(tab, "11", "6", "2003")
    page.get_by_role("button", name="Continue").click()

    expect(page.locator("h1")).to_have_text("Check Alice Thornton's name")
    expect(page.get_by_label("First name")).to_have_value("Alice")
    continue_(tab, "check the ECT's name")

    expect(page.locator("h1")).to_have_text("What is Alice Thornton's email address?")
    page.get_by_label("What is Alice Thornton's email address?").fill("alice@harbour.example")
    continue_(tab, "ECT's email")

    expect(page.locator("h1")).to_have_text("When will Alice Thornton start at your school?")
    fill_date(tab, "4", "1", "2027")
    continue_(tab, "ECT's start date")

    expect(page.locator("h1")).to_have_text("Does Alice Thornton work full-time or part-time?")
    page.get_by_label("Full-time").check()
    continue_(tab, "ECT's working pattern")

    expect(page.locator("h1")).to_have_text("Use your school's choices for 2026 to 2027?")
    page.get_by_label("Yes, use these").check()
    continue_(tab, "use the school's choices")

    expect(page).to_have_url(path_is("/school/ects/register/check-answers/"))
    expect(page.locator("main")).to_contain_text("Coastal Teaching School Hub")
    expect(page.locator("main")).to_contain_text(
        "Provider-led with National Institute of Teaching and Northern Lights Teaching Partnership"
    )
    tab.check("check your answers: ECT")
    page.get_by_role("button", name="Confirm and register").click()

    expect(page.locator(".govuk-panel")).to_contain_text("Alice Thornton has been registered")
    expect(page.get_by_test_id("told")).to_contain_text("Alice Thornton at alice@harbour.example")
    expect(page.get_by_test_id("told")).to_contain_text("Coastal Teaching School Hub")
    tab.check("ECT registered")

    # --- Register a mentor -------------------------------------------------------------
    page.get_by_role("link", name="Mentors", exact=True).click()
    expect(page.locator("h1")).to_have_text("Mentors")
    tab.check("mentor list, empty")
    page.get_by_role("button", name="Register a mentor").click()
    expect(page.locator("h1")).to_have_text("Find the mentor")
    page.get_by_label("Teacher reference number (TRN)").fill("2915634")
    fill_date(tab, "12", "3", "1984")
    continue_(tab, "find the mentor")

    expect(page.locator("h1")).to_have_text("Check Samuel Osei's name")
    continue_(tab, "check the mentor's name")
    page.get_by_label("What is Samuel Osei's email address?").fill("samuel@harbour.example")
    continue_(tab, "mentor's email")
    expect(page.locator("h1")).to_have_text("When will Samuel Osei start mentoring at your school?")
    fill_date(tab, "4", "1", "2027")
    continue_(tab, "mentor's start date")
    expect(page.locator("h1")).to_have_text("Which lead provider will train Samuel Osei?")
    continue_(tab, "mentor's lead provider")

    expect(page.locator("main")).to_contain_text("Training mentor")
    expect(page.locator("main")).to_contain_text(
        "Funded. Their training is funded for 2026 to 2027"
    )
    tab.check("check your answers: mentor")
    page.get_by_role("button", name="Confirm and register").click()
    expect(page.locator(".govuk-panel")).to_contain_text(
        "Samuel Osei has been registered as a mentor"
    )
    tab.check("mentor registered")

    # --- Assign the mentor -------------------------------------------------------------
    page.get_by_role("link", name="ECTs", exact=True).click()
    expect(page.locator("h1")).to_have_text("Early career teachers")
    expect(page.locator("main")).to_contain_text("To do: No mentor assigned")
    tab.check("ECT list")
    page.get_by_role("link", name="Alice Thornton").click()
    expect(page.locator("h1")).to_have_text("Alice Thornton")
    expect(page.get_by_test_id("timeline")).to_contain_text(
        "Alice Thornton was registered as an ECT at Harbour View Academy"
    )
    tab.check("ECT page")

    page.get_by_role("link", name="Assign mentor").click()
    expect(page.locator("h1")).to_have_text("Who will mentor Alice Thornton?")
    page.get_by_label("Samuel Osei").check()
    continue_(tab, "choose a mentor")
    expect(page.locator("main")).to_contain_text("4 January 2027")
    tab.check("check your answers: assign a mentor")
    page.get_by_role("button", name="Confirm and assign").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Samuel Osei will mentor Alice Thornton")
    tab.check("mentor assigned")

    page.get_by_role("link", name="Go to your school’s home").click()
    tasks = page.locator(".govuk-task-list")
    expect(tasks).to_contain_text("Every ECT has a mentor (1 of 1)")
    tab.check("school dashboard, after the walk")

    tab.assert_no_problems()


def test_set_up_the_year_exits_search_and_a_leaver(open_tab, school, tutor):
    AppropriateBodyFactory(name="Coastal Teaching School Hub")
    SchoolPartnershipFactory(
        school=school, academic_year=2026, lead_provider__name="National Institute of Teaching"
    )
    TeacherRecordFactory(trn="2531987", first_name="Robert", last_name="Hayes", passed=True)
    leaver = ECTAtSchoolPeriodFactory(
        school=school, teacher__first_name="Tom", teacher__last_name="Whitfield"
    )
    tab = open_tab(tutor)
    page = tab.page

    # Set up the year.
    tab.visit("/school/")
    page.get_by_role("link", name="Appoint an appropriate body").click()
    expect(page.locator("h1")).to_have_text(
        "Which appropriate body will your ECTs have in 2026 to 2027?"
    )
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select an appropriate body")
    tab.check("set up: appropriate body, with an error")
    page.get_by_label("Coastal Teaching School Hub").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("How will your ECTs be trained in 2026 to 2027?")
    page.get_by_label(re.compile("Provider-led with National Institute of Teaching")).check()
    continue_(tab, "set up: training")
    tab.check("set up: check your answers")
    page.get_by_role("button", name="Confirm choices").click()
    expect(page.locator(".govuk-panel")).to_contain_text(
        "Your choices for 2026 to 2027 have been saved"
    )
    tab.check("set up: saved")

    # An exit: a teacher who has passed induction.
    tab.visit("/school/ects/register/find/")
    page.get_by_label("Teacher reference number (TRN)").fill("2531987")
    fill_date(tab, "12", "4", "1998")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("You cannot register this teacher")
    expect(page.get_by_test_id("exit-reason")).to_contain_text(
        "Robert Hayes has already passed induction"
    )
    tab.check("cannot register: passed")

    # Search.
    tab.visit("/school/ects/")
    page.get_by_label("Search by name or teacher reference number (TRN)").fill("whit")
    page.get_by_role("button", name="Search").click()
    expect(page.locator("main")).to_contain_text("1 ECT matching “whit”")
    tab.check("ECT search")

    # A leaver.
    page.get_by_role("link", name="Tom Whitfield").click()
    page.get_by_role("button", name="Report that they are leaving").click()
    expect(page.locator("h1")).to_have_text("When is Tom Whitfield leaving your school?")
    fill_date(tab, "18", "12", "2026")
    continue_(tab, "leaving date")
    tab.check("check your answers: leaving")
    page.get_by_role("button", name="Confirm").click()
    expect(page.locator(".govuk-panel")).to_contain_text(
        "Tom Whitfield’s leaving date has been recorded"
    )
    tab.check("leaver recorded")
    leaver.refresh_from_db()
    assert leaver.finished_on == datetime.date(2026, 12, 18)

    tab.assert_no_problems()
