"""The test suite: always PostgreSQL (DATABASE_URL) and, where set, Redis (REDIS_URL)."""

from ecte.settings.base import *  # noqa: F403
from ecte.settings.base import DATABASES

DEBUG = False
DEMO_MODE = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Tasks run in-process in tests so that each test sees their effects at once.
CELERY_TASK_ALWAYS_EAGER = True
# The suite pools nothing: each xdist worker holds one connection.
DATABASES["default"].get("OPTIONS", {}).pop("pool", None)
