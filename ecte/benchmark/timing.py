"""Timing a page through Django's test Client, in-process, and its main query as raw SQL."""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass
class Timing:
    p50_ms: float
    p95_ms: float
    queries: int
    status: int


def _percentiles(seconds: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(seconds, n=100, method="inclusive")
    return statistics.median(seconds) * 1000, cuts[94] * 1000


def time_page(client, url: str, *, repeats: int, warm_up: int) -> Timing:
    """p50 and p95 of `repeats` requests after `warm_up` that are not counted; then one more
    request to count its queries (capturing them is not free, so it is not timed)."""
    for _ in range(warm_up):
        client.get(url)
    seconds = []
    for _ in range(repeats):
        started = time.perf_counter()
        response = client.get(url)
        seconds.append(time.perf_counter() - started)
        if response.status_code != 200:
            raise PageFailed(f"{url} answered {response.status_code}")
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    p50, p95 = _percentiles(seconds)
    return Timing(p50, p95, len(captured.captured_queries), response.status_code)


def time_sql(queryset, *, repeats: int) -> float:
    """Median milliseconds to run the queryset's SQL and fetch every row, outside Django's ORM."""
    sql, params = queryset.query.sql_with_params()
    seconds = []
    with connection.cursor() as cursor:
        for _ in range(repeats + 1):
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            seconds.append(time.perf_counter() - started)
    return statistics.median(seconds[1:]) * 1000


class PageFailed(Exception):
    pass
