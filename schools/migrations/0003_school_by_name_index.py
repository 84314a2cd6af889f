"""An index of schools by name (issue 7): a lead provider's participants, listed school by
school, are read a page at a time by walking it."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("schools", "0002_year_setup"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="school",
            index=models.Index(fields=["name", "id"], name="school_by_name"),
        ),
    ]
