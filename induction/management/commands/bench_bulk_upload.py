"""Time a 1,000-row bulk upload: validate, then apply, for claims and then for releases and
passes. Everything it makes is rolled back, so it leaves the database as it found it.

    DATABASE_URL=postgres://... python manage.py bench_bulk_upload [--rows 1000]

The target (the issue's) is under 10 seconds for 1,000 rows; this is a benchmark to
run by hand, not a timed test in the suite.
"""

import datetime
import time

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from ecte.events.record import Actor
from induction.models import AppropriateBody, AppropriateBodyKind
from induction.services.bulk import apply_bulk_upload, create_bulk_upload, start_bulk_upload
from participants.models import ECTAtSchoolPeriod, Teacher
from schools.models import School, SchoolPhase, SchoolType


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time a bulk upload of --rows claims, then as many releases and passes (rolled back)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=1000)

    def handle(self, *args, rows: int, **options):
        self.stdout.write(f"Database: {connection.vendor}, {rows} rows")
        try:
            with transaction.atomic():
                self.run(rows)
                raise Rollback
        except Rollback:
            self.stdout.write("Rolled back: nothing was kept.")

    def timed(self, label: str, work):
        started = time.perf_counter()
        result = work()
        elapsed = time.perf_counter() - started
        self.stdout.write(f"{label:<40} {elapsed:6.2f} s")
        return result, elapsed

    def run(self, rows: int):
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
        born, qts, start = (
            datetime.date(1998, 4, 12),
            datetime.date(2026, 7, 20),
            datetime.date(2026, 9, 2),
        )
        teachers = Teacher.objects.bulk_create(
            Teacher(
                trn=f"{9000000 + n:07d}",
                first_name="Bench",
                last_name=f"Mark {n}",
                date_of_birth=born,
                qts_awarded_on=qts,
            )
            for n in range(rows)
        )
        ECTAtSchoolPeriod.objects.bulk_create(
            ECTAtSchoolPeriod(
                teacher=teacher,
                school=school,
                started_on=start,
                working_pattern="full_time",
                fte=1,
                email=f"bench{teacher.trn}@example.org",
                appropriate_body=hub,
            )
            for teacher in teachers
        )
        by = Actor.system("Benchmark")
        claims = "TRN,Date of birth,Induction programme,Start date\n" + "".join(
            f"{t.trn},12/04/1998,Provider-led,02/09/2026\n" for t in teachers
        )
        total = 0.0
        upload, elapsed = self.timed(
            "claims: read and validate",
            lambda: create_bulk_upload(
                appropriate_body=hub,
                kind="claim",
                filename="claims.csv",
                content=claims.encode(),
                by=by,
            ),
        )
        total += elapsed
        assert upload.status == "ready", upload.errors[:3]
        start_bulk_upload(upload=upload, appropriate_body=hub, by=by)
        upload, elapsed = self.timed("claims: apply", lambda: apply_bulk_upload(upload.pk))
        total += elapsed
        assert upload.applied_count == rows, upload.failures[:3]
        closing = "TRN,Date of birth,End date,Number of terms,Outcome\n" + "".join(
            f"{t.trn},12/04/1998,{'18/12/2026,1,Release' if n % 2 else '14/07/2028,6,Pass'}\n"
            for n, t in enumerate(teachers)
        )
        upload, elapsed = self.timed(
            "releases and passes: read and validate",
            lambda: create_bulk_upload(
                appropriate_body=hub,
                kind="release",
                filename="closing.csv",
                content=closing.encode(),
                by=by,
            ),
        )
        total += elapsed
        assert upload.status == "ready", upload.errors[:3]
        start_bulk_upload(upload=upload, appropriate_body=hub, by=by)
        upload, elapsed = self.timed(
            "releases and passes: apply", lambda: apply_bulk_upload(upload.pk)
        )
        total += elapsed
        assert upload.applied_count == rows, upload.failures[:3]
        self.stdout.write(f"{'total':<40} {total:6.2f} s")
