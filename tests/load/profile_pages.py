"""Where a load-test page spends its time: each page of tests/load/locustfile.py requested
in-process (Django's test client, signed in as the same demo account), on the database the
load test seeded.

    DATABASE_URL=.../ecte_load DJANGO_SETTINGS_MODULE=ecte.settings.production \\
        SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 \\
        .venv/bin/python -m tests.load.profile_pages [--repeat 10] [--profile NAME]

For each page: p50 and max server time over --repeat requests, the number of SQL queries
and the time they took. --profile NAME prints cProfile's 25 costliest functions for the
pages whose name contains NAME.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import statistics
import time


def _setup() -> None:
    import django

    django.setup()


def _pages():
    from django.test import Client

    from ecte.accounts.models import User
    from tests.load import accounts as journeys

    def client_for(email: str) -> Client:
        client = Client(HTTP_HOST="127.0.0.1", secure=True)
        client.force_login(User.objects.get(email=email))
        return client

    tutor = client_for(journeys.INDUCTION_TUTOR)
    body = client_for(journeys.APPROPRIATE_BODY)
    provider = client_for(journeys.LEAD_PROVIDER)
    mentor = client_for(journeys.MENTOR)
    ect = client_for(journeys.ECT)

    def first_link(client, path: str, pattern: str) -> str | None:
        found = re.findall(pattern, client.get(path).content.decode())
        return found[0] if found else None

    pages = [
        ("induction tutor: dashboard", tutor, "/school/"),
        ("induction tutor: ECTs", tutor, "/school/ects/"),
        ("appropriate body: home", body, "/appropriate-body/"),
        (
            "appropriate body: ECTs in induction (a page)",
            body,
            "/appropriate-body/lists/in-induction/?page=20",
        ),
        ("appropriate body: claim form", body, "/appropriate-body/claim/"),
        ("lead provider: participants", provider, "/lead-provider/"),
        ("mentor: home", mentor, "/mentor/"),
        ("ECT: programme", ect, "/ect/programme/"),
    ]
    school_ect = first_link(tutor, "/school/ects/", r'href="(/school/ects/\d+/)"')
    if school_ect:
        pages.append(("induction tutor: an ECT", tutor, school_ect))
    teacher = first_link(
        body,
        "/appropriate-body/lists/in-induction/?page=20",
        r'href="(/appropriate-body/teachers/\d+/)"',
    )
    if teacher:
        pages.append(("appropriate body: a teacher", body, teacher))
    mentee = first_link(mentor, "/mentor/", r'href="(/mentor/ects/\d+/)"')
    if mentee:
        pages.append(("mentor: an ECT", mentor, mentee))
        pages.append(("mentor: log a drop-in (form)", mentor, mentee + "drop-ins/new/"))
        pages.append(("mentor: all drop-ins (a page)", mentor, mentee + "drop-ins/"))
    return pages


def _measure(client, path: str, repeat: int) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(path)
        times.append((time.perf_counter() - started) * 1000)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return {
        "status": response.status_code,
        "p50": statistics.median(times),
        "max": max(times),
        "queries": len(queries),
        "sql_ms": sum(float(q["time"]) for q in queries.captured_queries) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--profile", default="")
    arguments = parser.parse_args()
    _setup()
    print("| page | status | p50 ms | max ms | queries | SQL ms |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, client, path in _pages():
        row = _measure(client, path, arguments.repeat)
        print(
            f"| {name} | {row['status']} | {row['p50']:.0f} | {row['max']:.0f} | "
            f"{row['queries']} | {row['sql_ms']:.0f} |"
        )
        if arguments.profile and arguments.profile in name:
            profiler = cProfile.Profile()
            profiler.runcall(client.get, path)
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)


if __name__ == "__main__":
    main()
