"""Programme journeys in a real browser, with axe-core on every page (issue 5 and issue 3 item 8):
the tutor chooses a module sequence; the ECT chooses electives; the mentor logs a drop-in and
meetings with actions; the tutor reads the engagement dashboard; the lead provider confirms a
partnership, records a seminar register and uploads self-study."""

from __future__ import annotations

import datetime
import re

import pytest
from playwright.sync_api import expect

from programmes.models import (
    LessonDropIn,
    MentorMeeting,
    ModuleSequence,
    SessionAttendance,
    StudyRecord,
)
from tests.e2e.axe import path_is
from tests.e2e.conftest import Induction
from tests.factories import SchoolPartnershipFactory
from tests.induction.factories import AssessmentFactory, ProgressReviewFactory
from tests.programmes.factories import NIOT_FILE, load_programme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MONDAY = datetime.date(2026, 11, 23)  # Autumn half-term 2, week 4


@pytest.fixture
def on(monkeypatch):
    def set_today(day: datetime.date) -> None:
        monkeypatch.setattr("ecte.calendar.dates.today", lambda: day)

    return set_today


@pytest.fixture
def niot(induction: Induction):
    """The NIoT handbook programme, published by the induction's lead provider."""
    return load_programme(NIOT_FILE, lead_provider=induction.lead_provider)


def test_tutor_chooses_a_module_sequence(open_tab, induction: Induction, niot, on):
    on(datetime.date(2026, 10, 5))
    tab = open_tab(induction.induction_tutor)
    page = tab.page
    tab.visit("/school/module-sequence/")
    expect(page.locator("h1")).to_have_text("Module sequence for 2026 to 2027")
    expect(
        page.get_by_text("The designed order: your school has not chosen another")
    ).to_be_visible()
    tab.check("module sequence, designed order")

    page.get_by_role("button", name="Choose a different order").click()
    expect(page.locator("h1")).to_have_text("Choose the order of the modules")
    tab.check("choose the order")

    # Module C twice: the error is shown at the field and in the summary.
    page.get_by_label("Autumn half-term 2").select_option("C")
    page.get_by_label("Spring half-term 1").select_option("C")
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("is already in Autumn half-term 2")
    tab.check("choose the order, a module twice")

    for place, code in zip(
        [
            "Autumn half-term 2",
            "Spring half-term 1",
            "Spring half-term 2",
            "Summer half-term 1",
            "Summer half-term 2",
        ],
        "FCEBD",
        strict=True,
    ):
        page.get_by_label(place).select_option(code)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("h1")).to_have_text("Check the module sequence")
    expect(page.locator(".govuk-summary-list")).to_contain_text("Module F: Adaptive Practice")
    tab.check("check the module sequence")

    page.get_by_role("button", name="Confirm the sequence").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Module sequence confirmed")
    tab.check("module sequence confirmed")
    assert ModuleSequence.objects.get(school=induction.school).codes == list("AFCEBD")
    tab.assert_no_problems()


def test_ect_chooses_electives(open_tab, induction: Induction, niot, on):
    on(MONDAY)
    tab = open_tab(induction.ect_user)
    page = tab.page
    tab.visit("/ect/")
    expect(page.get_by_test_id("current-module")).to_have_text(
        "Year 1, Module B: Memory and Learning"
    )
    tab.check("ECT home with the programme")

    page.get_by_role("link", name="Your programme: modules, electives and seminars").click()
    expect(page.locator("h1")).to_have_text("Your programme")
    tab.check("my programme")

    page.get_by_role("link", name="Module B: Memory and Learning").click()
    expect(page.locator("h1")).to_have_text("Module B: Memory and Learning")
    tab.check("module B")

    page.get_by_role(
        "button", name=re.compile(r"^Mark as done\s*: Core self-study: Memory and Learning$")
    ).click()
    expect(page.get_by_test_id("module-progress")).to_contain_text("1 of 5")

    page.get_by_label("How the memory works").check()
    page.get_by_label("Managing cognitive load").check()
    page.get_by_role("button", name="Save electives").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose at least 3 electives for Module B: Memory and Learning"
    )
    tab.check("module B, too few electives")

    page.get_by_label("Retrieval, revisiting and reviewing information").check()
    page.get_by_role("button", name="Save electives").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Your electives saved")
    tab.check("module B, electives chosen")
    assert StudyRecord.objects.filter(teacher=induction.ect, chosen_at__isnull=False).count() == 3
    tab.assert_no_problems()


