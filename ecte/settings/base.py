"""Settings shared by every way of running the service.

Each deployment picks a module: `development` (the embedded default of
`make run`), `test` (the suite, on PostgreSQL and Redis) or `production`.
Everything that differs between machines comes from environment variables,
all listed in the README.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SERVICE_NAME = "Manage early career teacher induction"
# Where users reach the service: the links in emails start with it.
SERVICE_URL = env("SERVICE_URL", "http://127.0.0.1:8000")

SECRET_KEY = env("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]
CSRF_TRUSTED_ORIGINS = [o.strip() for o in env("CSRF_TRUSTED_ORIGINS").split(",") if o]
# Shown on the start page only: never in production (see ecte.demo).
DEMO_MODE = False

INSTALLED_APPS = [
    "ecte.admin_config.ECTEAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "ecte.accounts",
    "ecte.calendar",
    "ecte.events",
    "ecte.notifications",
    "ecte.exports",
    "ecte.imports",
    "ecte",
    "schools",
    "participants",
    "induction",
    "programmes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "ecte.accounts.middleware.ActiveRoleMiddleware",
    "ecte.accounts.middleware.StaffMFAMiddleware",
]

ROOT_URLCONF = "ecte.urls"
WSGI_APPLICATION = "ecte.wsgi.application"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.template.context_processors.csp",
    "django.template.context_processors.static",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
    "ecte.notifications.context_processors.notifications",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "ecte.jinja2.environment",
            "context_processors": [*CONTEXT_PROCESSORS, "ecte.context_processors.service"],
        },
    },
    {
        # Django admin and allauth ship Django-language templates. Our overrides
        # live under templates/django/ so the two engines never share a name.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates" / "django"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [*CONTEXT_PROCESSORS, "ecte.context_processors.service"],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=0,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    from psycopg_pool import ConnectionPool

    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            # Parameters sent apart from the SQL, and a statement a connection has run five
            # times prepared once and planned no more: planning was about 40% of
            # PostgreSQL's statement time. Measured on the load test's pages, one request
            # at a time: PostgreSQL's CPU a request 10.8 and 9.6 ms -> 5.8 and 5.4 ms, the
            # app's no higher (docs/load-and-faults.md).
            # Prepared statements live as long as the pooled connection; a deploy that
            # migrates restarts the processes, so none outlives a schema change.
            # Bound this way, a statement carries at most 65,535 parameters: long `__in`
            # lists go as one array (ecte/long_in_lists.py).
            "server_side_binding": True,
            "prepare_threshold": 5,
        }
    )
    DATABASES["default"]["OPTIONS"]["pool"] = {
        "min_size": 1,
        "max_size": 10,
        # Test a pooled connection as it is handed out: after PostgreSQL restarts, the pool
        # replaces its dead connections instead of failing the next few requests.
        "check": ConnectionPool.check_connection,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static" / "build"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))

LOGIN_URL = "account_request_login_code"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "start"

# Session expiry, chosen deliberately (tests/security/test_settings.py holds it):
# - the cookie is a browser-session cookie, so closing the browser signs the user out
#   (school staff share computers in staff rooms);
# - on the server a session lasts 8 hours from its last change (a working day), so a
#   browser left open overnight is signed out by the morning. Not saved on every request:
#   the limit is not an idle timeout a background tab could keep alive, and the session
#   table is not written on every page view. A question journey's answers change the
#   session, so nobody loses answers part-way through a form they are still filling in.
SESSION_COOKIE_AGE = 60 * 60 * 8
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

# Content security policy: our own origin plus a per-request nonce, nothing inline.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "object-src": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"

# Request size. Form fields: Django's 2.5 MB and 1,000 fields, stated here so they are
# chosen, not inherited. Files do not count towards DATA_UPLOAD_MAX_MEMORY_SIZE: each
# upload form caps its own file (bulk claims and releases 2 MB and 1,000 rows, lead
# provider self-study 2 MB and 20,000 rows, DfE admin imports 50 MB and 200,000 rows) and
# the proxy in front caps a whole request. Files over FILE_UPLOAD_MAX_MEMORY_SIZE are
# streamed to a temporary file rather than held in memory. No form takes more than one file.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 1
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

# --- allauth: email sign-in with a one-time code; no passwords for end users.
ACCOUNT_ADAPTER = "ecte.accounts.adapter.AccountAdapter"
ACCOUNT_FORMS = {"request_login_code": "ecte.accounts.forms.RequestLoginCodeForm"}
ACCOUNT_LOGIN_METHODS = {"email"}
# Sign-up is closed (accounts are created by the service); the password field keeps the
# password sign-in that DfE staff use before their authenticator code.
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_BY_CODE_TIMEOUT = 15 * 60
ACCOUNT_LOGIN_BY_CODE_MAX_ATTEMPTS = 3
ACCOUNT_PREVENT_ENUMERATION = True
# What protects sign-in (tests/security/test_sign_in_hardening.py):
# - asking for a code: at most 3 codes a minute for one email address, whatever the number
#   of browsers asking, and 20 a minute from one IP address. Within one browser session a
#   second request sends no new code at all: allauth sends the user back to the pending
#   code page, which is why a same-session test never reaches the per-email limit;
# - entering a code: each code allows LOGIN_BY_CODE_MAX_ATTEMPTS wrong tries and is then
#   void, so guesses are bounded by the codes that can be asked for (9 a minute per
#   address, against 36^8 possible codes). allauth 65.21 reads no "confirm_login_code"
#   rate: the entry is kept for the allauth release that does;
# - DfE staff passwords: "login_failed", then an authenticator code (StaffMFAMiddleware).
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "request_login_code": "20/m/ip,3/m/key",
    "confirm_login_code": "10/m/ip",
}
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Manage early career teacher induction: "
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SERVICE_NAME

# --- email (Django 6.1 MAILERS; EMAIL_BACKEND and friends are deprecated)
EMAIL_BACKEND_NAME = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")


def mailer(backend: str) -> dict:
    options: dict = {}
    if backend.endswith("smtp.EmailBackend"):
        options = {
            "host": env("EMAIL_HOST", "localhost"),
            "port": int(env("EMAIL_PORT", "25")),
            "username": env("EMAIL_HOST_USER"),
            "password": env("EMAIL_HOST_PASSWORD"),
            "use_tls": env_bool("EMAIL_USE_TLS"),
            "timeout": 10,
        }
    elif backend.endswith("filebased.EmailBackend"):
        options = {"file_path": env("EMAIL_FILE_PATH", str(BASE_DIR / "sent_emails"))}
    return {"BACKEND": backend, "OPTIONS": options}


MAILERS = {"default": mailer(EMAIL_BACKEND_NAME)}
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "noreply@manage-ect-induction.education.gov.uk")

# --- Celery and cache (Redis when REDIS_URL is set; in-process otherwise)
REDIS_URL = env("REDIS_URL")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
# Nothing reads task results (the outbox row is the record); storing them would make every
# delay() wait on the result backend, the same Redis, when it is down.
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
