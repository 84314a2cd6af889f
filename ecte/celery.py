"""The Celery app. With REDIS_URL unset (the embedded default) tasks run in-process."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecte.settings.development")

app = Celery("ecte")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Beat schedule: the reminder sweeps of the notifications issue register here.
# Each entry names a task that takes no arguments and is safe to run twice.
# Reminders run early each morning (they send nothing on weekends and bank holidays);
# the outbox sweep publishes, every minute, work that the queue missed.
_REMINDERS_AT = {
    "ect_without_mentor": crontab(hour=6, minute=0),
    "ect_not_claimed": crontab(hour=6, minute=5),
    "start_of_term_check": crontab(hour=6, minute=10),
    "release_request_unanswered": crontab(hour=6, minute=15),
    "progress_review_due": crontab(hour=6, minute=20),
    "assessment_report_due": crontab(hour=6, minute=25),
    "decision_due": crontab(hour=6, minute=30),
    "module_sequence_not_confirmed": crontab(hour=6, minute=35),
    "mentor_meetings_missed": crontab(hour=6, minute=40),
    "engagement_below_expected": crontab(hour=6, minute=45),
}
app.conf.beat_schedule = {
    "heartbeat": {"task": "ecte.tasks.heartbeat", "schedule": 300.0},
    "redispatch-outbox": {"task": "notifications.redispatch_outbox", "schedule": 60.0},
    "delete-expired-exports": {
        "task": "exports.delete_expired_exports",
        "schedule": crontab(minute=15),
    },
    **{
        f"remind-{name.replace('_', '-')}": {
            "task": f"notifications.remind.{name}",
            "schedule": schedule,
        }
        for name, schedule in _REMINDERS_AT.items()
    },
}
