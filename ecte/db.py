"""Database helpers shared by every app: PostgreSQL-only constraints and SQL.

The test suite, docker compose and production run on PostgreSQL, where the
database itself refuses overlapping date ranges. The embedded default of
`make run` uses SQLite, which has no exclusion constraints: there the
constraint is skipped and the services' own checks (under a transaction, and
SQLite serialises writers) keep the same rule.
"""

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateRangeField, RangeOperators
from django.db import migrations, models


class DateRange(models.Func):
    """daterange(start, end, '[]'): both ends inclusive; a NULL end is open-ended."""

    function = "daterange"
    output_field = DateRangeField()

    def __init__(self, start, end, **extra):
        super().__init__(start, end, models.Value("[]"), **extra)


def _is_postgresql(schema_editor_or_connection) -> bool:
    connection = getattr(schema_editor_or_connection, "connection", schema_editor_or_connection)
    return connection.vendor == "postgresql"


class PostgresExclusionConstraint(ExclusionConstraint):
    """An ExclusionConstraint that other databases skip (see the module docstring)."""

    def constraint_sql(self, model, schema_editor):
        if not _is_postgresql(schema_editor):
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if not _is_postgresql(schema_editor):
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if not _is_postgresql(schema_editor):
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using="default"):
        from django.db import connections

        if not _is_postgresql(connections[using]):
            return None
        return super().validate(model, instance, exclude=exclude, using=using)


def no_overlapping_periods(
    *,
    name: str,
    partition: list[str],
    start="started_on",
    end="finished_on",
    violation_error_message: str | None = None,
):
    """Periods sharing the partition columns (for example the teacher) never overlap."""
    return PostgresExclusionConstraint(
        name=name,
        expressions=[
            *[(column, RangeOperators.EQUAL) for column in partition],
            (DateRange(start, end), RangeOperators.OVERLAPS),
        ],
        violation_error_message=violation_error_message,
    )


class RunSQLFor(migrations.RunSQL):
    """RunSQL that runs only on one database vendor ("postgresql" or "sqlite")."""

    def __init__(self, vendor: str, sql, reverse_sql=None, **kwargs):
        self.vendor = vendor
        super().__init__(sql, reverse_sql, **kwargs)

    def deconstruct(self):
        name, args, kwargs = super().deconstruct()
        return name, [self.vendor, *args], kwargs

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == self.vendor:
            super().database_backwards(app_label, schema_editor, from_state, to_state)
