"""A Celery worker killed (SIGKILL) while it builds an export: the export completes, once.

The process running the task is killed part-way through writing the file (the
kernel's OOM killer does this). The worker's main process starts a new pool
process; with acks_late and reject_on_worker_lost the message goes back on the
queue, and the export must then be built, once, with one email to the requester.
"""

from __future__ import annotations

import pytest

from ecte.exports.models import Export, ExportStatus
from ecte.notifications.models import Notification, OutboxMessage
from tests.faults.conftest import signed_in
from tests.faults.data import appropriate_body_user
from tests.faults.servers import CeleryWorker, Gunicorn, wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]

# Enough rows that the spreadsheet takes seconds to write: time to kill the worker mid-way.
ROWS = 20_000


def test_an_export_whose_worker_was_killed_completes_once(work, redis, server_env):
    user = appropriate_body_user(inductions=ROWS)
    web = Gunicorn(server_env, work)
    worker = CeleryWorker(server_env, work)
    web.start()
    worker.start()
    try:
        browser = signed_in(web.url, user)
        response = browser.post_form("/exports/", {"file_format": "xlsx"})
        assert response.status_code == 302
        export = Export.objects.get()

        wait_until(
            lambda: Export.objects.filter(pk=export.pk, status=ExportStatus.RUNNING).exists(),
            timeout=60,
            every=0.05,
            what="the export to start",
        )
        killed = worker.kill_children()
        assert killed, "no pool process to kill"
        export.refresh_from_db()
        assert export.status == ExportStatus.RUNNING, "the export finished before the kill"

        wait_until(
            lambda: Export.objects.filter(pk=export.pk, status=ExportStatus.READY).exists(),
            timeout=120,
            what="the export to be built after the worker was killed",
        )
        wait_until(
            lambda: not OutboxMessage.objects.filter(done_at__isnull=True).exists(),
            timeout=60,
            what="every outbox message to be done",
        )
        export.refresh_from_db()
        assert export.rows_written == ROWS
        assert Notification.objects.filter(recipient=user, kind="export_ready").count() == 1
        emails = [p.read_text() for p in (work / "mail").glob("*.log")]
        assert len([e for e in emails if "Your export is ready" in e]) == 1
        assert browser.get(f"/exports/{export.pk}/download/").status_code == 200
    finally:
        worker.stop()
        web.stop()
