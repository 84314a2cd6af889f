"""In-service notifications, their emails, reminders, and the outbox that queues work.

Other apps call `ecte.notifications.services.notify(...)` inside their own
transaction, and `ecte.notifications.outbox.enqueue(...)` for any Celery task
that must run once the change commits, even if Redis is down at that moment.
"""
