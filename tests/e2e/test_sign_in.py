"""The real sign-in journeys, in a browser, with axe on every page they pass through.

Users with a role sign in with a one-time code sent to their email address; DfE
staff sign in to the admin with a password and an authenticator app code.
"""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.auth.hashers import make_password
from django.core import mail
from playwright.sync_api import expect

from tests.e2e.axe import Tab, path_is
from tests.factories import MembershipFactory, SchoolFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# allauth's login codes are 8 letters and digits shown as two dashed groups: "K7QP-M3XD".
CODE_LINE = re.compile(r"^\s*([A-Z0-9]{2,}(?:-[A-Z0-9]{2,})+)\s*$", re.MULTILINE)
STAFF_PASSWORD = "correct horse battery staple 42"


def login_code_sent_to(email: str) -> str:
    """The code in the last sign-in code email sent to `email` (the live server's
    thread shares this process, so the locmem backend's outbox is ours)."""
    sent = [m for m in mail.outbox if email in m.to]
    assert sent, f"no email to {email}; outbox: {[(m.to, m.subject) for m in mail.outbox]}"
    found = CODE_LINE.findall(sent[-1].body)
    assert len(found) == 1, f"expected one code in:\n{sent[-1].body}"
    return found[0]


def request_code(tab: Tab, email: str) -> None:
    page = tab.page
    tab.visit("/accounts/login/code/")
    page.get_by_label("Email address").fill(email)
    page.get_by_role("button", name="Send sign-in code").click()
    expect(page).to_have_url(path_is("/accounts/login/code/confirm/"))
    expect(page.locator("h1")).to_have_text("Check your email")


def induction_tutor(email: str):
    school = SchoolFactory(name="Harbour View Academy")
    user = UserFactory(email=email, first_name="Priya", last_name="Shah")
    MembershipFactory(user=user, school=school)
    return user, school


def test_sign_in_with_an_email_code(open_tab):
    user, school = induction_tutor("priya.shah@harbourview.example.org")
    tab = open_tab()
    page = tab.page

    tab.visit("/")
    # The start button is a link styled, and announced, as a button.
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(path_is("/accounts/login/code/"))
    page.get_by_label("Email address").fill(user.email)
    page.get_by_role("button", name="Send sign-in code").click()

    expect(page).to_have_url(path_is("/accounts/login/code/confirm/"))
    expect(page.locator("h1")).to_have_text("Check your email")
    expect(page.locator("main")).to_contain_text(user.email)
    tab.check("check your email")

    page.get_by_label("Sign-in code").fill(login_code_sent_to(user.email))
    page.locator("main").get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(path_is("/school/"))
    expect(page.locator("h1")).to_have_text(school.name)
    expect(page.get_by_test_id("user-bar")).to_contain_text("Signed in as Priya Shah")
    tab.check("induction tutor home, after signing in")

    page.get_by_role("button", name="Sign out").click()
    expect(page).to_have_url(path_is("/"))
    expect(page.get_by_test_id("user-bar")).to_have_count(0)
    expect(page.get_by_role("button", name="Sign in", exact=True)).to_be_visible()
    tab.assert_no_problems()


def test_unknown_email_gets_the_same_answer_as_a_known_one(open_tab):
    """No account enumeration: the page after 'Send sign-in code' is the same for both."""
    known, _ = induction_tutor("known.user@harbourview.example.org")
    unknown = "nobody.here@harbourview.example.org"

    answers = {}
    for email in (known.email, unknown):
        tab = open_tab()
        request_code(tab, email)
        answers[email] = (
            tab.page.title(),
            tab.page.locator("main").inner_text().replace(email, "<email>"),
        )
        tab.check(f"check your email, for {email}")
        tab.assert_no_problems()

    assert answers[known.email] == answers[unknown]
    # Only the known address was sent a code.
    assert login_code_sent_to(known.email)
    for message in mail.outbox:
        if unknown in message.to:
            assert not CODE_LINE.search(message.body), message.body


