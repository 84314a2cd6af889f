"""Mixed journeys of every role, for `scripts/load-test.sh` (locust, headless, loopback only).

Each role signs in once, through the real sign-in: ask for a code, read the code from
the email Django's file backend wrote (LOAD_MAIL_DIR), enter it. Every user of that
role then shares the session, as a shared account would. The session and CSRF cookies
are `Secure` (production settings) and the test speaks plain http on loopback, so the
client keeps them itself and sends them with each request.

FastHttpUser (geventhttpclient), not HttpUser (requests): locust shares the server's two
cores, and requests costs several times the CPU a request that geventhttpclient does.

Think time: 2 to 8 seconds between pages, a busy person clicking through the service.
"""

from __future__ import annotations

import datetime
import http.cookies
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import gevent.lock
from locust import FastHttpUser, between, task

from tests.load.accounts import APPROPRIATE_BODY, ECT, INDUCTION_TUTOR, LEAD_PROVIDER, MENTOR

MAIL_DIR = Path(os.environ.get("LOAD_MAIL_DIR", ".tmp/load/mail"))
# allauth's sign-in codes: letters and digits in dashed groups, alone on a line ("K7QP-M3XD").
CODE_LINE = re.compile(r"^\s*([A-Z0-9]{2,}(?:-[A-Z0-9]{2,})+)\s*$", re.MULTILINE)
ERROR_SUMMARY_ITEM = re.compile(
    r'<ul class="govuk-list govuk-error-summary__list">(.*?)</ul>', re.DOTALL
)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SIGN_IN_TIMEOUT = 30  # seconds to wait for the code's email to be written

# An ECT Aire Valley already holds: the claim form finds them and explains why not.
CLAIMED_TRN, CLAIMED_BORN_ON = "4102385", datetime.date(2001, 2, 14)


class SignInFailed(Exception):
    pass


