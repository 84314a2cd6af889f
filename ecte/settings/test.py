"""The test suite: always PostgreSQL (DATABASE_URL) and, where set, Redis (REDIS_URL)."""

from django.core.exceptions import ImproperlyConfigured

from ecte.settings.base import *  # noqa: F403
from ecte.settings.base import DATABASES, REDIS_URL

if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    # The database constraints under test (exclusion constraints, triggers) are PostgreSQL's.
    raise ImproperlyConfigured("The tests run on PostgreSQL: run `make test`, or set DATABASE_URL")

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

# Each test process keeps its own cache (allauth's rate-limit counters live there),
# cleared before every test; Redis is still exercised through the "redis" alias
# and as the Celery broker.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    CACHES["redis"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
    }
