import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.test import Client

from ecte.accounts.models import User
from tests.factories import MembershipFactory

STAFF_PASSWORD = "a-long-staff-password"


def signed_in_staff_client(user: User) -> Client:
    """A client signed in to the admin with a password and an authenticator code, as DfE staff
    are (the admin refuses a session that has not passed MFA)."""
    client = Client()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.post("/accounts/login/", {"login": user.email, "password": STAFF_PASSWORD})
    client.post(
        "/accounts/2fa/authenticate/",
        {"code": format_hotp_value(hotp_value(secret, int(time.time()) // 30))},
    )
    return client


@pytest.fixture
def staff_user():
    user = User.objects.create_user(
        "dana.price@education.gov.uk",
        password=STAFF_PASSWORD,
        is_staff=True,
        is_superuser=True,
        first_name="Dana",
        last_name="Price",
    )
    MembershipFactory(user=user, dfe_staff=True)
    return user


@pytest.fixture
def staff_client(staff_user):
    return signed_in_staff_client(staff_user)
