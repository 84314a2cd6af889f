"""Property-based tests: hypothesis drives the main forms and the CSV uploads with random and
hostile input. ~50 examples a test keeps the suite fast; HYPOTHESIS_PROFILE=thorough runs
more. Each test counts rows before and after every example (the examples share the test's
transaction, so they are not rolled back one by one)."""

import os

from hypothesis import HealthCheck, settings

from tests.security.conftest import staff_client, world  # noqa: F401 - shared fixtures

settings.register_profile(
    "default",
    max_examples=50,
    deadline=None,
    # The `db` fixture is function-scoped on purpose: every example runs in the test's
    # transaction and the test compares row counts itself.
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    database=None,
)
settings.register_profile(
    "thorough",
    parent=settings.get_profile("default"),
    max_examples=500,
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
