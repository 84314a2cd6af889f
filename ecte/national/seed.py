"""Fill an empty PostgreSQL database with England's early career teachers for one year.

Everything is made in Python with one seeded random generator (the same scale and day
make the same data) and written with COPY, table by table in foreign-key order, inside
one transaction: every constraint, exclusion constraint and trigger checks every row.
"""

import datetime
import random
import time
from dataclasses import dataclass, field

from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from ecte.calendar.dates import academic_year_for
from ecte.national import history
from ecte.national.bulk import Ids, copy_rows
from ecte.national.organisations import Organisations, build
from ecte.national.people import COLUMNS as PEOPLE_COLUMNS
from ecte.national.people import PeopleBuilder
from ecte.national.plan import Plan

SEED = 20_260_901
NEEDS_POSTGRES = (
    "seed_national needs PostgreSQL (it writes with COPY and relies on its exclusion "
    "constraints): set DATABASE_URL to a PostgreSQL database"
)
NOT_EMPTY = (
    "seed_national fills an empty database, and this one already has schools or lead "
    "providers: use a new database"
)

ORGANISATION_COLUMNS = {
    "schools_trust": ("id", "name", "companies_house_number"),
    "schools_school": (
        "id",
        "urn",
        "name",
        "phase",
        "school_type",
        "local_authority",
        "opened_on",
        "closed_on",
        "trust_id",
    ),
    "induction_appropriatebody": ("id", "name", "kind", "email", "lead_school_id"),
    "programmes_leadprovider": ("id", "name", "allows_module_sequence_choice"),
    "programmes_deliverypartner": ("id", "name"),
    "programmes_deliverypartner_lead_providers": ("id", "deliverypartner_id", "leadprovider_id"),
    "programmes_schoolpartnership": (
        "id",
        "academic_year",
        "confirmed_at",
        "created_at",
        "delivery_partner_id",
        "lead_provider_id",
        "school_id",
        "decline_reason",
        "declined_at",
        "responded_by_id",
    ),
    "schools_yearsetup": (
        "id",
        "academic_year",
        "training_programme",
        "updated_at",
        "appropriate_body_id",
        "school_id",
        "school_partnership_id",
    ),
}


class SeedRefused(Exception):
    pass


@dataclass
class Summary:
    plan: Plan
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    big_school_id: int = 0
    big_school_tutor_id: int = 0
    big_appropriate_body_id: int = 0
    big_lead_provider_id: int = 0

    @property
    def total_seconds(self) -> float:
        return sum(self.seconds.values())


def refuse_unless_ready() -> None:
    from programmes.models import LeadProvider
    from schools.models import School

    if connection.vendor != "postgresql":
        raise SeedRefused(NEEDS_POSTGRES)
    if School.objects.exists() or LeadProvider.objects.exists():
        raise SeedRefused(NOT_EMPTY)


def seed(plan: Plan, *, today: datetime.date | None = None, progress=None) -> Summary:
    refuse_unless_ready()
    today = today or timezone.localdate()
    year = academic_year_for(today)
    rng = random.Random(SEED)
    now = timezone.now()
    summary = Summary(plan)
    say = progress or (lambda message: None)

    def stage(name, work):
        started = time.perf_counter()
        result = work()
        summary.seconds[name] = time.perf_counter() - started
        say(f"{name}: {summary.seconds[name]:.1f} s")
        return result

    with transaction.atomic(), connection.cursor() as wrapper:
        cursor = wrapper.cursor
        ids = Ids(cursor)
        orgs: Organisations = stage("plan organisations", lambda: build(plan, ids, rng, year, now))
        people = stage("plan people", lambda: PeopleBuilder(orgs, ids, rng, year, now).build())

        def write(table, columns, rows):
            ids.take(table, 0)  # reads the table's last id now: no query may run during COPY
            summary.counts[table] = summary.counts.get(table, 0) + copy_rows(
                cursor, table, columns, rows
            )

        def write_organisations_and_people():
            write("accounts_user", PEOPLE_COLUMNS["accounts_user"], people.rows["accounts_user"])
            for table, columns in ORGANISATION_COLUMNS.items():
                write(table, columns, orgs.rows[table])
            for table, columns in PEOPLE_COLUMNS.items():
                if table != "accounts_user":
                    write(table, columns, people.rows[table])

        stage("write organisations and people", write_organisations_and_people)

        def write_history():
            reviews, assessments = history.reviews_and_assessments(orgs, people, ids, year, today)
            write("induction_progressreview", history.COLUMNS["induction_progressreview"], reviews)
            write("induction_assessment", history.COLUMNS["induction_assessment"], assessments)
            write(
                "events_event",
                history.COLUMNS["events_event"],
                history.events(orgs, people, ids, people.ab_users),
            )

        stage("write reviews, assessments and events", write_history)

        def write_logs():
            drop_ins, meetings, _, _ = history.mentoring_logs(
                people, ids, plan.mentoring_logs, today
            )
            write("programmes_lessondropin", history.COLUMNS["programmes_lessondropin"], drop_ins)
            write("programmes_mentormeeting", history.COLUMNS["programmes_mentormeeting"], meetings)

        stage("write drop-ins and meetings", write_logs)
        ids.move_sequences_on()
        stage("load bundled programmes", lambda: call_command("seed_programmes", verbosity=0))
        committing = time.perf_counter()

    # Django's foreign keys are DEFERRABLE INITIALLY DEFERRED: PostgreSQL checks every row's
    # references at the commit, so the commit is a stage of its own.
    summary.seconds["commit (deferred foreign key checks)"] = time.perf_counter() - committing
    say(f"commit: {summary.seconds['commit (deferred foreign key checks)']:.1f} s")

    summary.big_school_id = orgs.big_school.id
    summary.big_school_tutor_id = orgs.big_school.tutor_user_id
    summary.big_appropriate_body_id = orgs.big_appropriate_body_id
    summary.big_lead_provider_id = orgs.lead_provider_ids[0]
    # Fresh statistics, so the planner sees millions of rows rather than an empty table.
    stage("analyse", lambda: _analyse())
    return summary


def _analyse() -> None:
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
