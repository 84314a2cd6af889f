"""The GOV.UK layout every page shares."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_inline_scripts_carry_the_csp_nonce_of_the_response(client):
    response = client.get("/")
    header = response["Content-Security-Policy"]
    nonce = re.search(r"'nonce-([^']+)'", header).group(1)
    scripts = re.findall(r"<script([^>]*)>", response.content.decode())
    assert scripts, "the page has its js-enabled and initAll scripts"
    for attributes in scripts:
        assert f'nonce="{nonce}"' in attributes


def test_csp_allows_no_unsafe_inline(client):
    header = client.get("/")["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "script-src 'self' 'nonce-" in header


@pytest.mark.parametrize("path", ["/", "/accessibility/", "/cookies/", "/privacy/"])
def test_public_pages_have_the_service_header_phase_banner_and_footer_links(client, path):
    page = client.get(path).content.decode()
    assert "Manage early career teacher induction" in page
    assert "govuk-phase-banner" in page
    for link in ('href="/accessibility/"', 'href="/cookies/"', 'href="/privacy/"'):
        assert link in page


def test_unknown_pages_get_the_govuk_not_found_page(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_server_errors_get_the_govuk_error_page(client):
    from django.test import RequestFactory

    from ecte.views import error_500

    request = RequestFactory().get("/")
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    response = error_500(request)
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_healthcheck_answers_without_sign_in(client):
    assert client.get("/healthcheck").json() == {"status": "ok"}


def test_only_the_most_specific_navigation_item_is_active(rf):
    from ecte.context_processors import _navigation
    from tests.factories import MembershipFactory

    request = rf.get("/school/ects/")
    request.active_role = MembershipFactory()
    items = _navigation(request)
    assert [item["text"] for item in items if item["active"]] == ["ECTs"]
