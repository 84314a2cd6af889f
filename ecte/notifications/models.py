"""Notifications (which are also the sent-log), opt-outs, and the transactional outbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class NotificationQuerySet(models.QuerySet):
    def unread(self):
        return self.filter(read_at__isnull=True)


class Notification(models.Model):
    """One thing a user is told, in the service and by email.

    It is also the sent-log: a user is told of one `kind` about one `key` (the
    object and the occasion, for example "assessment:42:late") at most once, so
    a reminder sweep that runs twice, or two sweeps at once, sends one.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    kind = models.CharField(max_length=64)
    key = models.CharField(
        max_length=200, help_text="The object and the occasion, e.g. 'ect-period:12:no-mentor'"
    )
    # Text, as an event's heading: a subject can name a school and a teacher twice.
    subject = models.TextField()
    body = models.TextField()
    link = models.CharField(max_length=500, blank=True, help_text="A path in this service")
    statutory = models.BooleanField(
        default=True, help_text="Statutory notifications cannot be turned off"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"], name="notification_once_per_recipient_and_key"
            ),
        ]
        indexes = [
            models.Index(fields=["recipient", "-created_at"], name="notification_recipient_list"),
            models.Index(
                fields=["recipient"],
                condition=Q(read_at__isnull=True),
                name="notification_unread",
            ),
            # A sweep leaves out the objects told of an occasion already (whoever was told):
            # looked up by kind and key, which the unique key (recipient first) cannot serve.
            models.Index(fields=["kind", "key"], name="notification_kind_key"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} (to {self.recipient})"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationOptOut(models.Model):
    """A user turned off one kind of non-statutory notification until a day (one term)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_opt_outs"
    )
    kind = models.CharField(max_length=64)
    until = models.DateField(help_text="The last day no notification of this kind is sent")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_opt_out_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} opted out of {self.kind} until {self.until}"


class OutboxMessage(models.Model):
    """Work for a Celery task, written in the same transaction as the change that needs it.

    After the commit it is published to the broker. If the broker cannot be reached
    the row stays unpublished and the `notifications.redispatch_outbox` beat job
    publishes it later; a run that fails is retried with backoff. A worker claims the
    row (`claimed_at`, a lease, and `claimed_by`, its Celery task id) before running its
    task outside any transaction, so a duplicate delivery does nothing while it runs,
    and `done_at` is set by the run that finished it, so one after it does nothing
    either. The redelivery of the claiming task itself (its worker died) may take the
    claim over at once.
    """

    task_name = models.CharField(max_length=200)
    args = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    publish_attempts = models.PositiveIntegerField(default=0)
    run_attempts = models.PositiveIntegerField(default=0)
    claimed_at = models.DateTimeField(
        null=True, blank=True, help_text="When a worker started running it (a lease)"
    )
    claimed_by = models.CharField(
        max_length=255,
        blank=True,
        help_text="The Celery task id of the run holding the lease",
    )
    done_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = "outbox message"
        indexes = [
            models.Index(
                fields=["created_at"],
                condition=Q(done_at__isnull=True),
                name="outbox_message_not_done",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"

    @property
    def status(self) -> str:
        if self.done_at:
            return "done"
        if self.published_at:
            return "queued"
        return "waiting for the queue"
