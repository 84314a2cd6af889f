"""Redis stopped during use: pages keep working, and work queued meanwhile is delivered after.

Redis is the Celery broker and the cache. While it is down, a signed-in user's pages
still answer, and an export requested meanwhile is kept in the outbox (the database);
once Redis is back, the outbox sweep publishes it, a worker builds it, and the
requester is emailed: nothing is lost.
"""

from __future__ import annotations

import time

import pytest
from celery import Celery

from ecte.exports.models import Export, ExportStatus
from ecte.notifications.models import Notification, OutboxMessage
from tests.faults.conftest import signed_in
from tests.faults.data import appropriate_body_user
from tests.faults.servers import CeleryWorker, Gunicorn, wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

PAGES = ["/appropriate-body/", "/appropriate-body/lists/in-induction/", "/exports/"]


def test_pages_work_while_redis_is_down_and_queued_work_is_delivered_after(work, redis, server_env):
    user = appropriate_body_user(inductions=30)
    web = Gunicorn(server_env, work)
    web.start()
    worker = CeleryWorker(server_env, work)
    try:
        browser = signed_in(web.url, user)
        for path in PAGES:
            assert browser.get(path).status_code == 200, path

        redis.stop()

        for path in PAGES:
            response = browser.get(path)
            assert response.status_code == 200, (
                f"{path} while Redis is down: {response.status_code}"
            )
        response = browser.post_form("/exports/", {"file_format": "csv"})
        assert response.status_code == 302, "requesting an export while Redis is down"
        export = Export.objects.get()
        assert response.headers["Location"].endswith(f"/exports/{export.pk}/")
        assert browser.get(f"/exports/{export.pk}/").status_code == 200
        assert OutboxMessage.objects.get().published_at is None

        redis.start()
        worker.start()
        # The beat job that runs every minute, sent at once rather than waited for.
        beat = Celery(broker=redis.url)
        beat.send_task("notifications.redispatch_outbox")

        wait_until(
            lambda: Export.objects.filter(pk=export.pk, status=ExportStatus.READY).exists(),
            timeout=90,
            what="the export to be built",
        )
        notification = wait_until(
            lambda: Notification.objects.filter(recipient=user, emailed_at__isnull=False).first(),
            timeout=60,
            what="the requester to be emailed",
        )
        assert notification.kind == "export_ready"
        # Every piece of queued work (the build, then the email) runs to the end.
        wait_until(
            lambda: not OutboxMessage.objects.filter(done_at__isnull=True).exists(),
            timeout=30,
            what="every outbox message to be done",
        )
        assert OutboxMessage.objects.count() == 2
        emails = [p.read_text() for p in (work / "mail").glob("*.log")]
        assert len([e for e in emails if "Your export is ready" in e]) == 1
        assert browser.get(f"/exports/{export.pk}/download/").status_code == 200
    finally:
        worker.stop()
        web.stop()


def test_asking_for_work_while_redis_is_down_answers_at_once(work, redis, server_env):
    user = appropriate_body_user()
    web = Gunicorn(server_env, work)
    web.start()
    try:
        browser = signed_in(web.url, user)
        redis.stop()
        form = browser.get("/exports/")
        assert form.status_code == 200
        started = time.monotonic()
        response = browser.post_form("/exports/", {"file_format": "csv"})
        took = time.monotonic() - started
        assert response.status_code == 302
        assert took < 5, f"requesting an export took {took:.1f} s while Redis was down"
    finally:
        web.stop()
