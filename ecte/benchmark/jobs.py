"""The background work benchmarked beside the pages, each through its own existing code:
the export writers (benchmark_export), every reminder sweep over the national data, and a
1,000-row bulk upload (tests/bench/bulk_upload.py, which makes its own throwaway database)."""

import datetime
import io
import os
import re
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import transaction

from ecte.calendar import dates
from ecte.notifications import reminders

BULK_BENCH = Path(settings.BASE_DIR) / "tests" / "bench" / "bulk_upload.py"


def export_lines(rows: int) -> list[str]:
    out = io.StringIO()
    call_command("benchmark_export", rows=rows, format="both", stdout=out)
    return [line for line in out.getvalue().splitlines() if line.strip()]


class _RollBack(Exception):
    pass


def reminder_sweep() -> tuple[float, dict[str, int]]:
    """Every sweep once, on the next working day, in a transaction rolled back afterwards,
    so benchmarking sends nobody anything and can be run again on the same data."""
    on = dates.today()
    while not dates.is_working_day(on):
        on += datetime.timedelta(days=1)
    reminders._load()
    sent: dict[str, int] = {}
    started = time.perf_counter()
    try:
        with transaction.atomic():
            for name in sorted(reminders.REMINDERS):
                sent[name] = reminders.run(name, on=on)
            raise _RollBack
    except _RollBack:
        pass
    return time.perf_counter() - started, sent


def bulk_upload(rows: int, database_url: str) -> list[str]:
    """Runs the bulk upload bench in a child process; returns its timing lines."""
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": ""}
    # Our own interpreter and script with a number: no outside input reaches the command.
    result = subprocess.run(  # noqa: S603
        [sys.executable, str(BULK_BENCH), "--rows", str(rows)],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
        check=False,
    )
    if result.returncode != 0:
        return [f"bulk upload bench failed: {result.stderr.strip().splitlines()[-1:]}"]
    return [
        re.sub(r"\s+", " ", line).strip()
        for line in result.stdout.splitlines()
        if line.strip() and not line.startswith(" ")
    ]
