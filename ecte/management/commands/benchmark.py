"""Benchmark each role's main pages on national data, plus exports, reminders and bulk upload.

    DATABASE_URL=postgres://.../ecte_national python manage.py seed_national --scale 1.0
    DATABASE_URL=postgres://.../ecte_national python manage.py benchmark --output bench.md

Pages are requested through Django's test Client in-process (server time, no network),
signed in as the membership each page is for; warm-up requests are not counted. Each
page's p95 is compared with the raw SQL time of its main query (named in the table).
Targets: p95 at most 150 ms and at most 3 times the raw SQL; the reminder sweep under 60 s.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from ecte.benchmark import jobs, report
from ecte.benchmark.pages import NotSeeded, national_pages
from ecte.benchmark.timing import PageFailed, time_page, time_sql


class Command(BaseCommand):
    help = "Benchmark pages, exports, reminders and bulk upload on seed_national data (Markdown)."

    def add_arguments(self, parser):
        parser.add_argument("--repeats", type=int, default=30, help="timed requests per page")
        parser.add_argument("--warm-up", type=int, default=3, help="requests not counted")
        parser.add_argument("--output", type=Path, help="also write the Markdown to this file")
        parser.add_argument("--export-rows", type=int, default=200_000)
        parser.add_argument("--bulk-rows", type=int, default=1000)
        parser.add_argument("--pages-only", action="store_true", help="skip exports, sweep, bulk")

    def handle(self, *args, repeats, warm_up, output, export_rows, bulk_rows, pages_only, **opts):
        if connection.vendor != "postgresql":
            raise CommandError("benchmark needs the PostgreSQL database seed_national filled")
        if repeats < 2:
            raise CommandError("--repeats must be at least 2 to give a p95")
        lines = [
            f"Benchmark on {connection.settings_dict['NAME']} ({repeats} timed requests "
            f"a page after {warm_up} warm-up requests)",
            "",
        ]
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            try:
                pages = national_pages()
                results = []
                for page in pages:
                    self.stderr.write(f"timing {page.name}")
                    timing = time_page(page.client, page.url, repeats=repeats, warm_up=warm_up)
                    results.append((page, timing, time_sql(page.queryset, repeats=repeats)))
            except (NotSeeded, PageFailed) as error:
                raise CommandError(str(error)) from None
        lines += report.pages_table(results)
        # The pages first, at once: the jobs below can take minutes at national scale.
        self.stderr.write("\n".join(lines))
        if not pages_only:
            self.stderr.write("export writers")
            export = jobs.export_lines(export_rows)
            self.stderr.write("reminder sweep")
            sweep = jobs.reminder_sweep()
            self.stderr.write("bulk upload")
            url = _database_url(connection.settings_dict)
            bulk = jobs.bulk_upload(bulk_rows, url) if bulk_rows else []
            lines += report.jobs_section(export, sweep, bulk)
        markdown = "\n".join(lines) + "\n"
        self.stdout.write(markdown)
        if output:
            output.write_text(markdown)


def _database_url(db: dict) -> str:
    return f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