class Session:
    """The cookies of one signed-in account, shared by every user acting as it."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}
        self.lock = gevent.lock.Semaphore()

    def remember(self, response) -> None:
        for header in response.headers.getlist("Set-Cookie") if response.headers else []:
            for name, morsel in http.cookies.SimpleCookie(header).items():
                if morsel.value:
                    self.cookies[name] = morsel.value
                else:  # Django deletes a cookie by setting it empty
                    self.cookies.pop(name, None)

    def header(self) -> str:
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


SESSIONS: dict[str, Session] = {}


def _latest_code_for(email: str, since: float) -> str | None:
    for path in sorted(MAIL_DIR.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True):
        if path.stat().st_mtime < since - 1:
            break
        text = path.read_text(errors="replace")
        if email in text:
            found = CODE_LINE.findall(text)
            if found:
                return found[-1]
    return None


def page_errors(html: str) -> str:
    """What the page said was wrong (its GOV.UK error summary), to explain a failure."""
    found = ERROR_SUMMARY_ITEM.findall(html or "")
    return (
        (": " + "; ".join(re.sub(r"<[^>]+>", "", item).strip() for item in found)) if found else ""
    )


def csrf_token(html: str) -> str:
    match = CSRF_INPUT.search(html)
    if match is None:
        raise SignInFailed("no CSRF token in the form")
    return match.group(1)


class RoleUser(FastHttpUser):
    abstract = True
    wait_time = between(2, 8)
    email = ""

    def on_start(self) -> None:
        session = SESSIONS.setdefault(self.email, Session())
        with session.lock:
            if not session.cookies:
                self.sign_in(session)
        self.session = session

    def sign_in(self, session: Session) -> None:
        """The real email-code sign-in, once per account."""
        page = self.request("GET", "/accounts/login/code/", "sign in: ask for a code", session)
        started = time.time()
        self.request(
            "POST",
            "/accounts/login/code/",
            "sign in: ask for a code",
            session,
            data={"email": self.email, "csrfmiddlewaretoken": csrf_token(page.text)},
            expect_redirect_to="/accounts/login/code/confirm/",
        )
        code = None
        while code is None and time.time() - started < SIGN_IN_TIMEOUT:
            code = _latest_code_for(self.email, started)
            if code is None:
                gevent.sleep(0.2)
        if code is None:
            raise SignInFailed(f"no sign-in code emailed to {self.email}")
        page = self.request(
            "GET", "/accounts/login/code/confirm/", "sign in: enter the code", session
        )
        self.request(
            "POST",
            "/accounts/login/code/confirm/",
            "sign in: enter the code",
            session,
            data={"code": code, "csrfmiddlewaretoken": csrf_token(page.text)},
            expect_redirect_to="/home/",
        )

    def request(
        self,
        method: str,
        path: str,
        name: str,
        session: Session | None = None,
        *,
        data: dict | None = None,
        expect_redirect_to: str | None = None,
    ):
        """One request, failed in the statistics unless it is a 200 (or the redirect expected)."""
        session = session or self.session
        with self.client.request(
            method,
            path,
            name=name,
            data=data,
            headers={"Cookie": session.header()} if session.cookies else {},
            allow_redirects=False,
            catch_response=True,
        ) as response:
            session.remember(response)
            self.client.cookiejar.clear()  # the shared session's cookies are the only ones
            if expect_redirect_to is not None:
                location = urlsplit(response.headers.get("Location", "")).path
                if response.status_code != 302 or location != expect_redirect_to:
                    response.failure(
                        f"expected a redirect to {expect_redirect_to}, got "
                        f"{response.status_code} to {location or 'nowhere'}"
                        f"{page_errors(response.text)}"
                    )
            elif response.status_code != 200:
                response.failure(f"status {response.status_code}")
            return response

    def get(self, path: str, name: str | None = None):
        return self.request("GET", path, name or path)

    def ids_in(self, path: str, name: str, pattern: str) -> list[str]:
        return re.findall(pattern, self.get(path, name).text)


class InductionTutor(RoleUser):
    weight = 3
    email = INDUCTION_TUTOR

    @task(2)
    def dashboard(self) -> None:
        self.get("/school/", "induction tutor: dashboard")

    @task(3)
    def ect_list_then_an_ect(self) -> None:
        ids = self.ids_in("/school/ects/", "induction tutor: ECTs", r'href="/school/ects/(\d+)/"')
        if ids:
            self.get(f"/school/ects/{random.choice(ids)}/", "induction tutor: an ECT")


class AppropriateBody(RoleUser):
    weight = 3
    email = APPROPRIATE_BODY

    @task(2)
    def home(self) -> None:
        self.get("/appropriate-body/", "appropriate body: home")

    @task(3)
    def a_teacher(self) -> None:
        page = random.randint(1, 40)
        ids = self.ids_in(
            f"/appropriate-body/lists/in-induction/?page={page}",
            "appropriate body: ECTs in induction (a page)",
            r'href="/appropriate-body/teachers/(\d+)/"',
        )
        if ids:
            self.get(
                f"/appropriate-body/teachers/{random.choice(ids)}/",
                "appropriate body: a teacher",
            )

    @task(1)
    def claim_form(self) -> None:
        form = self.get("/appropriate-body/claim/", "appropriate body: claim form")
        self.request(
            "POST",
            "/appropriate-body/claim/",
            "appropriate body: claim form (an ECT it already holds)",
            data={
                "csrfmiddlewaretoken": csrf_token(form.text),
                "trn": CLAIMED_TRN,
                "date_of_birth-day": str(CLAIMED_BORN_ON.day),
                "date_of_birth-month": str(CLAIMED_BORN_ON.month),
                "date_of_birth-year": str(CLAIMED_BORN_ON.year),
            },
        )


class LeadProvider(RoleUser):
    weight = 1
    email = LEAD_PROVIDER

    @task
    def participants(self) -> None:
        self.get("/lead-provider/", "lead provider: participants")


class Mentor(RoleUser):
    weight = 2
    email = MENTOR

    @task(3)
    def home(self) -> None:
        self.get("/mentor/", "mentor: home")

    @task(2)
    def an_ect(self) -> None:
        ids = self.ids_in("/mentor/", "mentor: home", r'href="/mentor/ects/(\d+)/"')
        if ids:
            self.get(f"/mentor/ects/{random.choice(ids)}/", "mentor: an ECT")

    @task(1)
    def log_a_drop_in(self) -> None:
        ids = self.ids_in("/mentor/", "mentor: home", r'href="/mentor/ects/(\d+)/"')
        if not ids:
            return
        period_id = random.choice(ids)
        path = f"/mentor/ects/{period_id}/drop-ins/new/"
        form = self.get(path, "mentor: log a drop-in (form)")
        today = datetime.date.today()
        self.request(
            "POST",
            path,
            "mentor: log a drop-in (POST)",
            data={
                "csrfmiddlewaretoken": csrf_token(form.text),
                "held_on-day": str(today.day),
                "held_on-month": str(today.month),
                "held_on-year": str(today.year),
                "minutes": "15",
                "mode": "in_person",
                "focus_action": "",
                "notes": "Load test: questioning at the start of the lesson.",
            },
            expect_redirect_to=f"/mentor/ects/{period_id}/",
        )


class EarlyCareerTeacher(RoleUser):
    weight = 1
    email = ECT

    @task
    def programme(self) -> None:
        self.get("/ect/programme/", "ECT: programme")
