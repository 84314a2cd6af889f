"""Read locust's `--csv` statistics, print a Markdown summary, and judge the run.

    python -m tests.load.report .tmp/load/stats --p95-limit-ms 500

Exit status 0 when the pass criteria hold (no failed request, no exception in a
user, and the 95th percentile of all requests at most the limit), 1 otherwise.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass
class Row:
    name: str
    method: str
    requests: int
    failures: int
    median: float
    p95: float
    p99: float
    max: float
    rps: float

    @classmethod
    def from_csv(cls, row: dict) -> Row:
        def number(key: str) -> float:
            value = row.get(key) or "0"
            return 0.0 if value == "N/A" else float(value)

        return cls(
            name=row["Name"],
            method=row["Type"],
            requests=int(number("Request Count")),
            failures=int(number("Failure Count")),
            median=number("50%"),
            p95=number("95%"),
            p99=number("99%"),
            max=number("Max Response Time"),
            rps=number("Requests/s"),
        )


def read_stats(prefix: Path) -> tuple[list[Row], Row]:
    with open(f"{prefix}_stats.csv", newline="") as file:
        rows = [Row.from_csv(row) for row in csv.DictReader(file)]
    total = [row for row in rows if row.name == "Aggregated"]
    if not total:
        raise SystemExit(f"{prefix}_stats.csv has no Aggregated row: did locust run?")
    return [row for row in rows if row.name != "Aggregated"], total[0]


def read_rows(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path, newline="") as file:
        return list(csv.DictReader(file))


def judge(total: Row, exceptions: list[dict], p95_limit_ms: float) -> list[str]:
    """What failed the run: empty when it passed."""
    problems = []
    if total.requests == 0:
        problems.append("no request was made")
    if total.failures:
        problems.append(f"{total.failures} requests failed")
    if exceptions:
        problems.append(f"{len(exceptions)} kinds of exception were raised in the users")
    if total.p95 > p95_limit_ms:
        problems.append(f"p95 {total.p95:.0f} ms is over {p95_limit_ms:.0f} ms")
    return problems


def cpu_ms_per_request(cpu_seconds: float, requests: int) -> float:
    return 1000 * cpu_seconds / requests


def markdown(rows: list[Row], total: Row, failures: list[dict], exceptions: list[dict]) -> str:
    lines = [
        "| request | count | failed | p50 ms | p95 ms | p99 ms | max ms | req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in [*sorted(rows, key=lambda r: r.name), total]:
        label = "**all requests**" if row is total else f"{row.method} {row.name}"
        lines.append(
            f"| {label} | {row.requests} | {row.failures} | {row.median:.0f} | {row.p95:.0f} "
            f"| {row.p99:.0f} | {row.max:.0f} | {row.rps:.1f} |"
        )
    for failure in failures:
        lines.append("")
        lines.append(
            f"- failure: {failure.get('Method')} {failure.get('Name')}: "
            f"{failure.get('Error')} ({failure.get('Occurrences')} times)"
        )
    for exception in exceptions:
        lines.append(f"- exception: {exception.get('Message')} ({exception.get('Count')} times)")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", type=Path, help="the --csv prefix given to locust")
    parser.add_argument("--p95-limit-ms", type=float, default=500)
    parser.add_argument("--users", default="?")
    parser.add_argument("--run-time", default="?")
    parser.add_argument("--workers", default="?")
    parser.add_argument(
        "--server-cpu-seconds",
        type=float,
        help="CPU time the gunicorn workers used over the run (user + system)",
    )
    parser.add_argument(
        "--postgres-cpu-seconds",
        type=float,
        help="CPU time PostgreSQL's processes used over the run, when it runs on this machine",
    )
    parser.add_argument(
        "--locust-cpu-seconds", type=float, help="CPU time locust itself used over the run"
    )
    parser.add_argument("--load-average", default="", help="the machine's, at the end of the run")
    parser.add_argument(
        "--speed-check-ms",
        nargs=2,
        type=float,
        metavar=("BEFORE", "AFTER"),
        help="tests.load.speed_check's time before and after the run",
    )
    args = parser.parse_args(argv)

    rows, total = read_stats(args.prefix)
    failures = read_rows(f"{args.prefix}_failures.csv")
    exceptions = read_rows(f"{args.prefix}_exceptions.csv")
    problems = judge(total, exceptions, args.p95_limit_ms)

    print("## Load test")
    print()
    print(
        f"{args.users} users for {args.run_time} against gunicorn ({args.workers}, "
        f"production settings) on 127.0.0.1, PostgreSQL and Redis on the same machine: "
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}."
    )
    print()
    print(markdown(rows, total, failures, exceptions))
    print()
    if args.server_cpu_seconds is not None and total.requests:
        # Machine-independent-ish: what a request costs the app, whatever queued in front of it.
        print(
            f"Server CPU: {args.server_cpu_seconds:.0f} s for {total.requests} requests, "
            f"{cpu_ms_per_request(args.server_cpu_seconds, total.requests):.0f} ms a request."
        )
    # The other programs on the same cores: what they take, the app cannot have.
    for label, seconds in (
        ("PostgreSQL", args.postgres_cpu_seconds),
        ("locust (the load itself)", args.locust_cpu_seconds),
    ):
        if seconds is not None and total.requests:
            print(
                f"{label} CPU: {seconds:.0f} s, "
                f"{cpu_ms_per_request(seconds, total.requests):.1f} ms a request."
            )
    if args.load_average:
        print(f"Load average at the end of the run: {args.load_average}.")
    if args.speed_check_ms:
        before, after = args.speed_check_ms
        print(
            f"Speed check (tests.load.speed_check, the same work each time; lower is faster): "
            f"{before:.1f} ms before the run, {after:.1f} ms after."
        )
    print()
    if problems:
        print(f"**Failed** (criteria: no errors, p95 at most {args.p95_limit_ms:.0f} ms): ")
        print("; ".join(problems) + ".")
        return 1
    print(
        f"**Passed**: no errors, p95 {total.p95:.0f} ms "
        f"(at most {args.p95_limit_ms:.0f} ms), {total.requests} requests."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
