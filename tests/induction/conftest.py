"""Fixtures shared by the appropriate body's tests: a user of an appropriate body, signed in."""

import pytest

from tests.factories import MembershipFactory


@pytest.fixture
def ab_user():
    return MembershipFactory(appropriate_body_user=True)


@pytest.fixture
def signed_in(client, ab_user):
    client.force_login(ab_user.user)
    return client
