"""Sign in with an emailed code; DfE staff with a password and an authenticator app."""

import re
import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.conf import settings
from django.core import mail

from ecte.accounts.models import User
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db


def request_code(client, email):
    return client.post("/accounts/login/code/", {"email": email}, follow=True)


def code_from(message) -> str:
    return re.search(r"^([A-Z0-9]{4}-[A-Z0-9]{4})$", message.body, re.MULTILINE).group(1)


def test_a_known_user_signs_in_with_the_code_we_email(client):
    tutor = MembershipFactory()
    page = request_code(client, tutor.user.email).content.decode()
    assert "Check your email" in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [tutor.user.email]
    assert mail.outbox[0].subject == "Manage early career teacher induction: Your sign-in code"
    response = client.post(
        "/accounts/login/code/confirm/", {"code": code_from(mail.outbox[0])}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/school/"
    assert tutor.school.name in response.content.decode()


def test_email_case_does_not_matter(client):
    tutor = MembershipFactory()
    request_code(client, tutor.user.email.upper())
    assert mail.outbox[0].to == [tutor.user.email]


def test_unknown_and_known_emails_get_the_same_answer(client):
    tutor = MembershipFactory()
    known = request_code(client, tutor.user.email)
    client.logout()
    unknown = request_code(client, "nobody@example.org")

    def visible(response):
        text = re.sub(r"<[^>]+>", " ", response.content.decode())
        text = re.sub(r"csrfmiddlewaretoken\S*|value=\"[^\"]*\"", "", text)
        return " ".join(
            text.replace(tutor.user.email, "EMAIL").replace("nobody@example.org", "EMAIL").split()
        )

    assert known.status_code == unknown.status_code == 200
    assert visible(known) == visible(unknown)
    assert known.redirect_chain[-1][0] == unknown.redirect_chain[-1][0]


def test_a_wrong_code_shows_an_error_and_does_not_sign_in(client):
    tutor = MembershipFactory()
    request_code(client, tutor.user.email)
    response = client.post("/accounts/login/code/confirm/", {"code": "WRONG1"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert "<title>Error: Check your email" in page
    assert "_auth_user_id" not in client.session


def test_a_malformed_email_gets_a_govuk_error_and_sends_nothing(client):
    response = client.post("/accounts/login/code/", {"email": "not-an-email"})
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'href="#id_email"' in page
    assert 'value="not-an-email"' in page
    assert mail.outbox == []


def test_end_users_cannot_sign_in_with_a_password(client):
    tutor = MembershipFactory()
    response = client.post("/accounts/login/", {"login": tutor.user.email, "password": ""})
    assert "_auth_user_id" not in client.session
    assert "There is a problem" in response.content.decode()
    assert not User.objects.get(pk=tutor.user.pk).has_usable_password()


def test_sign_in_is_rate_limited_in_production_settings():
    assert settings.ACCOUNT_RATE_LIMITS["request_login_code"]
    assert settings.ACCOUNT_RATE_LIMITS["confirm_login_code"]
    assert settings.ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS == 3
    assert settings.ACCOUNT_PREVENT_ENUMERATION is True


def staff_user(with_totp=True):
    user = User.objects.create_user(
        "admin@education.gov.uk", password="a-long-staff-password", is_staff=True, is_superuser=True
    )
    MembershipFactory(user=user, dfe_staff=True)
    secret = generate_totp_secret()
    if with_totp:
        TOTP.activate(user, secret)
    return user, secret


def current_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_dfe_staff_reach_admin_only_after_password_and_authenticator_code(client):
    user, secret = staff_user()
    response = client.post(
        "/accounts/login/?next=/admin/", {"login": user.email, "password": "a-long-staff-password"}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert client.get("/admin/").status_code == 302
    response = client.post(
        "/accounts/2fa/authenticate/", {"code": current_code(secret)}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/admin/"
    assert "Administer the service" in response.content.decode()


def test_a_staff_session_without_the_second_factor_is_signed_out_of_admin(client):
    user, _ = staff_user()
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_staff_without_an_authenticator_must_set_one_up_first(client):
    user, _ = staff_user(with_totp=False)
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-staff-password"})
    response = client.get("/admin/")
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    # allauth asks for the password again before adding an authenticator.
    confirm = client.get(response["Location"], follow=True)
    assert confirm.redirect_chain[-1][0].startswith("/accounts/reauthenticate/")
    page = client.post(
        confirm.redirect_chain[-1][0], {"password": "a-long-staff-password"}, follow=True
    ).content.decode()
    assert "Set up your authenticator app" in page
    assert "data:image/svg+xml;base64," in page


def test_a_non_staff_user_cannot_open_admin(client):
    tutor = MembershipFactory()
    client.force_login(tutor.user)
    assert client.get("/admin/").status_code in (302, 403)
