"""Benchmark: a 1,000-row bulk upload, validated then applied, for claims and then for
releases and passes. Not a test: run it by hand and read the timings.

    DATABASE_URL=postgres://ecte:ecte@127.0.0.1:54320/ecte REDIS_URL= \\
        .venv/bin/python tests/bench/bulk_upload.py [--rows 1000]

Tasks are queued, not run inline, as in production. It creates its own throwaway database
(`bench_<name>`), applies the rows as the Celery task does in production (a transaction per
batch of 50 rows, each row checked by the same service rules as a single claim, release or
pass, errors kept per row), prints the timings and the queries, and drops the database.
The target is under 10 seconds for 1,000 rows of each. BENCH_FAST=1 skips counting queries.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ecte.settings.test")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, reset_queries  # noqa: E402


def timed(label, work):
    reset_queries()
    started = time.perf_counter()
    result = work()
    elapsed = time.perf_counter() - started
    print(f"{label:<40} {elapsed:6.2f} s  {len(connection.queries):6d} queries")
    if os.environ.get("BENCH_QUERIES"):
        slowest: dict[str, list[float]] = {}
        for query in connection.queries:
            slowest.setdefault(query["sql"][:90], []).append(float(query["time"]))
        for sql, times in sorted(slowest.items(), key=lambda item: -sum(item[1]))[:12]:
            print(f"    {sum(times):6.2f} s {len(times):5d}x  {sql}")
    return result, elapsed


def run(rows: int) -> float:
    from ecte.events.record import Actor
    from induction.models import AppropriateBody, AppropriateBodyKind
    from induction.services.bulk import apply_bulk_upload, create_bulk_upload, start_bulk_upload
    from participants.models import ECTAtSchoolPeriod, Teacher
    from schools.models import School, SchoolPhase, SchoolType

    hub = AppropriateBody.objects.create(
        name="Benchmark teaching school hub", kind=AppropriateBodyKind.TEACHING_SCHOOL_HUB
    )
    school = School.objects.create(
        urn="999990",
        name="Benchmark Academy",
        phase=SchoolPhase.SECONDARY,
        school_type=SchoolType.ACADEMY,
        local_authority="Leeds",
    )
    teachers = Teacher.objects.bulk_create(
        Teacher(
            trn=f"{9000000 + n:07d}",
            first_name="Bench",
            last_name=f"Mark {n}",
            date_of_birth=datetime.date(1998, 4, 12),
            qts_awarded_on=datetime.date(2026, 7, 20),
        )
        for n in range(rows)
    )
    ECTAtSchoolPeriod.objects.bulk_create(
        ECTAtSchoolPeriod(
            teacher=teacher,
            school=school,
            started_on=datetime.date(2026, 9, 2),
            working_pattern="full_time",
            fte=1,
            email=f"bench{teacher.trn}@example.org",
            appropriate_body=hub,
        )
        for teacher in teachers
    )
    by = Actor.system("Benchmark")
    total = 0.0
    files = [
        (
            "claims",
            "claim",
            "TRN,Date of birth,Induction programme,Start date\n"
            + "".join(f"{t.trn},12/04/1998,Provider-led,02/09/2026\n" for t in teachers),
        ),
        (
            "releases and passes",
            "release",
            "TRN,Date of birth,End date,Number of terms,Outcome\n"
            + "".join(
                f"{t.trn},12/04/1998,"
                + ("18/12/2026,1,Release" if n % 2 else "14/07/2028,6,Pass")
                + "\n"
                for n, t in enumerate(teachers)
            ),
        ),
    ]
    for label, kind, text in files:
        upload, elapsed = timed(
            f"{label}: read and validate",
            lambda kind=kind, text=text: create_bulk_upload(
                appropriate_body=hub,
                kind=kind,
                filename=f"{kind}.csv",
                content=text.encode(),
                by=by,
            ),
        )
        total += elapsed
        assert upload.status == "ready", upload.errors[:3]
        start_bulk_upload(upload=upload, appropriate_body=hub, by=by)  # eager: no task here
        upload, elapsed = timed(
            f"{label}: apply", lambda upload=upload: apply_bulk_upload(upload.pk)
        )
        total += elapsed
        assert upload.applied_count == rows, upload.failures[:3]
    print(f"{'total for ' + str(rows) + ' rows of each':<40} {total:6.2f} s")
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    rows = parser.parse_args().rows
    settings.DEBUG = not os.environ.get("BENCH_FAST")  # count queries (costs a little)
    # As in production, tasks are queued (here on the in-memory broker, with no worker), not
    # run inline: the notices a pass sends are other tasks, not part of applying the upload,
    # and the benchmark applies the upload itself, below.
    from ecte.celery import app

    app.conf.task_always_eager = False
    app.conf.broker_url = "memory://"
    import logging

    logging.disable(logging.INFO)
    test_settings = settings.DATABASES["default"].setdefault("TEST", {})
    test_settings["NAME"] = f"bench_{settings.DATABASES['default']['NAME']}"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run(rows)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
