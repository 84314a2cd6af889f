"""Indexes for searching teachers by name and TRN at national scale (issue 7).

Trigram (pg_trgm) GIN indexes on UPPER(first_name), UPPER(last_name) and UPPER(trn) serve
Django's icontains, which PostgreSQL runs as UPPER(column) LIKE UPPER('%text%'); a
varchar_pattern_ops index serves the TRN prefix search (LIKE '123%'). PostgreSQL only:
the embedded SQLite default records them in the migration state and creates nothing.
"""

import django.contrib.postgres.indexes
import django.db.models.functions.text
from django.db import migrations, models

from ecte.db import RunSQLFor

TRIGRAMS = {
    "teacher_first_name_trgm": "first_name",
    "teacher_last_name_trgm": "last_name",
    "teacher_trn_trgm": "trn",
}

CREATE = (
    ["CREATE EXTENSION IF NOT EXISTS pg_trgm"]
    + [
        f'CREATE INDEX "{name}" ON "participants_teacher" USING gin ((UPPER("{column}")) gin_trgm_ops)'
        for name, column in TRIGRAMS.items()
    ]
    + ['CREATE INDEX "teacher_trn_prefix" ON "participants_teacher" ("trn" varchar_pattern_ops)']
)
DROP = [f'DROP INDEX IF EXISTS "{name}"' for name in [*TRIGRAMS, "teacher_trn_prefix"]]


def _trigram(column: str, name: str):
    return migrations.AddIndex(
        model_name="teacher",
        index=django.contrib.postgres.indexes.GinIndex(
            django.contrib.postgres.indexes.OpClass(
                django.db.models.functions.text.Upper(column), name="gin_trgm_ops"
            ),
            name=name,
        ),
    )


class Migration(migrations.Migration):
    dependencies = [("participants", "0003_registration_tokens_and_mentor_training")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[RunSQLFor("postgresql", CREATE, DROP)],
            state_operations=[
                *(_trigram(column, name) for name, column in TRIGRAMS.items()),
                migrations.AddIndex(
                    model_name="teacher",
                    index=models.Index(
                        fields=["trn"], name="teacher_trn_prefix", opclasses=["varchar_pattern_ops"]
                    ),
                ),
            ],
        ),
    ]