def test_mentor_logs_a_drop_in_and_meetings_with_actions(open_tab, induction: Induction, niot, on):
    on(MONDAY)
    tab = open_tab(induction.mentor_user)
    page = tab.page
    tab.visit("/mentor/")
    expect(page.locator("main")).to_contain_text("Drop-in this week")
    tab.check("my ECTs with this week")

    page.get_by_role("link", name="Log a lesson drop-in").click()
    expect(page.locator("h1")).to_have_text("Log a lesson drop-in")
    page.get_by_label("Day").fill("23")
    page.get_by_label("Month").fill("11")
    page.get_by_label("Year").fill("2026")
    page.get_by_label("How many minutes did it last?").fill("20")
    page.get_by_label("In person").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "A lesson drop-in lasts at most 15 minutes"
    )
    tab.check("log a drop-in, too long")
    page.get_by_label("How many minutes did it last?").fill("15")
    page.get_by_label("Notes").fill("Calm, purposeful start.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Lesson drop-in logged")
    tab.check("the ECT's log")

    page.get_by_role("button", name="Log a mentor meeting").click()
    expect(page.locator("h1")).to_have_text("Log a mentor meeting")
    tab.check("log a meeting")
    date_groups = page.locator(".govuk-date-input")
    for index, (day, month, year) in enumerate([("23", "11", "2026"), ("30", "11", "2026")]):
        group = date_groups.nth(index)
        group.get_by_label("Day").fill(day)
        group.get_by_label("Month").fill(month)
        group.get_by_label("Year").fill(year)
    page.get_by_label("How many minutes did it last?").fill("50")
    page.get_by_label("1. Praise").fill("Routines at the door were consistent.")
    page.get_by_label("2. Probe").fill("Transitions lost time.")
    page.get_by_label("3. Precise action").fill("Use a 5-second countdown for every transition")
    page.get_by_label("4. Plan").fill("Period 3 on Thursday.")
    page.get_by_label("5. Practise").fill("Rehearsed the script twice.")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Mentor meeting logged")
    expect(page.locator("main")).to_contain_text("Use a 5-second countdown for every transition")

    # The next meeting reviews the action as achieved.
    page.get_by_role("button", name="Log a mentor meeting").click()
    page.get_by_label("Achieved").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the praise step")
    tab.check("log a meeting, with errors and an action to review")
    assert MentorMeeting.objects.count() == 1

    meeting = MentorMeeting.objects.get()
    tab.visit(f"/mentor/meetings/{meeting.pk}/")
    expect(page.locator("main")).to_contain_text("Transitions lost time.")
    tab.check("a meeting")

    tab.visit("/mentor/training/")
    expect(page.locator("h1")).to_have_text("Your training as a mentor")
    tab.check("my training")
    assert LessonDropIn.objects.get().minutes == 15
    tab.assert_no_problems()


def test_tutor_reads_the_engagement_dashboard(open_tab, induction: Induction, niot, on):
    on(MONDAY)
    tab = open_tab(induction.induction_tutor)
    page = tab.page
    tab.visit("/school/engagement/")
    expect(page.locator("h1")).to_have_text("Engagement")
    card = page.get_by_test_id("ect-engagement")
    expect(card).to_contain_text(induction.ect.full_name)
    expect(card).to_contain_text("Below 75%")
    tab.check("engagement dashboard")

    card.get_by_role("link", name=induction.ect.full_name).click()
    expect(page.locator("h1")).to_have_text(induction.ect.full_name)
    expect(page.locator("main")).to_contain_text("Module A: Behaviour and Relationships")
    tab.check("engagement of one ECT")
    tab.assert_no_problems()


