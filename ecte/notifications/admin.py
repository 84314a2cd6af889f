from django.contrib import admin

from ecte.notifications.models import Notification, NotificationOptOut, OutboxMessage


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["subject", "recipient", "kind", "created_at", "read_at", "emailed_at"]
    list_filter = ["kind", "statutory"]
    search_fields = ["subject", "recipient__email", "key"]
    list_select_related = ["recipient"]
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(NotificationOptOut)
class NotificationOptOutAdmin(admin.ModelAdmin):
    list_display = ["user", "kind", "until"]
    search_fields = ["user__email", "kind"]
    list_select_related = ["user"]


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    """Queued work: DfE staff see what is waiting for the queue, and what keeps failing."""

    list_display = ["task_name", "args", "created_at", "published_at", "done_at", "run_attempts"]
    list_filter = ["task_name"]
    search_fields = ["task_name", "last_error"]
    readonly_fields = [field.name for field in OutboxMessage._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
