"""Real servers for the fault tests, each private to the test, on 127.0.0.1 only.

Each class starts its process, waits (bounded) until it answers, and stops it
again by its own pid; nothing here signals a process it did not start.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[2]
WORK = ROOT / ".tmp" / "faults"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SESSION_COOKIE = "__Host-sessionid"  # production settings' names
CSRF_COOKIE = "__Host-csrftoken"


def free_port() -> int:
    """A free port in 55000-56999 on 127.0.0.1 (the range these tests may use)."""
    for port in range(55100 + os.getpid() % 1000, 57000):
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError("no free port in 55100-56999")


def wait_until(check: Callable[[], object], *, timeout: float, what: str, every: float = 0.2):
    """The first truthy value of `check()`, polled for at most `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"waited {timeout:.0f} s for {what}")
        time.sleep(every)


def stop_process(process: subprocess.Popen | None, *, grace: float = 10) -> None:
    if process is None or process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(grace)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(grace)


class Redis:
    """redis-server with no persistence, on a free loopback port."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def start(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],  # fmt: skip
            stdout=open(self.directory / "redis.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        wait_until(self.ping, timeout=15, what=f"Redis on port {self.port}")

    def stop(self) -> None:
        stop_process(self.process)
        wait_until(lambda: not self.ping(), timeout=10, what="Redis to stop")


def django_env(*, database_url: str, redis_url: str, secret_key: str, work: Path) -> dict:
    """The environment of a production-settings process (web or worker) for these tests."""
    (work / "mail").mkdir(parents=True, exist_ok=True)
    (work / "media").mkdir(parents=True, exist_ok=True)
    return os.environ | {
        "DJANGO_SETTINGS_MODULE": "ecte.settings.production",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        # The test process's key, so the sessions it makes are valid in the server.
        "SECRET_KEY": secret_key,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(work / "mail"),
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "WARNING",
        "PYTHONUNBUFFERED": "1",
    }


class Gunicorn:
    """The service under gunicorn with production settings."""

    def __init__(self, env: dict, work: Path, *, workers: int = 2):
        self.env = env
        self.work = work
        self.workers = workers
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def healthy(self) -> bool:
        try:
            return requests.get(f"{self.url}/healthcheck", timeout=2).status_code == 200
        except requests.RequestException:
            return False

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "ecte.wsgi:application",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
            ],  # fmt: skip
            cwd=ROOT,
            env=self.env,
            stdout=open(self.work / "gunicorn.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        wait_until(self.healthy, timeout=90, what="gunicorn to answer")

    def stop(self) -> None:
        stop_process(self.process)


class CeleryWorker:
    """`celery -A ecte worker` (prefork, one child) with production settings."""

    def __init__(self, env: dict, work: Path, name: str = "faults"):
        self.env = env
        self.work = work
        self.name = name
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                str(BIN / "celery"),
                "-A",
                "ecte",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "-n",
                f"{self.name}@%h",
            ],  # fmt: skip
            cwd=ROOT,
            env=self.env,
            stdout=open(self.work / f"celery-{self.name}.log", "ab"),  # noqa: SIM115
            stderr=subprocess.STDOUT,
        )
        wait_until(
            lambda: "ready." in (self.work / f"celery-{self.name}.log").read_text(errors="ignore"),
            timeout=90,
            what="the Celery worker to be ready",
        )

    def children(self) -> list[int]:
        """The pids of the pool processes that run the tasks."""
        assert self.process is not None
        found = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        )
        return [int(pid) for pid in found.stdout.split()]

    def kill_children(self) -> list[int]:
        pids = self.children()
        for pid in pids:
            os.kill(pid, signal.SIGKILL)
        return pids

    def stop(self) -> None:
        stop_process(self.process, grace=20)


class Browser:
    """A signed-in user's requests to a server: the session cookie is `Secure`, so it is sent
    by hand (the test speaks plain http on loopback)."""

    def __init__(self, base_url: str, session_key: str):
        self.base_url = base_url
        self.cookies = {SESSION_COOKIE: session_key}

    def _remember(self, response) -> None:
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value

    def get(self, path: str) -> requests.Response:
        response = requests.get(
            self.base_url + path, cookies=self.cookies, allow_redirects=False, timeout=30
        )
        self._remember(response)
        return response

    def post_form(self, path: str, data: dict) -> requests.Response:
        """GET the form for its CSRF token, then POST it."""
        page = self.get(path)
        token = CSRF_INPUT.search(page.text)
        assert token, f"no CSRF token on {path} ({page.status_code})"
        response = requests.post(
            self.base_url + path,
            data=data | {"csrfmiddlewaretoken": token.group(1)},
            cookies=self.cookies,
            allow_redirects=False,
            timeout=30,
        )
        self._remember(response)
        return response
