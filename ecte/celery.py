"""The Celery app. With REDIS_URL unset (the embedded default) tasks run in-process."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecte.settings.development")

app = Celery("ecte")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Beat schedule: the reminder sweeps of the notifications issue register here.
# Each entry names a task that takes no arguments and is safe to run twice.
app.conf.beat_schedule = {
    "heartbeat": {"task": "ecte.tasks.heartbeat", "schedule": 300.0},
}
