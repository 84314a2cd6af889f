"""The append-only timeline of everything that happened to a teacher: who, what, when.

Rows are written by the helpers in ecte.events.record, never by signals, and
the database refuses to update or delete them (a trigger; see migration 0002).
"""

from django.conf import settings
from django.db import models


class EventQuerySet(models.QuerySet):
    def timeline(self):
        return self.select_related("author").order_by("-happened_at", "-id")


class Event(models.Model):
    event_type = models.CharField(max_length=64, db_index=True)
    # Text, not a bounded string: a heading can name a teacher twice ("A's name was changed
    # to B"), and names are up to 100 characters each; nothing that happened may be cut.
    heading = models.TextField()
    body = models.TextField(blank=True)
    happened_at = models.DateTimeField(db_index=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    author_name = models.CharField(max_length=255, blank=True)
    author_role = models.CharField(max_length=255, blank=True)
    teacher = models.ForeignKey(
        "participants.Teacher",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    school = models.ForeignKey(
        "schools.School", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    appropriate_body = models.ForeignKey(
        "induction.AppropriateBody",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    lead_provider = models.ForeignKey(
        "programmes.LeadProvider", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    induction_period = models.ForeignKey(
        "induction.InductionPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    ect_at_school_period = models.ForeignKey(
        "participants.ECTAtSchoolPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mentor_at_school_period = models.ForeignKey(
        "participants.MentorAtSchoolPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    mentorship = models.ForeignKey(
        "participants.Mentorship", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    training_period = models.ForeignKey(
        "participants.TrainingPeriod",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["-happened_at", "-id"]
        indexes = [models.Index(fields=["teacher", "-happened_at"], name="event_teacher_timeline")]

    def __str__(self) -> str:
        return self.heading

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise EventIsAppendOnly()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise EventIsAppendOnly()


class EventIsAppendOnly(Exception):
    """Events are history: they are never changed or removed."""
