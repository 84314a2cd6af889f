"""Every page, in a real browser, with axe-core finding no WCAG 2.2 A or AA violation.

Each test also checks that the page works as its users see it: the heading and
the ECT's name are on screen, there is one h1, GOV.UK Frontend's JavaScript ran
under the Content Security Policy, and nothing was refused by that policy.
Sign-in pages, the error state of the sign-in code and the admin are checked in
test_sign_in.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from participants.models import ECTAtSchoolPeriod
from tests.e2e.axe import path_is
from tests.e2e.conftest import Induction
from tests.factories import MembershipFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


PUBLIC_PAGES = [
    # (name, path, status, h1)
    ("start page", "/", 200, "Manage early career teacher induction"),
    ("sign in with an email code", "/accounts/login/code/", 200, "Sign in"),
    ("DfE staff sign in", "/accounts/login/?next=/admin/", 200, "DfE staff sign in"),
    (
        "accessibility statement",
        "/accessibility/",
        200,
        "Accessibility statement for Manage early career teacher induction",
    ),
    ("cookies", "/cookies/", 200, "Cookies"),
    ("privacy notice", "/privacy/", 200, "Privacy notice"),
    ("page not found", "/no-such-page/", 404, "Page not found"),
]


def test_public_pages(open_tab):
    tab = open_tab()
    for name, path, status, heading in PUBLIC_PAGES:
        tab.visit(path, status=status)
        expect(tab.page.locator("h1"), name).to_have_text(heading)
        # Every page links to the footer pages.
        expect(tab.page.get_by_role("link", name="Accessibility statement")).to_be_visible()
        tab.check(name)
    tab.assert_no_problems()


# (test id, Induction attribute of the user, their home, the home's h1, sees the ECT linked)
ROLES: list[tuple[str, str, str, Callable[[Induction], str], bool]] = [
    ("induction-tutor", "induction_tutor", "/school/", lambda i: i.school.name, True),
    (
        "appropriate-body",
        "appropriate_body_user",
        "/appropriate-body/",
        lambda i: i.appropriate_body.name,
        True,
    ),
    ("lead-provider", "lead_provider_user", "/lead-provider/", lambda i: "Participants", True),
    ("mentor", "mentor_user", "/mentor/", lambda i: "Your early career teachers", True),
    ("ect", "ect_user", "/ect/", lambda i: "Your induction", False),
]


@pytest.mark.parametrize(
    ("user_attribute", "home", "heading", "links_to_ect"),
    [pytest.param(*role[1:], id=role[0]) for role in ROLES],
)
def test_role_home_and_teacher_page(
    open_tab, induction: Induction, user_attribute, home, heading, links_to_ect
):
    user = getattr(induction, user_attribute)
    ect_name = induction.ect.full_name
    tab = open_tab(user)
    page = tab.page

    # /home/ sends a user with one role straight to that role's home.
    tab.visit("/home/")
    expect(page).to_have_url(path_is(home))
    expect(page.locator("h1")).to_have_text(heading(induction))
    expect(page.get_by_test_id("user-bar")).to_contain_text(f"Signed in as {user.full_name}")
    expect(page.get_by_role("button", name="Sign out")).to_be_visible()
    if links_to_ect:
        ect_link = page.get_by_role("link", name=ect_name)
        expect(ect_link).to_be_visible()
    else:
        # The ECT's own home: their name above the heading, their appropriate body below.
        expect(page.locator(".govuk-caption-l")).to_have_text(ect_name)
        expect(page.locator("main")).to_contain_text(induction.appropriate_body.name)
    tab.check(f"{user_attribute} home")

    if links_to_ect:
        ect_link.click()
    else:
        tab.visit(f"/teachers/{induction.ect.pk}/")
    if user_attribute == "induction_tutor":
        # The induction tutor's dashboard links to the school's own ECT page (issue 3).
        period = ECTAtSchoolPeriod.objects.get(teacher=induction.ect)
        expect(page).to_have_url(path_is(f"/school/ects/{period.pk}/"))
        expect(page.locator("h1")).to_have_text(ect_name)
        expect(page.locator(".govuk-caption-l")).to_contain_text(f"TRN {induction.ect.trn}")
        expect(page.get_by_role("link", name="Back to early career teachers")).to_be_visible()
        tab.check("school ECT page seen by induction_tutor")
        tab.visit(f"/teachers/{induction.ect.pk}/")
    if user_attribute == "appropriate_body_user":
        # The appropriate body's home links to its own teacher page (issue 4).
        expect(page).to_have_url(path_is(f"/appropriate-body/teachers/{induction.ect.pk}/"))
        expect(page.locator("h1")).to_contain_text(ect_name)
        tab.check("appropriate body teacher page")
        tab.visit(f"/teachers/{induction.ect.pk}/")
    expect(page).to_have_url(path_is(f"/teachers/{induction.ect.pk}/"))
    expect(page.locator("h1")).to_have_text(ect_name)
    expect(page.get_by_text(f"TRN {induction.ect.trn}")).to_be_visible()
    expect(page.get_by_role("link", name="Back to home")).to_be_visible()
    tab.check(f"teacher page seen by {user_attribute}")

    tab.assert_no_problems()


def test_choose_role(open_tab, induction: Induction):
    """A user with two roles chooses one, lands on its home and can switch back."""
    user = UserFactory(first_name="Gareth", last_name="Lloyd")
    MembershipFactory(user=user, school=induction.school)
    MembershipFactory(user=user, mentor=True, teacher=induction.mentor)
    tab = open_tab(user)
    page = tab.page

    tab.visit("/home/")
    expect(page).to_have_url(path_is("/choose-role/"))
    expect(page.locator("h1")).to_have_text("Choose your role")
    tab.check("choose role")

    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Select the role you want to use")
    expect(page).to_have_title(re.compile(r"^Error: "))
    tab.check("choose role, nothing chosen")

    page.locator("label", has_text=re.compile(r"^\s*Mentor\s*$")).click()
    expect(page.get_by_role("radio", name="Mentor", exact=True)).to_be_checked()
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(path_is("/mentor/"))
    expect(page.locator("h1")).to_have_text("Your early career teachers")
    expect(page.get_by_role("link", name=induction.ect.full_name)).to_be_visible()
    switch = page.get_by_role("link", name="Switch role")
    expect(switch).to_be_visible()
    tab.check("mentor home, with a second role")

    switch.click()
    expect(page).to_have_url(path_is("/choose-role/"))
    expect(page.get_by_role("radio", name="Mentor", exact=True)).to_be_checked()

    tab.assert_no_problems()


def test_forbidden_no_role_and_sign_out_pages(open_tab, induction: Induction):
    # An induction tutor on the appropriate body's home: 403.
    tab = open_tab(induction.induction_tutor)
    tab.visit("/appropriate-body/", status=403)
    expect(tab.page.locator("h1")).to_have_text("You cannot view this page")
    expect(tab.page.get_by_role("link", name="Go to your home page")).to_be_visible()
    tab.check("403 for the wrong role")

    # Signing out asks for confirmation (sign-out is never a GET).
    tab.visit("/accounts/logout/")
    expect(tab.page.locator("h1")).to_have_text("Sign out")
    tab.check("sign out confirmation")
    tab.page.locator("main").get_by_role("button", name="Sign out").click()
    expect(tab.page).to_have_url(path_is("/"))
    expect(tab.page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()

    # Someone signed in with no role at all.
    nobody = open_tab(UserFactory())
    nobody.visit("/home/", status=403)
    expect(nobody.page).to_have_url(path_is("/choose-role/"))
    expect(nobody.page.locator("h1")).to_have_text("You do not have access to this service yet")
    nobody.check("no role")

    tab.assert_no_problems()
    nobody.assert_no_problems()
