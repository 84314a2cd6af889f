"""Exports: a file built by a Celery task for one organisation, downloadable for 7 days."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ExportKind(models.TextChoices):
    APPROPRIATE_BODY = "induction_records", "Induction records"
    SCHOOL = "ects_and_mentors", "ECTs and mentors"
    LEAD_PROVIDER = "participants", "Participants"
    NATIONAL = "national_dataset", "National induction dataset"


class ExportFormat(models.TextChoices):
    CSV = "csv", "CSV"
    XLSX = "xlsx", "Excel spreadsheet (XLSX)"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "In progress"
    READY = "ready", "Ready to download"
    FAILED = "failed", "Failed"
    EXPIRED = "expired", "Expired"


class Export(models.Model):
    """One requested export. It belongs to the organisation the requester acted for
    (`organisation_role` and `organisation_id`: a school, an appropriate body or a lead
    provider; DfE has no id): only that organisation's users can see or download it."""

    kind = models.CharField(max_length=32, choices=ExportKind.choices)
    file_format = models.CharField("format", max_length=8, choices=ExportFormat.choices)
    status = models.CharField(
        max_length=16, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    # A Role value; no `choices`, so that a new role elsewhere needs no migration here.
    organisation_role = models.CharField(max_length=32)
    organisation_id = models.PositiveBigIntegerField(null=True, blank=True)
    organisation_name = models.CharField(max_length=255)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_by_name = models.CharField(max_length=255)
    file = models.FileField(upload_to="exports/", blank=True, max_length=255)
    row_count = models.PositiveIntegerField(null=True, blank=True)
    rows_written = models.PositiveIntegerField(default=0)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(
                fields=["organisation_role", "organisation_id", "-created_at"],
                name="export_organisation_list",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(organisation_role="dfe_staff", organisation_id__isnull=True)
                | Q(
                    organisation_role__in=["induction_tutor", "appropriate_body", "lead_provider"],
                    organisation_id__isnull=False,
                ),
                name="export_belongs_to_an_organisation",
            ),
            models.CheckConstraint(
                condition=~Q(status="ready") | Q(expires_at__isnull=False),
                name="export_ready_has_an_expiry",
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.get_kind_display()} for {self.organisation_name} ({self.created_at:%Y-%m-%d})"
        )

    @property
    def filename(self) -> str:
        stamp = (self.finished_at or self.created_at).strftime("%Y-%m-%d")
        return f"{self.kind.replace('_', '-')}-{stamp}.{self.file_format}"

    @property
    def percent_done(self) -> int:
        if self.status == ExportStatus.READY:
            return 100
        if not self.row_count:
            return 0
        return min(99, int(self.rows_written * 100 / self.row_count))

    @property
    def is_finished(self) -> bool:
        return self.status in {ExportStatus.READY, ExportStatus.FAILED, ExportStatus.EXPIRED}
