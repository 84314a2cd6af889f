import pytest


@pytest.fixture(autouse=True)
def _fast_static_files(settings):
    # Tests render pages without a collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Rate-limit counters and one-time-code state must not leak between tests.
    from django.core.cache import cache

    from ecte import reference_cache

    cache.clear()
    # Reference data kept by an earlier test would make this test's query counts depend
    # on the order the tests ran in.
    reference_cache.clear()


@pytest.fixture
def reference_cache_off(monkeypatch):
    """Read programme content and the calendar from the database every time, as on SQLite:
    for tests that compare query counts as rows grow (adding rows changes the reference
    data's version, so the second count would otherwise include reloading it)."""
    from ecte import reference_cache

    monkeypatch.setattr(reference_cache, "current_version", lambda: None)
