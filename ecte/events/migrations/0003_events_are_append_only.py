"""The database refuses to change or remove an event: the timeline is history."""

from django.db import migrations

from ecte.db import RunSQLFor

POSTGRES = """
CREATE FUNCTION events_event_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'Events are append-only: they cannot be changed or deleted'
    USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER events_event_append_only
  BEFORE UPDATE OR DELETE ON events_event
  FOR EACH ROW EXECUTE FUNCTION events_event_append_only();
"""

POSTGRES_REVERSE = """
DROP TRIGGER IF EXISTS events_event_append_only ON events_event;
DROP FUNCTION IF EXISTS events_event_append_only();
"""

SQLITE = [
    "CREATE TRIGGER events_event_no_update BEFORE UPDATE ON events_event "
    "BEGIN SELECT RAISE(ABORT, 'Events are append-only: they cannot be changed or deleted'); END;",
    "CREATE TRIGGER events_event_no_delete BEFORE DELETE ON events_event "
    "BEGIN SELECT RAISE(ABORT, 'Events are append-only: they cannot be changed or deleted'); END;",
]

SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS events_event_no_update",
    "DROP TRIGGER IF EXISTS events_event_no_delete",
]


class Migration(migrations.Migration):
    dependencies = [("events", "0002_initial")]

    operations = [
        RunSQLFor("postgresql", POSTGRES, POSTGRES_REVERSE),
        RunSQLFor("sqlite", SQLITE, SQLITE_REVERSE),
    ]
