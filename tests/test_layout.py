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


def _govuk_macro(name: str, component: str):
    from django.template import engines

    template = f"govuk_frontend_jinja/components/{component}/macro.html"
    return getattr(engines["jinja2"].env.get_template(template).module, name)


def test_the_layouts_constant_parts_are_the_macros_own_html_rendered_once(monkeypatch):
    from ecte import jinja2

    monkeypatch.setattr(jinja2, "_constant_html", {})
    footer = _govuk_macro("govukFooter", "footer")
    params = {"meta": {"items": [{"href": "/cookies/", "text": "Cookies"}]}}
    calls = []

    class Counting:
        name = footer.name

        def __call__(self, given):
            calls.append(given)
            return footer(given)

    first = jinja2.constant_html(Counting(), params)
    again = jinja2.constant_html(Counting(), dict(params))
    assert first == again == footer(params)
    assert 'href="/cookies/"' in first
    assert len(calls) == 1


def test_other_parameters_are_rendered_apart_and_what_is_kept_stays_bounded(monkeypatch):
    from ecte import jinja2

    monkeypatch.setattr(jinja2, "_constant_html", {})
    tag = _govuk_macro("govukTag", "tag")
    shown = [jinja2.constant_html(tag, {"text": f"Tag {n}"}) for n in range(200)]
    assert all(f"Tag {n}" in html for n, html in enumerate(shown))
    assert len(jinja2._constant_html) <= jinja2._CONSTANT_HTML_LIMIT


def test_a_signed_in_page_keeps_its_own_user_bar_and_sign_out_form(client):
    from tests.factories import MembershipFactory

    first, second = MembershipFactory(), MembershipFactory()
    for membership in (first, second):
        client.force_login(membership.user)
        page = client.get("/notifications/").content.decode()
        assert membership.user.full_name in page
        assert 'name="csrfmiddlewaretoken"' in page
        assert "govuk-footer" in page
        assert "govuk-phase-banner" in page
        assert "govuk-header" in page


def test_a_templates_own_globals_overlay_the_environments_without_changing_them():
    from django.template import engines

    env = engines["jinja2"].env
    own = env.from_string("{{ SERVICE_NAME }}|{{ url }}", globals={"url": "mine"})
    assert own.render() == "Manage early career teacher induction|mine"
    assert env.from_string("{{ url('cookies') }}").render() == "/cookies/"
