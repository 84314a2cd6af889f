import logging

from celery import shared_task
from django.db import connection

logger = logging.getLogger(__name__)


@shared_task(name="ecte.tasks.heartbeat")
def heartbeat() -> str:
    """A cheap beat task that proves the worker, beat and database are wired together."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    logger.info("heartbeat")
    return "ok"
