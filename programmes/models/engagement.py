"""Engagement: what participants studied (self-study marked by them or uploaded by the lead
provider, electives and focus areas chosen) and which seminars and webinars they attended.

Rule 29: engagement of at least 75% in self-study and seminars is expected. Lead
providers record and read these rows; they never read mentor meeting content.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class CompletionSource(models.TextChoices):
    PARTICIPANT = "participant", "Marked by the participant"
    LEAD_PROVIDER = "lead_provider", "Recorded by the lead provider"


class StudyRecord(models.Model):
    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="study_records"
    )
    item = models.ForeignKey(
        "programmes.StudyItem", on_delete=models.PROTECT, related_name="records"
    )
    chosen_at = models.DateTimeField(
        null=True, blank=True, help_text="When an elective or focus area was chosen"
    )
    completed_on = models.DateField(null=True, blank=True)
    completion_source = models.CharField(
        max_length=16, choices=CompletionSource.choices, blank=True, default=""
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["teacher", "item"], name="study_record_one_per_item"),
            models.CheckConstraint(
                condition=Q(chosen_at__isnull=False) | Q(completed_on__isnull=False),
                name="study_record_chosen_or_completed",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True, completion_source="")
                | Q(
                    completed_on__isnull=False,
                    completion_source__in=["participant", "lead_provider"],
                ),
                name="study_record_completion_has_a_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} {self.item.code}"


class SessionAttendance(models.Model):
    """One line of a seminar or webinar register: attended or absent."""

    session = models.ForeignKey(
        "programmes.Session", on_delete=models.PROTECT, related_name="attendances"
    )
    teacher = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="session_attendances"
    )
    attended = models.BooleanField()
    recorded_at = models.DateTimeField(auto_now=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "teacher"], name="session_attendance_one_per_teacher"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.teacher} {'attended' if self.attended else 'absent'}: {self.session.code}"
