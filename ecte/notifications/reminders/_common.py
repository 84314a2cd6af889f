"""Helpers the sweeps share."""

from __future__ import annotations

from datetime import date, datetime

from django.db.models import CharField, Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from ecte.notifications.models import Notification
from ecte.notifications.services import server_side_binding


class Field(str):
    """A field name inside a key: Field("pk") in key parts reads the row's primary key."""


def key_expression(*parts: str):
    """A database expression building a notification key from literal strings and Fields:
    key_expression("ect-period:", Field("pk"), ":no-mentor")."""
    return Concat(
        *[
            Cast(part, output_field=CharField()) if isinstance(part, Field) else Value(part)
            for part in parts
        ],
        output_field=CharField(),
    )


def unsent(queryset: QuerySet, kind: str, *key_parts: str) -> QuerySet:
    """The rows nobody has been sent this reminder about yet, so that a daily sweep does not
    reread, year after year, everything it has already dealt with."""
    return queryset.annotate(_reminder_key=key_expression(*key_parts)).exclude(
        Exists(Notification.objects.filter(kind=kind, key=OuterRef("_reminder_key")))
    )


def local_date(moment: datetime) -> date:
    return timezone.localdate(moment)


# The teacher's names in a values_list() of ECT periods, for `full_name`.
TEACHER_NAME = ("teacher__first_name", "teacher__last_name")


def full_name(first_name: str, last_name: str) -> str:
    """A teacher's name as `Teacher.full_name` gives it, from a sweep's values() rows."""
    return f"{first_name} {last_name}"


def untold(kind: str, recipients: dict[str, list[int]]) -> dict[str, list[int]]:
    """{key: recipient ids} without the recipients told of that kind and key already, and
    without the keys left with nobody: one lookup on the sent-log's (kind, key) index, for
    sweeps whose keys are only known once computed (so `unsent` cannot filter the rows)."""
    if not recipients:
        return {}
    with server_side_binding() as cursor:
        cursor.execute(
            "SELECT recipient_id, key FROM notifications_notification "
            "WHERE kind = %s::varchar AND key = ANY(%s::varchar[])",
            [kind, list(recipients)],
        )
        told = set(cursor.fetchall())
    result = {}
    for key, user_ids in recipients.items():
        left = [user_id for user_id in user_ids if (user_id, key) not in told]
        if left:
            result[key] = left
    return result
