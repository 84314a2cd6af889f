"""Load the programmes shipped with the service: NIoT's 2026 to 2027 programme from its
handbook, and a Best Practice Network style fixed programme.

Safe in every environment and safe to run again: each file updates its programme in
place (see programmes.content_io). `seed_demo` calls it last, with --demo, which also adds
demo sequences, mentoring logs and engagement (DEBUG only, like seed_demo).
"""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from programmes import demo as demo_data
from programmes.content_io import bundled_files, import_file
from programmes.errors import ProgrammeError

DEMO_REFUSED = "seed_programmes --demo only runs with DEBUG on, like seed_demo"


class Command(BaseCommand):
    help = "Create or update the bundled lead provider programmes (or the JSON files named)."

    def add_arguments(self, parser):
        parser.add_argument(
            "files", nargs="*", type=Path, help="programme files (default: bundled)"
        )
        parser.add_argument(
            "--demo",
            action="store_true",
            help="also add demo sequences, mentoring logs and engagement (DEBUG only)",
        )

    def handle(self, *args, files=(), demo=False, **options):
        if demo and not settings.DEBUG:
            raise CommandError(DEMO_REFUSED)
        with transaction.atomic():
            for path in files or bundled_files():
                try:
                    programme = import_file(path, create_lead_provider=True)
                except (OSError, ProgrammeError) as error:
                    raise CommandError(f"{path.name}: {error}") from None
                counts = (
                    f"{programme.years.count()} years, "
                    f"{programme.study_items.count()} study items, "
                    f"{programme.sessions.count()} sessions"
                )
                self.stdout.write(f"{programme}: {counts}")
            if demo:
                demo_data.seed()
