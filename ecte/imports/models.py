"""An import DfE staff uploaded: what it read, the problems in it, and what it changed."""

from django.conf import settings
from django.db import models


class ImportKind(models.TextChoices):
    TEACHER_RECORDS = "teacher_records", "Teacher records"
    SCHOOLS = "schools", "Schools (GIAS)"


class ImportStatus(models.TextChoices):
    PREVIEW = "preview", "Waiting for confirmation"
    APPLIED = "applied", "Imported"


class ImportBatch(models.Model):
    """One uploaded CSV: previewed with row-level errors, then confirmed with a note.

    The valid rows are kept as read (`rows`), so what is applied is exactly what was
    previewed; rows with errors (`errors`) are never applied.
    """

    kind = models.CharField(max_length=32, choices=ImportKind.choices)
    filename = models.CharField(max_length=255)
    status = models.CharField(
        max_length=16, choices=ImportStatus.choices, default=ImportStatus.PREVIEW
    )
    columns = models.JSONField(default=list, help_text="The columns the file had")
    rows = models.JSONField(default=list)
    errors = models.JSONField(default=list)
    row_count = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    unchanged_count = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by_name = models.CharField(max_length=255)
    note = models.TextField(blank=True, help_text="Why the import was made")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "import"
        verbose_name_plural = "imports"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status="preview")
                | (models.Q(status="applied", applied_at__isnull=False) & ~models.Q(note="")),
                name="import_batch_applied_with_a_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def error_row_count(self) -> int:
        return len({error["row"] for error in self.errors})
