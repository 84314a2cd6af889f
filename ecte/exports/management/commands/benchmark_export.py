"""Benchmark the streaming export writers: rows a second and the extra memory they need.

    python manage.py benchmark_export --rows 1000000 [--format csv|xlsx|both]

Rows are made in memory in the shape of the national dataset (16 columns: text,
dates, decimals, some text that must be neutralised), so the figure is the
writers' own speed, apart from the database. Each format is timed twice: once
for speed and the growth of the process's peak resident memory (ru_maxrss), and
once under tracemalloc for the peak of Python allocations (tracemalloc slows
the run, so its time is not the one reported). Target (issue 6): 100,000 rows a
second or faster, under 100 MB of extra memory.
"""

from __future__ import annotations

import datetime
import os
import resource
import tempfile
import time
import tracemalloc
from decimal import Decimal
from itertools import cycle, islice

from django.core.management.base import BaseCommand

from ecte.exports.datasets import INDUCTION_HEADER
from ecte.exports.writers import WRITERS

HEADER = [*INDUCTION_HEADER, "Appropriate body", "Lead provider"]
FIRST_NAMES = ["Amara", "Gareth", "Priya", "Tom", "=cmd|' /C calc'!A0", "Sofia", "@SUM(1+1)"]
LAST_NAMES = ["Okafor", "Lloyd", "Shah", "Bennett", "Rossi", "-Jones", "+Smith"]


def _row(n: int) -> tuple:
    start = datetime.date(2024, 9, 2)
    finished = n % 3 == 0
    return (
        f"{1000000 + n:07d}",
        FIRST_NAMES[n % len(FIRST_NAMES)],
        LAST_NAMES[n % len(LAST_NAMES)],
        datetime.date(1995, 1 + n % 12, 1 + n % 28),
        f"{100000 + n:06d}",
        f"School {n}",
        start,
        start + datetime.timedelta(days=690) if finished else None,
        Decimal("6.00") if finished else None,
        "Provider-led",
        "Passed" if finished else "",
        Decimal("0"),
        None,
        None,
        f"Teaching school hub {n % 90}",
        "Lead provider",
    )


# A pool of distinct rows, cycled: the database cursor hands the writer ready-made tuples,
# so making rows must not be what the benchmark measures.
POOL = [_row(n) for n in range(1009)]


def synthetic_rows(count: int):
    """`count` rows like the national dataset's, lazily (constant memory)."""
    return islice(cycle(POOL), count)


def _maxrss_mb() -> float:
    # ru_maxrss is in kilobytes on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Command(BaseCommand):
    help = "Benchmark the CSV and XLSX export writers on synthetic rows."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1_000_000)
        parser.add_argument("--format", choices=["csv", "xlsx", "both"], default="both")
        parser.add_argument(
            "--no-tracemalloc", action="store_true", help="Skip the tracemalloc pass"
        )

    def handle(self, *args, rows: int, format: str, no_tracemalloc: bool, **options):
        formats = ["csv", "xlsx"] if format == "both" else [format]
        for file_format in formats:
            self._run(file_format, rows, trace=not no_tracemalloc)

    def _write(self, file_format: str, rows: int) -> tuple[float, int]:
        handle, path = tempfile.mkstemp(suffix=f".{file_format}")
        os.close(handle)
        try:
            started = time.perf_counter()
            written = WRITERS[file_format](path, HEADER, synthetic_rows(rows))
            elapsed = time.perf_counter() - started
            size = os.path.getsize(path)
        finally:
            os.unlink(path)
        assert written == rows
        return elapsed, size

    def _run(self, file_format: str, rows: int, *, trace: bool) -> None:
        # Warm up imports and caches on a few rows, so they do not count as the export's.
        self._write(file_format, 100)
        rss_before = _maxrss_mb()
        elapsed, size = self._write(file_format, rows)
        rss_growth = _maxrss_mb() - rss_before
        line = (
            f"{file_format.upper()}: {rows:,} rows in {elapsed:.2f} s = "
            f"{rows / elapsed:,.0f} rows/s; file {size / 1_048_576:.1f} MB; "
            f"peak resident memory grew {rss_growth:.1f} MB"
        )
        if trace:
            tracemalloc.start()
            self._write(file_format, rows)
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()
            line += f"; peak Python allocations {peak / 1_048_576:.1f} MB (tracemalloc)"
        self.stdout.write(line)
