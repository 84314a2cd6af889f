import pytest


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """`with commit(): ...` runs the block's after-commit callbacks at its end, as a real
    commit would (each test runs inside a transaction that is never committed)."""

    def commit():
        return django_capture_on_commit_callbacks(execute=True)

    return commit
