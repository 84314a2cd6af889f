import pytest
from django.db import transaction

from tests.security.world import build_organisation


@pytest.fixture(scope="package")
def world(django_db_setup, django_db_blocker):
    """Two organisations of everything (tests/security/world.py), built once per test package
    (it loads two programmes: ~10 s) inside a transaction rolled back at its end; each test
    runs in a savepoint within it, so nothing a test writes reaches the next."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield {"own": build_organisation(1), "other": build_organisation(2)}
        transaction.set_rollback(True)


@pytest.fixture
def staff_client(client):
    """Signed in to the admin with a password and an authenticator code, as DfE staff are."""
    import time

    from allauth.mfa.totp.internal.auth import (
        TOTP,
        format_hotp_value,
        generate_totp_secret,
        hotp_value,
    )

    from ecte.accounts.models import User
    from tests.factories import MembershipFactory

    user = User.objects.create_user(
        "staff@education.gov.uk", password="a-long-staff-password", is_staff=True, is_superuser=True
    )
    MembershipFactory(user=user, dfe_staff=True)
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    client.post("/accounts/login/", {"login": user.email, "password": "a-long-staff-password"})
    client.post(
        "/accounts/2fa/authenticate/",
        {"code": format_hotp_value(hotp_value(secret, int(time.time()) // 30))},
    )
    return client
