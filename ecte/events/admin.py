from django.contrib import admin

from ecte.admin_site import ReadOnlyAdmin
from ecte.events.models import Event


@admin.register(Event)
class EventAdmin(ReadOnlyAdmin):
    """Events are history: DfE staff can read and search them, never change them."""

    list_display = ["happened_at", "heading", "event_type", "author_name", "author_role"]
    list_filter = ["event_type"]
    search_fields = ["heading", "teacher__trn", "teacher__last_name", "author_name", "school__urn"]
    date_hierarchy = "happened_at"
    list_select_related = ["teacher"]
    readonly_fields = [f.name for f in Event._meta.fields]


class EventInline(admin.TabularInline):
    """The teacher's timeline, read-only, on the teacher's admin page; the body holds the note
    DfE staff give for a change made in admin."""

    model = Event
    fk_name = "teacher"
    fields = ["happened_at", "heading", "body", "author_name", "author_role"]
    readonly_fields = fields
    ordering = ["-happened_at"]
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
