"""CSRF on every POST, and the strict Content Security Policy on every page.

Both walk the URL list of tests/security/url_map.py (which test_url_access.py keeps equal
to the resolver), so a new page is covered the day it is added.
"""

import re

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.url_map import PAGES

pytestmark = pytest.mark.django_db

# allauth's forms, posted by someone signed out (sign-out by someone signed in).
SIGN_IN_POSTS = [
    "/accounts/login/code/",
    "/accounts/login/code/confirm/",
    "/accounts/login/",
    "/accounts/2fa/authenticate/",
]


def signed_in_client(world, area: str, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    if area != "public":
        client.force_login(world["own"].members["tutor" if area == "shared" else area].user)
    return client


def url_of(world, name):
    return reverse(name, kwargs=PAGES[name].kwargs(world["own"].ids))


@pytest.mark.parametrize("name", sorted(PAGES))
def test_a_post_without_a_csrf_token_is_refused(world, name):
    client = signed_in_client(world, PAGES[name].area, enforce_csrf_checks=True)
    response = client.post(url_of(world, name), {"anything": "1"})
    assert response.status_code == 403


@pytest.mark.parametrize("path", SIGN_IN_POSTS)
def test_a_sign_in_post_without_a_csrf_token_is_refused(path):
    response = Client(enforce_csrf_checks=True).post(path, {"email": "a@example.org"})
    assert response.status_code == 403


def test_sign_out_without_a_csrf_token_is_refused(world):
    client = signed_in_client(world, "tutor", enforce_csrf_checks=True)
    assert client.post("/accounts/logout/").status_code == 403
    assert client.get("/school/").status_code == 200


def test_a_post_with_the_forms_csrf_token_is_accepted(world):
    # The refusals above are CSRF's, not something else refusing every POST.
    client = signed_in_client(world, "tutor", enforce_csrf_checks=True)
    page = client.get("/school/ects/register/find/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    response = client.post("/school/ects/register/find/", {"csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()


# --- Content Security Policy --------------------------------------------------------------


def policy(response) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives = {}
    for part in header.split(";"):
        if part.strip():
            name, *values = part.split()
            directives[name] = values
    return directives


def test_the_policy_is_strict_self_and_nonce_with_nothing_inline():
    response = Client().get("/")
    csp = policy(response)
    nonce = next(v for v in csp["script-src"] if v.startswith("'nonce-"))
    assert csp["default-src"] == ["'self'"]
    assert csp["script-src"] == ["'self'", nonce]
    assert csp["style-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'self'"]
    assert csp["form-action"] == ["'self'"]
    header = response["Content-Security-Policy"]
    for unsafe in ("unsafe-inline", "unsafe-eval", "unsafe-hashes", "strict-dynamic", "*"):
        assert unsafe not in header.replace("'nonce-", "")


def test_every_response_gets_a_fresh_nonce():
    first, second = Client().get("/"), Client().get("/")
    assert policy(first)["script-src"] != policy(second)["script-src"]


def page_problems(response) -> list[str]:
    """What the policy would block on this page, or a policy that is not the strict one."""
    csp = policy(response)
    header = response.get("Content-Security-Policy", "")
    problems = []
    if "unsafe" in header or not csp.get("script-src"):
        problems.append(f"policy is {header!r}")
        return problems
    nonce = next((v[7:-1] for v in csp["script-src"] if v.startswith("'nonce-")), None)
    html = response.content.decode()
    for tag in re.findall(r"<script\b[^>]*>", html):
        if "src=" not in tag and f'nonce="{nonce}"' not in tag:
            problems.append(f"inline script without the nonce: {tag}")
    if re.search(r"<[^>]+\sstyle=", html):
        problems.append("an inline style attribute (style-src has no unsafe-inline)")
    if re.search(r"<[^>]+\son[a-z]+=", html):
        problems.append("an inline event handler attribute")
    if "<style" in html:
        problems.append("a <style> element")
    return problems


ROLE_AREAS = ("tutor", "ab", "lp", "mentor", "ect", "trust")


@pytest.mark.parametrize("area", ["public", *ROLE_AREAS])
def test_every_page_a_role_can_open_has_the_strict_policy_and_nothing_it_blocks(world, area):
    client = signed_in_client(world, area)
    names = [n for n, page in PAGES.items() if page.area in {area, "shared"} or area == "public"]
    checked = 0
    problems = {}
    for name in names:
        if area == "public" and PAGES[name].area != "public":
            continue
        response = client.get(url_of(world, name))
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        checked += 1
        found = page_problems(response)
        if found:
            problems[name] = found
    assert checked >= 4
    assert not problems


def test_error_pages_have_the_strict_policy_too(world):
    client = signed_in_client(world, "tutor")
    for path, status in (("/no-such-page/", 404), ("/appropriate-body/", 403)):
        response = client.get(path)
        assert response.status_code == status
        assert not page_problems(response), path
