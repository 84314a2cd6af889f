"""The embedded default of `make run`: SQLite, tasks in-process, email to the console."""

from ecte.settings.base import *  # noqa: F403
from ecte.settings.base import env, env_bool, mailer

DEBUG = env_bool("DJANGO_DEBUG", True)
DEMO_MODE = DEBUG
MAILERS = {
    "default": mailer(env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"))
}
ACCOUNT_RATE_LIMITS = False
