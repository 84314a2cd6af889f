"""The reference data's version (see ecte/reference_cache.py): a one-row table, a sequence
and a statement trigger on each reference table. PostgreSQL only: on SQLite nothing is
cached, so nothing needs a version."""

from django.db import migrations

# As ecte.reference_cache.REFERENCE_TABLES was when this migration was written.
REFERENCE_TABLES = (
    "academic_calendar_academicyear",
    "programmes_leadprovider",
    "programmes_programme",
    "programmes_programmeyear",
    "programmes_module",
    "programmes_meetingfocus",
    "programmes_studyitem",
    "programmes_session",
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE SEQUENCE ecte_reference_version_seq;"
        "CREATE TABLE ecte_reference_version ("
        " only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),"
        " version bigint NOT NULL);"
        "INSERT INTO ecte_reference_version (version)"
        " VALUES (nextval('ecte_reference_version_seq'));"
        "CREATE FUNCTION ecte_new_reference_version() RETURNS trigger LANGUAGE plpgsql AS $$"
        " BEGIN"
        "  UPDATE ecte_reference_version SET version = nextval('ecte_reference_version_seq');"
        "  RETURN NULL;"
        " END $$;"
    )
    for table in REFERENCE_TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_new_reference_version"
            f" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
            " FOR EACH STATEMENT EXECUTE FUNCTION ecte_new_reference_version()"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in REFERENCE_TABLES:
        schema_editor.execute(f"DROP TRIGGER {table}_new_reference_version ON {table}")
    schema_editor.execute(
        "DROP FUNCTION ecte_new_reference_version();"
        "DROP TABLE ecte_reference_version;"
        "DROP SEQUENCE ecte_reference_version_seq;"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("academic_calendar", "0001_initial"),
        ("programmes", "0003_mentoring_logs_and_engagement"),
    ]

    operations = [migrations.RunPython(create, drop)]
