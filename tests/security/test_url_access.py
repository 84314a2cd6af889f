"""Every URL of the service, requested (GET, and POST with an empty body) by someone signed
out, by each role at the organisation that owns the records in the URL, and by each role at
another organisation.

- Signed out: sent to sign in, unless the page is public.
- A role never gets a page of another role's area (403, or 404 for a record).
- A role never reaches another organisation's record (404, or 403).
- Nobody ever gets a server error.

The URL list comes from the resolver, so a new pattern fails
`test_every_url_pattern_is_declared` until it is added to tests/security/url_map.py.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.security.url_map import EXCLUDED_PREFIXES, PAGES
from tests.security.world import ROLES

SIGN_IN = "/accounts/login/code/"
# 405: a page that only reads refuses a POST before it looks at anything.
REFUSED = {403, 404, 405}

# (url name, principal): why it is a known leak. Each is an xfail(strict=True), so the
# test fails the day it is fixed and the entry must go.
KNOWN_LEAKS: dict[tuple[str, str], str] = {}


def url_patterns(resolver=None, prefix="", namespace=""):
    """(name, route) of every pattern, with the include prefixes, admin and allauth left out."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if route.startswith(EXCLUDED_PREFIXES):
                continue
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from url_patterns(entry, route, inner)
        elif isinstance(entry, URLPattern):
            yield (f"{namespace}{entry.name}" if entry.name else None), route


PRINCIPALS = ["anonymous"] + [f"{role}@own" for role in ROLES] + [f"{role}@other" for role in ROLES]


def cases():
    for name in sorted(PAGES):
        for principal in PRINCIPALS:
            marks = []
            if (name, principal) in KNOWN_LEAKS:
                marks = [pytest.mark.xfail(strict=True, reason=KNOWN_LEAKS[(name, principal)])]
            yield pytest.param(name, principal, id=f"{name}-{principal}", marks=marks)


def test_every_url_pattern_is_declared():
    names = [name for name, _ in url_patterns()]
    unnamed = [route for name, route in url_patterns() if name is None]
    assert not unnamed, f"URL patterns without a name cannot be checked: {unnamed}"
    undeclared = sorted(set(names) - set(PAGES))
    assert not undeclared, (
        f"Declare who may use these URLs, and their parameters, in tests/security/url_map.py: "
        f"{undeclared}"
    )
    gone = sorted(set(PAGES) - set(names))
    assert not gone, f"tests/security/url_map.py declares URLs that no longer exist: {gone}"


def problems_with(response, method: str, page, principal: str) -> list[str]:
    status = response.status_code
    found = []
    if status >= 500:
        found.append(f"{method} gave a server error ({status})")
    if principal == "anonymous":
        if page.area != "public":
            location = response.get("Location", "")
            if status != 302 or not location.startswith(SIGN_IN):
                found.append(f"{method} signed out gave {status} {location}, not sign-in")
        return found
    role, organisation = principal.split("@")
    if page.area not in {"public", "shared", role} and status not in REFUSED:
        found.append(f"{method} by a {role} in the {page.area} area gave {status}")
    elif organisation == "other" and page.scoped and status not in REFUSED:
        found.append(f"{method} of another organisation's record gave {status}")
    return found


@pytest.mark.parametrize(("name", "principal"), list(cases()))
def test_url_access(world, db, name, principal):
    page = PAGES[name]
    url = reverse(name, kwargs=page.kwargs(world["own"].ids))
    client = Client()
    if principal != "anonymous":
        role, organisation = principal.split("@")
        client.force_login(world[organisation].members[role].user)
    found = []
    for method in ("GET", "POST"):
        response = client.get(url) if method == "GET" else client.post(url, {})
        found += problems_with(response, method, page, principal)
    assert not found, f"{url} as {principal}: " + "; ".join(found)
