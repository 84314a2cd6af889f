"""Browser tests: headless Debian Chromium driven by Playwright against pytest-django's live server.

One browser per test process (each pytest-xdist worker is its own process), one
fresh browser context per test. Roles sign in by a Django session made with
`Client.force_login` whose cookie is handed to the context: the email-code and
password-plus-authenticator flows are walked for real once, in test_sign_in.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import Browser, sync_playwright

from ecte.accounts.models import User
from induction.models import AppropriateBody
from participants.models import Teacher
from programmes.models import LeadProvider
from schools.models import School
from tests.e2e.axe import Tab
from tests.factories import (
    AppropriateBodyFactory,
    ECTAtSchoolPeriodFactory,
    InductionPeriodFactory,
    MembershipFactory,
    MentorAtSchoolPeriodFactory,
    MentorshipFactory,
    SchoolFactory,
    TeacherFactory,
    TrainingPeriodFactory,
    UserFactory,
)

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package: never `playwright install`
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]
TIMEOUT_MS = 15_000  # fail fast rather than after Playwright's default 30 s


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium (make test does this)")
    # Playwright's sync API keeps an asyncio loop marked as running in this thread for
    # as long as it is started, and Django refuses ORM calls from a thread with a running
    # loop. Nothing here is really async, so allow them while the browser is up.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def session_cookie_for(user: User, base_url: str) -> dict:
    """A signed-in Django session for `user`, as a cookie for the live server."""
    client = Client()
    client.force_login(user)
    return {
        "name": settings.SESSION_COOKIE_NAME,
        "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": base_url,
    }


@pytest.fixture
def open_tab(browser: Browser, live_server) -> Iterator[Callable[..., Tab]]:
    """`open_tab(user=None)`: a new, isolated browser context and page, signed in as `user`."""
    contexts = []

    def open_tab(user: User | None = None) -> Tab:
        context = browser.new_context(base_url=live_server.url, locale="en-GB")
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        if user is not None:
            context.add_cookies([session_cookie_for(user, live_server.url)])
        return Tab(context.new_page())

    yield open_tab
    for context in contexts:
        context.close()


@dataclass
class Induction:
    """One ECT at a school, with a mentor, provider-led training and an induction
    held by an appropriate body, and a user for each role that can see them."""

    school: School
    appropriate_body: AppropriateBody
    lead_provider: LeadProvider
    ect: Teacher
    mentor: Teacher
    induction_tutor: User
    appropriate_body_user: User
    lead_provider_user: User
    mentor_user: User
    ect_user: User


@pytest.fixture
def induction() -> Induction:
    school = SchoolFactory(name="Harbour View Academy")
    appropriate_body = AppropriateBodyFactory(name="Coastal Teaching School Hub")
    ect = TeacherFactory(first_name="Amara", last_name="Okafor")
    mentor = TeacherFactory(first_name="Gareth", last_name="Lloyd")
    ect_period = ECTAtSchoolPeriodFactory(
        teacher=ect, school=school, appropriate_body=appropriate_body
    )
    MentorshipFactory(
        ect_at_school_period=ect_period,
        mentor_at_school_period=MentorAtSchoolPeriodFactory(teacher=mentor, school=school),
    )
    training = TrainingPeriodFactory(ect_at_school_period=ect_period)
    InductionPeriodFactory(teacher=ect, appropriate_body=appropriate_body)
    lead_provider = training.school_partnership.lead_provider

    def user(first_name: str, last_name: str) -> User:
        return UserFactory(first_name=first_name, last_name=last_name)

    return Induction(
        school=school,
        appropriate_body=appropriate_body,
        lead_provider=lead_provider,
        ect=ect,
        mentor=mentor,
        induction_tutor=MembershipFactory(school=school, user=user("Priya", "Shah")).user,
        appropriate_body_user=MembershipFactory(
            appropriate_body_user=True,
            appropriate_body=appropriate_body,
            user=user("Tom", "Bennett"),
        ).user,
        lead_provider_user=MembershipFactory(
            lead_provider_user=True, lead_provider=lead_provider, user=user("Sofia", "Rossi")
        ).user,
        mentor_user=MembershipFactory(
            mentor=True, teacher=mentor, user=user("Gareth", "Lloyd")
        ).user,
        ect_user=MembershipFactory(ect=True, teacher=ect, user=user("Amara", "Okafor")).user,
    )
