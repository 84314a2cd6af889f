"""The benchmark's Markdown: one table of pages against the targets, then the jobs."""

from ecte.benchmark.timing import Timing

P95_TARGET_MS = 150
RAW_SQL_RATIO_TARGET = 3
SWEEP_TARGET_S = 60


def _verdict(timing: Timing, ratio: float) -> str:
    misses = []
    if timing.p95_ms > P95_TARGET_MS:
        misses.append(f"p95 > {P95_TARGET_MS} ms")
    if ratio > RAW_SQL_RATIO_TARGET:
        misses.append(f"> {RAW_SQL_RATIO_TARGET}x SQL")
    return "meets both" if not misses else "misses: " + ", ".join(misses)


def pages_table(results) -> list[str]:
    """results: (page, timing, raw SQL ms) for each page."""
    lines = [
        "| Page | p50 ms | p95 ms | Queries | Main query raw SQL ms | p95 / SQL | Target | Main query |",
        "|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for page, timing, sql_ms in results:
        ratio = timing.p95_ms / sql_ms if sql_ms else float("inf")
        lines.append(
            f"| {page.name} | {timing.p50_ms:.0f} | {timing.p95_ms:.0f} | {timing.queries} | "
            f"{sql_ms:.1f} | {ratio:.1f}x | {_verdict(timing, ratio)} | {page.main_query} |"
        )
    return lines


def jobs_section(
    export: list[str], sweep: tuple[float, dict[str, int]] | None, bulk: list[str]
) -> list[str]:
    lines = []
    if export:
        lines += ["", "Export writers (benchmark_export, synthetic rows):", ""]
        lines += [f"- {line}" for line in export]
    if sweep is not None:
        seconds, sent = sweep
        verdict = "meets" if seconds <= SWEEP_TARGET_S else "misses"
        lines += [
            "",
            f"Reminder sweep over the national data: {seconds:.1f} s for every reminder "
            f"({verdict} the {SWEEP_TARGET_S} s target; would send "
            f"{sum(sent.values()):,} notifications, rolled back):",
            "",
        ]
        lines += [f"- {name}: {count:,}" for name, count in sent.items()]
    if bulk:
        lines += ["", "Bulk upload (tests/bench/bulk_upload.py, own throwaway database):", ""]
        lines += [f"- {line}" for line in bulk]
    return lines
