"""scripts/audit-dependencies.sh with a fake pip-audit: a vulnerability fails, an unreachable
service is its own status (never a pass), and a clean audit passes."""

import json
import os
import stat
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "audit-dependencies.sh"

CLEAN = {
    "dependencies": [
        {"name": "django", "version": "6.1.3", "vulns": []},
        {"name": "jinja2", "version": "3.1.6", "vulns": []},
    ],
    "fixes": [],
}
VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "6.1.3", "vulns": []},
        {
            "name": "jinja2",
            "version": "3.1.6",
            "vulns": [{"id": "GHSA-xxxx-yyyy-zzzz", "fix_versions": ["3.1.7"], "aliases": []}],
        },
    ],
    "fixes": [],
}
UNREACHABLE = {
    "dependencies": [
        {
            "name": "django",
            "skip_reason": "Dependency not found on PyPI and could not be audited: django (6.1.3)",
        },
        {
            "name": "jinja2",
            "skip_reason": "Dependency not found on PyPI and could not be audited: jinja2 (3.1.6)",
        },
    ],
    "fixes": [],
}


class ProjectEndpoint:
    """A loopback stand-in for PyPI's /pypi/NAME/json; projects not set answer 404."""

    def __init__(self):
        self.projects = {}
        endpoint = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                name = self.path.strip("/").split("/")[1]  # /pypi/NAME/json
                body = endpoint.projects.get(name)
                self.send_response(200 if body else 404)
                self.end_headers()
                self.wfile.write(json.dumps(body or {"message": "Not Found"}).encode())

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/pypi"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def latest(self, name, version, vulnerabilities=()):
        self.projects[name] = {
            "info": {"version": version},
            "vulnerabilities": list(vulnerabilities),
        }


@pytest.fixture(autouse=True)
def pypi():
    endpoint = ProjectEndpoint()
    yield endpoint
    endpoint.server.shutdown()


def run(tmp_path, report=None, status=0, stderr="", pypi_url=None):
    """Run the script with a fake pip-audit that prints `report` and exits with `status`."""
    fake = tmp_path / "pip-audit"
    seen = tmp_path / "requirements-seen.txt"
    body = "\n".join(
        [
            "#!/bin/sh",
            # The requirements file is the argument after -r.
            'while [ $# -gt 0 ]; do [ "$1" = "-r" ] && cp "$2" ' + f"'{seen}'; shift; done",
            f"printf '%s' '{json.dumps(report)}'" if report is not None else ":",
            f"printf '%s\\n' '{stderr}' >&2",
            f"exit {status}",
        ]
    )
    fake.write_text(body + "\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    result = subprocess.run(
        [str(SCRIPT)],
        env={
            **os.environ,
            "PIP_AUDIT": str(fake),
            "PYTHON": sys.executable,
            # Never the real PyPI from a test: a closed loopback port unless a test serves one.
            "PYPI_JSON_URL": pypi_url or "http://127.0.0.1:9/pypi",
        },
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    result.requirements = seen.read_text() if seen.exists() else ""
    return result


def test_a_clean_audit_passes_and_audits_every_pin_in_pyproject(tmp_path):
    result = run(tmp_path, CLEAN)
    assert result.returncode == 0, result.stderr
    assert "no known vulnerabilities in 2 pinned packages" in result.stdout
    # The dev group, with the runtime group it includes.
    assert "Django==6.1.3" in result.requirements
    assert "pytest==" in result.requirements


def test_a_known_vulnerability_fails_and_is_named(tmp_path):
    result = run(tmp_path, VULNERABLE, status=1)
    assert result.returncode == 1
    assert "jinja2 3.1.6: GHSA-xxxx-yyyy-zzzz (fixed in 3.1.7)" in result.stderr


def test_a_vulnerability_fails_even_if_pip_audit_exits_zero(tmp_path):
    assert run(tmp_path, VULNERABLE, status=0).returncode == 1


@pytest.mark.parametrize("status", [0, 1])
def test_packages_that_could_not_be_audited_are_unreachable_not_a_pass(tmp_path, status):
    # What this machine's pip-audit reports: every package skipped, exit status 0.
    result = run(tmp_path, UNREACHABLE, status=status)
    assert result.returncode == 3
    assert "2 of 2 pinned packages could NOT be audited" in result.stderr
    assert "this is not a pass" in result.stderr
    assert "no known vulnerabilities" not in result.stdout


@pytest.mark.parametrize("status", [0, 1])
def test_skipped_pins_that_are_the_latest_release_are_audited_from_the_project_endpoint(
    tmp_path, pypi, status
):
    pypi.latest("django", "6.1.3")
    pypi.latest("jinja2", "3.1.6")
    result = run(tmp_path, UNREACHABLE, status=status, pypi_url=pypi.url)
    assert result.returncode == 0, result.stderr
    assert "no known vulnerabilities in 2 pinned packages (2 from PyPI's project endpoint" in (
        result.stdout
    )


def test_a_vulnerability_in_the_project_endpoint_fails_and_is_named(tmp_path, pypi):
    pypi.latest("django", "6.1.3")
    pypi.latest(
        "jinja2",
        "3.1.6",
        [
            {"id": "PYSEC-2099-1", "fixed_in": ["3.1.7"], "withdrawn": None},
            {"id": "PYSEC-2099-2", "fixed_in": [], "withdrawn": "2099-01-01T00:00:00"},
        ],
    )
    result = run(tmp_path, UNREACHABLE, pypi_url=pypi.url)
    assert result.returncode == 1
    assert "jinja2 3.1.6: PYSEC-2099-1 (fixed in 3.1.7)" in result.stderr
    assert "PYSEC-2099-2" not in result.stderr  # withdrawn


def test_a_pin_older_than_the_latest_release_stays_unaudited(tmp_path, pypi):
    pypi.latest("django", "6.1.4")  # its vulnerabilities describe 6.1.4, not the pinned 6.1.3
    pypi.latest("jinja2", "3.1.6")
    result = run(tmp_path, UNREACHABLE, pypi_url=pypi.url)
    assert result.returncode == 3
    assert "1 of 2 pinned packages could NOT be audited" in result.stderr
    assert "django (6.1.3)" in result.stderr


def test_a_connection_error_with_no_report_is_unreachable(tmp_path):
    result = run(tmp_path, None, status=1, stderr="ConnectionError: pypi.org unreachable")
    assert result.returncode == 3
    assert "ConnectionError: pypi.org unreachable" in result.stderr
    assert "NOT audited" in result.stderr


def test_a_missing_pip_audit_cannot_run(tmp_path):
    result = subprocess.run(
        [str(SCRIPT)],
        env={**os.environ, "PIP_AUDIT": str(tmp_path / "missing"), "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 2
    assert "pip-audit not found" in result.stderr
