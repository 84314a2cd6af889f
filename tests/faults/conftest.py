"""Fault tests stop and restart real servers: they run only through scripts/fault-test.sh.

The normal `pytest` run skips them (they need minutes and start servers of their own);
`scripts/fault-test.sh`, or RUN_FAULT_TESTS=1, runs them.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from tests.faults.servers import BIN, ROOT, WORK, Browser, Redis, django_env

SKIP_REASON = "fault tests stop and restart real servers: run scripts/fault-test.sh"


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.faults)
            if os.environ.get("RUN_FAULT_TESTS") != "1":
                item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session", autouse=True)
def static_files_collected() -> None:
    """Production settings serve hashed static files from a manifest (whitenoise), so the
    servers answer 500 on every page until `collectstatic` has run (as the Dockerfile does).
    Skipped tests need none."""
    if os.environ.get("RUN_FAULT_TESTS") != "1":
        return
    subprocess.run(
        [str(BIN / "python"), "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=os.environ
        | {
            "DJANGO_SETTINGS_MODULE": "ecte.settings.production",
            "SECRET_KEY": "used-only-by-collectstatic-in-the-fault-tests",
        },
        check=True,
        timeout=300,
    )


@pytest.fixture
def work(request) -> Iterator[Path]:
    """A folder of this test's own under .tmp/faults, for logs, mail and files."""
    path = WORK / request.node.name
    shutil.rmtree(path, ignore_errors=True)
    path.mkdir(parents=True)
    yield path


@pytest.fixture
def redis(work) -> Iterator[Redis]:
    server = Redis(work / "redis")
    server.start()
    yield server
    server.stop()


def database_url() -> str:
    """The test database, as a URL for the servers the tests start."""
    db = connection.settings_dict
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


@pytest.fixture
def server_env(work, redis) -> dict:
    return django_env(
        database_url=database_url(),
        redis_url=redis.url,
        secret_key=settings.SECRET_KEY,
        work=work,
    )


def signed_in(base_url: str, user) -> Browser:
    client = Client()
    client.force_login(user)
    return Browser(base_url, client.cookies[settings.SESSION_COOKIE_NAME].value)