def test_wrong_code_shows_an_error(open_tab):
    user, _ = induction_tutor("priya.shah@harbourview.example.org")
    tab = open_tab()
    page = tab.page
    request_code(tab, user.email)
    code = login_code_sent_to(user.email)
    wrong = "ZZZZ-ZZZZ" if code != "ZZZZ-ZZZZ" else "YYYY-YYYY"

    page.get_by_label("Sign-in code").fill(wrong)
    page.locator("main").get_by_role("button", name="Sign in").click()

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("There is a problem")
    expect(page).to_have_title(re.compile(r"^Error: "))
    # The summary links to the field, which shows the same error beside it.
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Sign-in code")).to_be_focused()
    expect(page.locator(".govuk-error-message")).to_be_visible()
    tab.check("check your email, wrong code")

    # The right code still works afterwards.
    page.get_by_label("Sign-in code").fill(code)
    page.locator("main").get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(path_is("/school/"))
    tab.assert_no_problems()


def dfe_staff(email: str, *, authenticator: bool) -> tuple[object, str | None]:
    user = UserFactory(
        email=email,
        first_name="Morgan",
        last_name="Ellis",
        is_staff=True,
        is_superuser=True,
        password=make_password(STAFF_PASSWORD),
    )
    MembershipFactory(dfe_staff=True, user=user)
    secret = None
    if authenticator:
        secret = generate_totp_secret()
        TOTP.activate(user, secret)
    return user, secret


def current_totp(secret: str) -> str:
    # A code typed in the last seconds of its 30-second step may be checked in the next.
    if int(time.time()) % 30 >= 26:
        time.sleep(30 - int(time.time()) % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in_with_password(tab: Tab, email: str) -> None:
    page = tab.page
    tab.visit("/accounts/login/?next=/admin/")
    expect(page.locator("h1")).to_have_text("DfE staff sign in")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Continue").click()


# The admin's markup is Django's, not ours, and changes with each Django release. axe
# finds no WCAG A/AA violation on the admin index under Django 6.1, so no rule is allowed.
# Should an upgrade bring one, name its rule id here (with the Django ticket) rather than
# overriding Django's admin templates.
ADMIN_AXE_ALLOWLIST: frozenset[str] = frozenset()


def test_dfe_staff_sign_in_with_password_and_authenticator(open_tab):
    staff, secret = dfe_staff("morgan.ellis@education.gov.uk", authenticator=True)
    tab = open_tab()
    page = tab.page

    sign_in_with_password(tab, staff.email)
    expect(page).to_have_url(path_is("/accounts/2fa/authenticate/"))
    expect(page.locator("h1")).to_have_text("Enter your authenticator code")
    tab.check("enter your authenticator code")

    page.get_by_label("Authenticator code").fill(current_totp(secret))
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(path_is("/admin/"))
    expect(page.get_by_text("Administer the service")).to_be_visible()
    tab.check("admin index", govuk=False, allowed_axe_rules=ADMIN_AXE_ALLOWLIST)
    tab.assert_no_problems()


def test_dfe_staff_without_an_authenticator_must_set_one_up(open_tab):
    staff, _ = dfe_staff("sam.jones@education.gov.uk", authenticator=False)
    tab = open_tab()
    page = tab.page

    sign_in_with_password(tab, staff.email)
    # allauth asks for the password once more before an authenticator is added.
    expect(page).to_have_url(re.compile(r"^https?://[^/]+/accounts/reauthenticate/\?next="))
    expect(page.locator("h1")).to_have_text("Confirm your password")
    expect(
        page.get_by_text("Set up an authenticator app before you use the admin.")
    ).to_be_visible()
    tab.check("confirm your password")
    page.get_by_label("Password").fill(STAFF_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(path_is("/accounts/2fa/totp/activate/"))
    expect(page.locator("h1")).to_have_text("Set up your authenticator app")
    expect(page.get_by_role("img", name="QR code to set up your authenticator app")).to_be_visible()
    tab.check("set up your authenticator app")

    # The admin stays closed until an authenticator is set up.
    tab.visit("/admin/")
    expect(page).to_have_url(path_is("/accounts/2fa/totp/activate/"))
    tab.assert_no_problems()
