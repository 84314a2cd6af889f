"""PostgreSQL restarted under a live server: the next requests are served, with no one acting.

A private cluster (initdb under .tmp/faults, its own loopback port; never the shared
test server) serves gunicorn with production settings (a psycopg pool). The cluster
is restarted (`pg_ctl restart -m fast`, which ends every connection); the pooled
connections are then dead, and the requests after the restart must still succeed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.faults.servers import ROOT, Browser, Gunicorn, django_env, free_port

pytestmark = pytest.mark.faults

REQUESTS_AFTER_RESTART = 12  # more than the workers' pooled connections, so each is tried
SECRET_KEY = "fault-test-secret-key-for-one-private-cluster-only-0123456789"
MAKE_USER = """
from django.conf import settings
from django.test import Client
from ecte.accounts.models import Membership, Role, User
from induction.models import AppropriateBody

body = AppropriateBody.objects.create(name="Restart Teaching School Hub", kind="teaching_school_hub")
user = User.objects.create(email="nadia.hussain@example.org", first_name="Nadia", last_name="Hussain")
Membership.objects.create(user=user, role=Role.APPROPRIATE_BODY, appropriate_body=body)
client = Client()
client.force_login(user)
print(client.cookies[settings.SESSION_COOKIE_NAME].value)
"""


def pg_bin() -> Path:
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: p.parent.parent.name
    )
    if not found:
        pytest.fail(
            "no PostgreSQL server in /usr/lib/postgresql (scripts/test-services.sh installs it)"
        )
    return found[-1].parent


def as_owner(args: list[str], **kwargs) -> subprocess.CompletedProcess:
    """Run a PostgreSQL program; as the postgres OS user when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=120, **kwargs)


class Cluster:
    def __init__(self, directory: Path):
        self.directory = directory
        self.data = directory / "data"
        self.port = free_port()
        self.bin = pg_bin()

    def ctl(self, *args: str) -> None:
        as_owner([str(self.bin / "pg_ctl"), "-D", str(self.data), "-w", "-t", "60", *args])

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        if os.geteuid() == 0:
            shutil.chown(self.directory, "postgres")
        as_owner([str(self.bin / "initdb"), "-D", str(self.data), "--auth=trust", "-U", "ecte",
                  "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"])  # fmt: skip
        with open(self.data / "postgresql.conf", "a") as conf:
            conf.write(
                f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                # TCP only: a socket path under a long test name passes the 107-byte limit.
                "unix_socket_directories = ''\nfsync = off\n"
            )
        self.ctl("-l", str(self.directory / "postgres.log"), "start")
        as_owner([str(self.bin / "createdb"), "-h", "127.0.0.1", "-p", str(self.port),
                  "-U", "ecte", "ecte"])  # fmt: skip

    @property
    def url(self) -> str:
        return f"postgres://ecte:ecte@127.0.0.1:{self.port}/ecte"

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self.ctl("-m", "immediate", "stop")


@pytest.fixture
def cluster(work):
    server = Cluster(work / "postgres")
    server.start()
    yield server
    server.stop()


def manage(env: dict, *args: str, stdin: str | None = None) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=env, input=stdin, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def statuses_after_a_restart(work, redis, cluster) -> list[int]:
    """The status of each request to a signed-in page after the cluster under gunicorn restarts."""
    env = django_env(
        database_url=cluster.url, redis_url=redis.url, secret_key=SECRET_KEY, work=work
    )
    manage(env, "migrate", "--noinput")
    session_key = manage(env, "shell", stdin=MAKE_USER).strip().splitlines()[-1]
    web = Gunicorn(env, work)
    web.start()
    try:
        browser = Browser(web.url, session_key)
        for _ in range(4):  # every worker has a pooled connection
            page = browser.get("/appropriate-body/")
            assert page.status_code == 200
            assert "Restart Teaching School Hub" in page.text

        # With its log file named: otherwise the new server writes to (and holds) our pipe.
        cluster.ctl("-m", "fast", "-l", str(cluster.directory / "postgres.log"), "restart")

        return [
            browser.get("/appropriate-body/").status_code for _ in range(REQUESTS_AFTER_RESTART)
        ]
    finally:
        web.stop()


def test_the_service_recovers_from_a_postgresql_restart_with_no_one_acting(work, redis, cluster):
    # Without CONN_HEALTH_CHECKS the first request on each pooled connection the restart
    # killed fails (docs/load-and-faults.md); after those, requests must be served.
    statuses = statuses_after_a_restart(work, redis, cluster)
    # Each dead connection fails once, on whichever worker holds it; then it is replaced.
    assert statuses[-4:] == [200] * 4, f"not recovered after the restart: {statuses}"
    assert statuses.count(500) <= REQUESTS_AFTER_RESTART // 2, f"after the restart: {statuses}"
