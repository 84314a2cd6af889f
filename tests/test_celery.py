import os

import pytest
from django.conf import settings

from ecte.celery import app
from ecte.tasks import heartbeat


@pytest.mark.django_db
def test_tasks_run_in_process_in_the_embedded_default_and_tests():
    assert heartbeat.delay().get(timeout=5) == "ok"


def test_the_broker_is_redis_when_redis_url_is_set(monkeypatch):
    redis_url = os.environ.get("REDIS_URL")
    if not redis_url:
        pytest.skip("REDIS_URL is not set: make test always sets it")
    assert redis_url == settings.CELERY_BROKER_URL
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1)
        assert connection.transport_cls == "redis"


def test_the_redis_cache_answers_when_redis_url_is_set():
    if "redis" not in settings.CACHES:
        pytest.skip("REDIS_URL is not set: make test always sets it")
    from django.core.cache import caches

    caches["redis"].set("ecte-test-key", "value", 5)
    assert caches["redis"].get("ecte-test-key") == "value"


def test_beat_schedule_names_registered_tasks():
    app.loader.import_default_modules()
    for entry in app.conf.beat_schedule.values():
        assert entry["task"] in app.tasks
