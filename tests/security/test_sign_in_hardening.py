"""What really protects sign-in: how many codes can be asked for, how many guesses a code
allows, and that DfE staff never reach the admin without their authenticator code.

(The sign-in journey itself is tested in tests/accounts/test_sign_in.py.)
"""

import datetime
import re

import pytest
import time_machine
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib import admin
from django.core import mail
from django.test import Client
from django.urls import reverse

from ecte.accounts.models import User
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

REQUEST = "/accounts/login/code/"
CONFIRM = "/accounts/login/code/confirm/"
TOO_MANY = "Too many failed login attempts. Try again later."
NOW = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)


def code_in(message) -> str:
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)


def ask_for_code(email, client=None):
    """Each call is a new browser unless a client is given: an attacker drops cookies."""
    return (client or Client()).post(REQUEST, {"email": email})


def test_one_email_address_gets_at_most_three_codes_a_minute_from_any_number_of_browsers():
    user = UserFactory()
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            assert ask_for_code(user.email)["Location"] == CONFIRM
        refused = ask_for_code(user.email)
        assert refused.status_code == 200
        assert TOO_MANY in refused.content.decode()
        assert len(mail.outbox) == 3
    with time_machine.travel(NOW + datetime.timedelta(seconds=61), tick=False):
        assert ask_for_code(user.email)["Location"] == CONFIRM
        assert len(mail.outbox) == 4


def test_the_limit_for_an_email_address_ignores_its_case():
    user = UserFactory(email="priya.shah@school.example.org")
    with time_machine.travel(NOW, tick=False):
        for email in (
            "priya.shah@school.example.org",
            "Priya.Shah@school.example.org",
            "PRIYA.SHAH@SCHOOL.EXAMPLE.ORG",
        ):
            ask_for_code(email)
        assert TOO_MANY in ask_for_code(user.email.title()).content.decode()


def test_a_second_request_in_the_same_browser_sends_no_new_code():
    """Why a same-session test never reaches the per-email limit: with a code pending, allauth
    sends the browser back to the code page without looking at the form."""
    user = UserFactory()
    client = Client()
    for _ in range(5):
        assert ask_for_code(user.email, client)["Location"] == CONFIRM
    assert len(mail.outbox) == 1


def test_one_ip_address_asks_for_at_most_twenty_codes_a_minute_for_any_addresses():
    with time_machine.travel(NOW, tick=False):
        for number in range(20):
            assert ask_for_code(f"someone{number}@example.org")["Location"] == CONFIRM
        refused = ask_for_code("someone-else@example.org")
        assert TOO_MANY in refused.content.decode()


def test_unknown_addresses_use_up_the_limit_like_known_ones():
    # Otherwise the limit itself would tell an attacker which addresses have accounts.
    with time_machine.travel(NOW, tick=False):
        for _ in range(3):
            ask_for_code("nobody@example.org")
        assert TOO_MANY in ask_for_code("nobody@example.org").content.decode()
    # allauth tells the owner of an unknown address that it has no account, three times.
    assert len(mail.outbox) == 3


def test_three_wrong_codes_void_the_code_so_even_the_right_one_then_fails():
    tutor = MembershipFactory()
    client = Client()
    ask_for_code(tutor.user.email, client)
    right = code_in(mail.outbox[0])
    for _ in range(2):
        assert client.post(CONFIRM, {"code": "AAAA-AAAA"}).status_code == 200
    third = client.post(CONFIRM, {"code": "AAAA-AAAA"})
    assert third["Location"] == REQUEST
    assert client.post(CONFIRM, {"code": right})["Location"] == REQUEST
    assert "_auth_user_id" not in client.session


def test_a_code_expires_after_fifteen_minutes():
    tutor = MembershipFactory()
    client = Client()
    with time_machine.travel(NOW, tick=False):
        ask_for_code(tutor.user.email, client)
    right = code_in(mail.outbox[0])
    with time_machine.travel(NOW + datetime.timedelta(minutes=16), tick=False):
        response = client.post(CONFIRM, {"code": right})
    assert response["Location"] == REQUEST
    assert "_auth_user_id" not in client.session


# --- DfE staff: the admin only with an authenticator code ---------------------------------


def admin_urls():
    """Every admin page that takes no record id: the index, DfE's tools, and each model's
    list and add pages."""
    urls = [reverse("admin:index")]
    for name in ("imports_teacher_records", "imports_schools", "exports_national"):
        urls.append(reverse(f"admin:{name}"))
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    return urls


@pytest.fixture
def staff(request):
    user = User.objects.create_user(
        "admin@education.gov.uk", password="a-long-staff-password", is_staff=True, is_superuser=True
    )
    MembershipFactory(user=user, dfe_staff=True)
    if request.param:
        TOTP.activate(user, generate_totp_secret())
    return user


@pytest.mark.parametrize(
    "staff", [True, False], ids=["with-authenticator", "without"], indirect=True
)
def test_no_admin_page_opens_for_staff_who_did_not_pass_the_authenticator_code(client, staff):
    urls = admin_urls()
    assert len(urls) > 10
    for url in urls:
        for method in (client.get, client.post):
            client.force_login(staff)
            response = method(url)
            assert response.status_code == 302, url
            assert response["Location"].startswith(
                ("/accounts/login/", "/accounts/2fa/totp/activate/")
            ), url
