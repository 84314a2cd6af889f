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

    cache.clear()
