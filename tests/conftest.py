import pytest


@pytest.fixture(autouse=True)
def _fast_static_files(settings):
    # Tests render pages without a collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
