"""Indexes for the list pages at national scale (issue 7).

- ECT periods still open, by appropriate body and start date: the body's ECTs to claim.
- Teachers by name: lists in name order stop after a page instead of sorting thousands.
- Teachers without QTS, about one in a hundred: an appropriate body's "Waiting for QTS".
- Training periods still open, by partnership: a lead provider's current participants.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0004_teacher_name_and_trn_search_indexes"),
        ("induction", "0004_open_induction_period_indexes"),
        ("programmes", "0003_mentoring_logs_and_engagement"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="ectatschoolperiod",
            index=models.Index(
                condition=models.Q(("finished_on__isnull", True)),
                fields=["appropriate_body", "started_on", "teacher"],
                name="ect_period_open_by_ab",
            ),
        ),
        migrations.AddIndex(
            model_name="teacher",
            index=models.Index(fields=["last_name", "first_name", "id"], name="teacher_by_name"),
        ),
        migrations.AddIndex(
            model_name="teacher",
            index=models.Index(
                condition=models.Q(("qts_awarded_on__isnull", True)),
                fields=["id"],
                name="teacher_without_qts",
            ),
        ),
        migrations.AddIndex(
            model_name="trainingperiod",
            index=models.Index(
                condition=models.Q(("finished_on__isnull", True)),
                fields=["school_partnership", "started_on", "id"],
                name="training_open_by_partnership",
            ),
        ),
    ]
