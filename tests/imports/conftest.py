import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value

from ecte.accounts.models import User
from tests.factories import MembershipFactory


@pytest.fixture
def staff_user():
    user = User.objects.create_user(
        "staff@education.gov.uk",
        password="a-long-staff-password",
        is_staff=True,
        is_superuser=True,
        first_name="Dana",
        last_name="Price",
    )
    MembershipFactory(user=user, dfe_staff=True)
    return user


@pytest.fixture
def staff_client(client, staff_user):
    """Signed in to the admin with a password and an authenticator code, as DfE staff are."""
    secret = generate_totp_secret()
    TOTP.activate(staff_user, secret)
    client.post(
        "/accounts/login/", {"login": staff_user.email, "password": "a-long-staff-password"}
    )
    client.post(
        "/accounts/2fa/authenticate/",
        {"code": format_hotp_value(hotp_value(secret, int(time.time()) // 30))},
    )
    return client