def test_lead_provider_confirms_a_partnership_and_records_a_register(
    open_tab, induction: Induction, niot, on
):
    on(MONDAY)
    SchoolPartnershipFactory(lead_provider=induction.lead_provider, school__name="Moorside Primary")
    tab = open_tab(induction.lead_provider_user)
    page = tab.page

    tab.visit("/lead-provider/partnerships/")
    expect(page.locator("main")).to_contain_text("Moorside Primary")
    tab.check("partnerships")
    page.get_by_role("button", name="Confirm the partnership with Moorside Primary").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The school has been told")
    tab.check("partnership confirmed")

    tab.visit("/lead-provider/seminars/")
    expect(page.locator("h1")).to_have_text("Seminar registers")
    tab.check("seminar registers")
    page.get_by_role(
        "link", name="Seminar A: Ensuring safe and predictable learning environments"
    ).first.click()
    expect(page.locator("h1")).to_contain_text("Register: Seminar A")
    tab.check("a seminar register")
    page.get_by_label(f"{induction.ect.full_name} (TRN {induction.ect.trn})").check()
    page.get_by_role("button", name="Save the register").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Register saved: 1 of 1 attended"
    )
    assert SessionAttendance.objects.get().attended

    tab.visit("/lead-provider/self-study/")
    page.get_by_label("Upload a CSV file").set_input_files(
        files=[
            {
                "name": "completions.csv",
                "mimeType": "text/csv",
                "buffer": f"trn,activity_code,completed_on\n{induction.ect.trn},Y1-Z-E9,2026-09-20\n".encode(),
            }
        ]
    )
    page.get_by_role("button", name="Upload", exact=True).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("1 row has a problem")
    expect(page.locator("main")).to_contain_text(
        "There is no activity Y1-Z-E9 in your 2026 to 2027 programme"
    )
    tab.check("self-study upload with a bad row")
    tab.assert_no_problems()


def test_the_module_sequence_is_locked_after_autumn_half_term_1(
    open_tab, induction: Induction, niot, on
):
    on(MONDAY)
    tab = open_tab(induction.induction_tutor)
    tab.visit("/school/module-sequence/")
    expect(tab.page.locator("main")).to_contain_text("was locked at the end of Autumn half-term 1")
    expect(tab.page.get_by_role("button", name="Choose a different order")).to_have_count(0)
    tab.check("module sequence locked")
    tab.assert_no_problems()


def test_ect_reads_meetings_and_path(open_tab, induction: Induction, niot, on):
    on(MONDAY)
    tab = open_tab(induction.ect_user)
    tab.visit("/ect/meetings/")
    expect(tab.page.locator("h1")).to_have_text("Your meetings and actions")
    expect(tab.page).to_have_url(path_is("/ect/meetings/"))
    tab.check("my meetings")
    tab.assert_no_problems()


def test_ect_reads_their_reviews_and_assessments(open_tab, induction: Induction, on):
    on(MONDAY)
    period = induction.ect.ect_at_school_periods.get()
    ProgressReviewFactory(ect_at_school_period=period, reviewed_on=datetime.date(2026, 11, 20))
    AssessmentFactory(ect_at_school_period=period, sent=True)
    AssessmentFactory(ect_at_school_period=period, final=True)  # a draft: never shown
    tab = open_tab(induction.ect_user)
    page = tab.page
    tab.visit("/ect/")
    expect(page.get_by_test_id("reviews-summary")).to_contain_text("Induction: 0 of 6 terms.")
    page.get_by_test_id("reviews-summary").get_by_role(
        "link", name="Your reviews and assessments"
    ).click()
    expect(page.locator("h1")).to_have_text("Your reviews and assessments")
    expect(page.get_by_test_id("own-record")).to_have_count(2)
    tab.check("your reviews and assessments")

    page.get_by_role("link", name="Formal assessment, term 3").click()
    expect(page.locator("h1")).to_have_text("Formal assessment, term 3")
    expect(page.locator("main")).to_contain_text("Signed off by the headteacher")
    expect(page.locator("main")).to_contain_text("(met)")
    expect(page.locator("main").get_by_role("link", name=re.compile("Change"))).to_have_count(0)
    tab.check("a formal assessment, read-only")
    tab.assert_no_problems()


def test_a_part_time_ects_programme_is_paced_pro_rata(open_tab, induction: Induction, niot, on):
    on(MONDAY)
    induction.ect.ect_at_school_periods.update(working_pattern="part_time", fte="0.5")
    tab = open_tab(induction.ect_user)
    page = tab.page
    tab.visit("/ect/programme/")
    expect(page.get_by_test_id("pace")).to_contain_text("Part-time (0.5 FTE)")
    tab.check("my programme, part-time")
    tab.assert_no_problems()
