"""Fill an empty PostgreSQL database with national-scale data for the benchmark.

    DATABASE_URL=postgres://.../ecte_national python manage.py seed_national --scale 1.0

Scale 1.0 is England in one year: 22,000 schools, 90 appropriate bodies, 6 lead
providers, 120,000 ECTs, 100,000 mentors and 3,000,000 drop-ins and meetings.
"""

from django.core.management.base import BaseCommand, CommandError

from ecte.national.plan import Plan, ScaleError
from ecte.national.seed import SeedRefused, seed


class Command(BaseCommand):
    help = "Fill an empty PostgreSQL database with national-scale data (COPY, in one transaction)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="1.0 is England in one year; 0.01 for tests"
        )

    def handle(self, *args, scale: float, **options):
        try:
            plan = Plan.for_scale(scale)
            summary = seed(plan, progress=lambda line: self.stdout.write(f"  {line}"))
        except (ScaleError, SeedRefused) as error:
            raise CommandError(str(error)) from None
        for table, count in summary.counts.items():
            self.stdout.write(f"{table:<45} {count:>10,}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Seeded national data at scale {scale:g} in {summary.total_seconds:.0f} s"
            )
        )
