"""What mentors log: lesson drop-ins, mentor meetings and the actions (targets) they set.

Logs belong to a mentorship (this mentor with this ECT), so a new mentor starts a new
log while the ECT's actions carry on. Meeting content is for the mentor, the ECT and
the induction tutor only: lead providers never see it (issue 5, item 11), so events
about logs carry no content. A mentor may change their own log for 7 days; each change
keeps the previous version in LogRevision.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q

from programmes.models.content import MeetingModel


class DropInMode(models.TextChoices):
    IN_PERSON = "in_person", "In person"
    RECORDING = "recording", "From a recording of the lesson"


class ActionStatus(models.TextChoices):
    OPEN = "open", "Open"
    ACHIEVED = "achieved", "Achieved"
    CARRIED_FORWARD = "carried_forward", "Carried forward"

    @classmethod
    def active(cls) -> list[str]:
        return [cls.OPEN, cls.CARRIED_FORWARD]


class LessonDropIn(models.Model):
    """A short lesson observation (rule 18: at most 15 minutes, in person or from a recording)."""

    mentorship = models.ForeignKey(
        "participants.Mentorship", on_delete=models.PROTECT, related_name="drop_ins"
    )
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    mode = models.CharField(max_length=16, choices=DropInMode.choices)
    focus_action = models.ForeignKey(
        "programmes.Action",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="drop_ins",
        help_text="The ECT's current action the drop-in looked at",
    )
    notes = models.TextField(blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "lesson drop-in"
        indexes = [
            models.Index(fields=["mentorship", "held_on"], name="drop_in_by_mentorship_date")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gt=0), name="drop_in_lasts_some_minutes"),
        ]

    def __str__(self) -> str:
        return f"Lesson drop-in on {self.held_on}"


class MentorMeeting(models.Model):
    """A mentor meeting. Year 1 (NIoT) follows the six-step observation and feedback model;
    year 2 the meeting focus of the half-term; other programmes notes and actions."""

    mentorship = models.ForeignKey(
        "participants.Mentorship", on_delete=models.PROTECT, related_name="meetings"
    )
    held_on = models.DateField()
    minutes = models.PositiveSmallIntegerField()
    meeting_model = models.CharField(max_length=32, choices=MeetingModel.choices)
    # The six steps (Bambrick-Santoyo, as in the NIoT handbook); the precise action is an Action.
    praise = models.TextField("praise and recognise strengths", blank=True)
    probe = models.TextField("probe and identify areas for development", blank=True)
    plan = models.TextField("plan together how to apply the action", blank=True)
    practice = models.TextField("practise how it will be embedded", blank=True)
    follow_up_on = models.DateField("follow-up observation on", null=True, blank=True)
    focus = models.ForeignKey(
        "programmes.MeetingFocus",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    notes = models.TextField(blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [
            models.Index(fields=["mentorship", "held_on"], name="meeting_by_mentorship_date")
        ]
        constraints = [
            models.CheckConstraint(condition=Q(minutes__gt=0), name="meeting_lasts_some_minutes"),
            models.CheckConstraint(
                condition=Q(follow_up_on__isnull=True) | Q(follow_up_on__gte=F("held_on")),
                name="meeting_follow_up_on_or_after_meeting",
            ),
            models.CheckConstraint(
                condition=Q(meeting_model="half_term_focus", focus__isnull=False)
                | (~Q(meeting_model="half_term_focus") & Q(focus__isnull=True)),
                name="meeting_focus_only_for_focus_meetings",
            ),
        ]

    def __str__(self) -> str:
        return f"Mentor meeting on {self.held_on}"


class Action(models.Model):
    """A precise action (target) set for the ECT in a meeting, and what became of it."""

    ect = models.ForeignKey(
        "participants.Teacher", on_delete=models.PROTECT, related_name="mentoring_actions"
    )
    mentorship = models.ForeignKey(
        "participants.Mentorship", on_delete=models.PROTECT, related_name="actions"
    )
    set_in = models.ForeignKey(MentorMeeting, on_delete=models.PROTECT, related_name="actions_set")
    description = models.TextField()
    status = models.CharField(
        max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    reviewed_in = models.ForeignKey(
        MentorMeeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="actions_reviewed",
    )
    reviewed_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["ect", "status"], name="action_by_ect_status")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open", reviewed_in__isnull=True)
                | (~Q(status="open") & Q(reviewed_in__isnull=False, reviewed_on__isnull=False)),
                name="action_reviewed_once_not_open",
            ),
        ]

    def __str__(self) -> str:
        # Not the description: that is private to the mentor, the ECT and the induction tutor,
        # and a model's name shows up in admin, logs and error reports.
        return f"Action {self.pk}"


class LogRevision(models.Model):
    """The version of a drop-in or meeting before its mentor changed it: nothing is lost."""

    drop_in = models.ForeignKey(
        LessonDropIn, null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    meeting = models.ForeignKey(
        MentorMeeting, null=True, blank=True, on_delete=models.PROTECT, related_name="revisions"
    )
    revised_at = models.DateTimeField(auto_now_add=True)
    revised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["-revised_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(drop_in__isnull=False, meeting__isnull=True)
                | Q(drop_in__isnull=True, meeting__isnull=False),
                name="log_revision_of_a_drop_in_or_a_meeting",
            ),
        ]

    def __str__(self) -> str:
        return f"Change made {self.revised_at:%d %B %Y}"
