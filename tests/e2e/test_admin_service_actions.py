"""In a real browser, DfE staff correct an outcome recorded in error from the admin: the change
page, its error state and the teacher's timeline are axe-clean, and the note shows in the
timeline with who made the change."""

from __future__ import annotations

import pytest
from django.conf import settings
from playwright.sync_api import expect

from ecte.admin_site import NOTE_LABEL, NOTE_REQUIRED
from tests.admin.conftest import signed_in_staff_client, staff_user  # noqa: F401
from tests.e2e.axe import Tab, path_is
from tests.factories import InductionPeriodFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "The appropriate body told us the pass was entered for the wrong teacher"


@pytest.fixture
def staff_tab(browser, live_server, staff_user):  # noqa: F811 (staff_user: the fixture)
    """A browser tab signed in to the admin, password and authenticator code passed."""
    client = signed_in_staff_client(staff_user)
    context = browser.new_context(base_url=live_server.url, locale="en-GB")
    context.set_default_timeout(15_000)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    yield Tab(context.new_page())
    context.close()


def test_dfe_staff_correct_an_outcome_with_a_note_and_see_it_in_the_timeline(staff_tab):
    period = InductionPeriodFactory(passed=True)
    teacher = period.teacher
    tab, page = staff_tab, staff_tab.page

    tab.visit(f"/admin/induction/inductionperiod/{period.pk}/change/")
    tab.check("induction period, read-only", govuk=False)
    page.get_by_role("link", name="Correct this induction period").click()
    expect(page).to_have_url(path_is(f"/admin/induction/inductionperiod/{period.pk}/correct/"))
    expect(page.locator("h1")).to_contain_text("Correct this induction period")
    tab.check("correct an induction period", govuk=False)

    page.get_by_label("Outcome").select_option("fail")
    page.get_by_label("Date told in writing of the right to appeal").fill("2026-07-20")
    page.get_by_role("button", name="Correct this induction period").click()
    expect(page.get_by_role("alert")).to_contain_text(NOTE_REQUIRED)
    tab.check("correct an induction period, no note", govuk=False)

    page.get_by_label(NOTE_LABEL).fill(NOTE)
    page.get_by_role("button", name="Correct this induction period").click()
    expect(page).to_have_url(path_is(f"/admin/induction/inductionperiod/{period.pk}/change/"))
    expect(page.get_by_text(f"Induction period corrected for {teacher.full_name}")).to_be_visible()

    tab.visit(f"/admin/participants/teacher/{teacher.pk}/change/")
    expect(page.get_by_text(NOTE)).to_be_visible()
    expect(page.get_by_text("Dana Price").first).to_be_visible()
    tab.check("teacher with their timeline", govuk=False)
    tab.assert_no_problems()


def test_dfe_staff_read_a_mentoring_log_without_its_notes(staff_tab):
    from tests.factories import MentorshipFactory, UserFactory
    from tests.programmes.mentoring_factories import LessonDropInFactory

    drop_in = LessonDropInFactory(mentorship=MentorshipFactory(), logged_by=UserFactory())
    tab, page = staff_tab, staff_tab.page

    tab.visit("/admin/programmes/lessondropin/")
    tab.check("lesson drop-ins, read-only list", govuk=False)
    tab.visit(f"/admin/programmes/lessondropin/{drop_in.pk}/change/")
    expect(page.locator("#content")).to_contain_text("15")
    expect(page.locator("#content")).not_to_contain_text(drop_in.notes)
    tab.check("a lesson drop-in, without its notes", govuk=False)
    tab.assert_no_problems()
