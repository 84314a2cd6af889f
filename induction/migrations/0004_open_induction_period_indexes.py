"""Indexes of open induction periods (issue 7, national scale).

By appropriate body: counting what a body holds, and finding its leavers, read this index
alone instead of every period the body ever held. By teacher with the holding body: whether
each of a body's ECTs is held here, elsewhere or not at all, from the index alone.
Unread assessments, at-risk reviews and support plans by body: its "received" inbox.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("induction", "0003_reviews_assessments_release_requests_bulk"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="inductionperiod",
            index=models.Index(
                condition=models.Q(("finished_on__isnull", True)),
                fields=["appropriate_body", "teacher"],
                name="induction_period_open_by_ab",
            ),
        ),
        migrations.AddIndex(
            model_name="inductionperiod",
            index=models.Index(
                condition=models.Q(("finished_on__isnull", True)),
                fields=["teacher", "appropriate_body"],
                name="induction_period_open_holder",
            ),
        ),
        migrations.AddIndex(
            model_name="assessment",
            index=models.Index(
                condition=models.Q(
                    ("seen_by_appropriate_body_at__isnull", True),
                    ("sent_to_appropriate_body_on__isnull", False),
                ),
                fields=["appropriate_body", "sent_to_appropriate_body_on"],
                name="assessment_unread",
            ),
        ),
        migrations.AddIndex(
            model_name="progressreview",
            index=models.Index(
                condition=models.Q(
                    ("satisfactory_progress", False),
                    ("seen_by_appropriate_body_at__isnull", True),
                    ("sent_to_appropriate_body_at__isnull", False),
                ),
                fields=["appropriate_body", "sent_to_appropriate_body_at"],
                name="progress_review_at_risk_unread",
            ),
        ),
        migrations.AddIndex(
            model_name="supportplan",
            index=models.Index(
                condition=models.Q(
                    ("seen_by_appropriate_body_at__isnull", True), ("status", "approved")
                ),
                fields=["appropriate_body", "approved_at"],
                name="support_plan_unread",
            ),
        ),
    ]
